import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ConnectionTable, type NewConnection} from '../../../source/sim/engine/conntrack.js';

function connection(index: number, mark: string | undefined, overrides: Partial<NewConnection> = {}): NewConnection {
	return {
		protocol: 'tcp', src: 0xc0a8580a + (index % 200), srcPort: 32768 + (index % 28000), dst: 0x0d000000 + index, dstPort: 443,
		natAddress: 0x0a000102, dstNat: false, mark, outInterface: 'ether1', flowClass: 1, tcpState: 'established',
		seenReply: true, assured: true, fasttrack: false, createdAt: 0, endAt: 60_000, expiresAt: 70_000, stallAt: Number.POSITIVE_INFINITY,
		origRate: 1000, replRate: 10_000, firstBytes: 60, ...overrides,
	};
}

test('a million entries: count by mark comes from the index and follows removals', () => {
	const table = new ConnectionTable();
	const marks = ['wan1_conn', 'wan2_conn', 'wan3_conn', undefined];
	for (let index = 0; index < 1_000_000; index++) table.add(connection(index, marks[index % 4]));
	assert.equal(table.size, 1_000_000);
	for (const mark of marks) assert.equal(table.countByMark(mark), 250_000);
	assert.equal(table.countByMark('nobody'), 0);
	assert.deepEqual(table.marks().sort(), ['wan1_conn', 'wan2_conn', 'wan3_conn']);
	// Flush one WAN by ids from the index, as the netwatch script and the flush action do.
	const ids = [...table.idsByMark('wan2_conn')];
	assert.equal(ids.length, 250_000);
	for (const id of ids) assert.equal(table.remove(id), true);
	assert.equal(table.countByMark('wan2_conn'), 0);
	assert.equal(table.countByMark('wan1_conn'), 250_000);
	assert.equal(table.size, 750_000);
	assert.deepEqual(table.marks().sort(), ['wan1_conn', 'wan3_conn']);
});

test('an id printed before a connection ended never names the next one in its slot', () => {
	const table = new ConnectionTable(16);
	const slot = table.add(connection(1, 'a'))!;
	const id = table.idOf(slot);
	assert.equal(table.remove(id), true);
	for (let index = 0; index < 40; index++) table.add(connection(index, 'b'));
	assert.equal(table.get(id), undefined);
	assert.equal(table.remove(id), false);
	assert.equal(table.countByMark('b'), 40);
});

test('prints the fields RouterOS shows, counters from the rates', () => {
	const table = new ConnectionTable();
	const slot = table.add(connection(5, 'wan1_conn', {createdAt: 0, endAt: 60_000, expiresAt: 70_000}))!;
	table.now = 10_000;
	const row = table.format(table.get(table.idOf(slot))!, 10_000);
	assert.equal(row['src-address'], '192.168.88.15:32773');
	assert.equal(row['dst-address'], '13.0.0.5:443');
	assert.equal(row['reply-src-address'], '13.0.0.5:443');
	assert.equal(row['reply-dst-address'], '10.0.1.2:32773');
	assert.equal(row['tcp-state'], 'established');
	assert.equal(row.timeout, '23h59m59s');
	assert.equal(row['orig-bytes'], String(60 + 10 * 1000));
	assert.equal(row['repl-bytes'], String(10 * 10_000));
	assert.equal(row['orig-rate'], '8000');
	assert.equal(row['connection-mark'], 'wan1_conn');
	assert.equal(row.srcnat, 'true');
	assert.equal(row.assured, 'true');
	// After it stops sending: TIME-WAIT counting down, rates zero, counters frozen.
	table.now = 65_000;
	const closing = table.format(table.get(table.idOf(slot))!, 65_000);
	assert.equal(closing['tcp-state'], 'time-wait');
	assert.equal(closing.timeout, '5s');
	assert.equal(closing['orig-rate'], '0');
	assert.equal(closing['repl-bytes'], String(60 * 10_000));
	const unmarked = table.add(connection(6, undefined, {protocol: 'icmp', srcPort: 0, dstPort: 0}))!;
	const icmp = table.format(table.get(table.idOf(unmarked))!, 65_000);
	assert.equal(icmp['connection-mark'], undefined);
	assert.equal(icmp['src-address'], '192.168.88.16');
	assert.equal(icmp['tcp-state'], undefined);
});

test('the event wheel hands back each due slot once, skipping rescheduled ones', () => {
	const table = new ConnectionTable();
	const a = table.add(connection(1, 'x'))!;
	const b = table.add(connection(2, 'x'))!;
	table.schedule(a, 1000);
	table.schedule(b, 1000);
	table.schedule(b, 5000);
	const seen: number[] = [];
	table.takeDue(2000, slot => seen.push(slot));
	assert.deepEqual(seen, [a]);
	table.takeDue(6000, slot => seen.push(slot));
	assert.deepEqual(seen, [a, b]);
	table.takeDue(9000, slot => seen.push(slot));
	assert.deepEqual(seen, [a, b]);
});
