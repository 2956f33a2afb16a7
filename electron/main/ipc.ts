/*
 * The IPC boundary between the page and the service, without Electron in it so it can be
 * tested under Node. index.ts registers one ipcMain handler per API method, on the
 * channel `ipcChannel(method)`, each calling `dispatch`.
 *
 * Every call goes through the same three gates, in order:
 *   1. the sender is our own page (a main frame showing our index.html), else refused;
 *   2. the arguments match the method's zod tuple in core/api.ts (`checkArguments`);
 *   3. the service runs; whatever it throws becomes a message.
 * The reply is always plain data, `{ ok: true, value }` or `{ ok: false, error }`: an
 * exception thrown by a handler would reach the page as "Error invoking remote method"
 * with a main-process stack trace, which is no use to a learner. The preload turns an
 * error reply back into a rejected promise carrying only the message.
 */
import { API_METHODS, checkArguments, type ApiMethod, type PagewalkApi } from '../../core/api.ts';
import type { WireApi } from '../../core/view-delta.ts';
import { IPC_PREFIX, type IpcReply } from '../channels.ts';
import { t } from '../../core/i18n/index.ts';

export type { IpcReply };

export function ipcChannel(method: ApiMethod): string {
  return `${IPC_PREFIX}${method}`;
}

export interface Sender {
  /** URL of the frame that sent the call. */
  url: string;
  /** Whether that frame is the top frame of the window (not an iframe). */
  isMainFrame: boolean;
}

export type Dispatch = (method: ApiMethod, args: unknown, sender: Sender) => Promise<IpcReply>;

export interface DispatcherOptions {
  isOwnPage(url: string): boolean;
  /** Errors that are the service saying no in plain words (ServiceError), passed on as they are. */
  isRefusal(error: unknown): boolean;
  /** Where failures are logged with their stack (the console of the main process). */
  log?(message: string, error?: unknown): void;
}

/** `api` is the core host (views leave as patches, core/view-delta.ts) or, in tests, a plain PagewalkApi: answers pass through unchanged. */
export function createDispatcher(api: WireApi | PagewalkApi, options: DispatcherOptions): Dispatch {
  return async (method, args, sender) => {
    if (!sender.isMainFrame || !options.isOwnPage(sender.url)) {
      options.log?.(`refused ${method} from ${sender.url}${sender.isMainFrame ? '' : ' (a sub-frame)'}`);
      return { ok: false, error: { kind: 'untrusted-sender', message: t('shell.ipc.untrusted') } };
    }
    const problem = checkArguments(method, args);
    if (problem) {
      options.log?.(problem);
      return { ok: false, error: { kind: 'bad-arguments', message: problem } };
    }
    try {
      // Arguments were checked against the method's tuple just above.
      const call = (api as Record<ApiMethod, (...a: unknown[]) => Promise<unknown>>)[method];
      const value = await call.apply(api, args as unknown[]);
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      if (options.isRefusal(e)) return { ok: false, error: { kind: 'refused', message: (e as Error).message } };
      options.log?.(`${method} failed`, e);
      const message = e instanceof Error && e.message ? e.message : String(e);
      return { ok: false, error: { kind: 'failed', message: `${method} failed: ${message.split('\n')[0]}` } };
    }
  };
}

/** Every method gets a handler: the list comes from core/api.ts, never written out here. */
export function registerHandlers(handle: (channel: string, method: ApiMethod) => void): void {
  for (const method of API_METHODS) handle(ipcChannel(method), method);
}
