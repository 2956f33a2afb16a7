/*
 * Progress, settings and imported packs for the browser build, in IndexedDB (a worker has
 * no localStorage). One database, "pagewalk", at version 2:
 *
 *   documents   "progress", "settings" and "sandbox" (the sandbox's sessions, see
 *               core/scenario/sandbox.ts): JSON documents, by key              (since v1)
 *   backups     a copy of any stored document that could not be read, kept before
 *               Pagewalk starts that document afresh ("progress 2026-12-01T…")   (since v2)
 *   packs       lesson packs imported in this browser, by pack id (see web-packs.ts) (since v2)
 *
 * Nothing a browser can leave behind stops the app or loses work silently:
 *   - an older database, or one missing a store, is upgraded in place (stores are only
 *     ever added, so the documents in it are kept);
 *   - a database from a newer Pagewalk is used as it is if it has the stores we need;
 *   - another tab upgrading or deleting the database sends `versionchange`: this
 *     connection closes at once (so it never blocks that tab) and reopens on next use;
 *   - a stored document that cannot be read is copied into "backups" and the learner is
 *     told (a notice), then the readable part is used (sanitizeProgress keeps what it can);
 *   - if the browser refuses storage altogether (private windows, disabled site data), the
 *     app keeps working from memory and says so once.
 */
import { sanitizeProgress } from '../../core/lessons/progress.ts';
import { ServiceError, type ServiceStorage, type StorageKey } from '../../core/service.ts';

export const DB_NAME = 'pagewalk';
export const DB_VERSION = 2;
const DOCUMENTS = 'documents';
const BACKUPS = 'backups';
export const PACKS = 'packs';
const STORES = [DOCUMENTS, BACKUPS, PACKS];
/** How long to wait for other tabs to let go of an older database before giving up. */
const BLOCKED_MS = 4000;

type DocumentKey = StorageKey;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('saving failed'));
    tx.onabort = () => reject(tx.error ?? new Error('saving was aborted (is the disk full?)'));
  });
}

const missingStores = (db: IDBDatabase) => STORES.filter((s) => !db.objectStoreNames.contains(s));

/** Open at `version` (or whatever version exists, when undefined), creating any store that is missing. */
function openAt(version: number | undefined): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = version === undefined ? indexedDB.open(DB_NAME) : indexedDB.open(DB_NAME, version);
    let blocked: ReturnType<typeof setTimeout> | null = null;
    r.onupgradeneeded = () => {
      for (const store of missingStores(r.result)) r.result.createObjectStore(store);
    };
    r.onsuccess = () => {
      if (blocked) clearTimeout(blocked);
      resolve(r.result);
    };
    r.onerror = () => {
      if (blocked) clearTimeout(blocked);
      reject(r.error ?? new Error('IndexedDB could not be opened'));
    };
    // Another tab holds the older database open and does not let go: it may be an older
    // Pagewalk that ignores versionchange. Wait a little; the open goes on if it closes.
    r.onblocked = () => {
      blocked ??= setTimeout(() => reject(new Error('Pagewalk is open in another tab of an older version; close that tab and reload this one')), BLOCKED_MS);
    };
  });
}

/**
 * A connection with every store: upgraded in place when older or missing a store, and
 * used as it is when a newer Pagewalk already upgraded it (it has our stores).
 */
export async function openDatabase(): Promise<IDBDatabase> {
  let db: IDBDatabase;
  try {
    db = await openAt(DB_VERSION);
  } catch (e) {
    if ((e as DOMException).name !== 'VersionError') throw e;
    db = await openAt(undefined); // a newer Pagewalk's database
  }
  if (missingStores(db).length > 0) {
    // The version says upgraded, the stores say otherwise (a damaged or foreign database): add them.
    const next = db.version + 1;
    db.close();
    db = await openAt(next);
  }
  return db;
}

/** Why a stored progress document cannot be used as it is, or null when it can. */
export function progressProblem(raw: unknown): string | null {
  if (raw === undefined) return null;
  const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isRecord(raw)) return 'it is not a progress record';
  if (raw.version !== undefined && raw.version !== 1) {
    return typeof raw.version === 'number' && raw.version > 1 ? `it was written by a newer Pagewalk (format ${raw.version})` : 'its format is unknown';
  }
  if (!isRecord(raw.packs)) return 'it holds no list of lessons';
  let stored = 0;
  for (const lessons of Object.values(raw.packs)) stored += isRecord(lessons) ? Object.keys(lessons).length : 1;
  const kept = Object.values(sanitizeProgress(raw).packs).reduce((n, lessons) => n + Object.keys(lessons).length, 0);
  return kept < stored ? `${stored - kept} of its ${stored} lesson records could not be read` : null;
}

function settingsProblem(raw: unknown): string | null {
  if (raw === undefined) return null;
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? null : 'it is not a settings record';
}

const LABEL: Record<DocumentKey, string> = { progress: 'Your progress', settings: 'Your settings', sandbox: 'Your sandbox sessions' };
const KEEP_IT: Record<DocumentKey, string> = { progress: 'Export it from the Progress screen to keep it.', settings: '', sandbox: 'Save a session as a scenario to keep it.' };

export interface WebStorage extends ServiceStorage {
  /** Why storage is not persistent, or null when it is. */
  problem: string | null;
  /** What the learner should be told once (storage refused, a document backed up). */
  notices: string[];
  /** The open database (reopened after another tab's versionchange); null when storage is memory only. */
  database(): Promise<IDBDatabase> | null;
}

export async function openWebStorage(): Promise<WebStorage> {
  let current: Promise<IDBDatabase> | null = null;
  const connect = (): Promise<IDBDatabase> =>
    (current ??= openDatabase().then((db) => {
      // Another tab wants to upgrade or delete the database: let it, and reopen when next needed.
      db.onversionchange = () => {
        db.close();
        current = null;
      };
      db.onclose = () => (current = null); // the browser closed it (storage cleared)
      return db;
    }, (e) => {
      current = null;
      throw e;
    }));

  try {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    await connect();
  } catch (e) {
    return memoryStorage(`Progress cannot be saved in this browser (${e instanceof Error ? e.message : String(e)}); it lasts until you close this tab. Export it from the Progress screen to keep it.`);
  }

  /** Run `fn` on a store, reconnecting once if the connection was closed under us (versionchange). */
  async function withStore<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore, tx: IDBTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let tx: IDBTransaction;
      try {
        tx = (await connect()).transaction(store, mode);
      } catch (e) {
        if (attempt === 0 && (e as DOMException).name === 'InvalidStateError') {
          current = null;
          continue;
        }
        throw e;
      }
      return fn(tx.objectStore(store), tx);
    }
  }

  const notices: string[] = [];
  const memory = new Map<DocumentKey, unknown>();
  let saveFailed = false;

  const storage: WebStorage = {
    problem: null,
    notices,
    database: () => connect(),
    async read(key) {
      if (memory.has(key)) return memory.get(key);
      return withStore(DOCUMENTS, 'readonly', (s) => request(s.get(key)));
    },
    async write(key, value) {
      // A JSON round trip strips anything that is not plain data before it is stored.
      const plain = JSON.parse(JSON.stringify(value));
      try {
        await withStore(DOCUMENTS, 'readwrite', (s, tx) => {
          s.put(plain, key);
          return done(tx);
        });
        memory.delete(key);
      } catch (e) {
        // Keep going from memory, and say so once (the call that failed shows it).
        memory.set(key, plain);
        if (!saveFailed) {
          saveFailed = true;
          throw new SaveError(`${LABEL[key]} could not be saved in this browser (${e instanceof Error ? e.message : String(e)}); what you do now lasts until you close this tab. ${KEEP_IT[key] || KEEP_IT.progress}`);
        }
      }
    },
  };

  // Check what is stored before the app uses it: anything unreadable is kept, and the learner told.
  for (const key of ['progress', 'settings', 'sandbox'] as const) {
    let raw: unknown;
    try {
      raw = await storage.read(key);
    } catch (e) {
      notices.push(`${LABEL[key]} stored in this browser could not be read (${e instanceof Error ? e.message : String(e)}), so Pagewalk starts them afresh.`);
      continue;
    }
    // The sandbox's document is checked entry by entry by the core (sanitizeSandboxDocument): only its shape here.
    const problem = key === 'progress' ? progressProblem(raw) : settingsProblem(raw)?.replace('settings', key) ?? null;
    if (!problem) continue;
    const backupKey = `${key} ${new Date().toISOString()}`;
    try {
      await withStore(BACKUPS, 'readwrite', (s, tx) => {
        s.put({ document: key, reason: problem, keptAt: new Date().toISOString(), value: raw }, backupKey);
        return done(tx);
      });
      notices.push(`${LABEL[key]} stored in this browser could not all be read (${problem}). What could be read is used; the stored copy is kept unchanged in this browser's storage ("pagewalk" database, "backups", "${backupKey}") for a teacher to look at.`);
    } catch (e) {
      notices.push(`${LABEL[key]} stored in this browser could not all be read (${problem}), and no copy could be kept (${e instanceof Error ? e.message : String(e)}). What could be read is used.`);
    }
  }
  return storage;
}

/** A save that failed: its words are for the learner (the worker passes them on as they are). */
export class SaveError extends ServiceError {}

export function memoryStorage(problem: string | null = null): WebStorage {
  const docs = new Map<string, unknown>();
  return {
    problem,
    notices: problem ? [problem] : [],
    database: () => null,
    async read(key) {
      return docs.get(key);
    },
    async write(key, value) {
      docs.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}
