import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, stat, appendFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {appendAudit, auditLogPath, lastUndoableChange, readAudit, type NewAuditEntry} from '../../source/actions/audit.js';

const router = {host: '192.0.2.1', port: 8728, identity: 'edge'};

function weightsEntry(rules: string, result: NewAuditEntry['result'] = 'ok'): NewAuditEntry {
	return {
		router,
		account: 'admin',
		action: 'weights',
		parameters: {weights: {wan1: 2, wan2: 1}},
		before: {rules: [{'.id': '*1', 'per-connection-classifier': rules}]},
		after: {rules: []},
		result,
		message: 'applied',
	};
}

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
	const dir = await mkdtemp(join(tmpdir(), 'pccmon-audit-'));
	try {
		await run(dir);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

test('the log lives under XDG_STATE_HOME, or ~/.local/state when it is unset or relative', () => {
	assert.equal(auditLogPath({XDG_STATE_HOME: '/var/tmp/state'}), '/var/tmp/state/pccmon/audit.log');
	assert.match(auditLogPath({}), /\.local\/state\/pccmon\/audit\.log$/);
	assert.match(auditLogPath({XDG_STATE_HOME: 'relative'}), /\.local\/state\/pccmon\/audit\.log$/);
});

test('each action is one JSON line, readable back, private to the user, and never holds a secret', async () => {
	await withDir(async dir => {
		const path = join(dir, 'pccmon', 'audit.log');
		await appendAudit({...weightsEntry('both-addresses:2/0'), parameters: {password: 'hunter2', weights: {wan1: 1}}, before: {rules: [{passthrough: 'yes'}]}}, path);
		await appendAudit({...weightsEntry('both-addresses:2/1'), action: 'flush'}, path);
		const text = await readFile(path, 'utf8');
		assert.equal(text.trim().split('\n').length, 2);
		assert.doesNotMatch(text, /hunter2/);
		const entries = await readAudit(path);
		assert.deepEqual(entries.map(entry => entry.action), ['weights', 'flush']);
		assert.deepEqual(entries[0].parameters, {weights: {wan1: 1}});
		assert.deepEqual(entries[0].before.rules, [{passthrough: 'yes'}], 'rule properties that merely look like secrets stay');
		assert.equal(entries[0].router.identity, 'edge');
		assert.ok(!Number.isNaN(Date.parse(entries[0].time)));
		assert.equal((await stat(path)).mode & 0o777, 0o600);
	});
});

test('a missing log reads as empty and a torn line does not hide the others', async () => {
	await withDir(async dir => {
		const path = join(dir, 'audit.log');
		assert.deepEqual(await readAudit(path), []);
		await appendAudit(weightsEntry('a'), path);
		await appendFile(path, '{"id": "torn\n');
		await appendAudit(weightsEntry('b'), path);
		assert.equal((await readAudit(path)).length, 2);
	});
});

test('undo finds the newest applied change of this router, and successive undos walk back', async () => {
	await withDir(async dir => {
		const path = join(dir, 'audit.log');
		const first = await appendAudit(weightsEntry('first'), path);
		const second = await appendAudit(weightsEntry('second'), path);
		await appendAudit(weightsEntry('rolled back', 'rolled-back'), path);
		await appendAudit({...weightsEntry('other router'), router: {...router, host: '192.0.2.2'}}, path);
		assert.equal(lastUndoableChange(await readAudit(path), router)?.id, second.id);
		await appendAudit({...weightsEntry('x'), action: 'weights-undo', undoes: second.id}, path);
		assert.equal(lastUndoableChange(await readAudit(path), router)?.id, first.id);
		await appendAudit({...weightsEntry('x'), action: 'weights-undo', undoes: first.id}, path);
		assert.equal(lastUndoableChange(await readAudit(path), router), undefined);
	});
});
