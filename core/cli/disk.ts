/*
 * Reading files from disk without trusting them, for everything on the Node side: the
 * CLI (`pagewalk validate`, `pagewalk pack`) and Electron's main process (pack folders,
 * `.pagewalk` archives, progress and settings). One checked read, one pack-folder host:
 *
 *   readCheckedFile   open with O_NOFOLLOW (a link is refused, not followed) and
 *                     O_NONBLOCK (a FIFO cannot hang us), then check the *opened* file
 *                     with fstat: a regular file, no larger than asked, and, when the
 *                     caller listed it first, the same device and inode it listed (a file
 *                     swapped between the check and the read is refused); optionally no
 *                     hard links (the same inode under another name, perhaps outside the pack).
 *   diskPackTree      the host core/lessons/reader.ts walks: lists folders with lstat
 *                     (links are reported as links, never followed) and reads each file
 *                     with readCheckedFile. On Linux it also asks the kernel where the
 *                     opened file really is (/proc/self/fd), so a folder on the path
 *                     swapped for a link is caught too.
 *
 * This is the one place outside electron/main that touches Node's fs for packs; it lives
 * beside the CLI because the CLI and the app must read packs identically (issue 12).
 */
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { unpackArchive } from '../lessons/archive.ts';
import { t } from '../i18n/index.ts';
import { PACK_READ_LIMITS, readPackTree, type PackRead, type PackReadLimits, type PackTreeHost, type TreeEntry } from '../lessons/reader.ts';

export type CheckedRead = { ok: true; bytes: Buffer } | { ok: false; missing: boolean; detail: string; tooLarge?: { size: number; limit: number } };

export interface CheckedReadOptions {
  maxBytes: number;
  /** "device:inode" of what the caller checked before: the opened file must be that file. */
  identity?: string;
  /** Refuse a file with more than one name (a hard link). */
  refuseHardLinks?: boolean;
  /** Where the file must really be (an absolute path without links); checked where the platform can tell. */
  realPath?: string;
}

export function identityOf(st: { dev: number | bigint; ino: number | bigint }): string {
  return `${st.dev}:${st.ino}`;
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Where an open file descriptor really is, or null where the platform cannot tell (Linux can). */
function pathOfDescriptor(fd: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

/**
 * The bytes of a regular file, checked as described at the top. `detail` is a phrase
 * without a subject ("is a link, not a file"), so each caller can say what "it" is.
 */
export function readCheckedFile(file: string, o: CheckedReadOptions): CheckedRead {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    const c = code(e);
    if (c === 'ENOENT') return { ok: false, missing: true, detail: t('shell.disk.missing') };
    if (c === 'ELOOP') return { ok: false, missing: false, detail: t('shell.disk.link') };
    return { ok: false, missing: false, detail: t('shell.disk.cannotRead', { reason: c }) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, missing: false, detail: t('shell.disk.notRegular') };
    if (o.identity !== undefined && identityOf(st) !== o.identity) return { ok: false, missing: false, detail: t('shell.disk.replaced') };
    if (o.refuseHardLinks && st.nlink > 1) return { ok: false, missing: false, detail: t('shell.disk.hardLink', { names: String(st.nlink) }) };
    if (o.realPath !== undefined) {
      const real = pathOfDescriptor(fd);
      if (real !== null && real !== o.realPath) return { ok: false, missing: false, detail: t('shell.disk.moved') };
    }
    if (st.size > o.maxBytes) return { ok: false, missing: false, detail: t('shell.disk.tooLarge', { size: String(st.size), limit: String(o.maxBytes) }), tooLarge: { size: st.size, limit: o.maxBytes } };
    const buffer = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buffer, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { ok: true, bytes: buffer.subarray(0, got) };
  } catch (e) {
    return { ok: false, missing: false, detail: t('shell.disk.cannotRead', { reason: code(e) }) };
  } finally {
    closeSync(fd);
  }
}

const asBytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * The reader's host for a pack folder on disk. The folder itself may be reached through a
 * link (it is resolved once, here); nothing inside it is followed.
 */
export function diskPackTree(root: string): PackTreeHost {
  const realRoot = realpathSync(root);
  const full = (rel: string) => (rel === '' ? realRoot : join(realRoot, ...rel.split('/')));
  return {
    list(rel) {
      let names: string[];
      try {
        names = readdirSync(full(rel));
      } catch (e) {
        return { error: code(e) };
      }
      const entries: TreeEntry[] = [];
      for (const name of names) {
        const st = lstatSync(join(full(rel), name), { throwIfNoEntry: false });
        if (!st) continue; // gone since the listing
        const kind = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
        entries.push({ name, kind, size: st.isFile() ? st.size : 0, identity: identityOf(st) });
      }
      return { entries };
    },
    read(rel, entry, maxBytes) {
      const path = full(rel);
      const r = readCheckedFile(path, { maxBytes, identity: entry.identity, refuseHardLinks: true, realPath: path });
      return r.ok ? { bytes: asBytes(r.bytes) } : { error: r.detail };
    },
  };
}

/** Read a pack folder on disk with the shared reader. */
export function readPackFolderFromDisk(root: string, limits: PackReadLimits = PACK_READ_LIMITS): PackRead {
  let host: PackTreeHost;
  try {
    host = diskPackTree(root);
  } catch (e) {
    return { files: new Map(), diagnostics: [{ file: '.', line: 1, col: 1, severity: 'error', message: t('shell.disk.folderUnreadable', { reason: code(e) }) }] };
  }
  return readPackTree(host, limits);
}

/** The bytes of a `.pagewalk` archive on disk, or why not, as a phrase without a subject ("does not exist", "is too large for a lesson pack (…)"). */
export function readArchiveBytes(file: string, limits: PackReadLimits = PACK_READ_LIMITS): { bytes: Uint8Array } | { error: string } {
  let real: string;
  try {
    // The archive the user named may be reached through a link (an alias in Downloads); it is resolved once, here.
    real = realpathSync(file);
  } catch (e) {
    const c = code(e);
    return { error: c === 'ENOENT' ? t('shell.disk.missing') : t('shell.disk.cannotRead', { reason: c }) };
  }
  const r = readCheckedFile(real, { maxBytes: limits.maxArchiveBytes });
  if (!r.ok) return { error: r.tooLarge ? t('shell.disk.archiveTooLarge', { size: String(r.tooLarge.size), limit: String(r.tooLarge.limit) }) : r.detail };
  return { bytes: asBytes(r.bytes) };
}

/** Read and unpack a `.pagewalk` archive on disk (any problem refuses the whole archive). */
export function readArchiveFromDisk(file: string, limits: PackReadLimits = PACK_READ_LIMITS): PackRead {
  const read = readArchiveBytes(file, limits);
  if ('error' in read) return { files: new Map(), diagnostics: [{ file: 'archive', line: 1, col: 1, severity: 'error', message: t('shell.disk.archive', { problem: read.error }) }] };
  const u = unpackArchive(read.bytes);
  return { files: u.files, diagnostics: u.diagnostics };
}
