import {readFile} from 'node:fs/promises';
import {createInflateRaw} from 'node:zlib';
import type {MonitorAction} from '../monitor/state.js';
import {readHeader, type RecordingMeta} from './format.js';
import {RecordDecoder} from './records.js';

export interface Recorded {
	at: number;
	action: MonitorAction;
}

export interface Recording {
	meta: RecordingMeta;
	records: Recorded[];
	/** Where the records end before the file does (cut or damaged): after this many polls, at this time. */
	damage: {polls: number; at: number | null} | null;
}

/** The file's problem in one line, for the user. */
export class RecordingError extends Error {
	override name = 'RecordingError';
}

/** Inflates as far as the stream goes: a cut or damaged stream yields what came before. */
function inflateAsFarAsItGoes(data: Buffer): Promise<{text: string; broken: boolean}> {
	return new Promise(resolve => {
		const inflate = createInflateRaw();
		const chunks: Buffer[] = [];
		let done = false;
		const finish = (broken: boolean) => {
			if (done) return;
			done = true;
			resolve({text: Buffer.concat(chunks).toString('utf8'), broken});
		};
		inflate.on('data', (chunk: Buffer) => chunks.push(chunk));
		inflate.on('error', () => finish(true));
		inflate.on('end', () => finish(false));
		inflate.end(data);
	});
}

/** Reads a recording: every whole record up to the end, or up to where it is damaged. */
export async function readRecording(path: string): Promise<Recording> {
	let data: Buffer;
	try {
		data = await readFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new RecordingError(`cannot read ${path} (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')})`);
	}
	const newline = data.indexOf(0x0a);
	const header = readHeader(data.subarray(0, newline < 0 ? Math.min(data.length, 4096) : newline).toString('utf8'));
	if ('error' in header) throw new RecordingError(`${path}: ${header.error}`);
	const {text, broken} = await inflateAsFarAsItGoes(data.subarray(newline + 1));
	const lines = text.split('\n');
	// A stream cut mid-record ends in a partial line; a whole one ends in a newline.
	const cut = lines.pop() !== '' || broken;
	const decoder = new RecordDecoder();
	const records: Recorded[] = [];
	for (const line of lines) {
		try {
			records.push(decoder.action(line));
		} catch {
			return {meta: header.meta, records, damage: damageAt(records)};
		}
	}
	return {meta: header.meta, records, damage: cut ? damageAt(records) : null};
}

function damageAt(records: Recorded[]): Recording['damage'] {
	return {polls: records.filter(record => record.action.type === 'snapshot').length, at: records.at(-1)?.at ?? null};
}
