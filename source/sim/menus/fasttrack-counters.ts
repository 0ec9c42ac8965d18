import {fasttrackCounterComment, isFasttrackCounterRow} from '../model/fasttrack-counter-row.js';
import type {RouterState} from '../model/router-state.js';

const filterPath = '/ip/firewall/filter';

/**
 * Keeps the row a router shows while fasttrack is configured: first in `/ip/firewall/filter`,
 * dynamic, `chain=forward action=passthrough`, counting the packets and bytes that took the
 * fast path (the engine moves them), since the fasttrack rule itself counts only the packet
 * that sent each connection there. It goes when the last enabled fasttrack rule does.
 */
export class FasttrackCounterRule {
	constructor(private readonly router: RouterState) {}

	sync(): void {
		const rows = this.router.rows(filterPath);
		const existing = rows.find(isFasttrackCounterRow);
		const wanted = rows.some(item => item.fields.action === 'fasttrack-connection' && item.fields.disabled !== 'true');
		if (wanted && !existing) {
			this.router.insert(filterPath, {chain: 'forward', action: 'passthrough', comment: fasttrackCounterComment}, {before: rows[0]?.id});
		} else if (!wanted && existing) {
			this.router.delete(filterPath, existing.id);
		}
	}
}
