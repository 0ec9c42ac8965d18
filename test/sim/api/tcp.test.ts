import {test} from 'node:test';
import assert from 'node:assert/strict';
import {RouterOSAPI} from 'node-routeros';
import {createApiServer} from '../../../source/sim/server.js';
import {UserStore} from '../../../source/sim/model/users.js';
import {makeRouter} from '../helpers/sim-router.js';

/**
 * The command layer behind the real wire server, driven by node-routeros over loopback.
 * Raw node-routeros crashes on `!empty`, so these routers run 7.17 (no `!empty`).
 */
type Connect = (user?: string, password?: string) => Promise<RouterOSAPI>;

async function withRouter(body: (connect: Connect, setup: ReturnType<typeof makeRouter>) => Promise<void>) {
	const setup = makeRouter('7.17.2');
	const server = createApiServer({
		executor: setup.router.executor,
		version: setup.router.version,
		users: new UserStore([
			{name: 'admin', password: '', group: 'full'},
			{name: 'viewer', password: 'v', group: 'read'},
		]),
	});
	const {port} = await server.listen(0, '127.0.0.1');
	const clients: RouterOSAPI[] = [];
	const connect = async (user = 'admin', password = '') => {
		const api = new RouterOSAPI({host: '127.0.0.1', port, user, password, keepalive: false, timeout: 5});
		api.on('error', () => {});
		clients.push(api);
		return api.connect();
	};
	try {
		await body(connect, setup);
	} finally {
		await Promise.all(clients.map(api => api.close().catch(() => undefined)));
		await server.close();
	}
}

test('over TCP: add, print with .proplist and a query, count-only', () =>
	withRouter(async connect => {
		const api = await connect();
		await api.write('/routing/table/add', ['=name=wan1', '=fib=']);
		const [added] = await api.write('/ip/firewall/mangle/add', [
			'=chain=prerouting',
			'=action=mark-connection',
			'=new-connection-mark=wan1_conn',
			'=per-connection-classifier=both-addresses-and-ports:2/0',
			'=comment=to wan1',
		]);
		assert.match(added.ret, /^\*[0-9A-F]+$/);
		await api.write('/ip/firewall/mangle/add', ['=chain=forward', '=comment=other']);
		const rows = await api.write('/ip/firewall/mangle/print', ['=.proplist=.id,comment', '?chain=prerouting']);
		assert.deepEqual(rows, [{'.id': added.ret, comment: 'to wan1'}]);
		const [counted] = await api.write('/ip/firewall/mangle/print', ['=count-only=']);
		assert.equal(counted.ret, '2');
	}));

test('over TCP: set, move and remove change what print returns', () =>
	withRouter(async connect => {
		const api = await connect();
		const [first] = await api.write('/ip/firewall/nat/add', ['=chain=srcnat', '=action=masquerade', '=out-interface=ether1']);
		const [second] = await api.write('/ip/firewall/nat/add', ['=chain=srcnat', '=action=masquerade', '=out-interface=ether2']);
		await api.write('/ip/firewall/nat/set', [`=.id=${first.ret}`, '=comment=wan1', '=disabled=yes']);
		await api.write('/ip/firewall/nat/move', [`=numbers=${second.ret}`, `=destination=${first.ret}`]);
		let rows = await api.write('/ip/firewall/nat/print', ['=stats=']);
		assert.deepEqual(
			rows.map(row => [row['.id'], row.disabled, row.comment, row.bytes]),
			[
				[second.ret, 'false', undefined, '0'],
				[first.ret, 'true', 'wan1', '0'],
			],
		);
		await api.write('/ip/firewall/nat/remove', [`=.id=${first.ret},${second.ret}`]);
		rows = await api.write('/ip/firewall/nat/print');
		assert.deepEqual(rows, []);
	}));

test('over TCP: traps reach the client with RouterOS\'s texts and the connection stays usable', () =>
	withRouter(async connect => {
		const api = await connect();
		await assert.rejects(api.write('/ip/firewal/mangle/print'), {message: 'no such command or directory (firewal)'});
		await assert.rejects(api.write('/ip/firewall/mangle/add', ['=chain=forward', '=colour=red']), {message: 'unknown parameter'});
		await assert.rejects(api.write('/ip/address/add', ['=address=10.0.0.1/24', '=interface=nope']), {
			message: 'input does not match any value of interface',
		});
		await assert.rejects(api.write('/ip/firewall/mangle/set', ['=.id=*77', '=comment=x']), {message: 'no such item'});
		const [identity] = await api.write('/system/identity/print');
		assert.equal(identity.name, 'MikroTik');
	}));

test('over TCP: a read-only account reads but cannot change anything', () =>
	withRouter(async (connect, {router}) => {
		router.run('/ip/firewall/mangle/add', {chain: 'forward', comment: 'keep'});
		const api = await connect('viewer', 'v');
		const rows = await api.write('/ip/firewall/mangle/print');
		assert.equal(rows.length, 1);
		await assert.rejects(api.write('/ip/firewall/mangle/remove', [`=.id=${rows[0]['.id']}`]), {
			message: 'not enough permissions (9)',
		});
		await assert.rejects(api.write('/system/identity/set', ['=name=mine']), {message: 'not enough permissions (9)'});
		assert.equal((await api.write('/ip/firewall/mangle/print')).length, 1);
	}));

test('over TCP: connection counts per mark', () =>
	withRouter(async (connect, {conntrack}) => {
		for (let index = 0; index < 9; index++) conntrack.add({mark: index < 6 ? 'wan1_conn' : 'wan2_conn'});
		const api = await connect();
		const [wan1] = await api.write('/ip/firewall/connection/print', ['=count-only=', '?connection-mark=wan1_conn']);
		const [wan2] = await api.write('/ip/firewall/connection/print', ['=count-only=', '?connection-mark=wan2_conn']);
		assert.deepEqual([wan1.ret, wan2.ret], ['6', '3']);
		const ids = await api.write('/ip/firewall/connection/print', ['=.proplist=.id', '?connection-mark=wan2_conn']);
		await api.write('/ip/firewall/connection/remove', [`=.id=${ids.map(row => row['.id']).join(',')}`]);
		const [after] = await api.write('/ip/firewall/connection/print', ['=count-only=']);
		assert.equal(after.ret, '6');
	}));
