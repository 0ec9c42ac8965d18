import type {RouterConfig} from '../pcc/types.js';
import type {RouterApi} from '../routeros/types.js';

/** A router to act on, how to read it whole, and how to get back to it after a drop. */
export interface ActionSession {
	router: RouterApi;
	readConfig: (router: RouterApi) => Promise<RouterConfig>;
	/** A fresh connection after the link dropped; without it the outcome is reported unknown. */
	reconnect?: () => Promise<RouterApi>;
}
