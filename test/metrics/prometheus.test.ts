import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {describe, it} from 'node:test';
import {metricSpecs} from '../../source/metrics/samples.js';
import {startSim} from '../../source/sim/index.js';
import {freePort, promtoolSkip, sampleOf, scrapeUntil, startServe} from './helpers.js';
import {profilesHome} from '../helpers/profiles.js';

/*
 * The shipped examples with the real Prometheus tools: the alerts load and fire when they
 * should (promtool's own rule tests), and a real Prometheus scraping `pccmon serve` reads back
 * what pccmon says, and can evaluate every query of the Grafana dashboard.
 */

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const prometheusSkip = spawnSync('prometheus', ['--version']).status === 0 ? false : 'prometheus is not installed (Debian: apt-get install prometheus)';

function promtool(...args: string[]) {
	const result = spawnSync('promtool', args, {cwd: examples, encoding: 'utf8'});
	assert.equal(result.status, 0, `promtool ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
	return result.stdout;
}

interface QueryResult {
	status: string;
	error?: string;
	data?: {result: Array<{metric: Record<string, string>; value: [number, string]}>};
}

async function query(base: string, expression: string): Promise<QueryResult> {
	const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expression)}`);
	return (await response.json()) as QueryResult;
}

/** Every PromQL expression of the dashboard, with its router variable set to all. */
function dashboardExpressions(): string[] {
	const dashboard = JSON.parse(readFileSync(join(examples, 'grafana-dashboard.json'), 'utf8')) as {panels: Array<{targets: Array<{expr: string}>}>};
	return dashboard.panels.flatMap(panel => panel.targets.map(target => target.expr.replaceAll('$router', '.*')));
}

describe('the Prometheus examples', {skip: promtoolSkip}, () => {
	it('alerts and configuration pass promtool, and the alerts fire as their tests say', () => {
		assert.match(promtool('check', 'config', 'prometheus.yml'), /SUCCESS/);
		assert.match(promtool('check', 'rules', 'pccmon-alerts.yml'), /SUCCESS: 5 rules found/);
		assert.match(promtool('test', 'rules', 'pccmon-alerts.test.yml'), /SUCCESS/);
	});

	it('the dashboard and the alerts name only metrics pccmon exports', () => {
		const exported = new Set<string>(metricSpecs.map(spec => spec.name));
		const alerts = readFileSync(join(examples, 'pccmon-alerts.yml'), 'utf8');
		const named = [...dashboardExpressions().join('\n').matchAll(/pccmon_\w+/g), ...alerts.matchAll(/pccmon_\w+(?=[{\s)])/g)].map(match => match[0]);
		assert.ok(named.length > 10);
		assert.deepEqual(named.filter(name => !exported.has(name)), []);
		// Each metric is on the dashboard at least once.
		assert.deepEqual([...exported].filter(name => !dashboardExpressions().some(expression => expression.includes(name))), []);
	});
});

describe('Prometheus scraping pccmon serve', {skip: prometheusSkip}, () => {
	it('reads pccmon_wan_connections back through its HTTP API, and evaluates every dashboard query', async t => {
		const sim = await startSim({scenario: 'three-wan-weighted', clock: 'manual', connections: 300});
		t.after(() => sim.close());
		const {home} = profilesHome(t, `[routers.lab]\nhost = "127.0.0.1"\nport = ${sim.port}\ninterval = 0.5\n`);
		const served = await startServe(t, [], {XDG_CONFIG_HOME: home});
		const {samples} = await scrapeUntil(served.url, samples => sampleOf(samples, 'pccmon_up', {router: 'lab'}) === 1, 'lab up');

		const folder = mkdtempSync(join(tmpdir(), 'pccmon-prometheus-'));
		t.after(() => rmSync(folder, {recursive: true, force: true}));
		const target = new URL(served.url).host;
		writeFileSync(join(folder, 'prometheus.yml'), [
			'global: {scrape_interval: 1s, evaluation_interval: 1s}',
			'scrape_configs:',
			'  - job_name: pccmon',
			`    static_configs: [{targets: ['${target}']}]`,
			'',
		].join('\n'));
		const port = await freePort();
		const prometheus = spawn('prometheus', [
			`--config.file=${join(folder, 'prometheus.yml')}`,
			`--storage.tsdb.path=${join(folder, 'data')}`,
			`--web.listen-address=127.0.0.1:${port}`,
		], {stdio: ['ignore', 'ignore', 'pipe']});
		let log = '';
		prometheus.stderr.on('data', chunk => (log += chunk));
		const exited = new Promise(resolve => prometheus.on('close', resolve));
		t.after(async () => {
			prometheus.kill('SIGTERM');
			await exited;
		});

		const base = `http://127.0.0.1:${port}`;
		let result: QueryResult | undefined;
		for (const deadline = Date.now() + 60_000; Date.now() < deadline && prometheus.exitCode === null; await delay(250)) {
			result = await query(base, 'pccmon_wan_connections{router="lab"}').catch(() => undefined);
			if (result?.data?.result.length === 3) break;
		}
		assert.equal(result?.data?.result.length, 3, `Prometheus never had the three WANs' connections; its log:\n${log.slice(-2000)}`);
		for (const series of result!.data!.result) {
			const {wan, mark} = series.metric;
			assert.equal(Number(series.value[1]), sampleOf(samples, 'pccmon_wan_connections', {router: 'lab', wan, mark}), `${wan} as pccmon said`);
		}
		for (const expression of dashboardExpressions()) {
			const answer = await query(base, expression);
			assert.equal(answer.status, 'success', `${expression}: ${answer.error}`);
		}
	});
});
