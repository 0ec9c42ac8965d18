import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {describe, it} from 'node:test';
import {startSim} from '../../source/sim/index.js';
import {runCli} from '../cli/helpers.js';
import {freePort, promtoolSkip, sampleOf, scrapeUntil, startServe, type ScrapedSample} from './helpers.js';
import {profilesHome} from '../helpers/profiles.js';
import {startInTmux, tmuxSkip} from '../helpers/tmux.js';

/*
 * `pccmon serve` against simulated routers, scraped as Prometheus would: what a scrape says
 * is what `--once --json` says of the same router, in Prometheus's own format, over one
 * persistent login per router.
 */

const up = (router: string) => (samples: ScrapedSample[]) => sampleOf(samples, 'pccmon_up', {router}) === 1;

describe('pccmon serve', () => {
	it('says in a scrape what --once --json says of the same router, and promtool takes it', async t => {
		// A manual clock: nothing moves between the scrape and the report.
		const sim = await startSim({scenario: 'three-wan-weighted', clock: 'manual', seed: 7, connections: 600});
		t.after(() => sim.close());
		const {home} = profilesHome(t, `[routers.lab]\nhost = "127.0.0.1"\nport = ${sim.port}\ninterval = 0.5\n`);
		const served = await startServe(t, [], {XDG_CONFIG_HOME: home});
		const {text, samples} = await scrapeUntil(served.url, up('lab'), 'lab up');

		const once = await runCli(['lab', '--once', '--json'], {XDG_CONFIG_HOME: home});
		assert.equal(once.code, 0, once.stderr);
		const report = JSON.parse(once.stdout) as {pcc: {wans: Array<{name: string; connectionMark: string; connections: number; share: number; actualShare: number; routeActive: boolean; remainders: number[]}>; problems: Array<{code: string; subject: string}>}};
		assert.equal(report.pcc.wans.length, 3);
		for (const wan of report.pcc.wans) {
			const labels = {router: 'lab', wan: wan.name};
			assert.equal(sampleOf(samples, 'pccmon_wan_connections', {...labels, mark: wan.connectionMark}), wan.connections, `${wan.name} connections`);
			assert.equal(sampleOf(samples, 'pccmon_wan_share_configured_ratio', labels), wan.share, `${wan.name} share`);
			assert.equal(sampleOf(samples, 'pccmon_wan_share_actual_ratio', labels), wan.actualShare, `${wan.name} actual share`);
			assert.equal(sampleOf(samples, 'pccmon_wan_route_active', labels), wan.routeActive ? 1 : 0);
			assert.equal(sampleOf(samples, 'pccmon_pcc_buckets', labels), wan.remainders.length);
			assert.equal(sampleOf(samples, 'pccmon_wan_stuck_connections', {...labels, mark: wan.connectionMark}), 0);
			// Its interface's counters (still, on a clock that does not move).
			assert.equal(typeof sampleOf(samples, 'pccmon_wan_rx_bytes_total', labels), 'number', `${wan.name} rx bytes`);
			assert.equal(typeof sampleOf(samples, 'pccmon_wan_tx_bytes_total', labels), 'number', `${wan.name} tx bytes`);
			assert.ok(sampleOf(samples, 'pccmon_wan_new_connections_total', labels)! > 0, `${wan.name} has marked connections`);
		}
		const problems = samples.filter(sample => sample.name === 'pccmon_problem').map(sample => `${sample.labels.code}:${sample.labels.subject}`).sort();
		assert.deepEqual(problems, report.pcc.problems.map(problem => `${problem.code}:${problem.subject}`).sort());

		if (promtoolSkip) return t.diagnostic(`promtool check metrics skipped: ${promtoolSkip}`);
		const lint = spawnSync('promtool', ['check', 'metrics'], {input: text, encoding: 'utf8'});
		assert.equal(lint.status, 0, `promtool check metrics: ${lint.stdout}${lint.stderr}`);
	});

	it('keeps one login per router however often it is scraped, and says 0 for one it cannot reach', async t => {
		const sim = await startSim({scenario: 'two-wan', clock: 'manual'});
		t.after(() => sim.close());
		const gone = await freePort();
		const {home} = profilesHome(t, [
			`[routers.lab]\nhost = "127.0.0.1"\nport = ${sim.port}\ninterval = 0.5\n`,
			`[routers.gone]\nhost = "127.0.0.1"\nport = ${gone}\n`,
		].join('\n'));
		const served = await startServe(t, ['--config', `${home}/pccmon/routers.toml`]);
		let scrapes = 0;
		const {samples} = await scrapeUntil(served.url, samples => up('lab')(samples) && ++scrapes >= 5, 'five scrapes with lab up');
		assert.equal(sampleOf(samples, 'pccmon_up', {router: 'gone'}), 0);
		assert.equal(samples.filter(sample => sample.labels.router === 'gone').length, 1, 'nothing but pccmon_up for a router that does not answer');
		assert.ok(sampleOf(samples, 'pccmon_wan_connections', {router: 'lab', wan: 'wan1'})! > 0);
		assert.equal(sim.router.rows('/user/active').length, 1, 'one API session, not one per scrape');
	});

	it('drops a router\'s figures when it goes away and says so with pccmon_up', async t => {
		const sim = await startSim({scenario: 'two-wan', clock: 'manual'});
		t.after(() => sim.close());
		const {home} = profilesHome(t, `[routers.lab]\nhost = "127.0.0.1"\nport = ${sim.port}\ninterval = 0.5\n`);
		const served = await startServe(t, [], {XDG_CONFIG_HOME: home});
		await scrapeUntil(served.url, up('lab'), 'lab up');
		await sim.restart(3000);
		const {samples} = await scrapeUntil(served.url, samples => sampleOf(samples, 'pccmon_up', {router: 'lab'}) === 0, 'lab down after the reboot');
		assert.equal(sampleOf(samples, 'pccmon_wan_connections', {router: 'lab', wan: 'wan1', mark: 'wan1_conn'}), undefined, 'no stale figure passes for a live one');
	});

	it('is one line and exit 2 for a profiles file with a mistake, naming the file and line', async t => {
		const {home, file} = profilesHome(t, '[routers.lab]\nhost = "127.0.0.1"\npassword = "hunter2"\n');
		const result = await runCli(['serve', '--listen', '127.0.0.1:0'], {XDG_CONFIG_HOME: home});
		assert.equal(result.code, 2);
		assert.equal(result.stderr, `pccmon: ${file}:3: a profile holds no password; use password-file = "~/.config/pccmon/lab.pass" or password-env = "NAME"\n`);
		assert.doesNotMatch(result.stderr, /hunter2/);
	});

	it('is one line and exit 1 when the address to listen on is taken', async t => {
		const sim = await startSim({scenario: 'two-wan', clock: 'manual'});
		t.after(() => sim.close());
		const {home} = profilesHome(t, `[routers.lab]\nhost = "127.0.0.1"\nport = ${sim.port}\n`);
		const result = await runCli(['serve', '--listen', `127.0.0.1:${sim.port}`], {XDG_CONFIG_HOME: home});
		assert.equal(result.code, 1);
		assert.equal(result.stderr, `pccmon: cannot serve metrics on 127.0.0.1:${sim.port} (the port is in use); give another HOST:PORT\n`);
	});
});

describe('pccmon HOST --metrics', () => {
	it('serves the same metrics beside the live screen, labelled with the router', {skip: tmuxSkip}, async t => {
		const port = await freePort();
		const screen = startInTmux(t, 'pccmon-metrics', 100, 30, `--demo --scenario three-wan-weighted --metrics 127.0.0.1:${port}`);
		await screen.until(text => /● live/.test(text) && /^. wan3 .*\d/m.test(text), 'the WAN rows, live');
		const {samples} = await scrapeUntil(`http://127.0.0.1:${port}/metrics`, up('127.0.0.1'), 'the demo router up');
		assert.deepEqual(samples.filter(sample => sample.name === 'pccmon_pcc_buckets').map(sample => [sample.labels.wan, sample.value]), [['wan1', 5], ['wan2', 3], ['wan3', 2]]);
		screen.keys('q');
		await screen.until(text => text.includes('PCCMON-EXIT=0'), 'pccmon exits 0');
		await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`), 'the metrics end with the screen');
	});
});
