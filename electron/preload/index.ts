/*
 * The preload: the only bridge between the sandboxed page and the main process. It
 * exposes exactly one object, `window.pagewalk` (a DesktopBridge: the PagewalkApi plus
 * two event subscriptions and a helper for dropped files) and nothing else: no
 * ipcRenderer, no Node, no Electron objects.
 *
 * Each API method forwards its arguments to its own invoke channel; main validates them.
 * Replies are `{ ok, value }` or `{ ok: false, error }`; an error becomes a rejected
 * promise carrying only the message, so the page can show it as it is.
 *
 * Built as CommonJS and self-contained (a sandboxed preload cannot load modules).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ApiMethod } from '../../core/api.ts';
import type { WireApi } from '../../core/view-delta.ts';
import { GRANT_CHANNEL, IPC_PREFIX, MENU_CHANNEL, MENU_COMMANDS, PACK_CHANGED_CHANNEL, type DesktopBridge, type IpcReply, type MenuCommand } from '../channels.ts';

/**
 * Every method of PagewalkApi. The type makes the compiler reject a missing or an extra
 * name, so this stays in step with API_METHODS in core/api.ts (which main registers)
 * without pulling the argument schemas into the preload.
 */
const METHODS: Record<ApiMethod, true> = {
  host: true,
  listProfiles: true,
  listPacks: true,
  openLesson: true,
  goToStep: true,
  currentView: true,
  fullView: true,
  answerQuiz: true,
  freshQuiz: true,
  quizHint: true,
  checkExperiment: true,
  startExperiment: true,
  continueExperiment: true,
  cancelExperiment: true,
  openSandbox: true,
  sandboxCommand: true,
  sandboxGoTo: true,
  sandboxScenario: true,
  closeSession: true,
  getProgress: true,
  exportProgress: true,
  resetProgress: true,
  importProgress: true,
  getSettings: true,
  setSettings: true,
  getPolicy: true,
  setLocale: true,
  importPack: true,
  removePack: true,
  openPreview: true,
  saveFile: true,
  // Browser build only (the service refuses them here), but every API method is bridged.
  importPackUpload: true,
  previewPackUpload: true,
};

function call(method: ApiMethod) {
  return async (...args: unknown[]): Promise<unknown> => {
    const reply = (await ipcRenderer.invoke(`${IPC_PREFIX}${method}`, ...args)) as IpcReply;
    if (reply.ok) return reply.value;
    throw new Error(reply.error.message);
  };
}

/** Subscribe to a main → page channel, handing the listener only the payload (never the event, which holds the sender). */
function subscribe<T>(channel: string, accept: (payload: unknown) => payload is T, listener: (payload: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const handler = (_event: IpcRendererEvent, payload: unknown) => {
    if (accept(payload)) listener(payload);
  };
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const api = Object.fromEntries((Object.keys(METHODS) as ApiMethod[]).map((m) => [m, call(m)])) as unknown as WireApi;

const bridge: DesktopBridge = {
  ...api,
  onPackChanged: (listener) => subscribe(PACK_CHANGED_CHANNEL, (p): p is string => typeof p === 'string', listener),
  onMenuCommand: (listener) => subscribe(MENU_CHANNEL, (p): p is MenuCommand => (MENU_COMMANDS as readonly unknown[]).includes(p), listener),
  // The page gets a grant, not the path: main accepts only paths it issued grants for.
  pathForFile: (file) => {
    try {
      const path = webUtils.getPathForFile(file);
      if (!path) return '';
      const grant: unknown = ipcRenderer.sendSync(GRANT_CHANNEL, path);
      return typeof grant === 'string' ? grant : '';
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('pagewalk', bridge);
