// The launcher (dist/cli.js) and the bundle it runs are built apart and share no module, so
// the one hands the other its cache writer through a registered symbol.
const key = Symbol.for('pccmon.saveCodeCache');

type Holder = {[key]?: () => void};

/** The launcher: offers to write V8's code cache, when it had none it could use. */
export function offerCodeCache(save: () => void): void {
	(globalThis as Holder)[key] = save;
}

/**
 * Writes the code cache, once, if the launcher offered to. Called when start-up is over, so
 * the cache holds the code that start-up ran; does nothing under tsx or in tests.
 */
export function saveCodeCache(): void {
	const holder = globalThis as Holder;
	const save = holder[key];
	delete holder[key];
	save?.();
}
