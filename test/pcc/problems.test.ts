import {test} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../source/pcc/discover.js';
import {configurationRefused} from '../../source/pcc/problems/configuration.js';
import type {Problem, ProblemCode, RouterConfig} from '../../source/pcc/types.js';
import {cleanV7, editRow, replaceRow} from './helpers/configs.js';
import {routerConfig, rows} from './helpers/rows.js';

function findings(config: RouterConfig): string[] {
	return discover(config).problems.map(problem => `${problem.code}:${problem.subject}`);
}

function only(config: RouterConfig, code: ProblemCode): Problem[] {
	return discover(config).problems.filter(problem => problem.code === code);
}

test('the careful two-WAN set-up raises nothing', () => {
	assert.deepEqual(findings(cleanV7()), []);
});

test('unassigned-bucket: a disabled PCC rule leaves its remainder to table main', () => {
	const config = cleanV7();
	config.mangle = editRow(config.mangle, '*4', {disabled: 'true'});
	const [problem] = only(config, 'unassigned-bucket');
	assert.equal(problem.subject, '2/1');
	assert.match(problem.message, /per-connection-classifier=both-addresses-and-ports:2\/1/);
	assert.equal(problem.severity, 'error');
});

test('duplicate-bucket: two WANs claim one remainder', () => {
	const config = cleanV7();
	config.mangle = editRow(config.mangle, '*4', {'per-connection-classifier': 'both-addresses-and-ports:2/0'});
	assert.deepEqual(findings(config).filter(item => /bucket/.test(item)), ['unassigned-bucket:2/1', 'duplicate-bucket:2/0']);
	assert.match(only(config, 'duplicate-bucket')[0].message, /wan1 and wan2/);
});

test('missing-connection-state-new: neither guard on the rule nor on a jump to it', () => {
	const config = cleanV7();
	config.mangle = editRow(config.mangle, '*3', {'connection-state': undefined, 'connection-mark': undefined});
	assert.deepEqual(only(config, 'missing-connection-state-new').map(problem => problem.subject), ['wan1_conn']);

	const noMarkOnly = cleanV7();
	noMarkOnly.mangle = editRow(noMarkOnly.mangle, '*3', {'connection-state': undefined});
	assert.deepEqual(only(noMarkOnly, 'missing-connection-state-new'), [], 'connection-mark=no-mark alone is a valid guard');

	const listed = cleanV7();
	listed.mangle = editRow(listed.mangle, '*3', {'connection-state': 'new,established', 'connection-mark': undefined});
	assert.equal(only(listed, 'missing-connection-state-new').length, 1, 'new,established still re-hashes established packets');
});

test('missing-connection-state-new: a guard on the jump into a custom chain counts, if every way in has it', () => {
	const build = (jumps: string[]): RouterConfig => routerConfig(7, {
		...cleanV7(),
		mangle: rows(
			...jumps,
			'chain=pcc action=mark-connection per-connection-classifier=both-addresses:2/0 new-connection-mark=wan1_conn',
			'chain=pcc action=mark-connection per-connection-classifier=both-addresses:2/1 new-connection-mark=wan2_conn',
			'chain=prerouting action=mark-routing connection-mark=wan1_conn new-routing-mark=wan1 passthrough=false',
			'chain=prerouting action=mark-routing connection-mark=wan2_conn new-routing-mark=wan2 passthrough=false',
		),
	});
	const guarded = build(['chain=prerouting action=jump jump-target=pcc in-interface=bridge connection-state=new']);
	assert.deepEqual(only(guarded, 'missing-connection-state-new'), []);
	assert.deepEqual(discover(guarded).wans.map(wan => wan.remainders), [[0], [1]]);
	const oneUnguarded = build([
		'chain=prerouting action=jump jump-target=pcc in-interface=bridge connection-state=new',
		'chain=prerouting action=jump jump-target=pcc in-interface=ether3',
	]);
	assert.deepEqual(only(oneUnguarded, 'missing-connection-state-new').map(problem => problem.subject), ['wan1_conn', 'wan2_conn']);
});

test('mark-routing-uses-pcc: the classifier on a mark-routing rule', () => {
	const config = cleanV7();
	config.mangle = replaceRow(config.mangle, '*4', {
		chain: 'prerouting', action: 'mark-routing', 'in-interface': 'bridge', 'connection-state': 'new',
		'per-connection-classifier': 'both-addresses-and-ports:2/1', 'new-routing-mark': 'wan2', passthrough: 'false',
	});
	const [problem] = only(config, 'mark-routing-uses-pcc');
	assert.equal(problem.subject, 'wan2');
	assert.deepEqual(discover(config).wans.find(wan => wan.name === 'wan2')?.remainders, [1], 'its bucket still leads to wan2');
});

test('missing-masquerade: no srcnat rule covers a WAN interface', () => {
	const config = cleanV7();
	config.nat = rows('chain=srcnat action=masquerade out-interface=ether1');
	assert.deepEqual(only(config, 'missing-masquerade').map(problem => problem.subject), ['ether2']);
	assert.equal(discover(config).wans[1].masquerade, false);

	const viaList = cleanV7();
	viaList.nat = rows('chain=srcnat action=masquerade out-interface-list=WAN');
	viaList.interfaceLists = rows('name=WAN');
	viaList.interfaceListMembers = rows('list=WAN interface=ether1', 'list=WAN interface=ether2');
	assert.deepEqual(only(viaList, 'missing-masquerade'), []);

	const catchAll = cleanV7();
	catchAll.nat = rows('chain=srcnat action=src-nat to-addresses=203.0.113.2 src-address=192.168.88.0/24');
	assert.deepEqual(only(catchAll, 'missing-masquerade'), [], 'a rule with no out-interface covers every interface');

	const disabled = cleanV7();
	disabled.nat = rows('chain=srcnat action=masquerade out-interface=ether1', 'chain=srcnat action=masquerade out-interface=ether2 disabled=true');
	assert.deepEqual(only(disabled, 'missing-masquerade').map(problem => problem.subject), ['ether2']);
});

test('no-check-gateway: an address gateway without check-gateway; interface gateways are exempt', () => {
	const config = cleanV7();
	config.routes = editRow(config.routes, '*2', {'check-gateway': undefined});
	const [problem] = only(config, 'no-check-gateway');
	assert.equal(problem.subject, 'wan2');
	assert.match(problem.message, /check-gateway=ping/);

	const ppp = cleanV7();
	ppp.pppoeClients = rows('name=pppoe-out1 interface=ether2 user=me add-default-route=false');
	ppp.routes = editRow(ppp.routes, '*2', {'check-gateway': undefined, gateway: 'pppoe-out1'});
	ppp.nat = rows('chain=srcnat action=masquerade out-interface=ether1', 'chain=srcnat action=masquerade out-interface=all-ppp');
	assert.deepEqual(only(ppp, 'no-check-gateway'), []);
	assert.equal(discover(ppp).wans[1].interface, 'pppoe-out1');
	assert.deepEqual(only(ppp, 'missing-masquerade'), [], 'all-ppp covers a PPPoE uplink');
});

test('no-main-default-route: unless a static route or a DHCP/PPPoE client provides one', () => {
	const config = cleanV7();
	config.routes = config.routes.filter(row => !(row['routing-table'] === 'main' && row['dst-address'] === '0.0.0.0/0'));
	assert.deepEqual(findings(config).filter(item => item.startsWith('no-main')), ['no-main-default-route:']);
	assert.equal(discover(config).fallbackMainRoute, false);

	const dhcp = {...config, dhcpClients: rows('interface=ether1')};
	assert.equal(discover(dhcp).fallbackMainRoute, true, 'a DHCP client adds a default route unless told not to');
	const dhcpOff = {...config, dhcpClients: rows('interface=ether1 add-default-route=no')};
	assert.equal(discover(dhcpOff).fallbackMainRoute, false);
	const pppoe = {...config, pppoeClients: rows('name=pppoe-out1 interface=ether2 add-default-route=true')};
	assert.equal(discover(pppoe).fallbackMainRoute, true);
});

test('no-route-for-routing-mark: a mark whose table has no default route', () => {
	const config = cleanV7();
	config.routes = replaceRow(config.routes, '*2', undefined);
	const [problem] = only(config, 'no-route-for-routing-mark');
	assert.equal(problem.subject, 'wan2');
	assert.match(problem.message, /routing-table=wan2/);
});

test('routing-table-missing: v7 table names are case-sensitive', () => {
	const config = cleanV7();
	config.routingTables = rows('name=main fib=true dynamic=true', 'name=wan1 fib=true', 'name=WAN2 fib=true');
	config.routes = editRow(config.routes, '*2', {'routing-table': 'WAN2'});
	const [problem] = only(config, 'routing-table-missing');
	assert.equal(problem.subject, 'wan2');
	assert.match(problem.message, /there is "WAN2"/);
	assert.deepEqual(only(config, 'no-route-for-routing-mark'), [], 'one finding per cause');
	assert.deepEqual(only(config, 'unused-routing-table').map(item => item.subject), ['WAN2']);
});

test('unused-routing-table: a v7 table with routes and nothing that uses it', () => {
	const config = cleanV7();
	config.routingTables = [...config.routingTables, ...rows('name=wan3 fib=true')];
	config.routes = [...config.routes, {'.id': '*10', disabled: 'false', 'dst-address': '0.0.0.0/0', gateway: '192.0.2.1', 'routing-table': 'wan3'}];
	assert.deepEqual(only(config, 'unused-routing-table').map(problem => problem.subject), ['wan3']);
	config.routingRules = rows('src-address=192.168.88.50/32 action=lookup-only-in-table table=wan3');
	assert.deepEqual(only(config, 'unused-routing-table'), [], 'a routing rule uses it');
});

test('connection-mark-without-routing: a PCC mark nothing in prerouting routes', () => {
	const config = cleanV7();
	config.mangle = replaceRow(config.mangle, '*6', undefined);
	const [problem] = only(config, 'connection-mark-without-routing');
	assert.equal(problem.subject, 'wan2_conn');
	assert.equal(discover(config).wans.find(wan => wan.connectionMark === 'wan2_conn')?.name, 'wan2', 'the output rule still names the WAN');
});

test('routing-mark-mismatch: prerouting and output disagree', () => {
	const config = cleanV7();
	config.mangle = editRow(config.mangle, '*8', {'new-routing-mark': 'wan1'});
	const [problem] = only(config, 'routing-mark-mismatch');
	assert.equal(problem.subject, 'wan2_conn');
	assert.match(problem.message, /wan2 \(prerouting\) and wan1 \(output\)/);
});

test('no-inbound-mark: nothing marks connections arriving on the uplink', () => {
	const config = cleanV7();
	config.mangle = replaceRow(config.mangle, '*2', undefined);
	const [problem] = only(config, 'no-inbound-mark');
	assert.equal(problem.subject, 'wan2');
	assert.match(problem.message, /in-interface=ether2/);
});

test('rule-shadowed: an earlier accept takes every packet of later rules', () => {
	const config = cleanV7();
	config.mangle = [
		...rows('chain=prerouting action=accept in-interface=bridge comment="accept LAN"').map(row => ({...row, '.id': '*20'})),
		...config.mangle,
	];
	assert.deepEqual(only(config, 'rule-shadowed').map(problem => problem.subject), ['wan1_conn', 'wan2_conn', 'wan1', 'wan2']);
	assert.match(only(config, 'rule-shadowed')[0].message, /\*20 \(prerouting accept "accept LAN"\)/);

	const narrow = cleanV7();
	narrow.mangle = [
		...rows('chain=prerouting action=accept in-interface=bridge dst-address=192.168.88.1 comment="Skip PCC for management"').map(row => ({...row, '.id': '*20'})),
		...narrow.mangle,
	];
	assert.deepEqual(only(narrow, 'rule-shadowed'), [], 'a narrower accept leaves the rest alone');

	const returned = cleanV7();
	returned.mangle = rows(
		'chain=prerouting action=jump jump-target=balance in-interface=bridge connection-state=new',
		'chain=balance action=return',
		'chain=balance action=mark-connection per-connection-classifier=both-addresses:2/0 new-connection-mark=wan1_conn',
		'chain=balance action=mark-connection per-connection-classifier=both-addresses:2/1 new-connection-mark=wan2_conn',
		'chain=prerouting action=mark-routing connection-mark=wan1_conn new-routing-mark=wan1 passthrough=false',
		'chain=prerouting action=mark-routing connection-mark=wan2_conn new-routing-mark=wan2 passthrough=false',
	);
	assert.deepEqual(only(returned, 'rule-shadowed').map(problem => problem.subject), ['wan1_conn', 'wan2_conn'], 'return ends the custom chain');
	assert.deepEqual(findings(returned).filter(item => item.startsWith('unassigned')), [], 'shadowed rules still show their buckets');
});

test('empty-interface-list and empty-address-list: lists the PCC rules match on', () => {
	const config = cleanV7();
	config.interfaceLists = rows('name=LAN', 'name=WAN');
	config.interfaceListMembers = rows('list=WAN interface=ether1');
	for (const id of ['*3', '*4']) {
		config.mangle = editRow(config.mangle, id, {'in-interface': undefined, 'in-interface-list': 'LAN', 'dst-address-list': '!no_balance'});
	}
	assert.deepEqual(only(config, 'empty-interface-list').map(problem => problem.subject), ['LAN']);
	assert.deepEqual(only(config, 'empty-address-list').map(problem => problem.subject), ['no_balance']);

	config.interfaceListMembers = rows('list=WAN interface=ether1', 'list=LAN interface=bridge');
	config.addressLists = rows('list=no_balance address=10.0.0.0/8');
	assert.deepEqual(only(config, 'empty-interface-list'), []);
	assert.deepEqual(only(config, 'empty-address-list'), []);

	const included = {...config, interfaceLists: rows('name=LAN include=LANS', 'name=LANS'), interfaceListMembers: rows('list=LANS interface=bridge')};
	assert.deepEqual(only(included, 'empty-interface-list'), [], 'members of an included list count');
});

test('netwatch-flushes-all-connections: a script that removes every connection', () => {
	const config = cleanV7();
	config.netwatch = editRow(config.netwatch, '*1', {'down-script': '/ip firewall connection remove [find]'});
	assert.deepEqual(only(config, 'netwatch-flushes-all-connections').map(problem => problem.subject), ['1.1.1.1']);
	config.netwatch = editRow(config.netwatch, '*1', {'down-script': ':foreach c in=[/ip firewall connection find] do={/ip firewall connection remove $c}'});
	assert.equal(only(config, 'netwatch-flushes-all-connections').length, 1);
});

test('netwatch-probe-unpinned: the probe follows main unless a host route pins it', () => {
	const config = cleanV7();
	config.routes = replaceRow(config.routes, '*6', undefined);
	const [problem] = only(config, 'netwatch-probe-unpinned');
	assert.equal(problem.subject, '9.9.9.9');
	assert.match(problem.message, /dst-address=9\.9\.9\.9\/32 gateway=198\.51\.100\.1/);
	assert.deepEqual(discover(config).wans[1].netwatch.map(probe => probe.host), ['9.9.9.9'], 'still tied to wan2 by its script');
});

test('duplicate-probe-host: two WANs watch one host', () => {
	const config = cleanV7();
	config.netwatch = editRow(config.netwatch, '*2', {host: '1.1.1.1'});
	assert.deepEqual(only(config, 'duplicate-probe-host').map(problem => problem.subject), ['1.1.1.1']);
});

test('static-gateway-on-dhcp-wan: unless the DHCP client script rewrites the route', () => {
	const config = cleanV7();
	config.addresses = config.addresses.filter(row => row.interface !== 'ether1');
	config.dhcpClients = rows('interface=ether1 add-default-route=no');
	config.routes = editRow(config.routes, '*1', {comment: 'isp1'});
	const [problem] = only(config, 'static-gateway-on-dhcp-wan');
	assert.equal(problem.subject, 'wan1');
	assert.equal(discover(config).wans[0].interface, 'ether1', 'the inbound rule names the interface when nothing else does');

	config.dhcpClients = rows('interface=ether1 add-default-route=no script="if ($bound=1) do={ :local gw $\\"gateway-address\\"; /ip route set [find comment=\\"isp1\\"] gateway=$gw }"');
	assert.deepEqual(only(config, 'static-gateway-on-dhcp-wan'), []);
	assert.equal(discover(config).wans[0].interface, 'ether1');
});

test('hotspot-with-pcc: a HotSpot on the balanced interface', () => {
	const config = cleanV7();
	config.hotspots = rows('name=hs1 interface=ether3');
	assert.deepEqual(only(config, 'hotspot-with-pcc'), [], 'not on the balanced interface');
	config.hotspots = rows('name=hs1 interface=bridge');
	assert.deepEqual(findings(config).filter(item => item.startsWith('hotspot')), ['hotspot-with-pcc:']);
});

test('comment-contradicts-rule: the comment names another WAN', () => {
	const config = cleanV7();
	config.mangle = editRow(config.mangle, '*4', {comment: 'PCC LAN->WAN1'});
	const [problem] = only(config, 'comment-contradicts-rule');
	assert.equal(problem.subject, '2/1');
	assert.match(problem.message, /marks wan2_conn for wan2/);
});

test('invalid-pcc-syntax: a remainder list is read and flagged', () => {
	const config = cleanV7();
	config.mangle = editRow(config.mangle, '*3', {'per-connection-classifier': 'both-addresses-and-ports:3/0,1'});
	config.mangle = editRow(config.mangle, '*4', {'per-connection-classifier': 'both-addresses-and-ports:3/2'});
	const [problem] = only(config, 'invalid-pcc-syntax');
	assert.equal(problem.subject, 'both-addresses-and-ports:3/0,1');
	assert.match(problem.message, /one rule per remainder \(:3\/0, :3\/1\)/);
	assert.deepEqual(discover(config).wans.map(wan => wan.remainders), [[0, 1], [2]]);
});

/** Every code the ProblemCode type lists, read from its source. */
async function problemCodes(): Promise<string[]> {
	const {readFile} = await import('node:fs/promises');
	const types = await readFile(new URL('../../source/pcc/types.ts', import.meta.url), 'utf8');
	const block = types.slice(types.indexOf('export type ProblemCode'), types.indexOf('export interface Problem'));
	return [...block.matchAll(/'([a-z-]+)'/g)].map(match => match[1]);
}

test('every problem code has a test in test/pcc', async () => {
	const codes = await problemCodes();
	const {readdir, readFile} = await import('node:fs/promises');
	const here = new URL('.', import.meta.url);
	const files = (await readdir(here)).filter(name => name.endsWith('.test.ts'));
	const texts = await Promise.all(files.map(name => readFile(new URL(name, here), 'utf8')));
	assert.ok(codes.length >= 26);
	for (const code of codes) {
		assert.ok(texts.some(text => text.includes(`test('${code}`) || text.includes(`and ${code}:`)), `no test for ${code}`);
	}
});

test('every problem code is in the README\'s problem table, with its severity', async () => {
	const codes = await problemCodes();
	const {readFile} = await import('node:fs/promises');
	const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
	const {readdir} = await import('node:fs/promises');
	const checks = new URL('../../source/pcc/problems/', import.meta.url);
	const sources = (await Promise.all((await readdir(checks)).map(name => readFile(new URL(name, checks), 'utf8')))).join('\n');
	for (const code of codes) {
		const severity = new RegExp(`problem\\('${code}',\\s*(?:''|[^,']+),\\s*'(error|warning)'`).exec(sources)?.[1];
		assert.ok(severity, `${code} is raised somewhere with a severity`);
		assert.match(readme, new RegExp(`^\\| \`${code}\` \\| ${severity} \\|`, 'm'), `${code} is not in the README's table as ${severity}`);
	}
});

test('configuration-refused: the refused lines of a loaded configuration, the first three with line and reason', () => {
	const refused = [1, 4, 9, 12].map(line => ({line, message: `/ip teleport add: no such command (${line})`}));
	const found = configurationRefused('my.rsc', refused)!;
	assert.equal(found.code, 'configuration-refused');
	assert.equal(found.subject, 'my.rsc');
	assert.equal(found.severity, 'error');
	assert.match(found.message, /^4 lines were refused, so the router runs without them: line 1: .*line 4: .*line 9: [^;]*; and 1 more/);
	assert.equal(configurationRefused('my.rsc', []), undefined);
});
