// What every esbuild bundle of pccmon's code shares: the shipped one (scripts/bundle.mjs) and
// the one the bench measures (scripts/bundle-bench.mjs).
export const nodeBundle = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	logLevel: 'warning',
	define: {
		// React's development build costs several times the CPU and memory of its production
		// one on a screen that redraws every second; the shipped command runs the production build.
		'process.env.NODE_ENV': '"production"',
	},
	// node-routeros loads it only when ENV=testing; it is not installed.
	external: ['source-map-support'],
};
