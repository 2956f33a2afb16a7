/*
 * Lesson packs in the browser build, besides the built-in ones (packs.ts):
 *
 *   imported  packs the learner picked or dropped (a `.pagewalk` file or a folder), read
 *             with the shared pack reader (core/lessons/reader.ts) — the same limits and
 *             messages as `pagewalk validate` and the desktop app — checked with the
 *             engine (identifyPack) and kept in IndexedDB's "packs" store by pack id, as
 *             the file map the engine loads: { id, name, importedAt, files: [path, text|bytes][] }.
 *             Importing a pack with the same id again replaces it; Remove deletes it.
 *   school    packs a deployment serves next to the build: `packs/index.json` lists
 *             `.pagewalk` archives in that folder (see docs/classroom.md). They are
 *             fetched when the library is listed, read like any archive, and read-only.
 *   preview   a folder opened for author preview. A folder opened with the File System
 *             Access API keeps its handle, so it can be looked at again: a signature of
 *             every file's path, size and modification time tells whether to re-read it.
 *
 * Nothing here trusts what it is given: uploads arrive as File objects and handles by
 * structured clone and go through the reader's limits before anything is read whole.
 */
import type { FileHandle, FolderHandle, PackUpload } from '../../core/api.ts';
import { formatDiagnostic, type Diagnostic } from '../../core/diag.ts';
import { t } from '../../core/i18n/index.ts';
import { ARCHIVE_EXTENSION, safePath, unpackArchive } from '../../core/lessons/archive.ts';
import { identifyPack } from '../../core/lessons/load.ts';
import { isIgnoredName, memoryTree, PACK_READ_LIMITS, readPackTreeAsync, type AsyncPackTreeHost, type PackRead, type PackReadLimits, type ReadAnswer, type TreeEntry } from '../../core/lessons/reader.ts';
import type { PackFiles } from '../../core/service.ts';
import { PACKS } from './storage.ts';

type FileMap = Map<string, string | Uint8Array>;

function refused(file: string, message: string): PackRead {
  return { files: new Map(), diagnostics: [{ file, line: 1, col: 1, severity: 'error', message }] };
}

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** An archive's bytes, or why not as a whole phrase ("the archive is too large …"): word order differs between languages. */
async function readArchiveBlob(blob: Blob, maxBytes: number): Promise<ReadAnswer> {
  if (blob.size > maxBytes) return { error: t('screens.packs.archiveTooLargeRead', { size: String(blob.size), limit: String(maxBytes) }) };
  try {
    return { bytes: new Uint8Array(await blob.arrayBuffer()) };
  } catch (e) {
    return { error: t('screens.packs.archiveUnreadable', { reason: reasonOf(e) }) };
  }
}

async function readBlob(blob: Blob, maxBytes: number): Promise<ReadAnswer> {
  if (blob.size > maxBytes) return { error: t('validator.reader.fileTooLarge', { size: String(blob.size), limit: String(maxBytes) }) };
  try {
    return { bytes: new Uint8Array(await blob.arrayBuffer()) };
  } catch (e) {
    return { error: t('screens.packs.cannotRead', { reason: reasonOf(e) }) };
  }
}

/** The reader's host for a folder opened with the File System Access API. */
export function handleTree(root: FolderHandle): AsyncPackTreeHost {
  const folders = new Map<string, FolderHandle>([['', root]]);
  const files = new Map<string, FileHandle>();
  return {
    async list(path) {
      const folder = folders.get(path);
      if (!folder) return { error: t('validator.reader.noSuchFolder') };
      const entries: TreeEntry[] = [];
      try {
        for await (const h of folder.values()) {
          const child = path ? `${path}/${h.name}` : h.name;
          if (h.kind === 'directory') {
            folders.set(child, h);
            entries.push({ name: h.name, kind: 'folder', size: 0 });
          } else {
            files.set(child, h);
            // Hidden files are never read, so their size is not asked for either.
            const size = isIgnoredName(h.name) ? 0 : (await h.getFile()).size;
            entries.push({ name: h.name, kind: 'file', size });
          }
        }
      } catch (e) {
        return { error: reasonOf(e) };
      }
      return { entries };
    },
    async read(path, _entry, maxBytes) {
      const h = files.get(path);
      if (!h) return { error: t('validator.reader.noSuchFile') };
      try {
        return readBlob(await h.getFile(), maxBytes);
      } catch (e) {
        return { error: t('screens.packs.cannotRead', { reason: reasonOf(e) }) };
      }
    },
  };
}

/** Read whatever the learner picked or dropped, with the shared reader and the engine's limits. */
export async function readUpload(upload: PackUpload, limits: PackReadLimits = PACK_READ_LIMITS): Promise<PackRead> {
  if (upload.kind === 'archive') {
    // The same words as an archive on disk (core/cli/disk.ts).
    if (upload.file.size > limits.maxArchiveBytes) return refused('archive', t('screens.packs.archiveTooLarge', { size: String(upload.file.size), limit: String(limits.maxArchiveBytes) }));
    const bytes = await readArchiveBlob(upload.file, limits.maxArchiveBytes);
    if ('error' in bytes) return refused('archive', bytes.error);
    const u = unpackArchive(bytes.bytes);
    return { files: u.files, diagnostics: u.diagnostics };
  }
  if (upload.kind === 'files') {
    const unsafe: Diagnostic[] = [];
    const items = new Map<string, Blob>();
    for (const f of upload.files) {
      const why = safePath(f.path);
      if (why) unsafe.push({ file: f.path.slice(0, 200), line: 1, col: 1, severity: 'error', message: t('screens.packs.unsafePath', { why }) });
      else items.set(f.path, f.file);
    }
    const r = await readPackTreeAsync(memoryTree(items, readBlob), limits);
    return { files: r.files, diagnostics: [...unsafe, ...r.diagnostics] };
  }
  return readPackTreeAsync(handleTree(upload.handle), limits);
}

/**
 * Path, size and modification time of every file below a folder handle, as one string:
 * it changes when any file is saved, added, removed or renamed. Bounded like the reader.
 */
export async function folderSignature(root: FolderHandle, limits: PackReadLimits = PACK_READ_LIMITS): Promise<string> {
  const parts: string[] = [];
  const walk = async (folder: FolderHandle, prefix: string, depth: number): Promise<void> => {
    for await (const h of folder.values()) {
      if (parts.length > limits.maxFiles * 2 || isIgnoredName(h.name)) continue;
      const path = prefix ? `${prefix}/${h.name}` : h.name;
      if (h.kind === 'directory') {
        parts.push(`${path}/`);
        if (depth < limits.maxDepth) await walk(h, path, depth + 1);
      } else {
        const f = await h.getFile();
        parts.push(`${path}:${f.size}:${f.lastModified}`);
      }
    }
  };
  await walk(root, '', 0);
  return parts.sort().join('\n');
}

export interface StoredPack {
  id: string;
  /** The file or folder name it was imported from. */
  name: string;
  importedAt: string;
  files: [string, string | Uint8Array][];
}

const LOCATION_PREFIX = 'imported in this browser: ';

/**
 * The imported packs: in IndexedDB when the browser allows it, otherwise in memory for
 * this tab (storage already told the learner so).
 */
export class PackShelf {
  private readonly memory = new Map<string, StoredPack>();
  constructor(private readonly database: () => Promise<IDBDatabase> | null) {}

  static locationOf(id: string): string {
    return `${LOCATION_PREFIX}${id}`;
  }

  private async store(mode: IDBTransactionMode): Promise<{ store: IDBObjectStore; done: Promise<void> } | null> {
    const db = this.database();
    if (!db) return null;
    const tx = (await db).transaction(PACKS, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error(t('screens.packs.cannotStore')));
      tx.onabort = () => reject(tx.error ?? new Error(t('screens.packs.storeAborted')));
    });
    return { store: tx.objectStore(PACKS), done };
  }

  async list(): Promise<StoredPack[]> {
    const s = await this.store('readonly');
    if (!s) return [...this.memory.values()];
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const r = s.store.getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    // Whatever else is in the store (a damaged or foreign record) is skipped, not trusted.
    return all.filter((p): p is StoredPack => {
      const x = p as StoredPack;
      return typeof x?.id === 'string' && typeof x.name === 'string' && Array.isArray(x.files) && x.files.every((f) => Array.isArray(f) && typeof f[0] === 'string' && (typeof f[1] === 'string' || f[1] instanceof Uint8Array));
    });
  }

  async put(pack: StoredPack): Promise<void> {
    const s = await this.store('readwrite');
    if (!s) return void this.memory.set(pack.id, pack);
    s.store.put(pack, pack.id);
    await s.done;
  }

  async remove(location: string): Promise<void> {
    if (!location.startsWith(LOCATION_PREFIX)) throw new Error(t('screens.packs.onlyImported'));
    const id = location.slice(LOCATION_PREFIX.length);
    const s = await this.store('readwrite');
    if (!s) return void this.memory.delete(id);
    s.store.delete(id);
    await s.done;
  }
}

export function storedPackFiles(p: StoredPack): PackFiles {
  return { source: 'user', location: PackShelf.locationOf(p.id), files: new Map(p.files) };
}

/** Validate an upload and keep it on the shelf: nothing is stored unless it loads without errors. */
export async function importUpload(shelf: PackShelf, upload: PackUpload): Promise<{ location: string | null; problems: string[] }> {
  if (upload.kind === 'archive' && !upload.name.toLowerCase().endsWith(ARCHIVE_EXTENSION)) {
    return { location: null, problems: [t('screens.packs.notAPack', { name: upload.name, extension: ARCHIVE_EXTENSION })] };
  }
  const read = await readUpload(upload);
  const problems = read.diagnostics.map(formatDiagnostic);
  if (read.diagnostics.some((d) => d.severity === 'error')) return { location: null, problems: [t('screens.packs.hasErrors', { name: upload.name }), ...problems] };
  if (read.files.size === 0) return { location: null, problems: [t('screens.packs.empty', { name: upload.name })] };
  const { id, errors } = identifyPack(read.files);
  if (!id || errors.length > 0) return { location: null, problems: [t('screens.packs.hasErrors', { name: upload.name }), ...errors, ...problems] };
  try {
    await shelf.put({ id, name: upload.name, importedAt: new Date().toISOString(), files: [...read.files] });
  } catch (e) {
    return { location: null, problems: [t('screens.packs.notStored', { name: upload.name, reason: reasonOf(e) })] };
  }
  return { location: PackShelf.locationOf(id), problems };
}

/** The most school packs an index may list. */
export const MAX_SCHOOL_PACKS = 100;

/** Fetch at most `limit` bytes, or say why not; HTML (a server's fallback page for a missing file) counts as missing. */
async function fetchLimited(url: URL, limit: number): Promise<{ bytes: Uint8Array } | { missing: true } | { error: string }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-cache' });
  } catch (e) {
    return { error: t('screens.packs.fetchFailed', { reason: reasonOf(e) }) };
  }
  if (response.status === 404 || /text\/html/i.test(response.headers.get('content-type') ?? '')) return { missing: true };
  if (!response.ok) return { error: t('screens.packs.fetchHttp', { status: String(response.status) }) };
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) return { error: t('screens.packs.fetchTooLarge', { size: String(declared), limit: String(limit) }) };
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(await response.arrayBuffer()) };
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return { error: t('screens.packs.fetchTooLargeStream', { limit: String(limit) }) };
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { bytes: out };
}

/** What `packs/index.json` may say: `{ "packs": ["os101.pagewalk", …] }` (names of archives in that folder). */
export function parseSchoolIndex(text: string): { names: string[]; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { names: [], problems: [t('screens.packs.indexNotJson', { reason: reasonOf(e) })] };
  }
  const list = (parsed as { packs?: unknown } | null)?.packs;
  if (!Array.isArray(list)) return { names: [], problems: [t('screens.packs.indexShape', { example: '{ "packs": ["os101.pagewalk"] }' })] };
  const names: string[] = [];
  const problems: string[] = [];
  for (const entry of list.slice(0, MAX_SCHOOL_PACKS)) {
    if (typeof entry !== 'string' || !entry.toLowerCase().endsWith(ARCHIVE_EXTENSION) || entry.includes('/') || safePath(entry) !== null) {
      problems.push(t('screens.packs.indexEntry', { entry: JSON.stringify(entry) ?? String(entry), extension: ARCHIVE_EXTENSION }));
      continue;
    }
    if (!names.includes(entry)) names.push(entry);
  }
  if (list.length > MAX_SCHOOL_PACKS) problems.push(t('screens.packs.indexTooMany', { count: list.length, max: MAX_SCHOOL_PACKS }));
  return { names, problems };
}

/** The school's packs served beside the build (`base` is the folder holding index.json). */
export async function schoolPacks(base: URL, limits: PackReadLimits = PACK_READ_LIMITS): Promise<PackFiles[]> {
  const index = await fetchLimited(new URL('index.json', base), 1_000_000);
  if ('missing' in index) return []; // no school packs: the usual case
  const indexProblem = (problems: string[]): PackFiles[] => [{ source: 'system', location: 'packs/index.json', files: new Map() as FileMap, problems }];
  if ('error' in index) return indexProblem([t('screens.packs.indexProblem', { problem: index.error })]);
  const { names, problems } = parseSchoolIndex(new TextDecoder().decode(index.bytes));
  const packs: PackFiles[] = [];
  for (const name of names) {
    const got = await fetchLimited(new URL(encodeURIComponent(name), base), limits.maxArchiveBytes);
    if ('bytes' in got) {
      const u = unpackArchive(got.bytes);
      packs.push({ source: 'system', location: `packs/${name}`, files: u.files, problems: u.diagnostics.map(formatDiagnostic) });
    } else packs.push({ source: 'system', location: `packs/${name}`, files: new Map(), problems: ['missing' in got ? t('screens.packs.schoolMissing', { name }) : t('screens.packs.schoolProblem', { name, problem: got.error })] });
  }
  return problems.length > 0 ? [...packs, ...indexProblem(problems)] : packs;
}

/** The pack being previewed from a folder, and whether it changed since it was read. */
export class PreviewSource {
  private handle: FolderHandle | null = null;
  private signature = '';

  async open(upload: PackUpload): Promise<{ pack: PackFiles | null; problems: string[]; changed: boolean }> {
    this.handle = upload.kind === 'folder' ? upload.handle : null;
    this.signature = this.handle ? await folderSignature(this.handle) : '';
    return this.read(upload);
  }

  /** Look at the folder again; re-read it only if a file changed. */
  async refresh(): Promise<{ pack: PackFiles | null; problems: string[]; changed: boolean }> {
    if (!this.handle) return { pack: null, problems: [], changed: false };
    let now: string;
    try {
      now = await folderSignature(this.handle);
    } catch (e) {
      // The folder was moved or removed, or permission was withdrawn: stop watching it.
      this.handle = null;
      return { pack: null, problems: [t('screens.packs.previewGone', { reason: reasonOf(e) })], changed: true };
    }
    if (now === this.signature) return { pack: null, problems: [], changed: false };
    this.signature = now;
    return this.read({ kind: 'folder', name: this.handle.name, handle: this.handle });
  }

  private async read(upload: PackUpload): Promise<{ pack: PackFiles; problems: string[]; changed: boolean }> {
    const r = await readUpload(upload);
    return { pack: { source: 'preview', location: upload.name, files: r.files }, problems: r.diagnostics.map(formatDiagnostic), changed: true };
  }
}
