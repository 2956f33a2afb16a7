/*
 * The browser build's "main process": a Web Worker hosting the same PagewalkService the
 * desktop app runs in Electron's main process, with web adapters: progress, settings and
 * imported packs in IndexedDB (storage.ts, web-packs.ts), the built-in packs bundled at
 * build time (packs.ts), the school's packs served beside the build (packs/index.json),
 * and author preview of a folder the learner picks or drops. Arguments are checked
 * against apiArguments() here exactly as the IPC boundary checks them.
 */
/// <reference lib="webworker" />
// First: zod must be jitless before any schema is built (see ../lib/jitless.ts).
import '../lib/jitless.ts';
import { DEFAULT_POLICY } from '../../core/api.ts';
import { allowPseudoLocale, setLocale } from '../../core/i18n/index.ts';
import { PagewalkService } from '../../core/service.ts';
import { version } from '../../package.json';
import { bundledPacks } from './packs.ts';
import { BROWSER_POLICY_SOURCE } from './protocol.ts';
import { serveApi } from './serve.ts';
import { openWebStorage } from './storage.ts';
import { importUpload, PackShelf, PreviewSource, schoolPacks, storedPackFiles } from './web-packs.ts';

declare const self: DedicatedWorkerGlobalScope;

// The worker is served from the build's assets folder (or /worker/ by the dev server): the school's packs folder sits beside the page.
const SCHOOL_PACKS = new URL('../packs/', self.location.href);

// Development builds offer the pseudo-locale en-XA; the worker's texts (trace lines, feedback) follow it too.
if (import.meta.env.DEV) allowPseudoLocale();
// Until the page says which language the learner reads (setLocale, first thing after start), the browser's.
setLocale(self.navigator.languages?.length ? self.navigator.languages : [self.navigator.language ?? 'en']);

const ready = (async () => {
  const storage = await openWebStorage();
  const shelf = new PackShelf(() => storage.database());
  const preview = new PreviewSource();
  return new PagewalkService(
    storage,
    {
      list: async () => [...bundledPacks(), ...(await schoolPacks(SCHOOL_PACKS)), ...(await shelf.list()).map(storedPackFiles)],
    },
    {
      info: () => ({ kind: 'web', version, canImportPacks: true, canOpenFolders: true, notices: [...storage.notices] }),
      policy: () => ({ ...DEFAULT_POLICY, source: BROWSER_POLICY_SOURCE }),
      importUpload: (upload) => importUpload(shelf, upload),
      removePack: (location) => shelf.remove(location),
      previewUpload: (upload) => (upload ? preview.open(upload) : preview.refresh()),
      // The page offers downloads itself (see client.ts); nothing reaches here.
      saveFile: async () => false,
    },
  );
})();

serveApi(self, ready);
