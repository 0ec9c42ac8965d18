import {Counter, Gauge, Registry} from 'prom-client';
import type {MonitorState} from '../monitor/state.js';
import {metricSpecs, routerSamples, type MetricName} from './samples.js';

/** A router whose state a scrape reports: its label, its address and where its state is. */
export interface WatchedRouter {
	name: string;
	host: string;
	state(): MonitorState;
}

type Metric = Gauge<string> | Counter<string>;

/**
 * The metrics of every watched router, rendered by prom-client at each scrape from the
 * routers' current states: a scrape reads memory only, never the routers.
 */
export class MetricsRegistry {
	readonly contentType: string;
	private readonly registry = new Registry();
	private readonly metrics = new Map<MetricName, Metric>();

	constructor(private readonly routers: readonly WatchedRouter[]) {
		this.contentType = this.registry.contentType;
		for (const spec of metricSpecs) {
			const options = {name: spec.name, help: spec.help, labelNames: [...spec.labels], registers: [this.registry]};
			this.metrics.set(spec.name, spec.type === 'counter' ? new Counter(options) : new Gauge(options));
		}
	}

	async render(): Promise<string> {
		for (const metric of this.metrics.values()) metric.reset();
		for (const router of this.routers) {
			for (const sample of routerSamples(router.name, router.host, router.state())) {
				const metric = this.metrics.get(sample.name)!;
				// A counter mirrors the router's own: it is set by adding its value to a fresh zero.
				if (metric instanceof Counter) metric.inc(sample.labels, sample.value);
				else metric.set(sample.labels, sample.value);
			}
		}
		return this.registry.metrics();
	}
}
