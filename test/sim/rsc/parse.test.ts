import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseRsc, unreadableLines} from '../../../source/sim/rsc/parse.js';
import {writtenCommands} from '../../../source/sim/rsc/static.js';

/** The commands as written: menu, verb, plain name=value pairs and line. */
function commands(text: string) {
	return writtenCommands(parseRsc(text)).map(({path, verb, attributes, line}) => ({path, verb, attributes, line}));
}

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
	assert.deepEqual(writtenCommands(script).map(({path, verb, attributes, line}) => ({path, verb, attributes, line})), [
		{path: '/system/identity', verb: 'set', attributes: [['name', 'edge']], line: 7},
	]);
	assert.deepEqual(unreadableLines(script), []);
});

test('reads a RouterOS 6 header with its old date format', () => {
	assert.equal(parseRsc('# jan/02/2024 13:45:00 by RouterOS 6.49.7\n# software id = X\n').version, '6.49.7');
});

test('section lines set the menu for the commands after them', () => {
	const text = ([
		'/ip firewall mangle',
		'add chain=prerouting action=accept',
		'/ip/firewall/nat',
		'add chain=srcnat action=masquerade out-interface=ether1',
		'/routing table add name=wan1 fib',
		'/ip firewall mangle add chain=forward action=passthrough',
	].join('\n'));
	assert.deepEqual(commands(text).map(command => [command.path, command.verb, command.attributes, command.line]), [
		['/ip/firewall/mangle', 'add', [['chain', 'prerouting'], ['action', 'accept']], 2],
		['/ip/firewall/nat', 'add', [['chain', 'srcnat'], ['action', 'masquerade'], ['out-interface', 'ether1']], 4],
		['/routing/table', 'add', [['name', 'wan1']], 5],
		['/ip/firewall/mangle', 'add', [['chain', 'forward'], ['action', 'passthrough']], 6],
	]);
	assert.deepEqual(unreadableLines(parseRsc(text)), []);
});

test('quoted values keep spaces and decode every escape', () => {
	const script = commands([
		'/ip firewall mangle',
		String.raw`add chain=prerouting comment="say \"hi\" \\ back\nslash" action=accept`,
		String.raw`add chain=prerouting comment="a\_b \$x \? \E2\80\94 dash" action=accept`,
		String.raw`add chain=prerouting comment="" action=accept`,
	].join('\n'));
	assert.equal(script[0].attributes[1][1], 'say "hi" \\ back\nslash');
	assert.equal(script[1].attributes[1][1], 'a b $x ? \u2014 dash');
	assert.equal(script[2].attributes[1][1], '');
});

test('continuation lines join, inside and outside quotes, with or without indentation', () => {
	const script = commands([
		'/ip firewall mangle',
		'add action=mark-connection chain=prerouting \\',
		'    new-connection-mark=wan1_conn passthrough=yes comment="a long \\',
		'    comment" \\',
		'per-connection-classifier=both-addresses:2/0',
		'add chain=forward action=accept',
	].join('\r\n'));
	assert.deepEqual(script[0].attributes, [
		['action', 'mark-connection'], ['chain', 'prerouting'], ['new-connection-mark', 'wan1_conn'],
		['passthrough', 'yes'], ['comment', 'a long comment'], ['per-connection-classifier', 'both-addresses:2/0'],
	]);
	assert.equal(script[1].line, 6);
});

test('a flattened continuation ("\\ " mid-line, as the seeds show it) reads as a space', () => {
	const text = '/ip firewall mangle\nadd chain=prerouting action=mark-routing new-routing-mark=wan1 \\ passthrough=no \\ connection-mark=wan1_conn\n';
	assert.deepEqual(commands(text)[0].attributes.map(([name]) => name), ['chain', 'action', 'new-routing-mark', 'passthrough', 'connection-mark']);
	assert.deepEqual(unreadableLines(parseRsc(text)), []);
});

test('a wrap inside a word or a quoted value joins with no space, as exports wrap them', () => {
	const script = commands([
		'/ip route',
		'add check-gateway=ping distance=2 dst-address=0.0.0.0/0 gateway=\\',
		'    203.0.113.9 routing-table=main suppress-hw-offload=\\',
		'    no',
		'/tool netwatch',
		'add down-script="ip route disable [find comment=To-IS\\',
		'    P1]\\r\\',
		'    \\n:log warning \\"down\\"" host=192.0.2.9',
	].join('\n'));
	assert.deepEqual(script[0].attributes, [
		['check-gateway', 'ping'], ['distance', '2'], ['dst-address', '0.0.0.0/0'], ['gateway', '203.0.113.9'],
		['routing-table', 'main'], ['suppress-hw-offload', 'no'],
	]);
	assert.deepEqual(script[1].attributes, [['down-script', 'ip route disable [find comment=To-ISP1]\r\n:log warning "down"'], ['host', '192.0.2.9']]);
});

test('a selector inside a section-plus-command line, and in a quoted script value', () => {
	const script = commands([
		'/ip firewall connection remove [find connection-mark=wan1_conn]',
		'/tool netwatch add host=203.0.113.1 down-script="/ip firewall connection remove [find connection-mark=wan1_conn]"',
	].join('\n'));
	assert.deepEqual(script.map(command => [command.path, command.verb]), [
		['/ip/firewall/connection', 'find'], ['/ip/firewall/connection', 'remove'], ['/tool/netwatch', 'add'],
	]);
	assert.deepEqual(script[2].attributes, [
		['host', '203.0.113.1'], ['down-script', '/ip firewall connection remove [find connection-mark=wan1_conn]'],
	]);
});

test('comments are skipped anywhere; negated values keep their "!"', () => {
	const text = [
		'# --- WAN1 ---',
		'/ip firewall mangle',
		'  # indented comment',
		'add chain=prerouting dst-address-type=!local connection-mark=no-mark action=accept # trailing',
	].join('\n');
	assert.deepEqual(commands(text)[0].attributes, [
		['chain', 'prerouting'], ['dst-address-type', '!local'], ['connection-mark', 'no-mark'], ['action', 'accept'],
	]);
	assert.deepEqual(unreadableLines(parseRsc(text)), []);
});

test('script syntax reads into blocks, variables, commands and expressions', () => {
	const script = parseRsc([
		':local lan "bridge"',
		':if ([:len [/ip address find where interface=$lan]] = 0) do={',
		'    /ip address add address=10.0.0.1/24 interface="$lan"',
		'} else={ :log info "has one" }',
		':foreach w in={"wan1"; $"wan-2"} do={ /ip firewall nat add chain=srcnat out-interface=$w action=masquerade }',
		'{',
		'/ip firewall mangle',
		'add chain=forward action=accept',
		'}',
	].join('\n'));
	assert.deepEqual(script.statements.map(statement => [statement.kind, statement.line]), [
		['script', 1], ['script', 2], ['script', 5], ['block', 6],
	]);
	assert.deepEqual(writtenCommands(script).map(command => [command.path, command.verb, command.line]), [
		['/ip/address', 'find', 2], ['/ip/address', 'add', 3], ['/ip/firewall/nat', 'add', 5], ['/ip/firewall/mangle', 'add', 8],
	]);
	assert.deepEqual(unreadableLines(script), []);
});

test('what cannot be read is one line each, never a throw; an unclosed "{" keeps its commands', () => {
	const script = parseRsc([
		'/ip firewall mangle',
		'add comment="never closed',
		'add chain=forward action=accept',
		'set [ find name=x',
		'frobnicate the router',
		'{',
		'add chain=output action=accept',
	].join('\n'));
	assert.deepEqual(unreadableLines(script).map(warning => warning.line).sort(), [2, 4, 5, 6]);
	assert.match(unreadableLines(script).find(warning => warning.line === 2)!.message, /unterminated/);
	assert.match(unreadableLines(script).find(warning => warning.line === 6)!.message, /never closed/);
	assert.deepEqual(writtenCommands(script).map(command => command.line), [3, 7]);
	for (const junk of ['"', '[', '\\', '/', '=', 'add =x', '/ip route add ==', '\u0000\u00ff', '[[[]]]', '}{', ':if (', '$', '((((']) {
		assert.doesNotThrow(() => parseRsc(junk), junk);
	}
});

test('seed 001 formatting: "add ... \\" followed by an unindented continuation', () => {
	const script = commands([
		'/ip firewall mangle',
		'add action=mark-connection chain=prerouting connection-mark=no-mark connection-state=new dst-address-type=!local in-interface=USER_01 new-connection-mark=isp1_conn passthrough=yes \\',
		'per-connection-classifier=both-addresses-and-ports:3/0',
	].join('\n'));
	assert.equal(script.length, 1);
	assert.deepEqual(script[0].attributes.at(-1), ['per-connection-classifier', 'both-addresses-and-ports:3/0']);
});
