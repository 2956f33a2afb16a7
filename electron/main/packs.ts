/*
 * Lesson-pack folders on disk. A pack is a folder holding a manifest (MANIFEST_NAMES) and
 * its lessons; the lesson engine reads it as a Map from relative path ("lessons/tlb.yaml",
 * always with "/") to contents. Packs come from three places, listed in this order:
 *
 *   built-in  the app's own `lessons/` (shipped as extraResources, read-only)
 *   system    folders IT deploys for every account (see systemPackFolders), read-only;
 *             `.pagewalk` archives dropped there are read in place
 *   user      `<userData>/packs`, where imports are unpacked and from which they are removed
 *
 * A place is either one pack (it holds a manifest itself) or a folder of packs (each
 * child folder with a manifest, and each `*.pagewalk` file).
 *
 * Reading is the shared pack reader's (core/lessons/reader.ts, on disk through
 * core/cli/disk.ts), so the app and `pagewalk validate` read a pack identically: bounded
 * (files, bytes, depth), links inside a pack never followed, each file checked after it
 * is opened.
 * Writing (import) happens only below the user folder: every archive path is checked
 * before anything is written, the pack is assembled in a fresh folder there and renamed
 * into place, so a bad archive leaves nothing behind.
 */
import { t } from '../../core/i18n/index.ts';
import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, posix, relative, resolve, sep, win32 } from 'node:path';
import { readArchiveBytes, readPackFolderFromDisk } from '../../core/cli/disk.ts';
import { formatDiagnostic } from '../../core/diag.ts';
import { PACK_READ_LIMITS, type PackReadLimits } from '../../core/lessons/reader.ts';
import type { PackFiles } from '../../core/service.ts';
import type { PackSource } from '../../core/lessons/types.ts';
import { systemFolder } from './policy.ts';

/** File names that make a folder a pack. */
export const MANIFEST_NAMES = ['pack.yaml', 'pack.yml', 'pack.json'];
export const ARCHIVE_EXTENSION = '.pagewalk';

export type PackLimits = PackReadLimits;

/** The lesson engine's own limits (core/lessons/reader.ts), the same as `pagewalk validate` keeps. */
export const PACK_LIMITS: PackLimits = PACK_READ_LIMITS;

export type FileMap = Map<string, string | Uint8Array>;

export interface ReadPack {
  files: FileMap;
  problems: string[];
}

/** A pack as the service wants it, plus what went wrong while reading it (files skipped, limits hit). */
export interface FoundPack extends PackFiles {
  problems: string[];
}

/** Unpacks a `.pagewalk` archive (the lesson engine's unpackArchive, adapted). */
export type ArchiveReader = (bytes: Uint8Array) => ReadPack;

/**
 * System-wide pack folders for this platform. In development (an unpackaged app) only,
 * $PAGEWALK_SYSTEM_PACKS (a path list) replaces them; an installed app ignores it, so a
 * learner cannot pass their own packs off as the classroom's.
 */
export function systemPackFolders(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, development = false): string[] {
  if (development && env.PAGEWALK_SYSTEM_PACKS !== undefined) return env.PAGEWALK_SYSTEM_PACKS.split(platform === 'win32' ? ';' : ':').filter(Boolean);
  if (platform === 'linux') return ['/usr/share/pagewalk/packs', '/etc/pagewalk/packs'];
  return [(platform === 'win32' ? win32 : posix).join(systemFolder(platform, env), 'packs')];
}

export function isPackFolder(dir: string): boolean {
  // lstat: a manifest that is a link would not be read, so it does not make a pack.
  return MANIFEST_NAMES.some((name) => {
    try {
      return lstatSync(join(dir, name)).isFile();
    } catch {
      return false; // missing, or `dir` is not a folder
    }
  });
}

function isInside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && !/^[A-Za-z]:/.test(r) && r !== '..');
}

/**
 * Read a pack folder into a file map with the shared reader (core/lessons/reader.ts over
 * core/cli/disk.ts): the same limits and the same messages as `pagewalk validate`. Links
 * inside the pack are not followed, each file is checked after it is opened (the same
 * file that was listed, a regular file, no hard link); what is skipped is in `problems`.
 */
export function readPackFolder(root: string, limits: PackLimits = PACK_LIMITS): ReadPack {
  const r = readPackFolderFromDisk(root, limits);
  return { files: r.files, problems: r.diagnostics.map(formatDiagnostic) };
}

/** Read an archive file from disk within the size limit (checked after opening, like every pack file). */
export function readArchiveFile(path: string, readArchive: ArchiveReader, limits: PackLimits = PACK_LIMITS): ReadPack {
  const read = readArchiveBytes(path, limits);
  if ('error' in read) return { files: new Map(), problems: [t('shell.packs.archiveProblem', { file: basename(path), problem: read.error })] };
  try {
    return readArchive(read.bytes);
  } catch (e) {
    return { files: new Map(), problems: [t('shell.packs.unreadableArchive', { file: basename(path), message: (e as Error).message })] };
  }
}

/** Every pack in one place (see the top of this file); unreadable places are skipped quietly. */
export function listPlace(place: string, source: PackSource, readArchive: ArchiveReader | null, limits: PackLimits = PACK_LIMITS): FoundPack[] {
  if (!existsSync(place)) return [];
  if (isPackFolder(place)) return [{ source, location: place, ...readPackFolder(place, limits) }];
  let names: string[];
  try {
    names = readdirSync(place).sort();
  } catch {
    return [];
  }
  const packs: FoundPack[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue; // includes half-finished imports (.incoming-*)
    const full = join(place, name);
    if (isPackFolder(full)) packs.push({ source, location: full, ...readPackFolder(full, limits) });
    else if (readArchive && name.toLowerCase().endsWith(ARCHIVE_EXTENSION) && statSync(full, { throwIfNoEntry: false })?.isFile()) {
      packs.push({ source, location: full, ...readArchiveFile(full, readArchive, limits) });
    }
  }
  return packs;
}

// ---- Writing into the user's folder ----

/** Why an archive path may not be written, or null when it is a plain relative path. */
export function unsafeArchivePath(path: string): string | null {
  if (path.length === 0 || path.length > 240) return t('shell.packs.path.length');
  if (path.includes('\0')) return t('shell.packs.path.nul');
  if (path.includes('\\')) return t('shell.packs.path.backslash');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return t('shell.packs.path.absolute');
  for (const part of path.split('/')) {
    if (part === '' || part === '.' || part === '..') return t('shell.packs.path.dots');
    if (/[<>:"|?*\x00-\x1f]/.test(part)) return t('shell.packs.path.character');
    if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(part)) return t('shell.packs.path.reserved');
    if (/[. ]$/.test(part)) return t('shell.packs.path.trailing');
  }
  return null;
}

/** A folder name for a pack id: lower-case letters, digits, "-", "_" and "." only. */
export function folderNameFor(packId: string): string | null {
  const name = packId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 100);
  return name === '' || unsafeArchivePath(name) ? null : name;
}

export interface InstallResult {
  location: string | null;
  problems: string[];
}

/**
 * Install unpacked files as `<userPacks>/<folder>`, replacing an older copy of the same
 * pack. Nothing is written unless every path is safe; the copy is built in a hidden
 * folder beside the target and renamed into place.
 */
export function installPackFiles(files: FileMap, folderName: string, userPacks: string): InstallResult {
  const bad = [...files.keys()].map((p) => [p, unsafeArchivePath(p)] as const).filter(([, why]) => why !== null);
  if (bad.length > 0) return { location: null, problems: bad.slice(0, 10).map(([p, why]) => t('shell.packs.unsafeEntry', { path: p, why: why! })) };
  if (unsafeArchivePath(folderName) || folderName.includes('/')) return { location: null, problems: [t('shell.packs.unsafeFolder', { folder: folderName })] };

  mkdirSync(userPacks, { recursive: true });
  const base = realpathSync(userPacks);
  const target = join(base, folderName);
  const incoming = join(base, `.incoming-${randomUUID()}`);
  try {
    mkdirSync(incoming);
    for (const [rel, contents] of files) {
      const destination = resolve(incoming, ...rel.split('/'));
      if (!isInside(destination, incoming) || destination === incoming) throw new Error(t('shell.packs.entryOutside', { path: rel }));
      mkdirSync(dirname(destination), { recursive: true });
      writeFileSync(destination, contents, { flag: 'wx' });
    }
    let old: string | null = null;
    if (existsSync(target)) {
      old = join(base, `.replaced-${randomUUID()}`);
      renameSync(target, old);
    }
    renameSync(incoming, target);
    if (old) rmSync(old, { recursive: true, force: true });
    return { location: target, problems: [] };
  } catch (e) {
    rmSync(incoming, { recursive: true, force: true });
    return { location: null, problems: [t('shell.packs.writeFailed', { folder: userPacks, message: (e as Error).message })] };
  }
}

/** Remove a pack folder or archive, only if it sits directly in the user's packs folder. */
export function removeUserPack(location: string, userPacks: string): void {
  let base: string;
  let real: string;
  try {
    base = realpathSync(userPacks);
    const info = lstatSync(location);
    // A link is removed as a link, never followed.
    real = info.isSymbolicLink() ? join(realpathSync(dirname(location)), basename(location)) : realpathSync(location);
  } catch {
    throw new Error(t('shell.packs.alreadyGone', { location }));
  }
  if (dirname(real) !== base) throw new Error(t('shell.packs.notRemovable', { folder: userPacks, location }));
  rmSync(real, { recursive: true, force: true });
}
