/*
 * The browser build's "main process": a Web Worker hosting the same PagewalkService the
 * desktop app runs in Electron's main process, with web adapters: progress and settings
 * in IndexedDB, the built-in packs bundled at build time, and no file-system features
 * (import, system packs and author preview need the desktop app). Arguments are checked
 * against apiArguments() here exactly as the IPC boundary checks them.
 */
/// <reference lib="webworker" />
// First: zod must be jitless before any schema is built (see ../lib/jitless.ts).
import '../lib/jitless.ts';
import { DEFAULT_POLICY } from '../../core/api.ts';
import { PagewalkService } from '../../core/service.ts';
import { version } from '../../package.json';
import { bundledPacks } from './packs.ts';
import { serveApi } from './serve.ts';
import { openWebStorage } from './storage.ts';

declare const self: DedicatedWorkerGlobalScope;

const ready = (async () => {
  const storage = await openWebStorage();
  return new PagewalkService(
    storage,
    { list: async () => bundledPacks() },
    {
      info: () => ({ kind: 'web', version, canImportPacks: false, canOpenFolders: false, notices: [...storage.notices] }),
      policy: () => ({ ...DEFAULT_POLICY, allowImport: false, source: 'browser build (packs are built in; importing needs the desktop app)' }),
      // The page offers downloads itself (see client.ts); nothing reaches here.
      saveFile: async () => false,
    },
  );
})();

serveApi(self, ready);
