/*
 * `.pagewalk` archives: a pack folder as one zip file, for sharing.
 *
 * Packing uses fflate's zip writer (entries sorted, fixed timestamps, so the same folder
 * always gives the same bytes). Unpacking does not trust the archive: we read the zip's
 * central directory ourselves so that we see what a generic unzip hides or does for us —
 * the Unix mode (symlinks), names that climb out of the folder, duplicate names, entry
 * counts — and inflate each entry through a counting stream that stops as soon as the
 * real output passes the limit (a decompression bomb can lie in its headers). CRCs are
 * checked. One bad entry refuses the whole archive: the host installs nothing.
 *
 * The result is a map of safe relative paths (no "..", not absolute, forward slashes) to
 * contents: text for YAML/Markdown (which must be UTF-8), bytes for everything else.
 */
import { Inflate, zipSync, type Zippable } from 'fflate';
import type { Diagnostic } from '../diag.ts';
import { t } from '../i18n/index.ts';
import { packFileContents, PACK_READ_LIMITS } from './reader.ts';

export const ARCHIVE_EXTENSION = '.pagewalk';

export interface ArchiveLimits {
  /** Size of the archive file itself. */
  maxArchiveBytes: number;
  maxEntries: number;
  /** Largest single entry once inflated. */
  maxEntryBytes: number;
  /** All entries together, once inflated. */
  maxTotalBytes: number;
}

/** The same limits as a pack folder (core/lessons/reader.ts): an archive is a folder in one file. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxArchiveBytes: PACK_READ_LIMITS.maxArchiveBytes,
  maxEntries: PACK_READ_LIMITS.maxFiles,
  maxEntryBytes: PACK_READ_LIMITS.maxFileBytes,
  maxTotalBytes: PACK_READ_LIMITS.maxTotalBytes,
};

const ARCHIVE_NAME = 'archive';
const FIXED_DATE = new Date(2000, 0, 1, 0, 0, 0);

/** Build an archive from a pack's files (relative paths). Same input → same bytes. */
export function packArchive(files: Map<string, string | Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const tree: Zippable = {};
  for (const path of [...files.keys()].sort()) {
    if (safePath(path) !== null) throw new Error(t('validator.archive.cannotPack', { path, reason: safePath(path)! }));
    const data = files.get(path)!;
    tree[path] = [typeof data === 'string' ? encoder.encode(data) : data, { level: 9, mtime: FIXED_DATE }];
  }
  return zipSync(tree, { mtime: FIXED_DATE });
}

/** Why a path is unsafe to write under a folder, or null when it is a plain relative path. */
export function safePath(path: string): string | null {
  if (path.length === 0) return t('validator.archive.path.empty');
  if (path.length > 400) return t('validator.archive.path.long');
  if (/[\u0000-\u001f\u007f]/.test(path)) return t('validator.archive.path.control');
  if (path.includes('\\')) return t('validator.archive.path.backslash');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return t('validator.archive.path.absolute');
  const parts = path.split('/');
  if (parts.some((p) => p === '..')) return t('validator.archive.path.climbs');
  if (parts.some((p) => p === '' || p === '.')) return t('validator.archive.path.emptyFolder');
  if (parts.some((p) => /[<>:"|?*]/.test(p))) return t('validator.archive.path.characters');
  if (parts.some((p) => /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(p))) return t('validator.archive.path.reserved');
  if (parts.some((p) => p.endsWith('.') || p.endsWith(' '))) return t('validator.archive.path.trailing');
  if (parts.length > 8) return t('validator.archive.path.deep');
  return null;
}

class ArchiveError extends Error {}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  mode: number;
  madeBy: number;
}

/** Find the end-of-central-directory record (it may be followed by a comment). */
function findEnd(b: Uint8Array): number {
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65535; i--) {
    if (u32(b, i) === 0x06054b50) return i;
  }
  throw new ArchiveError(t('validator.archive.notZipNoEnd'));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readEntries(b: Uint8Array, limits: ArchiveLimits): Entry[] {
  const end = findEnd(b);
  if (end >= 20 && u32(b, end - 20) === 0x07064b50) throw new ArchiveError(t('validator.archive.zip64'));
  const count = u16(b, end + 10);
  const cdSize = u32(b, end + 12);
  const cdOffset = u32(b, end + 16);
  if (u16(b, end + 4) !== 0 || u16(b, end + 6) !== 0 || u16(b, end + 8) !== count) throw new ArchiveError(t('validator.archive.spanned'));
  if (count > limits.maxEntries) throw new ArchiveError(t('validator.archive.tooManyEntries', { count, limit: limits.maxEntries }));
  if (cdOffset + cdSize > end) throw new ArchiveError(t('validator.archive.directoryOutside'));
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || u32(b, p) !== 0x02014b50) throw new ArchiveError(t('validator.archive.badDirectoryEntry'));
    const madeBy = u16(b, p + 4) >> 8;
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const crc = u32(b, p + 16);
    const compressedSize = u32(b, p + 20);
    const size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const external = u32(b, p + 38);
    const localOffset = u32(b, p + 42);
    if (p + 46 + nameLen > end) throw new ArchiveError(t('validator.archive.nameOutside'));
    let name: string;
    try {
      name = utf8.decode(b.subarray(p + 46, p + 46 + nameLen));
    } catch {
      throw new ArchiveError(t('validator.archive.nameNotUtf8', { number: i + 1 }));
    }
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset, mode: external >>> 16, madeBy });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflate through a counting stream: stop as soon as the real output passes `limit`. */
function inflateLimited(data: Uint8Array, expected: number, limit: number, name: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) {
      overflow = true;
      return;
    }
    chunks.push(chunk);
  });
  const SLICE = 1024; // at most ~1 MiB of output per push, whatever the compression ratio
  try {
    for (let i = 0; i < data.length && !overflow; i += SLICE) inflater.push(data.subarray(i, Math.min(data.length, i + SLICE)), i + SLICE >= data.length);
  } catch (e) {
    throw new ArchiveError(t('validator.archive.entryDamaged', { name, reason: (e as Error).message }));
  }
  if (overflow) throw new ArchiveError(t('validator.archive.bomb', { name, limit }));
  if (total !== expected) throw new ArchiveError(t('validator.archive.sizeMismatch', { name, size: total, expected }));
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Unpack an archive. Any problem refuses the whole archive (`files` is then empty), so
 * the host never installs part of a bad pack.
 */
export function unpackArchive(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): { files: Map<string, string | Uint8Array>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const refuse = (message: string, file = ARCHIVE_NAME, hint?: string) => {
    diagnostics.push({ file, line: 1, col: 1, severity: 'error', message, hint });
    return { files: new Map<string, string | Uint8Array>(), diagnostics };
  };
  if (bytes.length > limits.maxArchiveBytes) return refuse(t('validator.archive.tooLarge', { size: bytes.length, limit: limits.maxArchiveBytes }));
  if (bytes.length < 22) return refuse(t('validator.archive.tooShort'));
  let entries: Entry[];
  try {
    entries = readEntries(bytes, limits);
  } catch (e) {
    if (e instanceof ArchiveError) return refuse(e.message, ARCHIVE_NAME, t('validator.archive.packAgain'));
    throw e;
  }
  const files = new Map<string, string | Uint8Array>();
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    const isDir = e.name.endsWith('/');
    const name = isDir ? e.name.slice(0, -1) : e.name;
    const unsafe = safePath(name);
    if (unsafe) return refuse(t('validator.archive.entryUnsafe', { name: e.name, reason: unsafe }));
    const type = e.mode & 0o170000;
    if (e.madeBy === 3 && type === 0o120000) return refuse(t('validator.archive.entryLink', { name: e.name }));
    if (e.madeBy === 3 && type !== 0 && type !== 0o100000 && type !== 0o040000) return refuse(t('validator.archive.entryNotRegular', { name: e.name }));
    if (isDir) continue;
    const key = name.toLowerCase();
    if (seen.has(key)) return refuse(t('validator.archive.entryTwice', { name: e.name }));
    seen.add(key);
    if (e.flags & 1) return refuse(t('validator.archive.entryEncrypted', { name: e.name }));
    if (e.method !== 0 && e.method !== 8) return refuse(t('validator.archive.entryMethod', { name: e.name, method: e.method }));
    if (e.size > limits.maxEntryBytes) return refuse(t('validator.archive.entryTooLarge', { name: e.name, size: e.size, limit: limits.maxEntryBytes }));
    if (total + e.size > limits.maxTotalBytes) return refuse(t('validator.archive.unpacksTooLarge', { limit: limits.maxTotalBytes }));
    const o = e.localOffset;
    if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50) return refuse(t('validator.archive.entryNoLocalHeader', { name: e.name }));
    const nameLen = u16(bytes, o + 26);
    const extraLen = u16(bytes, o + 28);
    const localName = bytes.subarray(o + 30, o + 30 + nameLen);
    if (new TextDecoder().decode(localName) !== e.name) return refuse(t('validator.archive.entryLocalName', { name: e.name }));
    const start = o + 30 + nameLen + extraLen;
    if (start + e.compressedSize > bytes.length) return refuse(t('validator.archive.entryBeyondEnd', { name: e.name }));
    const raw = bytes.subarray(start, start + e.compressedSize);
    let data: Uint8Array;
    try {
      data = e.method === 0 ? raw.slice() : inflateLimited(raw, e.size, Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total), e.name);
    } catch (err) {
      if (err instanceof ArchiveError) return refuse(err.message);
      throw err;
    }
    if (data.length !== e.size) return refuse(t('validator.archive.entrySizeMismatch', { name: e.name, size: data.length, expected: e.size }));
    if (crc32(data) !== e.crc) return refuse(t('validator.archive.entryChecksum', { name: e.name }));
    total += data.length;
    // Text or bytes exactly as a pack folder is read (core/lessons/reader.ts).
    const contents = packFileContents(name, data, diagnostics);
    if (contents === null) return { files: new Map<string, string | Uint8Array>(), diagnostics };
    files.set(name, contents);
  }
  if (files.size === 0) return refuse(t('validator.archive.empty'));
  return { files, diagnostics };
}
