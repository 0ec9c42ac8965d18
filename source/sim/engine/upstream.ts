/**
 * The world beyond the router's WAN ports: which gateways and hosts answer. Everything
 * answers until a scenario or test says otherwise. Keys are addresses (`203.0.113.1`) or,
 * for point-to-point links such as PPPoE, interface names (`pppoe-out1`).
 */
export class Upstream {
	private readonly down = new Set<string>();
	private readonly listeners = new Set<() => void>();

	isUp(key: string): boolean {
		return !this.down.has(key);
	}

	set(key: string, up: boolean): void {
		const changed = up ? this.down.delete(key) : !this.down.has(key) && this.down.add(key) !== undefined;
		if (changed) for (const listener of this.listeners) listener();
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}
