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
