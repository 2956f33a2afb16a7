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
import { t } from '../../core/i18n/index.ts';
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
    r.onerror = () => reject(r.error ?? new Error(t('screens.storage.requestFailed')));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error(t('screens.storage.saveFailed')));
    tx.onabort = () => reject(tx.error ?? new Error(t('screens.storage.saveAborted')));
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
      reject(r.error ?? new Error(t('screens.storage.cannotOpen')));
    };
    // Another tab holds the older database open and does not let go: it may be an older
    // Pagewalk that ignores versionchange. Wait a little; the open goes on if it closes.
    r.onblocked = () => {
      blocked ??= setTimeout(() => reject(new Error(t('screens.storage.olderTab'))), BLOCKED_MS);
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
  if (!isRecord(raw)) return t('screens.storage.notProgress');
  if (raw.version !== undefined && raw.version !== 1) {
    return typeof raw.version === 'number' && raw.version > 1 ? t('screens.storage.newerFormat', { version: String(raw.version) }) : t('screens.storage.unknownFormat');
  }
  if (!isRecord(raw.packs)) return t('screens.storage.noLessons');
  let stored = 0;
  for (const lessons of Object.values(raw.packs)) stored += isRecord(lessons) ? Object.keys(lessons).length : 1;
  const kept = Object.values(sanitizeProgress(raw).packs).reduce((n, lessons) => n + Object.keys(lessons).length, 0);
  return kept < stored ? t('screens.storage.lostRecords', { lost: stored - kept, stored }) : null;
}

/** Why a stored settings (or sandbox) document is not a record at all, or null. */
function recordProblem(raw: unknown, document: DocumentKey): string | null {
  if (raw === undefined) return null;
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? null : t('screens.storage.notRecord', { document });
}

const problemOf = (key: DocumentKey, raw: unknown) => (key === 'progress' ? progressProblem(raw) : recordProblem(raw, key));
const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface WebStorage extends ServiceStorage {
  /** Why storage is not persistent, or null when it is. */
  problem: string | null;
  /** What the learner should be told once (storage refused, a document backed up), in the language in force when asked. */
  readonly notices: string[];
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
    if (typeof indexedDB === 'undefined') throw new Error(t('screens.storage.unavailable'));
    await connect();
  } catch (e) {
    return memoryStorage(() => t('screens.storage.memoryOnly', { reason: reasonOf(e) }));
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

  // Kept as sentences to build when asked: the page sets the learner's language before it asks (AppState.load).
  const notices: (() => string)[] = [];
  const memory = new Map<DocumentKey, unknown>();
  let saveFailed = false;

  const storage: WebStorage = {
    problem: null,
    get notices() {
      return notices.map((say) => say());
    },
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
          throw new SaveError(t('screens.storage.notSaved', { document: key, reason: reasonOf(e) }));
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
      notices.push(() => t('screens.storage.unreadable', { document: key, reason: reasonOf(e) }));
      continue;
    }
    // The sandbox's document is checked entry by entry by the core (sanitizeSandboxDocument): only its shape here.
    const problem = problemOf(key, raw);
    if (!problem) continue;
    const backupKey = `${key} ${new Date().toISOString()}`;
    try {
      await withStore(BACKUPS, 'readwrite', (s, tx) => {
        s.put({ document: key, reason: problem, keptAt: new Date().toISOString(), value: raw }, backupKey);
        return done(tx);
      });
      notices.push(() => t('screens.storage.backedUp', { document: key, problem: problemOf(key, raw) ?? problem, backup: backupKey }));
    } catch (e) {
      notices.push(() => t('screens.storage.notBackedUp', { document: key, problem: problemOf(key, raw) ?? problem, reason: reasonOf(e) }));
    }
  }
  return storage;
}

/** A save that failed: its words are for the learner (the worker passes them on as they are). */
export class SaveError extends ServiceError {}

export function memoryStorage(problem: (() => string) | null = null): WebStorage {
  const docs = new Map<string, unknown>();
  return {
    get problem() {
      return problem ? problem() : null;
    },
    get notices() {
      return problem ? [problem()] : [];
    },
    database: () => null,
    async read(key) {
      return docs.get(key);
    },
    async write(key, value) {
      docs.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}
