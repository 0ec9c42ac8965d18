import assert from 'node:assert/strict';
import {homedir} from 'node:os';
import {describe, it} from 'node:test';
import {UsageError} from '../../source/commands/options.js';
import {parseProfiles} from '../../source/commands/profiles.js';
import {startSim} from '../../source/sim/index.js';
import type {UserAccount} from '../../source/sim/model/users.js';
import {profilesHome} from '../helpers/profiles.js';
import {runCli} from './helpers.js';

const file = '/home/op/.config/pccmon/routers.toml';

/** The two-wan router with its traffic standing still, so its report says ok (exit 0). */
async function twoWanRouter(t: {after: (fn: () => Promise<unknown>) => void}, users?: UserAccount[]) {
	const sim = await startSim({scenario: 'two-wan', clock: 'manual', users});
	t.after(() => sim.close());
	return sim;
}

function mistake(toml: string): string {
	try {
		parseProfiles(toml, file);
	} catch (error) {
		assert.ok(error instanceof UsageError, String(error));
		return error.message;
	}
	assert.fail('no mistake found');
}

describe('routers.toml', () => {
	it('reads each [routers.NAME] table, with paths from ~ and from the file\'s folder', () => {
		const profiles = parseProfiles([
			'# the office router',
			'[routers.office-gw]',
			'host = "192.0.2.1"',
			'port = 8729',
			'user = "monitor"',
			'password-file = "~/.config/pccmon/office-gw.pass"',
			'tls = true',
			'ca = "office-ca.pem"',
			'interval = 5',
			'',
			'[routers."branch 2"]',
			'host = "branch2.example.net"',
			'password-env = "BRANCH2_PASSWORD"',
		].join('\n'), file);
		assert.deepEqual(profiles, [
			{
				name: 'office-gw', host: '192.0.2.1', port: 8729, user: 'monitor', passwordFile: `${homedir()}/.config/pccmon/office-gw.pass`,
				passwordEnv: undefined, tls: true, ca: '/home/op/.config/pccmon/office-ca.pem', fingerprint: undefined, interval: 5,
			},
			{
				name: 'branch 2', host: 'branch2.example.net', port: undefined, user: undefined, passwordFile: undefined,
				passwordEnv: 'BRANCH2_PASSWORD', tls: undefined, ca: undefined, fingerprint: undefined, interval: undefined,
			},
		]);
	});

	it('says the file, the line and what to write for every mistake', () => {
		assert.equal(mistake('[routers.a]\nhost = "192.0.2.1"\n\npassword = "x"\n'), `${file}:4: a profile holds no password; use password-file = "~/.config/pccmon/a.pass" or password-env = "NAME"`);
		assert.equal(mistake('[routers.a]\nhots = "192.0.2.1"\n'), `${file}:2: unknown key hots in [routers.a]; the keys are host, port, user, password-file, password-env, tls, ca, fingerprint, interval`);
		assert.equal(mistake('[routers.a]\nhost = "192.0.2.1"\nport = "8728"\n'), `${file}:3: port in [routers.a] must be a port, 1 to 65535`);
		assert.equal(mistake('[routers.a]\nhost = "192.0.2.1"\ninterval = 0.1\n'), `${file}:3: interval in [routers.a] must be a number of seconds, at least 0.5`);
		assert.equal(mistake('[routers.a]\nhost = "192.0.2.1"\ntls = "yes"\n'), `${file}:3: tls in [routers.a] must be true or false`);
		assert.equal(mistake('[routers.a]\nuser = "monitor"\n'), `${file}:1: [routers.a] has no host; add host = "192.0.2.1"`);
		assert.equal(mistake('[routers.a]\nhost = "192.0.2.1"\npassword-file = "a.pass"\npassword-env = "A"\n'), `${file}:4: [routers.a] names both password-file and password-env; keep one`);
		assert.equal(mistake('[router.a]\nhost = "192.0.2.1"\n'), `${file}:1: unknown table [router]; profiles go in [routers.NAME] tables`);
		assert.match(mistake('[routers.a]\nhost = 192.0.2.1\n'), new RegExp(`^${file}:2: .+; see the README's Router profiles$`));
	});
});

describe('pccmon with router profiles', () => {
	it('pccmon NAME opens the profile, and --list prints them', async t => {
		const server = await twoWanRouter(t);
		const {home, file} = profilesHome(t, `[routers.lab]\nhost = "127.0.0.1"\nport = ${server.port}\n\n[routers.office-gw]\nhost = "office.example.invalid"\nuser = "monitor"\ntls = true\n`);
		const once = await runCli(['lab', '--once', '--json'], {XDG_CONFIG_HOME: home});
		assert.equal(once.code, 0, once.stderr);
		assert.equal(JSON.parse(once.stdout).router.host, '127.0.0.1');

		const list = await runCli(['--list'], {XDG_CONFIG_HOME: home});
		assert.equal(list.code, 0);
		assert.equal(list.stdout, `lab        127.0.0.1:${server.port}\noffice-gw  office.example.invalid  (user monitor, tls)\n`);
		const none = await runCli(['--list'], {XDG_CONFIG_HOME: `${home}/nowhere`});
		assert.equal(none.stdout, `no router profiles in ${home}/nowhere/pccmon/routers.toml; add [routers.NAME] tables (see the README's Router profiles)\n`);
		assert.ok(file);
	});

	it('flags win over the profile', async t => {
		const server = await twoWanRouter(t);
		const {home} = profilesHome(t, '[routers.lab]\nhost = "127.0.0.1"\nport = 1\n');
		const once = await runCli(['lab', '--port', String(server.port), '--once'], {XDG_CONFIG_HOME: home});
		assert.equal(once.code, 0, once.stderr);
		assert.match(once.stdout, /WAN wan1/);
	});

	it('takes the password from the variable the profile names, and says so when it is not set', async t => {
		const server = await twoWanRouter(t, [{name: 'admin', group: 'full', password: ''}, {name: 'monitor', group: 'read', password: 'lab-secret'}]);
		const {home} = profilesHome(t, `[routers.lab]\nhost = "127.0.0.1"\nport = ${server.port}\nuser = "monitor"\npassword-env = "LAB_PASSWORD"\n`);
		const good = await runCli(['lab', '--once'], {XDG_CONFIG_HOME: home, LAB_PASSWORD: 'lab-secret', PCCMON_PASSWORD: 'not this one'});
		assert.equal(good.code, 0, good.stderr);
		const unset = await runCli(['lab', '--once'], {XDG_CONFIG_HOME: home, LAB_PASSWORD: undefined});
		assert.equal(unset.code, 2);
		assert.equal(unset.stderr, 'pccmon: the profile lab takes its password from $LAB_PASSWORD, which is not set; export it first\n');
	});

	it('an address is never looked up among the profiles', async t => {
		const server = await twoWanRouter(t);
		// A broken file does not stand in the way of a router given by address.
		const {home} = profilesHome(t, '[routers.broken\n');
		const once = await runCli([`127.0.0.1:${server.port}`, '--once'], {XDG_CONFIG_HOME: home});
		assert.equal(once.code, 0, once.stderr);
	});
});
