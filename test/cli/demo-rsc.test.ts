import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {startInTmux, tmuxSkip} from '../helpers/tmux.js';
import {runCli} from './helpers.js';

/* `pccmon --demo --rsc FILE`: what the loaded configuration refused is never silent. */

const partial = fileURLToPath(new URL('../fixtures/exports/v7-seed-two-wan-partial.rsc', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'pccmon-demo-rsc-'));
after(() => rmSync(folder, {recursive: true, force: true}));

function file(name: string, content: string | Buffer): string {
	const path = join(folder, name);
	writeFileSync(path, content);
	return path;
}

/** Two WANs as a careful export has them, with three lines a router refuses. */
const withRefusals = file('refusing.rsc', [
	'/routing table add name=wan1 fib',
	'/routing table add name=wan2 fib',
	'/ip address add address=203.0.113.2/24 interface=ether1',
	'/ip address add address=198.51.100.2/24 interface=ether2',
	'/ip teleport add to=mars',
	'/ip firewall mangle',
	'add chain=prerouting in-interface=ether3 action=mark-connection new-connection-mark=c1 per-connection-classifier=both-addresses:2/0',
	'add chain=prerouting in-interface=ether3 action=mark-connection new-connection-mark=c2 per-connection-classifier=both-addresses:2/1',
	'add chain=prerouting connection-mark=c1 action=mark-routing new-routing-mark=wan1',
	'add chain=prerouting connection-mark=c2 action=mark-routing new-routing-mark=wan2',
	'add chain=prerouting action=accept frobnicate=yes',
	'/ip route add gateway=203.0.113.1 routing-table=wan1',
	'/ip route add gateway=198.51.100.1 routing-table=wan2',
	'/ip route add gateway=192.0.2.1 routing-table=wan3',
	'',
].join('\n'));

describe('pccmon --demo --rsc', () => {
	it('a partial export of the two-WAN guide (mangle and routes only) shows both WANs and the port it made', async () => {
		const result = await runCli(['--demo', '--rsc', partial, '--once', '--json']);
		const document = JSON.parse(result.stdout);
		assert.deepEqual(document.pcc.wans.map((wan: {name: string}) => wan.name), ['wan1', 'wan2']);
		assert.deepEqual(document.config.refused, []);
		assert.deepEqual(document.config.created, ['bridge']);
		const text = await runCli(['--demo', '--rsc', partial, '--once']);
		assert.match(text.stdout, /created bridge as ethernet ports/);
		assert.match(text.stdout, /^WAN wan1 /m);
		assert.match(text.stdout, /^WAN wan2 /m);
	});

	it('--once says how many lines were refused and the first ones, with line and reason', async () => {
		const result = await runCli(['--demo', '--rsc', withRefusals, '--once']);
		const lines = result.stdout.split('\n');
		assert.equal(lines[0], `Configuration ${withRefusals}: 3 lines refused`);
		assert.match(lines[1], /^ {2}line 5: \/ip teleport add: no such command or directory \(teleport\)/);
		assert.match(lines[2], /^ {2}line 11: \/ip firewall mangle add: unknown parameter/);
		assert.match(lines[3], /^ {2}line 14: \/ip route add: input does not match any value of routing-table/);
		assert.match(result.stdout, /configuration-refused|3 lines were refused/);
	});

	it('--once --json has them as config.refused, and the problem among the others', async () => {
		const result = await runCli(['--demo', '--rsc', withRefusals, '--once', '--json']);
		const document = JSON.parse(result.stdout);
		assert.deepEqual(document.config.refused.map((warning: {line: number}) => warning.line), [5, 11, 14]);
		assert.equal(document.config.source, withRefusals);
		const problem = document.pcc.problems.find((each: {code: string}) => each.code === 'configuration-refused');
		assert.match(problem.message, /^3 lines were refused.*line 5: /);
	});

	it('a file that is not a RouterOS script is one line and exit 2', async () => {
		const html = file('saved.rsc', '<!DOCTYPE html>\n<html><head><title>Export</title></head><body>/ip address</body></html>\n');
		const binary = file('router.backup', Buffer.from([0x88, 0xac, 0xa1, 0xb1, 0x00, 0x00, 0x01, 0x02, 0xff, 0xfe]));
		for (const [path, why] of [[html, /a web page \(HTML\)/], [binary, /it is binary/]] as const) {
			for (const args of [['--demo', '--rsc', path, '--once'], ['sim', '--rsc', path, '--port', '0']]) {
				const result = await runCli(args);
				assert.equal(result.code, 2, args.join(' '));
				assert.equal(result.stdout, '');
				assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
				assert.match(result.stderr, why);
				assert.match(result.stderr, /is not a RouterOS script/);
			}
		}
	});

	it('the live screen shows the refused lines as a problem', {skip: tmuxSkip}, async t => {
		const screen = startInTmux(t, 'pccmon-demo-rsc', 120, 40, `--demo --rsc ${withRefusals}`);
		await screen.until(text => /^› wan1 /m.test(text), 'the WAN rows');
		screen.keys('6');
		const shown = await screen.until(text => text.includes('3 lines were refused'), 'the refused lines among the problems');
		assert.match(shown, /Problems \(\d+\)\s*─*\n✗ configuration-refused/, 'first, as an error');
		assert.match(shown, /line 5: \/ip teleport add/);
		screen.keys('q');
		await screen.until(text => text.includes('PCCMON-EXIT=0'), 'pccmon exited');
	});
});
