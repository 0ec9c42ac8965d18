/** Until SIGINT or SIGTERM: how the headless modes (`sim`, `serve`) are told to stop. */
export function untilSignal(): Promise<NodeJS.Signals> {
	return new Promise(resolve => {
		const stop = (signal: NodeJS.Signals) => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			resolve(signal);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
