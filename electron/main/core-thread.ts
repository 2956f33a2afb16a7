/*
 * The core, in a worker thread owned by the main process: a PagewalkService whose storage,
 * pack list and host hooks are requests back to main (which owns the files, dialogs and
 * the classroom policy). Main keeps the window responsive whatever a step costs, and its
 * watchdog (core-host.ts) can end this thread if a step never finishes.
 *
 * Messages (structured clones, see CoreMessage in core-host.ts):
 *
 *   main → thread   { kind: 'call', id, method, args }         an API call from the page
 *                   { kind: 'hook-reply', id, ok, value|error } main's answer to a hook
 *   thread → main   { kind: 'hello' }                          loaded and listening
 *                   { kind: 'reply', id, ok, value|error }     the call's answer
 *                   { kind: 'hook', id, name, args }           storage, packs, dialogs …
 *
 * Arguments were checked at the IPC boundary (ipc.ts) before they reach this thread.
 */
import type { ClassroomPolicy, PagewalkApi } from '../../core/api.ts';
import { PagewalkService, ServiceError, type HostHooks, type PackProvider, type ServiceStorage } from '../../core/service.ts';
import { encodeViews } from '../../core/view-delta.ts';
import type { CoreMessage, HookName, MainMessage } from './core-host.ts';

/** The half of a MessagePort (parentPort) this thread needs. */
export interface ThreadPort {
  postMessage(message: CoreMessage): void;
  on(event: 'message', listener: (message: MainMessage) => void): void;
}

type Method = (...args: unknown[]) => Promise<unknown>;

/** Serve the API on `port`. `wrap` lets a test change the service (e.g. make a step spin). */
export function serveCoreThread(port: ThreadPort, policy: ClassroomPolicy, wrap: (service: PagewalkService) => PagewalkApi = (s) => s): void {
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextHook = 1;
  const hook = (name: HookName, ...args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextHook++;
      waiting.set(id, { resolve, reject });
      port.postMessage({ kind: 'hook', id, name, args });
    });

  const storage: ServiceStorage = {
    read: (key) => hook('read', key),
    write: async (key, value) => void (await hook('write', key, value)),
  };
  const packs: PackProvider = { list: () => hook('listPacks') as ReturnType<PackProvider['list']> };
  const hooks: HostHooks = {
    // Main answers host() itself (its notices change while the app runs); this is never asked.
    info: () => ({ kind: 'electron', version: '', canImportPacks: policy.allowImport, canOpenFolders: policy.allowAuthorPreview, notices: [] }),
    policy: () => policy,
    importPack: (path) => hook('importPack', path) as ReturnType<NonNullable<HostHooks['importPack']>>,
    removePack: async (location) => void (await hook('removePack', location)),
    openPreview: (path) => hook('openPreview', path) as ReturnType<NonNullable<HostHooks['openPreview']>>,
    saveFile: (name, content) => hook('saveFile', name, content) as Promise<boolean>,
  };
  // Views leave as patches against the last one sent (core/view-delta.ts); the page decodes them.
  const api = encodeViews(wrap(new PagewalkService(storage, packs, hooks)));

  port.on('message', (m) => {
    if (m.kind === 'hook-reply') {
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      // A refusal from main (the policy, a bad path) stays a refusal: words for the learner.
      else w.reject(m.error.refusal ? new ServiceError(m.error.message) : new Error(m.error.message));
      return;
    }
    void (async () => {
      try {
        const fn = (api as unknown as Record<string, Method>)[m.method];
        const value = await fn.apply(api, m.args);
        port.postMessage({ kind: 'reply', id: m.id, ok: true, value: value === undefined ? null : value });
      } catch (e) {
        const message = e instanceof Error && e.message ? e.message : String(e);
        port.postMessage({ kind: 'reply', id: m.id, ok: false, error: { message, refusal: e instanceof ServiceError, stack: e instanceof Error ? e.stack : undefined } });
      }
    })();
  });
  port.postMessage({ kind: 'hello' });
}
