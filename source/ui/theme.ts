import {createContext, useContext} from 'react';
import {blue, cyan, green, magenta, red, yellow} from 'asciichart';

/** Colours by meaning; with colour off every one is undefined and text carries the meaning. */
export type Tone = 'good' | 'bad' | 'warn' | 'accent' | 'muted';

const tones: Record<Tone, string> = {good: 'green', bad: 'red', warn: 'yellow', accent: 'cyan', muted: 'gray'};

/** One colour per WAN, the same in the table, the chart and its legend. */
const wanColors = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'];
const wanChartColors = [cyan, magenta, yellow, green, blue, red];

export const ColorContext = createContext<boolean>(true);

export function useTheme() {
	const color = useContext(ColorContext);
	return {
		color,
		tone: (tone: Tone | null | undefined): string | undefined => (color && tone ? tones[tone] : undefined),
		wan: (index: number): string | undefined => (color ? wanColors[index % wanColors.length] : undefined),
		chart: (index: number): string | undefined => (color ? wanChartColors[index % wanChartColors.length] : undefined),
	};
}
