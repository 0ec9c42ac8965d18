import meow from 'meow';
import {UsageError, type CliOptions, type GivenFlags} from './commands/options.js';
import {intervalSeconds} from './commands/interval.js';
import {profilesPath, listProfiles, readProfiles, withProfile} from './commands/profiles.js';
import {runMode} from './commands/run.js';
import {parseSize} from './record/retention.js';
import {RouterError} from './routeros/types.js';

const flagSpecs = {
	port: {type: 'number'},
	user: {type: 'string'},
	passwordFile: {type: 'string'},
	password: {type: 'string'},
	tls: {type: 'boolean', default: false},
	ca: {type: 'string'},
	insecure: {type: 'boolean', default: false},
	fingerprint: {type: 'string'},
	once: {type: 'boolean', default: false},
	json: {type: 'boolean', default: false},
	demo: {type: 'boolean', default: false},
	scenario: {type: 'string'},
	rsc: {type: 'string'},
	routeros: {type: 'string'},
	// A string, read by intervalSeconds: meow turns a missing or bad number into NaN or the default.
	interval: {type: 'string'},
	readOnly: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	yes: {type: 'boolean', default: false},
	dryRun: {type: 'boolean', default: false},
	stuck: {type: 'boolean', default: false},
	undo: {type: 'boolean', default: false},
	listen: {type: 'string'},
	config: {type: 'string'},
	list: {type: 'boolean', default: false},
	metrics: {type: 'string'},
	// A string that `--no-record` turns to false.
	record: {type: 'string'},
	recordMax: {type: 'string'},
	at: {type: 'string'},
	events: {type: 'boolean', default: false},
	seed: {type: 'number'},
	connections: {type: 'number'},
	rate: {type: 'number'},
	scanRate: {type: 'number'},
	fault: {type: 'string', isMultiple: true},
	tlsCert: {type: 'string'},
	tlsKey: {type: 'string'},
	// Ours, not meow's: meow only sees them when they are the only word on the line.
	help: {type: 'boolean', shortFlag: 'h', default: false},
	version: {type: 'boolean', shortFlag: 'v', default: false},
} as const;

const cli = meow(
	`
  Usage
    $ pccmon HOST[:PORT] [options]             live monitor
    $ pccmon HOST --once [--json]              one report, then exit
    $ pccmon HOST flush WAN [--stuck] [--yes] [--dry-run]
    $ pccmon HOST weights WAN=N [WAN=N ...] [--yes] [--dry-run]
    $ pccmon HOST weights --undo [--yes]
    $ pccmon --demo [--scenario NAME]          against a built-in simulated router
    $ pccmon sim [--port 8728] [--scenario NAME | --rsc FILE]
    $ pccmon check FILE.rsc [--routeros V] [--json]
                                               review an export, no router needed
    $ pccmon NAME [options]                    a router profile of routers.toml
    $ pccmon --list                            the router profiles
    $ pccmon serve [--config FILE] [--listen HOST:PORT]
                                               Prometheus metrics for every profile
    $ pccmon replay FILE [--once [--json] [--at HH:MM:SS|+SECONDS] | --events]
                                               a recorded session, as it was

  Connecting
    --port N             API port (default 8728, 8729 with --tls)
    --user NAME          account (default admin)
    --password-file F    read the password from F; else $PCCMON_PASSWORD, else a prompt
    --tls                use api-ssl and verify the router's certificate
    --ca FILE            trust this CA for --tls
    --fingerprint SHA256 pin the router's certificate (self-signed routers)
    --insecure           with --tls, skip certificate verification

  Monitoring
    --interval SECONDS   refresh interval (default 2, at least 0.5)
    --once               print a report and exit: 0 all WANs up and balancing,
                         1 degraded (a WAN down, or PCC balancing nothing), 2 no connection
    --json               print the --once report as JSON (implies --once)
    --read-only          never change the router
    --no-color           no colours (NO_COLOR is honoured too)
    --metrics HOST:PORT  also serve Prometheus metrics at http://HOST:PORT/metrics
    --record FILE        record the session to FILE (default: every live session is
                         recorded in $XDG_STATE_HOME/pccmon/recordings; --demo only with this)
    --no-record          do not record
    --record-max SIZE    keep the recordings folder under SIZE (default 500M; 14 days)

  Replay
    --at TIME            with --once: the moment to report, HH:MM:SS or +SECONDS from
                         the start (default: the end)
    --events             print the recording's events, one line each

  Metrics (serve)
    --config FILE        router profiles (default $XDG_CONFIG_HOME/pccmon/routers.toml,
                         ~/.config/pccmon/routers.toml)
    --listen HOST:PORT   where /metrics listens (default 127.0.0.1:9728)

  Acting
    --yes                do not ask (needed without a terminal)
    --dry-run            show what would change, change nothing
    --stuck              with flush: only connections the WAN left with before its
                         route went down (those since left by another WAN work)
    --undo               with weights: restore the rules before the last change

  Simulated router (sim, --demo)
    --scenario NAME      two-wan, three-wan-weighted, pppoe-2to1, failover,
                         routeros6, misconfigured (default failover)
    --rsc FILE           run a RouterOS export as the router's configuration
    --routeros VERSION   RouterOS version to act as, e.g. 7.18 or 6.49
    --listen ADDR        sim: address to listen on (default 127.0.0.1)
    --password TEXT      sim: the admin password (default empty)
    --seed N --connections N --rate N
                         sim: random seed, initial connections, new connections/s
    --scan-rate N        sim: rows per second the router walks a table at, so each
                         filtered or count-only print costs it time (default 0: free)
    --tls-cert FILE --tls-key FILE
                         sim: serve api-ssl with this PEM certificate and key
    --fault SPEC         sim: misbehave, for testing clients (repeatable): tiny-writes=N,
                         delay-terminator=MS, drop-mid-reply=N, reset-mid-reply=N,
                         slow-replies=MS, stall, garbage, oversized-word, refuse-login,
                         closed, fatal=REASON

  Anywhere on the line
    -h, --help           this help
    -v, --version        the version

  Examples
    $ PCCMON_PASSWORD=secret pccmon 192.168.88.1
    $ pccmon 192.168.88.1 --user monitor --password-file ~/.pccmon-pass --once --json
    $ pccmon router.example.net --tls --ca router-ca.pem
    $ pccmon 192.168.88.1 flush wan2 --dry-run
    $ pccmon 192.168.88.1 weights wan1=2 wan2=1
    $ pccmon --demo
    $ pccmon sim --port 0 --scenario three-wan-weighted
    $ pccmon check backup.rsc --routeros 6.49
    $ pccmon serve --listen 127.0.0.1:9728
`,
	{
		importMeta: import.meta,
		autoHelp: false,
		autoVersion: false,
		// Checked below instead, so an unknown flag gets our one-line error and exit code 2.
		allowUnknownFlags: true,
		flags: flagSpecs,
	},
);

function fail(message: string, code = 2): never {
	process.stderr.write(`pccmon: ${message}\n`);
	process.exit(code);
}

/** Checks the flags, then runs the mode they pick; resolves to the exit code. */
async function main(): Promise<number> {
	const flags = cli.flags;
	if (flags.help) cli.showHelp(0);
	if (flags.version) cli.showVersion();
	const unknown = Object.keys(flags).find(name => !(name in flagSpecs));
	if (unknown) {
		const spelled = unknown.length === 1 ? `-${unknown}` : `--${unknown.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`;
		throw new UsageError(`unknown option ${spelled}; see pccmon --help`);
	}
	if (flags.list) {
		const file = profilesPath();
		process.stdout.write(listProfiles(readProfiles(file, {required: false}), file));
		return 0;
	}
	const [first, ...rest] = cli.input;
	const isSim = first === 'sim';
	const isCheck = first === 'check';
	const isServe = first === 'serve';
	if (flags.password !== undefined && !isSim) {
		throw new UsageError(
			'there is no --password flag (it would show in ps); use PCCMON_PASSWORD or --password-file',
		);
	}
	const interval = intervalSeconds(flags.interval);
	if (flags.scenario && flags.rsc) throw new UsageError('give either --scenario or --rsc, not both');
	for (const [name, value] of [['port', flags.port], ['seed', flags.seed], ['connections', flags.connections], ['rate', flags.rate], ['scan-rate', flags.scanRate]] as const) {
		if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
			throw new UsageError(`--${name} takes a whole number`);
		}
	}
	if (flags.port !== undefined && flags.port > 65535) throw new UsageError('--port must be 0 to 65535');

	const record = flags.record as string | false | undefined;
	if (record === '') throw new UsageError('--record takes a file: --record incident.pccrec (or --no-record)');
	const recordMax = flags.recordMax === undefined ? undefined : parseSize(flags.recordMax);
	if (recordMax === undefined && flags.recordMax !== undefined) throw new UsageError(`--record-max takes a size such as 500M or 2G (got "${flags.recordMax}")`);
	const isReplay = first === 'replay';
	const given: GivenFlags = {port: flags.port, user: flags.user, passwordFile: flags.passwordFile, tls: flags.tls, ca: flags.ca, fingerprint: flags.fingerprint, interval: flags.interval};
	const options: CliOptions = {
		target: isSim || isCheck || isServe || isReplay || flags.demo ? undefined : first,
		port: isSim ? undefined : flags.port,
		user: flags.user ?? 'admin',
		passwordFile: flags.passwordFile,
		tls: flags.tls,
		ca: flags.ca,
		insecure: flags.insecure,
		fingerprint: flags.fingerprint,
		once: flags.once || flags.json,
		json: flags.json,
		demo: flags.demo,
		scenario: flags.scenario,
		rsc: flags.rsc,
		routeros: flags.routeros,
		intervalSeconds: interval,
		readOnly: flags.readOnly,
		color: flags.color && process.env['NO_COLOR'] === undefined && process.env['TERM'] !== 'dumb',
		yes: flags.yes,
		dryRun: flags.dryRun,
		stuck: flags.stuck,
		undo: flags.undo,
		metrics: flags.metrics,
		record: {enabled: record !== false, file: record || undefined, maxBytes: recordMax},
		replay: {at: flags.at, events: flags.events},
		serve: {config: flags.config, listen: flags.listen ?? '127.0.0.1:9728', given},
		sim: {
			listen: flags.listen ?? '127.0.0.1',
			port: isSim ? (flags.port ?? 8728) : 0,
			user: isSim ? (flags.user ?? 'admin') : 'admin',
			password: flags.password ?? '',
			seed: flags.seed,
			connections: flags.connections,
			rate: flags.rate,
			scanRate: flags.scanRate,
			faults: flags.fault ?? [],
			tlsCert: flags.tlsCert,
			tlsKey: flags.tlsKey,
		},
	};
	const words = isSim || isCheck || isServe || isReplay ? rest : flags.demo ? cli.input : rest;
	const mode = isSim ? 'sim' : isCheck ? 'check' : isServe ? 'serve' : isReplay ? 'replay' : 'client';
	return runMode(mode, withProfile(options, given), words);
}

// Not a top-level await: the bundle this file starts is a script, so V8 can cache its code.
main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		// A router that cannot be reached before the password is asked for is one line too.
		if (error instanceof UsageError || error instanceof RouterError) fail(error.message);
		throw error;
	},
);
