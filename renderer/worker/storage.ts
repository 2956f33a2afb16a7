/*
 * Progress and settings for the browser build, in IndexedDB (a worker has no
 * localStorage). One object store, "documents", holding the two JSON documents by key.
 * If the browser refuses storage (private windows, disabled site data) the app keeps
 * working from memory and says so once, rather than losing progress silently.
 */
import type { ServiceStorage } from '../../core/service.ts';

const DB_NAME = 'pagewalk';
const STORE = 'documents';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
    r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

export interface WebStorage extends ServiceStorage {
  /** Why storage is not persistent, or null when it is. */
  problem: string | null;
}

export async function openWebStorage(): Promise<WebStorage> {
  let db: IDBDatabase;
  try {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    db = await openDatabase();
  } catch (e) {
    return memoryStorage(`Progress cannot be saved in this browser (${e instanceof Error ? e.message : String(e)}); it lasts until you close this tab. Export it from the Progress screen to keep it.`);
  }
  return {
    problem: null,
    async read(key) {
      return request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
    },
    async write(key, value) {
      const tx = db.transaction(STORE, 'readwrite');
      // A JSON round trip strips anything that is not plain data before it is stored.
      tx.objectStore(STORE).put(JSON.parse(JSON.stringify(value)), key);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('saving failed'));
        tx.onabort = () => reject(tx.error ?? new Error('saving was aborted (is the disk full?)'));
      });
    },
  };
}

export function memoryStorage(problem: string | null = null): WebStorage {
  const docs = new Map<string, unknown>();
  return {
    problem,
    async read(key) {
      return docs.get(key);
    },
    async write(key, value) {
      docs.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}
