import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseRsc} from '../../../source/sim/rsc/parse.js';

test('reads the export header: version, model, software id', () => {
	const script = parseRsc([
		'# 2024-01-02 13:45:00 by RouterOS 7.18.2',
		'# software id = AB12-CD34',
		'#',
		'# model = RB5009UG+S+',
		'# serial number = HE0000000',
		'/system identity',
		'set name=edge',
	].join('\n'));
	assert.equal(script.version, '7.18.2');
	assert.equal(script.model, 'RB5009UG+S+');
	assert.equal(script.softwareId, 'AB12-CD34');
	assert.deepEqual(script.commands, [{path: '/system/identity', verb: 'set', attributes: [['name', 'edge']], line: 7}]);
	assert.deepEqual(script.warnings, []);
});

test('reads a RouterOS 6 header with its old date format', () => {
	assert.equal(parseRsc('# jan/02/2024 13:45:00 by RouterOS 6.49.7\n# software id = X\n').version, '6.49.7');
});

test('section lines set the menu for the commands after them', () => {
	const script = parseRsc([
		'/ip firewall mangle',
		'add chain=prerouting action=accept',
		'/ip/firewall/nat',
		'add chain=srcnat action=masquerade out-interface=ether1',
		'/routing table add name=wan1 fib',
		'/ip firewall mangle add chain=forward action=passthrough',
	].join('\n'));
	assert.deepEqual(script.commands.map(command => [command.path, command.verb, command.attributes, command.line]), [
		['/ip/firewall/mangle', 'add', [['chain', 'prerouting'], ['action', 'accept']], 2],
		['/ip/firewall/nat', 'add', [['chain', 'srcnat'], ['action', 'masquerade'], ['out-interface', 'ether1']], 4],
		['/routing/table', 'add', [['name', 'wan1'], ['fib', '']], 5],
		['/ip/firewall/mangle', 'add', [['chain', 'forward'], ['action', 'passthrough']], 6],
	]);
	assert.deepEqual(script.warnings, []);
});

test('quoted values keep spaces and decode every escape', () => {
	const script = parseRsc([
		'/ip firewall mangle',
		String.raw`add chain=prerouting comment="say \"hi\" \\ back\nslash" action=accept`,
		String.raw`add chain=prerouting comment="a\_b \$x \? \E2\80\94 dash" action=accept`,
		String.raw`add chain=prerouting comment="" action=accept`,
	].join('\n'));
	assert.equal(script.commands[0].attributes[1][1], 'say "hi" \\ back\nslash');
	assert.equal(script.commands[1].attributes[1][1], 'a b $x ? \u2014 dash');
	assert.equal(script.commands[2].attributes[1][1], '');
	assert.deepEqual(script.warnings, []);
});

test('continuation lines join, inside and outside quotes, with or without indentation', () => {
	const script = parseRsc([
		'/ip firewall mangle',
		'add action=mark-connection chain=prerouting \\',
		'    new-connection-mark=wan1_conn passthrough=yes comment="a long \\',
		'    comment" \\',
		'per-connection-classifier=both-addresses:2/0',
		'add chain=forward action=accept',
	].join('\r\n'));
	assert.deepEqual(script.commands[0].attributes, [
		['action', 'mark-connection'], ['chain', 'prerouting'], ['new-connection-mark', 'wan1_conn'],
		['passthrough', 'yes'], ['comment', 'a long comment'], ['per-connection-classifier', 'both-addresses:2/0'],
	]);
	assert.equal(script.commands[1].line, 6);
});

test('a flattened continuation ("\\ " mid-line, as the seeds show it) reads as a space', () => {
	const script = parseRsc('/ip firewall mangle\nadd chain=prerouting action=mark-routing new-routing-mark=wan1 \\ passthrough=no \\ connection-mark=wan1_conn\n');
	assert.deepEqual(script.commands[0].attributes.map(([name]) => name), ['chain', 'action', 'new-routing-mark', 'passthrough', 'connection-mark']);
	assert.deepEqual(script.warnings, []);
});

test('find selectors: spaced, with where, flags, negations, regex and quoted values', () => {
	const script = parseRsc([
		'/interface ethernet',
		'set [ find default-name=ether1 ] comment=WAN1',
		'/ip firewall connection',
		'remove [find where connection-mark=wan1_conn]',
		'/interface bridge',
		'set [ find default=yes ] comment="main bridge"',
		'/ip route',
		'set [ find comment="isp 1" !disabled ] gateway=10.0.0.1',
		'remove [find dynamic and gateway~"^10\\." and routing-table!=main]',
		'set [find] distance=3',
	].join('\n'));
	assert.deepEqual(script.commands.map(command => command.selector), [
		{kind: 'find', conditions: [{name: 'default-name', op: '=', value: 'ether1'}]},
		{kind: 'find', conditions: [{name: 'connection-mark', op: '=', value: 'wan1_conn'}]},
		{kind: 'find', conditions: [{name: 'default', op: '=', value: 'yes'}]},
		{kind: 'find', conditions: [{name: 'comment', op: '=', value: 'isp 1'}, {name: 'disabled', op: '!=', value: 'yes'}]},
		{kind: 'find', conditions: [
			{name: 'dynamic', op: '=', value: 'yes'}, {name: 'gateway', op: '~', value: '^10.'}, {name: 'routing-table', op: '!=', value: 'main'},
		]},
		{kind: 'find', conditions: []},
	]);
	assert.deepEqual(script.commands[0].attributes, [['comment', 'WAN1']]);
	assert.deepEqual(script.commands[2].attributes, [['comment', 'main bridge']]);
	assert.deepEqual(script.warnings, []);
});

test('a selector inside a section-plus-command line, and in a quoted script value', () => {
	const script = parseRsc([
		'/ip firewall connection remove [find connection-mark=wan1_conn]',
		'/tool netwatch add host=203.0.113.1 down-script="/ip firewall connection remove [find connection-mark=wan1_conn]"',
	].join('\n'));
	assert.equal(script.commands[0].path, '/ip/firewall/connection');
	assert.equal(script.commands[0].verb, 'remove');
	assert.deepEqual(script.commands[1].attributes, [
		['host', '203.0.113.1'], ['down-script', '/ip firewall connection remove [find connection-mark=wan1_conn]'],
	]);
	assert.equal(script.commands[1].selector, undefined);
});

test('numbers select by print index; place-before and disabled stay attributes', () => {
	const script = parseRsc([
		'/ip firewall mangle',
		'add chain=prerouting action=accept dst-address=192.168.88.1 place-before=0 disabled=yes',
		'set 0,2 comment=x',
		'remove numbers=1',
		'move 3 0',
	].join('\n'));
	assert.deepEqual(script.commands[0].attributes.slice(-2), [['place-before', '0'], ['disabled', 'yes']]);
	assert.deepEqual(script.commands[1].selector, {kind: 'numbers', numbers: ['0', '2']});
	assert.deepEqual(script.commands[2].selector, {kind: 'numbers', numbers: ['1']});
	assert.deepEqual(script.commands[3], {path: '/ip/firewall/mangle', verb: 'move', attributes: [['destination', '0']], selector: {kind: 'numbers', numbers: ['3']}, line: 5});
});

test('comments are skipped anywhere; negated values keep their "!"', () => {
	const script = parseRsc([
		'# --- WAN1 ---',
		'/ip firewall mangle',
		'  # indented comment',
		'add chain=prerouting dst-address-type=!local connection-mark=no-mark action=accept # trailing',
	].join('\n'));
	assert.deepEqual(script.commands[0].attributes, [
		['chain', 'prerouting'], ['dst-address-type', '!local'], ['connection-mark', 'no-mark'], ['action', 'accept'],
	]);
	assert.deepEqual(script.warnings, []);
});

test('bad input never throws: each problem is a warning with its line, the rest still reads', () => {
	const script = parseRsc([
		'add chain=prerouting',
		'/ip firewall mangle',
		'add comment="never closed',
		'add chain=forward action=accept',
		'frobnicate the router',
		'set [ find name=x',
		'if (($"bound")=1) do={',
		':local gwip ($"gateway-address")',
		'}',
		'add chain=output action=accept',
		'set [ /ip route get 0 ] x=1',
	].join('\n'));
	assert.deepEqual(script.commands.map(command => [command.line, command.attributes[0]]), [
		[4, ['chain', 'forward']],
		[10, ['chain', 'output']],
	]);
	assert.deepEqual(script.warnings.map(warning => warning.line), [1, 3, 5, 6, 7, 11]);
	assert.match(script.warnings[0].message, /outside any menu/);
	assert.match(script.warnings[1].message, /unterminated/);
	assert.match(script.warnings[4].message, /scripting is not supported/);
	for (const junk of ['"', '[', '\\', '/', '=', 'add =x', '/ip route add ==', '\u0000\u00ff', '[[[]]]']) {
		assert.doesNotThrow(() => parseRsc(junk), junk);
	}
});

test('seed 001 formatting: "add ... \\" followed by an unindented continuation', () => {
	const script = parseRsc([
		'/ip firewall mangle',
		'add action=mark-connection chain=prerouting connection-mark=no-mark connection-state=new dst-address-type=!local in-interface=USER_01 new-connection-mark=isp1_conn passthrough=yes \\',
		'per-connection-classifier=both-addresses-and-ports:3/0',
	].join('\n'));
	assert.equal(script.commands.length, 1);
	assert.deepEqual(script.commands[0].attributes.at(-1), ['per-connection-classifier', 'both-addresses-and-ports:3/0']);
});
