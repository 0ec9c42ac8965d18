import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, it, test} from 'node:test';
import {startSim} from '../../source/sim/index.js';
import {startInTmux, tmuxSkip} from '../helpers/tmux.js';
import {runCli} from './helpers.js';

/*
 * Status tells the truth: PCC configured but balancing nothing is `degraded` (exit 1, with
 * the reason) although every WAN is up. Each case is the careful two-WAN export, edited.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function exportText(): Promise<string> {
	return readFile(new URL('../fixtures/exports/v7-two-wan-clean.rsc', import.meta.url), 'utf8');
}

function edited(text: string, from: RegExp, to: (line: string) => string): string {
	const next = text.replace(from, to);
	assert.notEqual(next, text, `the edit ${String(from)} applies`);
	return next;
}

const pccLines = /^add .*per-connection-classifier=.*$/gm;

async function once(rsc: string): Promise<{code: number | null; text: string; json: {status: string; reason: string}}> {
	const handle = await startSim({rsc, clock: 'manual', seed: 3});
	cleanups.push(() => handle.close());
	const text = await runCli([`127.0.0.1:${handle.port}`, '--once']);
	const json = await runCli([`127.0.0.1:${handle.port}`, '--once', '--json']);
	assert.equal(text.stderr + json.stderr, '');
	assert.equal(json.code, text.code);
	return {code: text.code, text: text.stdout, json: JSON.parse(json.stdout)};
}

describe('--once status when PCC is configured but not balancing', () => {
	it('every WAN up and balancing: ok, exit 0', async () => {
		const result = await once(await exportText());
		assert.equal(result.code, 0, result.text);
		assert.deepEqual(result.json, {...result.json, status: 'ok', reason: 'every WAN is up'});
	});

	it('every PCC rule disabled: degraded, exit 1', async () => {
		const result = await once(edited(await exportText(), pccLines, line => line.replace(/^add /, 'add disabled=yes ')));
		assert.equal(result.code, 1, result.text);
		assert.match(result.text, /Status {2}degraded: every PCC rule is disabled\n$/);
		assert.equal(result.json.status, 'degraded');
		assert.match(result.json.reason, /every PCC rule is disabled/);
	});

	it('no rule claims a bucket (every remainder out of range): degraded, exit 1', async () => {
		const text = edited(edited(await exportText(), /:2\/0\b/, () => ':2/2'), /:2\/1\b/, () => ':2/3');
		const result = await once(text);
		assert.equal(result.code, 1, result.text);
		assert.match(result.text, /Status {2}degraded: no enabled PCC rule claims a bucket\n$/);
	});

	it('every connection unmarked while the WANs are up: degraded, exit 1', async () => {
		// The PCC rules take traffic from a port that is not the LAN's, and nothing else marks.
		const wrongPort = edited(await exportText(), pccLines, line => line.replace('in-interface=bridge', 'in-interface=ether5'));
		const text = edited(wrongPort, /^add .*comment="in from WAN\d".*$/gm, () => '');
		const result = await once(text);
		assert.equal(result.code, 1, result.text);
		assert.match(result.text, /Status {2}degraded: all \d+ connections unmarked with every WAN up\n$/);
	});

	it('a router without PCC still exits 0 with its note', async () => {
		const text = (await exportText()).replace(pccLines, '').replace(/^add action=mark-(connection|routing).*$/gm, '');
		const result = await once(text);
		assert.equal(result.code, 0, result.text);
		assert.match(result.text, /PCC {5}none found/);
		assert.match(result.text, /Status {2}ok: no PCC WANs to watch\n$/);
	});
});

test('the header says DEGRADED, with the reason, when every PCC rule is disabled', {skip: tmuxSkip}, async t => {
	const dir = await mkdtemp(join(tmpdir(), 'pccmon-status-'));
	t.after(() => rm(dir, {recursive: true, force: true}));
	const file = join(dir, 'drained.rsc');
	await writeFile(file, edited(await exportText(), pccLines, line => line.replace(/^add /, 'add disabled=yes ')));
	const screen = startInTmux(t, 'pccmon-status', 120, 30, `--demo --rsc ${file}`);
	const shown = await screen.until(text => text.includes('● live') && /wan1/.test(text), 'the live screen');
	assert.match(shown, /DEGRADED: every PCC rule is disabled/);
	screen.keys('q');
	await screen.until(text => text.includes('PCCMON-EXIT='), 'pccmon exited');
});
