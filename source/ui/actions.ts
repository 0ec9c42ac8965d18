import {createContext, type ReactNode} from 'react';
import type {MonitorEvent} from '../monitor/types.js';
import type {MonitorState} from '../monitor/state.js';
import type {WanView} from '../monitor/wans.js';

/** What an action key's handler gets from the screen. */
export interface ScreenActionContext {
	state: MonitorState;
	/** The selected WAN, or null when there is none. */
	wan: WanView | null;
	/**
	 * Shows `dialog` in place of the panes. While it is open the screen ignores its own keys
	 * (the dialog's useInput gets them all) until `closeDialog()`.
	 */
	openDialog(dialog: ReactNode): void;
	closeDialog(): void;
	/** Logs what was done (or refused) in the events pane, at `at` (ms; now when absent). */
	report(text: string, severity?: MonitorEvent['severity'], at?: number): void;
	/** How many of a down WAN's connections are stuck, as counted (or left by a flush) at `at`. */
	stuckCounted(wan: string, stuck: number, at?: number): void;
	/** A one-line message in the hint line, until the next key. */
	notify(text: string): void;
	/** Poll now, to show the action's effect without waiting for the interval. */
	refresh(): void;
}

/**
 * The rows and columns a dialog has (inside the screen, between the WAN rows and the hint
 * line). Dialogs size their lists by it: what does not fit would overlap, not scroll.
 */
export const DialogSize = createContext<{rows: number; columns: number}>({rows: Number.POSITIVE_INFINITY, columns: 80});

/** Handlers for f / w / u, supplied by the actions layer; without one the key says so. */
export interface MonitorActions {
	flush?(context: ScreenActionContext): void;
	weights?(context: ScreenActionContext): void;
	undo?(context: ScreenActionContext): void;
	/**
	 * Once the screen is gone (quit, a signal): waits for actions still running, which closing
	 * their dialog has cancelled, to finish and be recorded; resolves to their result lines.
	 */
	settle?(): Promise<string[]>;
}

/** The poll loop's controls the keys drive (the Poller has them all). */
export interface MonitorControls {
	refresh(): void;
	setFrozen(frozen: boolean): void;
	setIntervalMs(ms: number): void;
}
