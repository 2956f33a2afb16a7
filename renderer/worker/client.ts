/*
 * The page's side of the browser build: starts the worker that hosts the core and
 * returns a `PagewalkApi` whose every method (generated from API_METHODS) posts a request
 * and resolves with the worker's answer. `saveFile` is the one method answered here:
 * a worker cannot offer a download, the page can.
 */
import { API_METHODS, type ApiMethod, type PagewalkApi } from '../../core/api.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

/** The part of a Worker (or MessagePort) the client needs, so tests can pass a fake. */
export interface Port {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerResponse>) => void): void;
  addEventListener(type: 'error', listener: (e: Event) => void): void;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Method = (...args: unknown[]) => Promise<unknown>;

export function createWorkerClient(port: Port, saveFile: PagewalkApi['saveFile']): PagewalkApi {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let broken: string | null = null;

  port.addEventListener('message', (e: MessageEvent<WorkerResponse>) => {
    const r = e.data;
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (r.ok) p.resolve(r.value);
    else p.reject(new Error(r.error));
  });
  port.addEventListener('error', () => {
    broken = 'The simulator stopped unexpectedly. Reload the page to start it again (your saved progress is kept).';
    for (const p of pending.values()) p.reject(new Error(broken));
    pending.clear();
  });

  const call = (method: ApiMethod, args: unknown[]): Promise<unknown> => {
    if (broken) return Promise.reject(new Error(broken));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      port.postMessage({ id, method, args });
    });
  };

  const api = {} as Record<ApiMethod, Method>;
  for (const method of API_METHODS) api[method] = (...args: unknown[]) => call(method, args);
  api.saveFile = (name, content) => saveFile(name as string, content as string);
  // The record has exactly one function per API method, typed loosely only because it is built in a loop.
  return api as unknown as PagewalkApi;
}

/** Offer text as a download named `name`. A browser gives no way to learn if the user cancelled. */
export function downloadText(name: string, content: string): Promise<boolean> {
  const type = name.endsWith('.csv') ? 'text/csv' : name.endsWith('.json') ? 'application/json' : 'application/yaml';
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
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

export function startWorkerApi(): PagewalkApi {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'pagewalk-core' });
  return createWorkerClient(worker as unknown as Port, downloadText);
}
