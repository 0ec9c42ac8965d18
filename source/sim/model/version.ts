/** A RouterOS version as the simulated router reports it; behaviour differs by version. */
export interface RouterOsVersion {
	major: number;
	minor: number;
	patch: number;
}

export function parseVersion(text: string): RouterOsVersion | undefined {
	const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
	if (!match) return undefined;
	return {major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0)};
}

export function atLeast(version: RouterOsVersion, major: number, minor = 0, patch = 0): boolean {
	if (version.major !== major) return version.major > major;
	if (version.minor !== minor) return version.minor > minor;
	return version.patch >= patch;
}

export function formatVersion(version: RouterOsVersion): string {
	return version.patch === 0 && version.major >= 7
		? `${version.major}.${version.minor}`
		: `${version.major}.${version.minor}.${version.patch}`;
}
