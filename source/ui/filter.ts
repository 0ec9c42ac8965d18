import type {MangleRuleView} from '../monitor/mangle.js';
import type {MonitorEvent} from '../monitor/types.js';

/** Whether `text` holds every word of `filter`, ignoring case; an empty filter holds all. */
export function matches(text: string, filter: string): boolean {
	const words = filter.toLowerCase().split(/\s+/).filter(word => word !== '');
	const haystack = text.toLowerCase();
	return words.every(word => haystack.includes(word));
}

export function filterEvents(events: MonitorEvent[], filter: string, line: (event: MonitorEvent) => string): MonitorEvent[] {
	return filter.trim() === '' ? events : events.filter(event => matches(line(event), filter));
}

export function filterRules(rules: MangleRuleView[], filter: string): MangleRuleView[] {
	if (filter.trim() === '') return rules;
	return rules.filter(rule => matches([rule.id, rule.chain, rule.action, rule.matchers, rule.classifier, rule.marks].join(' '), filter));
}

/** A pane title's note on the filter: `filter "wan2": 3 of 40`. */
export function filterNote(filter: string, shown: number, of: number): string {
	return filter.trim() === '' ? '' : ` (filter "${filter.trim()}": ${shown} of ${of})`;
}
