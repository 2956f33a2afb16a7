/*
 * Messages between the page and the worker that hosts the core. One request per API
 * call, answered once: either a value or a plain error message (ServiceErrors carry
 * words meant for the learner; anything else is reported as an internal error).
 */
import type { ApiMethod } from '../../core/api.ts';

export interface WorkerRequest {
  id: number;
  method: ApiMethod;
  args: unknown[];
}

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Posted once by the worker when it has loaded and listens: the watchdog does not count start-up (a cold module load can be slow). */
export interface WorkerHello {
  hello: true;
}

export type WorkerMessage = WorkerResponse | WorkerHello;

/** The classroom policy's `source` in the browser build (Settings shows it translated: AppState.policySource). */
export const BROWSER_POLICY_SOURCE = 'browser build (no classroom policy file applies in a browser)';
