import {test} from 'node:test';
import assert from 'node:assert/strict';
import {makeRouter} from '../helpers/sim-router.js';

function loaded() {
	const setup = makeRouter();
	for (let index = 0; index < 30; index++) {
		setup.conntrack.add({mark: index % 3 === 0 ? undefined : index % 3 === 1 ? 'wan1_conn' : 'wan2_conn'});
	}
	return setup;
}

test('count-only by connection mark is answered from the index, never by a scan', () => {
	const {router, conntrack} = loaded();
	const count = (queries: string[]) => router.run('/ip/firewall/connection/print', {'count-only': ''}, {queries}).ret;
	assert.equal(count([]), '30');
	assert.equal(count(['connection-mark=wan1_conn']), '10');
	assert.equal(count(['=connection-mark=wan2_conn']), '10');
	assert.equal(count(['-connection-mark']), '10');
	assert.equal(count(['connection-mark=']), '10');
	assert.equal(count(['connection-mark=nothing']), '0');
	assert.equal(count(['-connection-mark', 'connection-mark=', '#|']), '10');
	assert.equal(count(['connection-mark=', '-connection-mark', '#|']), '10');
	assert.equal(conntrack.scans, 0);
	// Anything else scans, and still counts right.
	assert.equal(count(['connection-mark=wan1_conn', 'connection-mark=wan2_conn', '#|']), '20');
	assert.equal(conntrack.scans, 1);
});

test('listing a mark\'s ids uses the index; remove takes them comma-separated', () => {
	const {router, conntrack} = loaded();
	const listed = router.run('/ip/firewall/connection/print', {'.proplist': '.id'}, {queries: ['connection-mark=wan1_conn']});
	assert.equal(listed.rows.length, 10);
	assert.deepEqual(Object.keys(listed.rows[0]), ['.id']);
	assert.equal(conntrack.scans, 0);
	const ids = listed.rows.map(row => row['.id']).join(',');
	assert.deepEqual(router.run('/ip/firewall/connection/remove', {'.id': ids}).traps, []);
	assert.equal(router.run('/ip/firewall/connection/print', {'count-only': ''}, {queries: ['connection-mark=wan1_conn']}).ret, '0');
	assert.equal(conntrack.size, 20);
});

test('removing a connection that already ended is no such item, and removes none of the batch', () => {
	const {router, conntrack} = loaded();
	const [first, second] = [...conntrack.idsByMark('wan2_conn')];
	conntrack.remove(second);
	const result = router.run('/ip/firewall/connection/remove', {'.id': `*${first.toString(16)},*${second.toString(16)}`});
	assert.deepEqual(result.traps, ['no such item']);
	assert.ok(conntrack.get(first));
});

test('connection rows carry .id, ip:port addresses and the mark; other queries filter by scan', () => {
	const {router, conntrack} = loaded();
	conntrack.add({protocol: 'udp', dstAddress: '1.1.1.1', dstPort: 53, mark: 'wan1_conn'});
	const rows = router.run('/ip/firewall/connection/print', {}, {queries: ['protocol=udp']}).rows;
	assert.equal(rows.length, 1);
	assert.match(rows[0]['.id'], /^\*[0-9A-F]+$/);
	assert.equal(rows[0]['dst-address'], '1.1.1.1:53');
	assert.equal(rows[0]['connection-mark'], 'wan1_conn');
});

test('an empty connection print on 7.18+ sends !empty', () => {
	const {router} = makeRouter('7.18');
	assert.deepEqual(
		router.run('/ip/firewall/connection/print', {}, {queries: ['connection-mark=wan1_conn']}).replies.map(reply => reply.type),
		['empty', 'done'],
	);
});

test('count-only over a million connections needs no walk over them', () => {
	const {router, conntrack} = makeRouter();
	for (let index = 0; index < 1_000_000; index++) conntrack.add({mark: index % 4 === 0 ? 'wan2_conn' : 'wan1_conn'});
	assert.equal(router.run('/ip/firewall/connection/print', {'count-only': ''}, {queries: ['connection-mark=wan2_conn']}).ret, '250000');
	assert.equal(router.run('/ip/firewall/connection/tracking/print').rows[0]['total-entries'], '1000000');
	assert.equal(conntrack.scans, 0);
});

test('connection tracking is a singleton whose timeouts can be set', () => {
	const {router} = makeRouter();
	assert.deepEqual(router.run('/ip/firewall/connection/tracking/set', {'udp-timeout': '00:00:45'}).traps, []);
	const row = router.run('/ip/firewall/connection/tracking/print').rows[0];
	assert.equal(row['udp-timeout'], '45s');
	assert.equal(row['tcp-established-timeout'], '1d');
	assert.deepEqual(router.run('/ip/firewall/connection/tracking/set', {'udp-timeout': 'later'}).traps, [
		'invalid value for argument udp-timeout',
	]);
});
