/*
 * The main process's side of the core's worker thread (core-thread.ts): a PagewalkApi
 * whose calls go to the thread, while main answers the thread's hooks (storage, packs,
 * dialogs) with the DesktopHost, and a watchdog keeps a runaway step from lasting.
 *
 * Watchdog: while the thread is busy on calls and waits for nothing from main, it must
 * say something (a reply, a hook) within `watchdogMs`; if it does not, it is stuck. It
 * is terminated, the calls in flight fail with words for the learner (a refusal, so the
 * page shows them as they are), and the next call starts a fresh thread. Sessions end
 * with the thread; progress is saved in main after every step, so nothing saved is lost.
 * Start-up (before the thread's hello) and time spent in main's dialogs do not count.
 *
 * Language: the last locale the page set (or main's own at start) is replayed to every fresh
 * thread as its first call, so a simulator restarted by the watchdog goes on explaining in
 * the learner's language instead of falling back to English until the next language change.
 */
import { DEFAULT_WATCHDOG_MS, runawayMessage, type ApiMethod } from '../../core/api.ts';
import { API_METHODS } from '../../core/api.ts';
import { ServiceError, type StorageKey } from '../../core/service.ts';
import type { WireApi } from '../../core/view-delta.ts';
import type { DesktopHost } from './host.ts';
import { t } from '../../core/i18n/index.ts';

export type HookName = 'read' | 'write' | 'listPacks' | 'importPack' | 'removePack' | 'openPreview' | 'saveFile';

type ErrorInfo = { message: string; refusal: boolean; stack?: string };

/** thread → main */
export type CoreMessage =
  | { kind: 'hello' }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: ErrorInfo }
  | { kind: 'hook'; id: number; name: HookName; args: unknown[] };

/** main → thread */
export type MainMessage =
  | { kind: 'call'; id: number; method: ApiMethod; args: unknown[] }
  | { kind: 'hook-reply'; id: number; ok: true; value: unknown }
  | { kind: 'hook-reply'; id: number; ok: false; error: ErrorInfo };

/** The part of a worker_threads Worker main needs (tests may pass their own). */
export interface CoreThread {
  postMessage(message: MainMessage): void;
  on(event: 'message', listener: (message: CoreMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export interface CoreHostOptions {
  /** Start a thread running core-thread.ts. */
  spawn(): CoreThread;
  host: DesktopHost;
  /** Errors main treats as refusals in words (PolicyRefusal …), passed to the thread as such. */
  isRefusal(error: unknown): boolean;
  watchdogMs?: number;
  log(message: string, error?: unknown): void;
  /** The locale main runs in at start; the page's setLocale calls replace it, and each new thread is given the latest. */
  locale?: string;
}

/** The thread's API as it answers: views as patches (core/view-delta.ts), passed through to the page, which decodes them. */
export interface CoreHost extends WireApi {
  /** End the thread (the app is quitting). */
  stop(): Promise<void>;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export function startCoreHost(o: CoreHostOptions): CoreHost {
  const watchdogMs = o.watchdogMs ?? DEFAULT_WATCHDOG_MS;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let thread: CoreThread | null = null;
  let started = false;
  let hooksInFlight = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let locale: string | null = o.locale ?? null;

  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = started && pending.size > 0 && hooksInFlight === 0 ? setTimeout(stuck, watchdogMs) : null;
  };

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new ServiceError(message));
    pending.clear();
    arm();
  };

  const drop = (t: CoreThread | null) => {
    if (t && t === thread) {
      thread = null;
      started = false;
      hooksInFlight = 0;
    }
  };

  const stuck = () => {
    timer = null;
    const t = thread;
    drop(t);
    o.log(`the core did not answer for ${watchdogMs} ms; its thread was ended (${pending.size} call(s) in flight)`);
    void t?.terminate();
    failAll(runawayMessage(watchdogMs));
  };

  const answerHook = async (t: CoreThread, id: number, name: HookName, args: unknown[]) => {
    hooksInFlight++;
    arm();
    let reply: MainMessage;
    try {
      reply = { kind: 'hook-reply', id, ok: true, value: await runHook(o.host, name, args) };
    } catch (e) {
      if (!o.isRefusal(e)) o.log(`${name} failed`, e);
      reply = { kind: 'hook-reply', id, ok: false, error: { message: e instanceof Error ? e.message : String(e), refusal: o.isRefusal(e) } };
    }
    if (t !== thread) return; // ended meanwhile
    hooksInFlight--;
    t.postMessage(reply);
    arm();
  };

  const connect = (): CoreThread => {
    if (thread) return thread;
    const worker = o.spawn();
    worker.on('message', (m) => {
      if (worker !== thread) return;
      if (m.kind === 'hello') {
        started = true;
        arm();
      } else if (m.kind === 'hook') {
        void answerHook(worker, m.id, m.name, m.args);
      } else {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        arm();
        if (m.ok) p.resolve(m.value);
        else {
          if (!m.error.refusal) o.log(`the core failed: ${m.error.stack ?? m.error.message}`);
          p.reject(m.error.refusal ? new ServiceError(m.error.message) : new Error(m.error.message));
        }
      }
    });
    worker.on('error', (e) => {
      if (worker !== thread) return;
      o.log('the core thread crashed', e);
      drop(worker);
      failAll(t('shell.core.crashed'));
    });
    worker.on('exit', (code) => {
      if (worker !== thread) return;
      drop(worker);
      failAll(t('shell.core.exited', { code: String(code) }));
    });
    thread = worker;
    // The fresh thread starts in English: give it the learner's language first (its reply is not awaited by anyone).
    if (locale !== null) {
      const id = nextId++;
      pending.set(id, { resolve: () => {}, reject: () => {} });
      worker.postMessage({ kind: 'call', id, method: 'setLocale', args: [locale] });
    }
    return worker;
  };

  const call = (method: ApiMethod, args: unknown[]): Promise<unknown> => {
    if (method === 'setLocale' && typeof args[0] === 'string') locale = args[0];
    const t = connect();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      arm();
      t.postMessage({ kind: 'call', id, method, args });
    });
  };

  const api = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of API_METHODS) api[method] = (...args: unknown[]) => call(method, args);
  // Main answers host() itself: its notices (a save that failed) change while the app runs.
  api.host = async () => o.host.hooks.info();
  api.stop = async () => {
    const worker = thread;
    drop(worker);
    if (timer) clearTimeout(timer);
    failAll(t('shell.core.closing'));
    await worker?.terminate();
  };
  // One function per API method, built in a loop, plus stop().
  return api as unknown as CoreHost;
}

async function runHook(host: DesktopHost, name: HookName, args: unknown[]): Promise<unknown> {
  switch (name) {
    case 'read':
      return host.storage.read(args[0] as StorageKey);
    case 'write':
      return host.storage.write(args[0] as StorageKey, args[1]);
    case 'listPacks':
      return host.packs.list();
    case 'importPack':
      return host.hooks.importPack!(args[0] as string | null);
    case 'removePack':
      return host.hooks.removePack!(args[0] as string);
    case 'openPreview':
      return host.hooks.openPreview!(args[0] as string | null);
    case 'saveFile':
      return host.hooks.saveFile(args[0] as string, args[1] as string);
  }
}
