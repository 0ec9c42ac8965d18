import {afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createElement, Fragment, type ReactNode} from 'react';
import {render} from 'ink-testing-library';
import {readAudit} from '../../../source/actions/audit.js';
import {ruleDifferences} from '../../../source/actions/rules.js';
import {initialState, type MonitorState} from '../../../source/monitor/state.js';
import type {Snapshot} from '../../../source/monitor/types.js';
import type {WanView} from '../../../source/monitor/wans.js';
import {discover} from '../../../source/pcc/discover.js';
import {configRouteStates} from '../../../source/pcc/route-state.js';
import {isClassifierRule} from '../../../source/pcc/rule-steps.js';
import {connectRouter, type RouterConnection} from '../../../source/routeros/client.js';
import {readConfig} from '../../../source/routeros/reads.js';
import type {ScreenActionContext} from '../../../source/ui/actions.js';
import {startSim} from '../../../source/sim/index.js';
import {monitorActions} from '../../../source/ui/actions/monitor-actions.js';
import {scenarioRouter, type ScenarioRouter} from '../../actions/scenario-router.js';
import {frameWith, keys} from './frames.js';

// Times on the screen are local; Kolkata's half-hour offset shows any zone mix-up.
process.env.TZ = 'Asia/Kolkata';

/** An audit log time as the screen should show it in Kolkata: the clock, and the date unless it is today there. */
function kolkataScreenTime(iso: string): string {
	const local = (ms: number) => new Date(ms + 330 * 60_000).toISOString();
	const [day, clock] = [local(Date.parse(iso)).slice(0, 10), local(Date.parse(iso)).slice(11, 19)];
	return day === local(Date.now()).slice(0, 10) ? clock : `${day} ${clock}`;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The screen's side of an action, recorded: the dialog it opened, what it reported. */
class Screen {
	dialog: ReactNode = null;
	reports: string[] = [];
	/** When each report says it happened (undefined: when it was reported). */
	reportedAt: Array<number | undefined> = [];
	notices: string[] = [];
	/** What the handlers said of stuck connections, `wan2 0`. */
	stuckCounts: string[] = [];
	private opened: Array<() => void> = [];
	private closed: Array<() => void> = [];

	constructor(private readonly state: MonitorState, private readonly wan: WanView | null) {}

	context(): ScreenActionContext {
		return {
			state: this.state,
			wan: this.wan,
			openDialog: node => {
				this.dialog = node;
				this.opened.splice(0).forEach(resolve => resolve());
			},
			closeDialog: () => {
				this.dialog = null;
				this.closed.splice(0).forEach(resolve => resolve());
			},
			report: (text, _severity, at) => {
				this.reports.push(text);
				this.reportedAt.push(at);
			},
			stuckCounted: (wan, stuck) => this.stuckCounts.push(`${wan} ${stuck}`),
			notify: text => this.notices.push(text),
			refresh: () => {},
		};
	}

	whenOpened(): Promise<void> {
		return this.dialog ? Promise.resolve() : new Promise(resolve => this.opened.push(resolve));
	}

	whenClosed(): Promise<void> {
		return this.dialog === null ? Promise.resolve() : new Promise(resolve => this.closed.push(resolve));
	}
}

async function setup() {
	const sim: ScenarioRouter = await scenarioRouter('two-wan');
	const state = await mkdtemp(join(tmpdir(), 'pccmon-ui-actions-'));
	cleanups.push(() => sim.close(), () => rm(state, {recursive: true, force: true}));
	const marks = ['wan1_conn', 'wan2_conn', undefined];
	for (let index = 0; index < 300; index++) sim.conntrack.add({mark: marks[index % 3]});
	const api: RouterConnection = await sim.connect();
	const config = await readConfig(api);
	const topology = discover(config);
	const monitorState: MonitorState = {
		...initialState({intervalMs: 2000}),
		snapshot: {config, topology, routes: configRouteStates(config), counts: {total: 300, unmarked: 100, byMark: {}}} as unknown as Snapshot,
	};
	const auditPath = join(state, 'audit.log');
	const actions = monitorActions({api: () => api, readConfig, host: '127.0.0.1', account: 'admin', auditPath});
	return {sim, api, config, monitorState, actions, auditPath};
}

function wanView(name: string, connectionMark: string): WanView {
	return {name, connectionMark, routeActive: true} as WanView;
}

function show(screen: Screen) {
	const instance = render(createElement(Fragment, null, screen.dialog));
	cleanups.push(() => instance.unmount());
	return instance;
}

describe('the f / w / u handlers against the sim', () => {
	it('f on a WAN counts, asks, flushes it and logs the result as an event and in the audit log', async () => {
		const {sim, monitorState, actions, auditPath} = await setup();
		const screen = new Screen(monitorState, wanView('wan2', 'wan2_conn'));
		actions.flush!(screen.context());
		const dialog = show(screen);
		await frameWith(dialog.lastFrame, '100 connections carry the mark');
		dialog.stdin.write('y');
		await screen.whenClosed();
		assert.deepEqual(screen.reports, ['flush wan2: removed 100 of 100']);
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 0);
		assert.equal(sim.conntrack.countByMark('wan1_conn'), 100);
		const entries = await readAudit(auditPath);
		assert.deepEqual(entries.map(entry => [entry.action, entry.result, entry.router.identity]), [['flush', 'ok', 'pcc-two-wan']]);
		assert.equal(screen.reportedAt[0], Date.parse(entries[0].time), 'the event is stamped when the router changed, as the audit entry is');
	});

	it('w applies the weights typed in the editor, and u with y restores the exact rules', async () => {
		const {sim, api, config, monitorState, actions, auditPath} = await setup();
		const original = config.mangle.filter(isClassifierRule);
		const screen = new Screen(monitorState, null);
		actions.weights!(screen.context());
		const editor = show(screen);
		await frameWith(editor.lastFrame, 'buckets 0/2');
		editor.stdin.write('2');
		await frameWith(editor.lastFrame, 'buckets 0,1/3');
		editor.stdin.write(keys.enter);
		await frameWith(editor.lastFrame, 'Apply these 7 rule changes (wan1=2 wan2=1)?');
		editor.stdin.write('y');
		const applied = await frameWith(editor.lastFrame, 'weights now wan1=2 wan2=1');
		const [change] = await readAudit(auditPath);
		assert.ok(applied.includes(`(at ${kolkataScreenTime(change.time)})`), `the result says when the router changed:\n${applied}`);
		editor.stdin.write('x');
		await screen.whenClosed();
		assert.match(screen.reports[0], /^weights now wan1=2 wan2=1/);
		assert.deepEqual(discover(await readConfig(api)).wans.map(wan => wan.remainders), [[0, 1], [2]]);

		actions.undo!(screen.context());
		await screen.whenOpened();
		const undo = show(screen);
		const asking = await frameWith(undo.lastFrame, '[y/N]');
		assert.match(asking, /both-addresses-and-ports:2\/0 -> wan1_conn/);
		assert.ok(asking.includes(`Undo the weights change of ${kolkataScreenTime(change.time)} by admin`), asking);
		undo.stdin.write('y');
		await frameWith(undo.lastFrame, 'back as they were');
		undo.stdin.write('x');
		await screen.whenClosed();
		assert.match(screen.reports[1], /^undo: the PCC rules are back as they were/);
		assert.deepEqual(ruleDifferences(original, (await readConfig(api)).mangle.filter(isClassifierRule)), []);
		const entries = await readAudit(auditPath);
		assert.deepEqual(entries.map(entry => entry.action), ['weights', 'weights-undo']);
		// The results stayed on screen until a key closed them; the events keep the router's time.
		assert.deepEqual(screen.reportedAt, entries.map(entry => Date.parse(entry.time)));
		assert.equal(entries[0].router.port, sim.port, 'the port actually used, as the CLI records it');

		actions.undo!(screen.context());
		const [, undone] = entries;
		await frameWithNotice(screen, new RegExp(`^nothing left to undo; the last change \\(${kolkataScreenTime(change.time)}\\) was undone at ${kolkataScreenTime(undone.time)}$`));
	});
});

async function frameWithNotice(screen: Screen, pattern: RegExp): Promise<void> {
	for (let attempt = 0; attempt < 200 && !screen.notices.some(notice => pattern.test(notice)); attempt++) {
		await new Promise(resolve => setTimeout(resolve, 10));
	}
	assert.ok(screen.notices.some(notice => pattern.test(notice)), `notices: ${screen.notices.join(' | ')}`);
}

describe('a flush whose link drops and does not come back', () => {
	it('ends and is recorded after the wait for a reconnection, instead of hanging', async () => {
		const sim: ScenarioRouter = await scenarioRouter('two-wan');
		const state = await mkdtemp(join(tmpdir(), 'pccmon-ui-actions-'));
		cleanups.push(() => sim.close(), () => rm(state, {recursive: true, force: true}));
		for (let index = 0; index < 20_000; index++) sim.conntrack.add({mark: 'wan2_conn'});
		const api = await sim.connect();
		const config = await readConfig(api);
		const monitorState: MonitorState = {
			...initialState({intervalMs: 2000}),
			snapshot: {config, topology: discover(config), routes: configRouteStates(config), counts: {total: 20_000, unmarked: 0, byMark: {}}} as unknown as Snapshot,
		};
		const auditPath = join(state, 'audit.log');
		// The session never comes back.
		const actions = monitorActions({api: () => api, readConfig, reconnect: () => new Promise(() => {}), reconnectWaitMs: 200, host: '127.0.0.1', account: 'admin', auditPath});
		const screen = new Screen(monitorState, wanView('wan2', 'wan2_conn'));
		actions.flush(screen.context());
		const dialog = show(screen);
		await frameWith(dialog.lastFrame, '[y/N]');
		// Late replies, as on a slow link, so the drop comes while batches are still going.
		await sim.server.faults.set({slowReplies: 100});
		dialog.stdin.write('y');
		await frameWith(dialog.lastFrame, 'removed');
		await sim.server.faults.set({slowReplies: 100, fatal: 'session terminated on request'});
		await screen.whenClosed();
		assert.match(screen.reports[0], /the connection dropped .*reconnecting failed: reconnecting took longer than 0\.2 s/);
		assert.deepEqual((await readAudit(auditPath)).map(entry => entry.result), ['unknown']);
		assert.deepEqual(await actions.settle(), []);
	});
});

describe('a flush of a WAN whose route is down', () => {
	it('tells the screen how many were stuck when the dialog counted, and none once the flush is done', async () => {
		const sim = await startSim({scenario: 'failover', clock: 'manual'});
		const state = await mkdtemp(join(tmpdir(), 'pccmon-ui-actions-'));
		cleanups.push(() => sim.close(), () => rm(state, {recursive: true, force: true}));
		// Past the scenario's outage of wan2's gateway and check-gateway's verdict on it.
		for (let step = 0; step < 20; step++) sim.step(2000);
		const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
		cleanups.push(() => api.close());
		const config = await readConfig(api);
		const monitorState: MonitorState = {
			...initialState({intervalMs: 2000}),
			snapshot: {config, topology: discover(config), routes: configRouteStates(config), counts: {total: 0, unmarked: 0, byMark: {}}} as unknown as Snapshot,
		};
		const actions = monitorActions({api: () => api, readConfig, host: '127.0.0.1', account: 'admin', auditPath: join(state, 'audit.log')});
		const screen = new Screen(monitorState, {name: 'wan2', connectionMark: 'wan2_conn', routeActive: false} as WanView);
		actions.flush(screen.context());
		const dialog = show(screen);
		await frameWith(dialog.lastFrame, '[y/N]');
		const offered = /only stuck \(([\d,]+)\)/.exec(dialog.lastFrame() ?? '');
		assert.ok(offered, dialog.lastFrame());
		assert.equal(screen.stuckCounts[0], `wan2 ${offered[1].replaceAll(',', '')}`, 'what the dialog found, for the note under the row');
		dialog.stdin.write('y');
		await screen.whenClosed();
		assert.match(screen.reports[0], /^flush wan2: removed/);
		assert.equal(screen.stuckCounts.at(-1), 'wan2 0', 'none left stuck');
	});
});
