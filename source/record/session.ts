import {join} from 'node:path';
import type {MonitorStore} from '../monitor/store.js';
import {pccmonDir} from '../xdg.js';
import type {RecordingMeta} from './format.js';
import {defaultRetention, pruneRecordings, recordingName, type Retention} from './retention.js';
import {RecordingWriter} from './writer.js';

export interface RecordOptions {
	/** The file to write; else one named after the router in the recordings folder. */
	file?: string;
	retention?: Retention;
	env?: NodeJS.ProcessEnv;
}

/** `$XDG_STATE_HOME/pccmon/recordings`. */
export function recordingsDir(env: NodeJS.ProcessEnv = process.env): string {
	return join(pccmonDir('XDG_STATE_HOME', env), 'recordings');
}

/** Polls between looks at the folder's size while recording. */
const pruneEvery = 500;

/**
 * Records everything the store is given, from now until `close`. The recordings folder is
 * kept within its size and age when recording starts and every few hundred records after.
 */
export function startRecording(store: MonitorStore, meta: RecordingMeta, options: RecordOptions = {}): {path: string; close(): Promise<void>} {
	const folder = recordingsDir(options.env);
	const path = options.file ?? join(folder, recordingName(meta.router, new Date(meta.started)));
	const retention = options.retention ?? defaultRetention;
	const writer = new RecordingWriter(path, meta);
	const prune = () => {
		if (options.file === undefined) pruneRecordings(folder, retention, path);
	};
	prune();
	let records = 0;
	const untap = store.tap(action => {
		writer.record(action);
		if (++records % pruneEvery === 0) prune();
	});
	return {
		path,
		async close() {
			untap();
			await writer.close();
		},
	};
}
