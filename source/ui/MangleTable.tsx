import {Box, Text} from 'ink';
import type {MangleRuleView} from '../monitor/mangle.js';
import {fitColumns, rowHeight, type Column} from './columns.js';
import {short} from './format.js';
import {TableHeader, TableRow} from './TableRow.js';

const actionNames: Record<string, string> = {'mark-connection': 'mark-conn', 'mark-routing': 'mark-rout', 'mark-packet': 'mark-pkt'};

function rate(value: number | null, still: boolean): string {
	return still ? 'STILL' : short(value);
}

/** RouterOS's classifier names, short enough for the column: `both-addresses:2/0` → `both-a:2/0`. */
const classifierNames: Array<[string, string]> = [
	['both-addresses-and-ports', 'both-a-p'],
	['src-address-and-port', 'src-a-p'],
	['dst-address-and-port', 'dst-a-p'],
	['both-addresses', 'both-a'],
	['src-address', 'src-a'],
	['dst-address', 'dst-a'],
	['both-ports', 'both-p'],
	['src-port', 'src-p'],
	['dst-port', 'dst-p'],
];

function classifierText(classifier: string): string {
	const found = classifierNames.find(([long]) => classifier.startsWith(`${long}:`));
	return found ? found[1] + classifier.slice(found[0].length) : classifier;
}

const longest = (texts: string[]) => Math.max(0, ...texts.map(text => [...text].length));

/**
 * Matchers and marks are said in full: they grow as far as their longest text, marks first,
 * and where that does not fit they wrap over more lines of the rule rather than being cut.
 */
function mangleColumns(rules: MangleRuleView[]): Array<Column<MangleRuleView>> {
	return [
		{title: 'ID', width: 4, priority: 3, text: rule => rule.id},
		{title: 'CHAIN', width: 10, priority: 0, text: rule => rule.chain},
		{title: 'ACTION', width: 9, priority: 2, text: rule => actionNames[rule.action] ?? rule.action},
		{title: 'MATCHERS', width: 12, priority: 4, growTo: longest(rules.map(rule => rule.matchers)), wrap: true, text: rule => rule.matchers},
		{title: 'CLASSIFIER', width: 14, priority: 1, wrap: true, text: rule => classifierText(rule.classifier)},
		{title: 'MARKS', width: 15, priority: 0, growTo: longest(rules.map(rule => rule.marks)), wrap: true, text: rule => rule.marks},
		{title: 'PKTS', width: 6, priority: 1, align: 'right', text: rule => short(rule.packets)},
		{title: 'PKT/s', width: 6, priority: 0, align: 'right', text: rule => rate(rule.packetsPerSecond, rule.still), tone: rule => (rule.still ? 'warn' : null)},
		{title: 'BYTES', width: 6, priority: 3, align: 'right', text: rule => short(rule.bytes)},
		{title: 'B/s', width: 6, priority: 2, align: 'right', text: rule => rate(rule.bytesPerSecond, rule.still), tone: rule => (rule.still ? 'warn' : null)},
	];
}

/** Lines the pane's content takes at `width`: the header and each rule's (wrapped) lines. */
export function mangleLines(rules: MangleRuleView[], width: number): number {
	if (rules.length === 0) return 1;
	const columns = fitColumns(mangleColumns(rules), width);
	return 1 + rules.reduce((sum, rule) => sum + rowHeight(columns, rule), 0);
}

/** The PCC-related mangle rules with counters; a rule whose counters stand still says STILL. */
export function MangleTable({rules, width, height, scroll, filtered = false}: {rules: MangleRuleView[]; width: number; height: number; scroll: number; filtered?: boolean}) {
	if (rules.length === 0) return <Text dimColor>{filtered ? 'no rule matches the filter (esc clears it)' : 'no PCC-related mangle rules'}</Text>;
	const fitted = fitColumns(mangleColumns(rules), width);
	const heights = rules.map(rule => rowHeight(fitted, rule));
	// Scrolled no further than the last rules filling the pane; only whole rules are shown.
	const room = Math.max(0, height - 1);
	let last = rules.length;
	for (let lines = 0; last > 0 && lines + heights[last - 1] <= room; last--) lines += heights[last - 1];
	const first = Math.max(0, Math.min(scroll, last, rules.length - 1));
	let end = first + 1;
	for (let lines = heights[first]; end < rules.length && lines + heights[end] <= room; end++) lines += heights[end];
	return (
		<Box flexDirection="column">
			<TableHeader columns={fitted} />
			{rules.slice(first, end).map(rule => (
				<TableRow key={rule.id} columns={fitted} row={rule} />
			))}
		</Box>
	);
}
