/*
 * The page's side of the browser build: starts the worker that hosts the core and
 * returns its API as the wire carries it (`WireApi`: views as patches, see
 * core/view-delta.ts; renderer/lib/api.ts turns them back into views), whose every method (generated from API_METHODS) posts a request
 * and resolves with the worker's answer. `saveFile` is the one method answered here:
 * a worker cannot offer a download, the page can.
 *
 * A watchdog keeps the page alive whatever a lesson asks: if the worker is busy on calls
 * and answers none for `watchdogMs`, it is ended, the calls fail with words for the
 * learner, and the next call starts a fresh worker.
 */
import { API_METHODS, DEFAULT_WATCHDOG_MS, runawayMessage, savedBytes, type ApiMethod, type PagewalkApi } from '../../core/api.ts';
import { t } from '../../core/i18n/index.ts';
import type { WireApi } from '../../core/view-delta.ts';
import type { WorkerMessage, WorkerRequest } from './protocol.ts';

/** The part of a Worker (or MessagePort) the client needs, so tests can pass a fake. */
export interface Port {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerMessage>) => void): void;
  addEventListener(type: 'error', listener: (e: Event) => void): void;
  /** A real worker can be ended (the watchdog does, and then starts a fresh one). */
  terminate?(): void;
}

export interface ClientOptions {
  /**
   * How long the worker may work on calls without answering any before the watchdog ends
   * it (default 10 s). The work budgets (core/sim/budget.ts) stop runaway steps long
   * before; the watchdog is for whatever they miss.
   */
  watchdogMs?: number;
}


type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * `source` is the worker, or a function that starts one: with a function the watchdog can
 * end a runaway worker and start a fresh one for the next call (sessions are lost with it,
 * saved progress is not).
 */
export function createWorkerClient(source: Port | (() => Port), saveFile: PagewalkApi['saveFile'], options: ClientOptions = {}): WireApi {
  const watchdogMs = options.watchdogMs ?? DEFAULT_WATCHDOG_MS;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let broken: string | null = null;
  let port: Port | null = null;
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  // Until the worker says hello it is still loading, which is not being stuck.
  let started = false;

  // The worker is busy on our calls and has said nothing for watchdogMs: it is stuck.
  const arm = () => {
    if (watchdog !== null) clearTimeout(watchdog);
    watchdog = started && pending.size > 0 ? setTimeout(stuck, watchdogMs) : null;
  };

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
    arm();
  };

  const stuck = () => {
    watchdog = null;
    const stuckPort = port;
    port = null;
    started = false;
    stuckPort?.terminate?.();
    if (typeof source !== 'function' || !stuckPort?.terminate) broken = runawayMessage(watchdogMs);
    failAll(runawayMessage(watchdogMs));
  };

  const connect = (): Port => {
    if (port) return port;
    const p = typeof source === 'function' ? source() : source;
    p.addEventListener('message', (e: MessageEvent<WorkerMessage>) => {
      if (p !== port) return; // an answer from a worker the watchdog ended
      const r = e.data;
      if ('hello' in r) {
        started = true;
        arm();
        return;
      }
      const waiting = pending.get(r.id);
      if (!waiting) return;
      pending.delete(r.id);
      arm();
      if (r.ok) waiting.resolve(r.value);
      else waiting.reject(new Error(r.error));
    });
    p.addEventListener('error', () => {
      if (p !== port) return;
      broken = t('screens.worker.crashed');
      failAll(broken);
    });
    port = p;
    return p;
  };

  const call = (method: ApiMethod, args: unknown[]): Promise<unknown> => {
    if (broken) return Promise.reject(new Error(broken));
    const id = nextId++;
    const p = connect();
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (pending.size === 1) arm();
      p.postMessage({ id, method, args });
    });
  };

  const api = {} as Record<ApiMethod, Method>;
  for (const method of API_METHODS) api[method] = (...args: unknown[]) => call(method, args);
  api.saveFile = (name, content) => saveFile(name as string, content as string);
  // The record has exactly one function per API method, typed loosely only because it is built in a loop.
  return api as unknown as WireApi;
}

/** Offer text as a download named `name`. A browser gives no way to learn if the user cancelled. */
export function downloadText(name: string, content: string): Promise<boolean> {
  const type = name.endsWith('.csv') ? 'text/csv' : name.endsWith('.json') ? 'application/json' : name.endsWith('.svg') ? 'image/svg+xml' : 'application/yaml';
  const bytes = savedBytes(name, content);
  const url = URL.createObjectURL(bytes ? new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }) : new Blob([content], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return Promise.resolve(true);
}

/** The worker's API as it comes over the wire (views as patches; renderer/lib/api.ts decodes them). */
export function startWorkerApi(): WireApi {
  // A Worker's message events carry the WorkerResponse this protocol defines.
  return createWorkerClient(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'pagewalk-core' }) as unknown as Port, downloadText);
}
