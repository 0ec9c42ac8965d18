export type PaneName = 'wans' | 'chart' | 'mangle' | 'routes' | 'events' | 'problems';

/** Tab order, and the number key that focuses each (1-based). */
export const paneOrder: readonly PaneName[] = ['wans', 'chart', 'mangle', 'routes', 'events', 'problems'];

export const paneTitles: Record<PaneName, string> = {
	wans: 'WANs',
	chart: 'Chart',
	mangle: 'Mangle',
	routes: 'Routes & netwatch',
	events: 'Events',
	problems: 'Problems',
};

export type ChartMode = 'connections' | 'throughput' | 'new';
export const chartModes: readonly ChartMode[] = ['connections', 'throughput', 'new'];
