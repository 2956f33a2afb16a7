/*
 * The browser build's "main process": a Web Worker hosting the same PagewalkService the
 * desktop app runs in Electron's main process, with web adapters: progress and settings
 * in IndexedDB, the built-in packs bundled at build time, and no file-system features
 * (import, system packs and author preview need the desktop app). Arguments are checked
 * against API_ARGUMENTS here exactly as the IPC boundary checks them.
 */
/// <reference lib="webworker" />
import { z } from 'zod';
import { API_METHODS, checkArguments, DEFAULT_POLICY, type PagewalkApi } from '../../core/api.ts';
import { PagewalkService, ServiceError } from '../../core/service.ts';
import { version } from '../../package.json';
import { bundledPacks } from './packs.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import { openWebStorage } from './storage.ts';

declare const self: DedicatedWorkerGlobalScope;

// zod may compile validators with new Function(); a strict Content-Security-Policy forbids
// that, so validate without it (the speed difference is irrelevant at one call per click).
z.config({ jitless: true });

const ready = (async () => {
  const storage = await openWebStorage();
  const notices = storage.problem ? [storage.problem] : [];
  return new PagewalkService(
    storage,
    { list: async () => bundledPacks() },
    {
      info: () => ({ kind: 'web', version, canImportPacks: false, canOpenFolders: false, notices }),
      policy: () => ({ ...DEFAULT_POLICY, allowImport: false, source: 'browser build (packs are built in; importing needs the desktop app)' }),
      // The page offers downloads itself (see client.ts); nothing reaches here.
      saveFile: async () => false,
    },
  );
})();

type Method = (...args: unknown[]) => Promise<unknown>;

self.addEventListener('message', async (e: MessageEvent<WorkerRequest>) => {
  const { id, method, args } = e.data;
  const reply = (r: WorkerResponse) => self.postMessage(r);
  const problem = checkArguments(method, args);
  if (problem) return reply({ id, ok: false, error: problem });
  try {
    const service = await ready;
    // checkArguments has validated `method` against API_METHODS and its argument tuple.
    const fn = (service as unknown as Record<(typeof API_METHODS)[number], Method>)[method as keyof PagewalkApi];
    const value = await fn.apply(service, args);
    reply({ id, ok: true, value });
  } catch (err) {
    if (err instanceof ServiceError) return reply({ id, ok: false, error: err.message });
    console.error(`pagewalk: ${method} failed`, err);
    reply({ id, ok: false, error: `Something went wrong inside the simulator (${err instanceof Error ? err.message : String(err)}). Please report this with the steps that led to it.` });
  }
});
