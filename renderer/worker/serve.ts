/*
 * Answering the page from inside a worker: one reply per request, after checking its
 * arguments against apiArguments() exactly as the desktop's IPC boundary does. The
 * browser build's worker (worker.ts) serves its PagewalkService with this; so do the
 * end-to-end tests' worker with hostile packs.
 */
/// <reference lib="webworker" />
import { checkArguments, type ApiMethod, type PagewalkApi } from '../../core/api.ts';
import { t } from '../../core/i18n/index.ts';
import { ServiceError } from '../../core/service.ts';
import { encodeViews } from '../../core/view-delta.ts';
import type { WorkerHello, WorkerRequest, WorkerResponse } from './protocol.ts';

type Method = (...args: unknown[]) => Promise<unknown>;

export function serveApi(scope: DedicatedWorkerGlobalScope, ready: Promise<PagewalkApi>): void {
  // Views leave as patches against the last one sent (core/view-delta.ts).
  const wired = ready.then(encodeViews);
  scope.addEventListener('message', async (e: MessageEvent<WorkerRequest>) => {
    const { id, method, args } = e.data;
    const reply = (r: WorkerResponse) => scope.postMessage(r);
    const problem = checkArguments(method, args);
    if (problem) return reply({ id, ok: false, error: problem });
    try {
      const service = await wired;
      // checkArguments has validated `method` against API_METHODS and its argument tuple.
      const fn = (service as unknown as Record<ApiMethod, Method>)[method];
      const value = await fn.apply(service, args);
      reply({ id, ok: true, value });
    } catch (err) {
      if (err instanceof ServiceError) return reply({ id, ok: false, error: err.message });
      console.error(`pagewalk: ${method} failed`, err);
      reply({ id, ok: false, error: t('screens.worker.internal', { detail: err instanceof Error ? err.message : String(err) }) });
    }
  });
  scope.postMessage({ hello: true } satisfies WorkerHello);
}
