import {test} from 'node:test';
import assert from 'node:assert/strict';
import {rm} from 'node:fs/promises';
import {dirname} from 'node:path';
import {readAudit} from '../../source/actions/audit.js';
import {startInTmux, tmuxSkip} from '../helpers/tmux.js';

// The built CLI in a real terminal (tmux), acting on its own in-process simulated router.

test('ctrl-c during a flush cancels it, restores the terminal, says what went, and logs it', {skip: tmuxSkip}, async t => {
	// Replies come late, as on a slow link, so the flush is still running when ctrl-c comes.
	const demo = startInTmux(t, 'pccmon-actions', 200, 40, '--demo --scenario two-wan --connections 60000 --fault slow-replies=400');
	await demo.until(text => /● live/.test(text) && /^› wan1 .*\d/m.test(text), 'the WAN rows, live', 90);
	demo.keys('f');
	await demo.until(text => text.includes('Flush wan1 (wan1_conn)') && text.includes('[y/N]'), 'the flush dialog asking', 90);
	demo.keys('y');
	await demo.until(text => text.includes('counted as you confirmed'), 'the flush running', 90);
	demo.keys('C-c');
	const after = await demo.until(text => text.includes('PCCMON-EXIT='), 'pccmon exited', 90);
	assert.match(after, /PCCMON-EXIT=0/);
	assert.doesNotMatch(after, /BUCKET/, 'the alternate screen is gone and the shell screen is back');
	const line = /^pccmon: flush wan1: removed ([\d,]+) of ([\d,]+); cancelled/m.exec(after);
	assert.ok(line, after);
	assert.notEqual(line[1], line[2], 'it stopped before the end');
	const logged = /^pccmon: the demo's actions were logged in (\S+)$/m.exec(after);
	assert.ok(logged, after);
	t.after(() => rm(dirname(logged[1]), {recursive: true, force: true}));
	const entries = await readAudit(logged[1]);
	assert.deepEqual(entries.map(entry => [entry.action, entry.result]), [['flush', 'cancelled']]);
	assert.equal(entries[0].after.connections?.removed, Number(line[1].replaceAll(',', '')));
});

test('the weights editor in a real terminal: two backspaces sent in one write both erase a digit', {skip: tmuxSkip}, async t => {
	const demo = startInTmux(t, 'pccmon-weights-keys', 100, 30, '--demo --scenario two-wan');
	await demo.until(text => /● live/.test(text) && /^› wan1 .*\d/m.test(text), 'the WAN rows, live', 90);
	demo.keys('w');
	await demo.until(text => text.includes('PCC weights'), 'the weights editor', 90);
	demo.keys('1', '2', '0');
	await demo.until(text => /› wan1 +120 \(was 1\)/.test(text), 'wan1 typed to 120', 90);
	// -H sends the bytes as one write: both DEL in the same read, as a paste over SSH brings them.
	demo.keys('-H', '7f', '7f');
	const erased = await demo.until(text => !text.includes('(was 1)'), 'wan1 back at its weight', 90);
	assert.match(erased, /› wan1 +1 +buckets/);
	demo.keys('Escape');
	await demo.until(text => !text.includes('PCC weights'), 'the editor closed', 90);
	demo.keys('q');
	assert.match(await demo.until(text => text.includes('PCCMON-EXIT='), 'pccmon exited', 90), /PCCMON-EXIT=0/);
});
