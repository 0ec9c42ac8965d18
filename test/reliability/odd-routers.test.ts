import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {describe, it} from 'node:test';
import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {startSim} from '../../source/sim/index.js';
import {App} from '../../source/ui/App.js';
import {runCli} from '../cli/helpers.js';
import {recordingControls} from '../ui/fixtures.js';
import {startMonitor} from './monitor-harness.js';

/*
 * Routers with odd but real configurations, served by the sim: the --once report (built
 * CLI) and the live screen (the monitor's loop, rendered) come up and say what they see.
 */

const twoWan = await readFile(new URL('../../scenarios/two-wan.rsc', import.meta.url), 'utf8');

/** two-wan without its PCC rules, with a netwatch probe: nothing to balance, but routes to show. */
const noPcc = twoWan.replace(/\/ip firewall mangle[\s\S]*?(?=\/ip firewall nat)/, '') + '/tool netwatch\nadd host=203.0.113.1 interval=10s\n';
/** two-wan behind 5,000 plain forward-chain rules. */
const manyRules = twoWan.replace('/ip firewall mangle\n', `/ip firewall mangle\n${Array.from({length: 5000}, (_, index) => `add action=accept chain=forward comment="rule ${index}" dst-port=${1 + (index % 60000)} protocol=tcp\n`).join('')}`);
const comment = 'Glasfaser München — 光回線 ✓';
const nonAscii = twoWan.replace('comment="PCC LAN->WAN1"', `comment="${comment}"`).replace('set name=pcc-two-wan', 'set name=routeur-été');

/** The screen once the first snapshot is in; `pane` is a key that focuses a pane first. */
async function screenOf(rsc: string, ok: (frame: string) => boolean, pane?: string): Promise<string> {
	const sim = await startSim({rsc, clock: 'manual', seed: 1});
	const monitor = startMonitor(sim, 1000);
	try {
		const state = await monitor.until(current => current.link.kind === 'live' && current.snapshot !== null, 'a first snapshot', 40);
		const view = render(createElement(App, {store: monitor.store, controls: recordingControls(monitor.store), color: false, size: {columns: 120, rows: 40}, now: () => state.snapshot!.at + 500}));
		try {
			let frame = view.lastFrame() ?? '';
			if (pane !== undefined) {
				view.stdin.write(pane);
				for (let turn = 0; turn < 200 && !ok(frame); turn++) {
					await new Promise(resolve => setImmediate(resolve));
					frame = view.lastFrame() ?? '';
				}
			}
			assert.ok(ok(frame), frame);
			return frame;
		} finally {
			view.unmount();
		}
	} finally {
		await monitor.stop();
		await sim.close();
	}
}

async function onceOf(rsc: string, json = false) {
	const sim = await startSim({rsc, clock: 'manual', seed: 1});
	try {
		const result = await runCli([`127.0.0.1:${sim.port}`, '--once', ...(json ? ['--json'] : [])]);
		assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
		assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
		return result;
	} finally {
		await sim.close();
	}
}

describe('odd routers', () => {
	it('no PCC at all: the report says so; the screen still shows routes and netwatch', {timeout: 60_000}, async () => {
		const once = await onceOf(noPcc);
		assert.match(once.stdout, /no PCC/i);
		await screenOf(noPcc, frame => /no PCC on this router/.test(frame));
		// The routes pane is pane 4 (its number key focuses it).
		await screenOf(noPcc, frame => /Routes & netwatch/.test(frame) && /main +d1 +203\.0\.113\.1/.test(frame) && /netwatch\n203\.0\.113\.1 /.test(frame), '4');
	});

	it('5,000 mangle rules: the report and the screen come up with the two WANs', {timeout: 60_000}, async () => {
		const once = await onceOf(manyRules, true);
		assert.deepEqual(JSON.parse(once.stdout).pcc.wans.map((wan: {name: string}) => wan.name), ['wan1', 'wan2']);
		await screenOf(manyRules, frame => /wan1/.test(frame) && /wan2/.test(frame));
	});

	it('non-ASCII comments and identity: shown as written', {timeout: 60_000}, async () => {
		const once = await onceOf(nonAscii, true);
		assert.equal(JSON.parse(once.stdout).router.identity, 'routeur-été');
		await screenOf(nonAscii, frame => frame.includes('routeur-été'));
	});
});
