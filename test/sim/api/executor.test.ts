import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {CommandContext, ReplySentence} from '../../../source/sim/api/types.js';
import {makeRouter, mustRun} from '../helpers/sim-router.js';

const reader = {name: 'viewer', group: 'read'} as const;
const writer = {name: 'ops', group: 'write'} as const;

function pccRouter(version = '7.19.4') {
	const setup = makeRouter(version);
	const {router} = setup;
	const ok = mustRun(router);
	if (version.startsWith('7')) {
		ok('/routing/table/add', {name: 'wan1', fib: ''});
		ok('/routing/table/add', {name: 'wan2', fib: ''});
	}
	const marks = ['wan1', 'wan2'].map((wan, index) =>
		ok('/ip/firewall/mangle/add', {
			chain: 'prerouting',
			action: 'mark-connection',
			'new-connection-mark': `${wan}_conn`,
			'per-connection-classifier': `both-addresses-and-ports:2/${index}`,
			'connection-state': 'new',
			comment: `PCC ${wan}`,
		}),
	);
	return {...setup, ok, marks};
}

test('print returns rows with .id first; .proplist keeps only the named properties', () => {
	const {router, marks} = pccRouter();
	const all = router.run('/ip/firewall/mangle/print');
	assert.deepEqual(
		all.rows.map(row => Object.keys(row)[0]),
		['.id', '.id'],
	);
	assert.deepEqual(all.rows.map(row => row['.id']), marks);
	const picked = router.run('/ip/firewall/mangle/print', {'.proplist': '.id,comment,nonexistent'});
	assert.deepEqual(picked.rows, [
		{'.id': marks[0], comment: 'PCC wan1'},
		{'.id': marks[1], comment: 'PCC wan2'},
	]);
});

test('queries select rows, booleans compare in either spelling', () => {
	const {router, ok, marks} = pccRouter();
	ok('/ip/firewall/mangle/disable', {'.id': marks[0]});
	const enabled = router.run('/ip/firewall/mangle/print', {}, {queries: ['disabled=no']});
	assert.deepEqual(enabled.rows.map(row => row['.id']), [marks[1]]);
	const either = router.run('/ip/firewall/mangle/print', {}, {
		queries: ['new-connection-mark=wan1_conn', 'new-connection-mark=wan2_conn', '#|'],
	});
	assert.equal(either.rows.length, 2);
});

test('an id in a query matches whatever the case of its hex digits', () => {
	const {router} = makeRouter();
	for (let line = 0; line < 12; line++) router.log('script,info', `line ${line}`);
	assert.deepEqual(router.run('/log/print', {}, {queries: ['.id=*b']}).rows.map(row => row['.id']), ['*B']);
});

test('count-only answers the number in !done ret, with or without queries', () => {
	const {router} = pccRouter();
	assert.equal(router.run('/ip/firewall/mangle/print', {'count-only': ''}).ret, '2');
	const one = router.run('/ip/firewall/mangle/print', {'count-only': ''}, {queries: ['comment=PCC wan2']});
	assert.equal(one.ret, '1');
	assert.deepEqual(one.rows, []);
});

test('an empty print sends !empty before !done from 7.18 on, a bare !done before', () => {
	const shapes = (version: string) =>
		makeRouter(version).router.run('/ip/firewall/nat/print').replies.map(reply => reply.type);
	assert.deepEqual(shapes('7.18'), ['empty', 'done']);
	assert.deepEqual(shapes('7.17.2'), ['done']);
	assert.deepEqual(shapes('6.49.10'), ['done']);
});

test('an unknown path segment gives two traps, an unknown verb one', () => {
	const {router} = makeRouter();
	const segment = router.run('/ip/firewal/mangle/print');
	assert.deepEqual(segment.replies, [
		{type: 'trap', message: 'no such command or directory (firewal)', category: 0},
		{type: 'trap', message: 'no such command prefix'},
		{type: 'done'},
	]);
	assert.deepEqual(router.run('/ip/firewall/mangle/explode').traps, ['no such command']);
	assert.deepEqual(router.run('/ip/firewall/print').traps, ['no such command']);
});

test('unknown attributes, bad values and unknown ids get RouterOS trap texts', () => {
	const {router, marks} = pccRouter();
	assert.deepEqual(router.run('/ip/firewall/mangle/add', {chain: 'forward', colour: 'red'}).traps, ['unknown parameter']);
	const bad = router.run('/ip/firewall/mangle/add', {chain: 'forward', action: 'teleport'});
	assert.deepEqual(bad.replies[0], {type: 'trap', message: 'input does not match any value of action', category: 1});
	assert.deepEqual(router.run('/ip/route/add', {gateway: '10.0.0.1', distance: '300'}).traps, [
		'value of distance out of range (0..255)',
	]);
	assert.deepEqual(router.run('/ip/firewall/mangle/set', {'.id': '*99', comment: 'x'}).traps, ['no such item']);
	assert.deepEqual(router.run('/ip/firewall/mangle/remove', {'.id': `${marks[0]},*99`}).traps, ['no such item']);
	assert.equal(router.run('/ip/firewall/mangle/print', {'count-only': ''}).ret, '2', 'a failed remove removes nothing');
	assert.deepEqual(router.run('/ip/firewall/mangle/add', {chain: 'prerouting', 'in-interface': 'wan9'}).traps, [
		'input does not match any value of in-interface',
	]);
});

test('a seed-style PCC remainder list is refused; a negated classifier is kept with its !', () => {
	const {router} = makeRouter();
	const list = router.run('/ip/firewall/mangle/add', {
		chain: 'prerouting',
		'per-connection-classifier': 'both-addresses-and-ports:10/0,1,2',
	});
	assert.equal(list.replies[0].type, 'trap');
	assert.match(list.traps[0], /per-connection-classifier/);
	const negated = router.run('/ip/firewall/mangle/add', {chain: 'prerouting', 'per-connection-classifier': '!src-address:3/1'});
	const row = router.run('/ip/firewall/mangle/print', {}, {queries: [`.id=${negated.ret}`]}).rows[0];
	assert.equal(row['per-connection-classifier'], '!src-address:3/1');
});

test('add with place-before inserts before that rule; move reorders', () => {
	const {router, ok, marks} = pccRouter();
	const accept = ok('/ip/firewall/mangle/add', {chain: 'prerouting', action: 'accept', 'place-before': marks[0]});
	const order = () => router.run('/ip/firewall/mangle/print', {'.proplist': '.id'}).rows.map(row => row['.id']);
	assert.deepEqual(order(), [accept, ...marks]);
	ok('/ip/firewall/mangle/move', {numbers: accept});
	assert.deepEqual(order(), [...marks, accept]);
	ok('/ip/firewall/mangle/move', {numbers: `${marks[1]},${accept}`, destination: marks[0]});
	assert.deepEqual(order(), [marks[1], accept, marks[0]]);
});

test('set changes values, an empty value unsets, ids may be comma-separated', () => {
	const {router, ok, marks} = pccRouter();
	ok('/ip/firewall/mangle/set', {'.id': marks.join(','), passthrough: 'no', comment: ''});
	const rows = router.run('/ip/firewall/mangle/print').rows;
	assert.deepEqual(rows.map(row => row.passthrough), ['false', 'false']);
	assert.deepEqual(rows.map(row => row.comment), [undefined, undefined]);
	ok('/ip/firewall/mangle/set', {numbers: marks[1], 'per-connection-classifier': 'both-addresses-and-ports:3/2'});
	assert.equal(router.run('/ip/firewall/mangle/print').rows[1]['per-connection-classifier'], 'both-addresses-and-ports:3/2');
});

test('counters show with =stats= and reset-counters zeroes them', () => {
	const {router, ok, marks} = pccRouter();
	const rule = router.table('/ip/firewall/mangle').items[0];
	rule.bytes = 5000;
	rule.packets = 7;
	assert.equal(router.run('/ip/firewall/mangle/print').rows[0].bytes, undefined);
	assert.equal(router.run('/ip/firewall/mangle/print', {stats: ''}).rows[0].bytes, '5000');
	ok('/ip/firewall/mangle/reset-counters', {'.id': marks[0]});
	assert.equal(router.run('/ip/firewall/mangle/print', {stats: ''}).rows[0].packets, '0');
	router.table('/ip/firewall/mangle').items[1].bytes = 9;
	ok('/ip/firewall/mangle/reset-counters-all', {});
	assert.equal(router.run('/ip/firewall/mangle/print', {stats: ''}).rows[1].bytes, '0');
});

test('a read-only account can print but gets not enough permissions (9) on any change', () => {
	const {router, marks} = pccRouter();
	assert.equal(router.run('/ip/firewall/mangle/print', {}, {user: reader}).rows.length, 2);
	for (const [command, attributes] of [
		['/ip/firewall/mangle/set', {'.id': marks[0], comment: 'x'}],
		['/ip/firewall/mangle/add', {chain: 'forward'}],
		['/ip/firewall/mangle/remove', {'.id': marks[0]}],
		['/ip/firewall/mangle/disable', {'.id': marks[0]}],
		['/ip/firewall/connection/remove', {'.id': '*1'}],
	] as const) {
		assert.deepEqual(router.run(command, attributes, {user: reader}).traps, ['not enough permissions (9)'], command);
	}
	assert.equal(router.run('/ip/firewall/mangle/print', {}, {user: reader}).rows[0].comment, 'PCC wan1');
	assert.deepEqual(router.run('/ip/firewall/mangle/set', {'.id': marks[0], comment: 'x'}, {user: writer}).traps, []);
});

test('changes through the API are logged with the account name', () => {
	const {router, marks} = pccRouter();
	router.run('/ip/firewall/mangle/remove', {'.id': marks[0]}, {user: writer});
	const messages = router.run('/log/print').rows.map(row => row.message);
	assert.equal(messages.at(-1), 'mangle rule removed by ops');
	router.run('/ip/firewall/mangle/remove', {'.id': marks[1]}, {quiet: true});
	assert.equal(router.run('/log/print').rows.length, messages.length, 'a quiet (import) change is not logged');
});

test('unset clears a property back to its default', () => {
	const {router, ok, marks} = pccRouter();
	ok('/ip/firewall/mangle/set', {'.id': marks[0], log: 'yes'});
	ok('/ip/firewall/mangle/unset', {numbers: marks[0], 'value-name': 'log'});
	assert.equal(router.run('/ip/firewall/mangle/print').rows[0].log, 'false');
});

function streaming() {
	const replies: ReplySentence[] = [];
	let stop: (() => void) | undefined;
	const context: CommandContext = {
		user: {name: 'admin', group: 'full'},
		emit: sentence => replies.push(sentence),
		onCancel: hook => {
			stop = hook;
		},
	};
	return {replies, context, cancel: () => stop?.()};
}

test('print =follow= streams changes until cancelled, removals as .dead', () => {
	const {router, ok, marks} = pccRouter();
	const {replies, context, cancel} = streaming();
	router.executor.execute(
		{command: '/ip/firewall/mangle/print', attributes: [['follow', ''], ['.proplist', '.id,comment']], queries: []},
		context,
	);
	assert.equal(replies.length, 2);
	ok('/ip/firewall/mangle/set', {'.id': marks[0], comment: 'renamed'});
	ok('/ip/firewall/mangle/remove', {'.id': marks[1]});
	cancel();
	ok('/ip/firewall/mangle/add', {chain: 'forward'});
	assert.deepEqual(replies.slice(2), [
		{type: 're', attributes: {'.id': marks[0], comment: 'renamed'}},
		{type: 're', attributes: {'.id': marks[1], '.dead': 'yes'}},
		{type: 'trap', message: 'interrupted', category: 2},
		{type: 'done'},
	]);
});

test('listen sends only changes, and only those its queries select', () => {
	const {router, ok} = pccRouter();
	const {replies, context, cancel} = streaming();
	router.executor.execute({command: '/ip/firewall/mangle/listen', attributes: [], queries: ['chain=forward']}, context);
	ok('/ip/firewall/mangle/add', {chain: 'prerouting'});
	const forward = ok('/ip/firewall/mangle/add', {chain: 'forward'});
	cancel();
	assert.deepEqual(
		replies.map(reply => (reply.type === 're' ? reply.attributes['.id'] : reply.type)),
		[forward, 'trap', 'done'],
	);
});

test('singletons print one row without .id and set without one', () => {
	const {router} = makeRouter();
	assert.deepEqual(router.run('/system/identity/set', {name: 'edge-1'}).traps, []);
	assert.deepEqual(router.run('/system/identity/print').rows, [{name: 'edge-1'}]);
	const resource = router.run('/system/resource/print').rows[0];
	assert.equal(resource.version, '7.19.4 (stable)');
	assert.equal(resource['.id'], undefined);
	assert.deepEqual(router.run('/system/resource/set', {uptime: '1s'}).traps, ['no such command']);
});

test('/log/info adds a line the log prints', () => {
	const {router} = makeRouter();
	assert.deepEqual(router.run('/log/info', {message: 'hello'}).traps, []);
	const last = router.run('/log/print').rows.at(-1)!;
	assert.equal(last.message, 'hello');
	assert.equal(last.topics, 'script,info');
	assert.equal(last.time, '2024-01-02 13:45:00');
});
