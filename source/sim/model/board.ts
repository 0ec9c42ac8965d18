/** What `/system/resource` and `/system/routerboard` describe. */
export interface Board {
	name: string;
	model: string;
	serialNumber: string;
	architecture: string;
	cpu: string;
	cpuCount: number;
	cpuFrequencyMhz: number;
	totalMemory: number;
	totalHdd: number;
}

export const defaultBoard: Board = {
	name: 'hEX',
	model: 'RB750Gr3',
	serialNumber: 'HD10A1B2C3D',
	architecture: 'mmips',
	cpu: 'MT7621',
	cpuCount: 4,
	cpuFrequencyMhz: 880,
	totalMemory: 268_435_456,
	totalHdd: 16_777_216,
};

/** Boards exports name in their `# model =` header, with how many ethernet ports they have. */
const knownBoards: Record<string, Partial<Board> & {ports: number}> = {
	RB750Gr3: {name: 'hEX', ports: 5},
	RB760iGS: {name: 'hEX S', ports: 5, cpu: 'MT7621'},
	'RB5009UG+S+': {name: 'RB5009UG+S+', ports: 8, architecture: 'arm64', cpu: 'ARM64', totalMemory: 1_073_741_824},
	'RB4011iGS+': {name: 'RB4011iGS+', ports: 10, architecture: 'arm', cpu: 'ARMv7', totalMemory: 1_073_741_824},
	'CCR2004-16G-2S+': {name: 'CCR2004-16G-2S+', ports: 16, architecture: 'arm64', cpu: 'ARM64', totalMemory: 4_294_967_296},
	'CCR2116-12G-4S+': {name: 'CCR2116-12G-4S+', ports: 13, architecture: 'arm64', cpu: 'ARM64', totalMemory: 4_294_967_296},
	'CCR1036-12G-4S': {name: 'CCR1036-12G-4S', ports: 12, architecture: 'tile', cpu: 'tilegx', totalMemory: 4_294_967_296},
};

/**
 * The board for a model name and its ethernet port count; an unknown model keeps the default
 * board's figures but its name, with eight ports so most exports find their interfaces.
 */
export function boardForModel(model: string): {board: Partial<Board>; ethernetPorts: number} {
	const known = knownBoards[model];
	if (!known) return {board: {name: model, model}, ethernetPorts: 8};
	const {ports, ...board} = known;
	return {board: {...board, model}, ethernetPorts: ports};
}
