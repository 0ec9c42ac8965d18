import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {RouterConnection} from '../../../source/routeros/client.js';
import type {SimHandle, SimOptions} from '../../../source/sim/index.js';
import {withSimClient} from '../helpers/with-client.js';

/** The scheduler as an API client sees it: entries that run, count their runs and say when next. */

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/exports/${name}`, import.meta.url), 'utf8');

const withSim = (options: SimOptions, body: (sim: SimHandle, api: RouterConnection) => Promise<void>) =>
	withSimClient({clock: 'manual', seed: 5, connections: 50, rate: 5, ...options}, body);

const logged = async (api: RouterConnection, text: string) => (await api.print('/log')).filter(row => row.message === text).length;
const entry = async (api: RouterConnection, name: string) => (await api.print('/system/scheduler', {query: [`name=${name}`]}))[0];

describe('the scheduler', () => {
	it('runs a named script every interval, counting runs on the entry and the script', () =>
		withSim({scenario: 'two-wan'}, async (sim, api) => {
			sim.step(5000);
			await api.add('/system/script', {name: 'tag', source: ':log info "scheduled run"'});
			await api.add('/system/scheduler', {name: 'every10', interval: '10s', 'on-event': 'tag'});
			await api.add('/system/scheduler', {name: 'resting', interval: '10s', 'on-event': ':log info "never"', disabled: 'yes'});
			sim.step(35_000);
			const every10 = await entry(api, 'every10');
			assert.equal(every10['run-count'], '3', 'on the grid of its interval from 3 s after the start: at 13, 23 and 33 s');
			assert.match(every10['next-run'], /\d\d:\d\d:\d\d$/);
			assert.equal((await api.print('/system/script', {query: ['name=tag']}))[0]['run-count'], '3');
			assert.equal(await logged(api, 'scheduled run'), 3);
			const resting = await entry(api, 'resting');
			assert.deepEqual([resting['run-count'], resting['next-run'] ?? ''], ['0', '']);
			assert.equal(await logged(api, 'never'), 0);

			await api.set('/system/scheduler', every10['.id'], {interval: '1m'});
			sim.step(20_000);
			assert.equal((await entry(api, 'every10'))['run-count'], '3', 'a new interval, a new grid: next at 63 s');
			sim.step(5000);
			assert.equal((await entry(api, 'every10'))['run-count'], '4');
		}));

	it('runs text as a script: here the flush a PCC set-up schedules', () =>
		withSim({scenario: 'two-wan'}, async (sim, api) => {
			sim.step(5000);
			assert.ok(await api.count('/ip/firewall/connection', ['connection-mark=wan1_conn']) > 0);
			await api.add('/system/scheduler', {name: 'flush', interval: '1h', 'on-event': '/ip firewall connection remove [find connection-mark=wan1_conn]'});
			sim.step(60 * 60 * 1000 + 2000);
			assert.equal((await entry(api, 'flush'))['run-count'], '1');
			assert.ok((await api.print('/log')).some(row => /^simulated script/.test(row.message ?? '')) === false, 'nothing unsupported');
		}));

	it('from an export: a start-up entry with no interval runs once, three seconds after the start', () =>
		withSim({rsc: fixture('v7-foreach-weighted-script.rsc'), rscName: 'v7-foreach-weighted-script.rsc'}, async (sim, api) => {
			sim.step(2000);
			assert.equal((await entry(api, 'flush-at-boot'))['run-count'], '0');
			sim.step(2000);
			assert.equal((await entry(api, 'flush-at-boot'))['run-count'], '1');
			assert.equal(await logged(api, 'flushed isp1'), 1);
			sim.step(120_000);
			assert.equal((await entry(api, 'flush-at-boot'))['run-count'], '1', 'no interval: once');
		}));

	it('a time of day on a start date long past runs at the next step of its interval', () =>
		withSim({rsc: fixture('v7-rb5009-terse-wireguard.rsc'), rscName: 'v7-rb5009-terse-wireguard.rsc'}, async (sim, api) => {
			sim.step(1000);
			const daily = await entry(api, 'daily-dns');
			assert.equal(daily['run-count'], '0');
			assert.match(daily['next-run'], / 04:00:00$/);
		}));
});
