/**
 * A recording's first line, in plain text so `head -1` says what a file is:
 * `pccmon-recording VERSION {"router":…,"host":…,"started":…}`. A raw deflate stream of
 * record lines (records.ts) follows, flushed after every record so a file cut anywhere reads
 * up to the last whole record (docs/recording-format.md).
 */
export const formatName = 'pccmon-recording';
export const formatVersion = 1;

export interface RecordingMeta {
	/** The profile's name or the host: what the file is named after. */
	router: string;
	/** The address polled, as `--once` reports it. */
	host: string;
	/** Wall-clock ms the recording began. */
	started: number;
	/** The refresh interval the session started with (later changes are records). */
	intervalMs: number;
}

export function headerLine(meta: RecordingMeta): string {
	return `${formatName} ${formatVersion} ${JSON.stringify(meta)}\n`;
}

/** The header's version and meta; a message saying what is wrong otherwise. */
export function readHeader(line: string): {version: number; meta: RecordingMeta} | {error: string} {
	const match = new RegExp(`^${formatName} (\\d+) (\\{.*\\})$`).exec(line);
	if (!match) return {error: 'not a pccmon recording'};
	const version = Number(match[1]);
	if (version > formatVersion) {
		return {error: `recorded in format ${version}; this pccmon reads up to format ${formatVersion}: replay it with a newer pccmon`};
	}
	try {
		return {version, meta: JSON.parse(match[2]) as RecordingMeta};
	} catch {
		return {error: 'not a pccmon recording (its first line is damaged)'};
	}
}
