/*
 * The lesson engine as the desktop host uses it: unpacking a `.pagewalk` archive and
 * telling whether unpacked files form an installable pack. Both are the engine's own
 * functions (core/lessons), only adapted to the shapes host.ts and packs.ts take.
 */
import { formatDiagnostic } from '../../core/diag.ts';
import { unpackArchive } from '../../core/lessons/archive.ts';
import { identifyPack as identifyLoadedPack } from '../../core/lessons/load.ts';
import type { PackIdentifier } from './host.ts';
import type { ArchiveReader } from './packs.ts';

export const readArchive: ArchiveReader = (bytes) => {
  const r = unpackArchive(bytes);
  return { files: r.files, problems: r.diagnostics.map(formatDiagnostic) };
};

/** The pack's id if its files load without errors; otherwise the errors, as file:line:col lines (the engine's own check). */
export const identifyPack: PackIdentifier = identifyLoadedPack;
