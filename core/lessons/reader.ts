/*
 * The one pack reader: how a pack folder becomes the file map the engine loads (relative
 * path with "/" → text for YAML/Markdown, bytes for images), wherever the folder lives —
 * on disk for `pagewalk validate`/`pack` and the desktop app, or in the browser (a
 * dropped folder, a folder opened with the File System Access API). The reader makes
 * every decision; the host only answers two questions:
 *
 *   list "lessons"            → the entries: name, kind (file, folder, link, other), size
 *   read "lessons/tlb.yaml"   → its bytes (at most maxBytes), or why not ("is a link, not a file")
 *
 * The walk is a generator that yields these questions, so one walk serves a synchronous
 * host (Node's fs, driven by readPackTree) and an asynchronous one (the browser's file
 * handles, driven by readPackTreeAsync). The rules, the same for every host:
 *
 *   - hidden entries (.git, .DS_Store, editor swap files), Thumbs.db and desktop.ini are skipped;
 *   - links are never followed (a warning names them): a pack is plain files and folders;
 *   - anything else that is not a file or a folder (a pipe, a device) is skipped (a warning);
 *   - folders deeper than maxDepth levels are not read (a warning);
 *   - at most maxFiles files, each at most maxFileBytes, maxTotalBytes in all: past a limit
 *     the file (or the rest of the pack) is not read, and that is an error;
 *   - text files must be UTF-8 (a byte-order mark is dropped); otherwise an error.
 *
 * Every problem is a Diagnostic on the entry's own path (line 1, column 1), so the CLI
 * prints it as FILE:1:1 and the app lists the same words.
 */
import type { Diagnostic, Severity } from '../diag.ts';
import { PACK_READ_LIMITS, type PackReadLimits } from './limits.ts';
import { t } from '../i18n/index.ts';

export { PACK_READ_LIMITS, type PackReadLimits };

/** Files read as text; anything else (images) is passed on as bytes. */
export function isTextFile(name: string): boolean {
  return /\.(ya?ml|json|md|markdown|txt|csv)$/i.test(name);
}

/** Names never read: version control, desktop clutter, half-finished imports (".incoming-…"). */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini';
}

export interface TreeEntry {
  name: string;
  kind: 'file' | 'folder' | 'link' | 'other';
  /** Bytes, for files (0 when the host cannot tell before reading). */
  size: number;
  /** The host's identity of what it listed (on disk "device:inode"), handed back when reading so it can check it opened the same file. */
  identity?: string;
}

export type ListAnswer = { entries: TreeEntry[] } | { error: string };
export type ReadAnswer = { bytes: Uint8Array } | { error: string };

/** What the reader asks. Paths are relative to the pack folder, with "/" ("" is the folder itself). */
export type TreeQuestion = { op: 'list'; path: string } | { op: 'read'; path: string; entry: TreeEntry; maxBytes: number };

export interface PackTreeHost {
  list(path: string): ListAnswer;
  read(path: string, entry: TreeEntry, maxBytes: number): ReadAnswer;
}

export interface AsyncPackTreeHost {
  list(path: string): Promise<ListAnswer>;
  read(path: string, entry: TreeEntry, maxBytes: number): Promise<ReadAnswer>;
}

export interface PackRead {
  files: Map<string, string | Uint8Array>;
  diagnostics: Diagnostic[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function problem(file: string, severity: Severity, message: string, hint?: string): Diagnostic {
  return { file: file || '.', line: 1, col: 1, severity, message, hint };
}

/** Text for a text file, bytes for anything else; null (and a diagnostic) when text is not UTF-8. */
export function packFileContents(path: string, bytes: Uint8Array, out: Diagnostic[]): string | Uint8Array | null {
  if (!isTextFile(path)) return bytes;
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    out.push(problem(path, 'error', t('validator.reader.notUtf8'), t('validator.file.saveAsUtf8')));
    return null;
  }
}

/** The walk itself (see the top of the file): yields questions, receives the host's answers. */
export function* walkPack(limits: PackReadLimits = PACK_READ_LIMITS): Generator<TreeQuestion, PackRead, ListAnswer | ReadAnswer> {
  const files = new Map<string, string | Uint8Array>();
  const diagnostics: Diagnostic[] = [];
  let total = 0;
  // Folders still to list, depth first in name order (so every host reads in the same order).
  const pending: { path: string; depth: number }[] = [{ path: '', depth: 0 }];
  while (pending.length > 0) {
    const { path: folder, depth } = pending.pop()!;
    const listed = (yield { op: 'list', path: folder }) as ListAnswer;
    if ('error' in listed) {
      diagnostics.push(problem(folder, 'error', t('validator.reader.cannotList', { reason: listed.error })));
      continue;
    }
    const entries = [...listed.entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: { path: string; depth: number }[] = [];
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.kind === 'link') {
        diagnostics.push(problem(path, 'warning', t('validator.reader.link'), t('validator.reader.putFileItself')));
        continue;
      }
      if (entry.kind === 'other') {
        diagnostics.push(problem(path, 'warning', t('validator.reader.notRegular')));
        continue;
      }
      if (entry.kind === 'folder') {
        if (depth + 1 > limits.maxDepth) diagnostics.push(problem(path, 'warning', t('validator.reader.tooDeep', { depth: limits.maxDepth })));
        else subfolders.push({ path, depth: depth + 1 });
        continue;
      }
      if (files.size >= limits.maxFiles) {
        diagnostics.push(problem(path, 'error', t('validator.reader.tooManyFiles', { limit: limits.maxFiles })));
        return { files, diagnostics };
      }
      if (entry.size > limits.maxFileBytes) {
        diagnostics.push(problem(path, 'error', t('validator.reader.fileTooLarge', { size: entry.size, limit: limits.maxFileBytes })));
        continue;
      }
      if (total + entry.size > limits.maxTotalBytes) {
        diagnostics.push(problem(path, 'error', t('validator.reader.packTooLarge', { limit: limits.maxTotalBytes })));
        return { files, diagnostics };
      }
      const maxBytes = Math.min(limits.maxFileBytes, limits.maxTotalBytes - total);
      const got = (yield { op: 'read', path, entry, maxBytes }) as ReadAnswer;
      if ('error' in got) {
        diagnostics.push(problem(path, 'error', got.error));
        continue;
      }
      if (got.bytes.length > maxBytes) {
        // A host that could not tell the size before reading (a browser file handle).
        diagnostics.push(problem(path, 'error', t('validator.reader.fileTooLarge', { size: got.bytes.length, limit: maxBytes })));
        continue;
      }
      total += got.bytes.length;
      const contents = packFileContents(path, got.bytes, diagnostics);
      if (contents !== null) files.set(path, contents);
    }
    // Pushed in reverse so the first subfolder by name is listed next.
    for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i]);
  }
  return { files, diagnostics };
}

/** Read a pack through a synchronous host (Node's fs). */
export function readPackTree(host: PackTreeHost, limits: PackReadLimits = PACK_READ_LIMITS): PackRead {
  const walk = walkPack(limits);
  let step = walk.next();
  while (!step.done) {
    const q = step.value;
    step = walk.next(q.op === 'list' ? host.list(q.path) : host.read(q.path, q.entry, q.maxBytes));
  }
  return step.value;
}

/** Read a pack through an asynchronous host (browser file handles). */
export async function readPackTreeAsync(host: AsyncPackTreeHost, limits: PackReadLimits = PACK_READ_LIMITS): Promise<PackRead> {
  const walk = walkPack(limits);
  let step = walk.next();
  while (!step.done) {
    const q = step.value;
    step = walk.next(q.op === 'list' ? await host.list(q.path) : await host.read(q.path, q.entry, q.maxBytes));
  }
  return step.value;
}

/**
 * A host over files already in memory (a browser drop gives File objects with relative
 * paths): the same rules apply to them. `paths` are relative with "/"; a path's folders
 * are implied.
 */
export function memoryTree<T extends { size: number }>(entries: Map<string, T>, read: (item: T, maxBytes: number) => Promise<ReadAnswer>): AsyncPackTreeHost {
  const children = new Map<string, Map<string, TreeEntry>>();
  const folder = (path: string) => {
    let c = children.get(path);
    if (!c) children.set(path, (c = new Map()));
    return c;
  };
  folder('');
  for (const [path, item] of entries) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const isLast = i === parts.length - 1;
      if (!isLast) folder(parts.slice(0, i + 1).join('/'));
      if (!folder(parent).has(parts[i])) folder(parent).set(parts[i], { name: parts[i], kind: isLast ? 'file' : 'folder', size: isLast ? item.size : 0 });
    }
  }
  return {
    async list(path) {
      const c = children.get(path);
      return c ? { entries: [...c.values()] } : { error: t('validator.reader.noSuchFolder') };
    },
    async read(path, _entry, maxBytes) {
      const item = entries.get(path);
      return item ? read(item, maxBytes) : { error: t('validator.reader.noSuchFile') };
    },
  };
}
