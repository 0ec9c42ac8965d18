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

/** A port a board has: its default name and the menu it is listed in. */
export interface BoardPort {
	name: string;
	/** `/interface/ethernet` for ether and sfp ports, `/interface/wireless`, `/interface/wifi`, `/interface/lte`. */
	menu: string;
}

function range(prefix: string, count: number, menu = '/interface/ethernet'): BoardPort[] {
	return Array.from({length: count}, (_value, index) => ({name: `${prefix}${index + 1}`, menu}));
}

/** ether1..etherN, as a board with N ethernet ports and nothing else has them. */
export function ethernetPorts(count: number): BoardPort[] {
	return range('ether', count);
}

/** The default board's (a hEX's) five ports. */
export const defaultPorts = ethernetPorts(5);

const sfp = (name: string): BoardPort => ({name, menu: '/interface/ethernet'});
const wlan = (count: number) => range('wlan', count, '/interface/wireless');
const wifi = (count: number) => range('wifi', count, '/interface/wifi');
const lte: BoardPort = {name: 'lte1', menu: '/interface/lte'};

/**
 * Boards exports name in their `# model =` header, with the ports they have as RouterOS
 * names them (MikroTik's product pages list them; docs/rsc-loader.md).
 */
const knownBoards: Record<string, Partial<Board> & {ports: BoardPort[]}> = {
	RB750Gr3: {name: 'hEX', ports: ethernetPorts(5)},
	RB760iGS: {name: 'hEX S', ports: [...ethernetPorts(5), sfp('sfp1')], cpu: 'MT7621'},
	'RB941-2nD': {name: 'hAP lite', ports: [...ethernetPorts(4), ...wlan(1)], architecture: 'smips', cpu: 'QCA9533', cpuCount: 1},
	'RB951Ui-2HnD': {name: 'hAP', ports: [...ethernetPorts(5), ...wlan(1)], architecture: 'mipsbe', cpu: 'QCA9531', cpuCount: 1},
	'RBD52G-5HacD2HnD': {name: 'hAP ac^2', ports: [...ethernetPorts(5), ...wlan(2)], architecture: 'arm', cpu: 'IPQ-4018'},
	'RBD53iG-5HacD2HnD': {name: 'hAP ac^3', ports: [...ethernetPorts(5), ...wlan(2)], architecture: 'arm', cpu: 'IPQ-4019'},
	'RBD53G-5HacD2HnD': {name: 'Chateau', ports: [...ethernetPorts(5), ...wlan(2), lte], architecture: 'arm', cpu: 'IPQ-4019'},
	'C52iG-5HaxD2HaxD': {name: 'hAP ax^3', ports: [...ethernetPorts(5), ...wifi(2)], architecture: 'arm64', cpu: 'IPQ-6010'},
	'RBLHGG-5acD': {name: 'LHG 5 ac', ports: [...ethernetPorts(1), ...wlan(1)], architecture: 'arm', cpu: 'IPQ-4018'},
	'2011iL': {name: 'RB2011iL', ports: ethernetPorts(10), architecture: 'mipsbe', cpu: 'AR9344', cpuCount: 1},
	'RB2011UiAS-2HnD': {name: 'RB2011UiAS-2HnD', ports: [...ethernetPorts(10), sfp('sfp1'), ...wlan(1)], architecture: 'mipsbe', cpu: 'AR9344', cpuCount: 1},
	RB3011UiAS: {name: 'RB3011UiAS', ports: [...ethernetPorts(10), sfp('sfp1')], architecture: 'arm', cpu: 'IPQ-8064', cpuCount: 2},
	'RB4011iGS+': {name: 'RB4011iGS+', ports: [...ethernetPorts(10), sfp('sfp-sfpplus1')], architecture: 'arm', cpu: 'ARMv7', totalMemory: 1_073_741_824},
	'RB4011iGS+5HacQ2HnD': {name: 'RB4011iGS+5HacQ2HnD', ports: [...ethernetPorts(10), sfp('sfp-sfpplus1'), ...wlan(2)], architecture: 'arm', cpu: 'ARMv7', totalMemory: 1_073_741_824},
	'RB5009UG+S+': {name: 'RB5009UG+S+', ports: [...ethernetPorts(8), sfp('sfp-sfpplus1')], architecture: 'arm64', cpu: 'ARM64', totalMemory: 1_073_741_824},
	'RB5009UPr+S+': {name: 'RB5009UPr+S+', ports: [...ethernetPorts(8), sfp('sfp-sfpplus1')], architecture: 'arm64', cpu: 'ARM64', totalMemory: 1_073_741_824},
	RB1100x4: {name: 'RB1100x4', ports: ethernetPorts(13), architecture: 'arm', cpu: 'AL21400', totalMemory: 1_073_741_824},
	'1100AHx2': {name: 'RB1100AHx2', ports: ethernetPorts(13), architecture: 'powerpc', cpu: 'P2020', cpuCount: 2},
	'CCR1009-7G-1C-1S+': {name: 'CCR1009-7G-1C-1S+', ports: [...ethernetPorts(7), sfp('combo1'), sfp('sfp-sfpplus1')], architecture: 'tile', cpu: 'tilegx', cpuCount: 9},
	'CCR1036-12G-4S': {name: 'CCR1036-12G-4S', ports: [...ethernetPorts(12), ...range('sfp', 4)], architecture: 'tile', cpu: 'tilegx', cpuCount: 36, totalMemory: 4_294_967_296},
	'CCR2004-16G-2S+': {name: 'CCR2004-16G-2S+', ports: [...ethernetPorts(16), ...range('sfp-sfpplus', 2)], architecture: 'arm64', cpu: 'ARM64', totalMemory: 4_294_967_296},
	'CCR2004-1G-12S+2XS': {name: 'CCR2004-1G-12S+2XS', ports: [...ethernetPorts(1), ...range('sfp-sfpplus', 12), ...range('sfp28-', 2)], architecture: 'arm64', cpu: 'ARM64', totalMemory: 4_294_967_296},
	'CCR2116-12G-4S+': {name: 'CCR2116-12G-4S+', ports: [...ethernetPorts(13), ...range('sfp-sfpplus', 4)], architecture: 'arm64', cpu: 'ARM64', cpuCount: 16, totalMemory: 17_179_869_184},
};

/**
 * The board for a model name and its ports. An unknown model keeps the default board's
 * figures but its name, and no ports: the loader gives it the ports the export names.
 */
export function boardForModel(model: string): {board: Partial<Board>; ports?: BoardPort[]} {
	const known = knownBoards[model];
	if (!known) return {board: {name: model, model}};
	const {ports, ...board} = known;
	return {board: {...board, model}, ports};
}
