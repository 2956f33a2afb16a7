/*
 * `pagewalk validate` and `pagewalk pack`: the lesson-pack tooling of the command line.
 * It reads a pack folder (or a .pagewalk archive) into memory with the reader the desktop
 * app uses too (core/cli/disk.ts), hands it to core/lessons, prints diagnostics as
 * FILE:LINE:COL and writes archives.
 */
import { statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, type Diagnostic } from '../diag.ts';
import { ARCHIVE_EXTENSION, packArchive } from '../lessons/archive.ts';
import { packRoot, rootedFiles } from '../lessons/load.ts';
import { lessonPackJsonSchema } from '../lessons/schema.ts';
import { DEFAULT_INSTANCES, validatePack } from '../lessons/validate.ts';
import { coverageLine, translationJsonSchema } from '../lessons/translations.ts';
import { t } from '../i18n/index.ts';
import type { Command } from './main.ts';
import { InputError, UsageError } from './usage.ts';
import { readArchiveFromDisk, readPackFolderFromDisk } from './disk.ts';
import { terminalSafe } from './terminal.ts';

// Everything printed passes through terminalSafe: pack text never drives the terminal.
const out = (s: string) => process.stdout.write(terminalSafe(s) + '\n');
const err = (s: string) => process.stderr.write(terminalSafe(s) + '\n');

interface ReadResult {
  files: Map<string, string | Uint8Array>;
  problems: Diagnostic[];
  /** How file names are shown: the folder or archive path in front. */
  prefix: string;
}

/**
 * Read a pack folder into memory with the shared reader (core/lessons/reader.ts over
 * core/cli/disk.ts), exactly as the desktop app reads it: same limits, same messages.
 */
export function readPackFolder(dir: string): ReadResult {
  const r = readPackFolderFromDisk(dir);
  return { files: r.files, problems: r.diagnostics, prefix: dir.replace(/\/+$/, '') };
}

function readPack(path: string): ReadResult {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(t('shell.cli.validate.noSuchPath', { path }));
  }
  if (st.isDirectory()) return readPackFolder(path);
  const r = readArchiveFromDisk(path);
  return { files: r.files, problems: r.diagnostics, prefix: path };
}

function show(d: Diagnostic, prefix: string): string {
  return formatDiagnostic({ ...d, file: `${prefix}/${d.file}` });
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;
}

function instancesOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_INSTANCES;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) throw new UsageError(t('shell.cli.validate.instances'));
  return Number(value);
}

function check(path: string, instances: number): { read: ReadResult; result: ReturnType<typeof validatePack> | null; diagnostics: Diagnostic[]; root: string } {
  const read = readPack(path);
  if (read.problems.some((d) => d.severity === 'error')) return { read, result: null, diagnostics: read.problems, root: '' };
  const result = validatePack(read.files, { instances, fallbackId: basename(resolve(path)) });
  // The validator names files from the pack's root; the pack may sit one folder down from `path`.
  const root = packRoot(read.files);
  const found = root ? result.diagnostics.map((d) => ({ ...d, file: `${root}${d.file}` })) : result.diagnostics;
  return { read, result, diagnostics: [...read.problems, ...found].sort(byPosition), root };
}

function report(diagnostics: Diagnostic[], prefix: string, quiet: boolean): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  for (const d of quiet ? errors : diagnostics) err(show(d, prefix));
  return { errors: errors.length, warnings: warnings.length };
}

const validate: Command = {
  get summary() {
    return t('shell.cli.validate.summary');
  },
  get usage() {
    return t('shell.cli.validate.usage', { extension: ARCHIVE_EXTENSION, instances: DEFAULT_INSTANCES });
  },
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { instances: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, json: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError(t('shell.cli.validate.one'));
    const instances = instancesOption(values.instances);
    const started = Date.now();
    const { read, result, diagnostics } = check(positionals[0], instances);
    if (values.json) {
      out(JSON.stringify({ pack: result?.summary ?? null, diagnostics: diagnostics.map((d) => ({ ...d, file: `${read.prefix}/${d.file}` })), translations: result?.coverage ?? [] }, null, 2));
      return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
    }
    const { errors, warnings } = report(diagnostics, read.prefix, values.quiet ?? false);
    const s = result?.summary;
    const quizzes = s ? s.lessons.reduce((n, l) => n + l.quizCount, 0) : 0;
    const ms = Date.now() - started;
    out(s ? t('shell.cli.validate.resultPack', { id: s.id, version: s.version, lessons: s.lessons.length, quizzes, instances, errors, warnings, ms }) : t('shell.cli.validate.resultPath', { path: read.prefix, errors, warnings, ms }));
    if (result?.coverage?.length) out([t('overlay.coverageHeading'), ...result.coverage.map((c) => `  ${coverageLine(c)}`)].join('\n'));
    return errors ? 1 : 0;
  },
};

const pack: Command = {
  get summary() {
    return t('shell.cli.pack.summary', { extension: ARCHIVE_EXTENSION });
  },
  get usage() {
    return t('shell.cli.pack.usage', { extension: ARCHIVE_EXTENSION });
  },
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { output: { type: 'string', short: 'o' }, instances: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError(t('shell.cli.pack.one'));
    const folder = positionals[0];
    let st;
    try {
      st = statSync(folder);
    } catch {
      throw new InputError(t('shell.cli.pack.noSuchFolder', { path: folder }));
    }
    if (!st.isDirectory()) throw new InputError(t('shell.cli.pack.notFolder', { path: folder }));
    const { read, result, diagnostics, root } = check(folder, instancesOption(values.instances));
    const { errors } = report(diagnostics, read.prefix, values.quiet ?? false);
    if (errors || !result?.pack) {
      err(t('shell.cli.pack.notPacked', { errors }));
      return 1;
    }
    const loaded = result.pack;
    // The pack may sit one folder down (`pagewalk pack lessons` for lessons/memory-management): the archive holds the pack itself.
    const rooted = rootedFiles(read.files, root);
    const inner = root.replace(/\/$/, '');
    const keep = new Set<string>([...rooted.keys()].filter((f) => /^pack\.(ya?ml|json)$/.test(f) || /^(README|LICEN[CS]E|COPYING|CHANGELOG|AUTHORS)(\.(md|txt))?$/i.test(f)));
    for (const l of loaded.manifest.lessons) keep.add(l.replace(/^\.\//, ''));
    for (const a of loaded.assets.keys()) keep.add(a);
    for (const overlay of loaded.translations?.values() ?? []) for (const f of overlay.files) keep.add(f);
    const files = new Map([...rooted].filter(([f]) => keep.has(f)));
    const target = values.output ?? `${inner || basename(resolve(folder))}${ARCHIVE_EXTENSION}`;
    const bytes = packArchive(files);
    try {
      writeFileSync(target, bytes);
    } catch (e) {
      err(`pagewalk pack: ${t('shell.cli.pack.cannotWrite', { file: target, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message })}`);
      return 1;
    }
    out(t('shell.cli.pack.wrote', { file: target, id: loaded.summary.id, version: loaded.summary.version, files: files.size, bytes: bytes.length }));
    return 0;
  },
};

export const lessonCommands: Record<string, Command> = { validate, pack };
export const lessonSchemas: Record<string, () => unknown> = { 'lesson-pack': lessonPackJsonSchema, translation: translationJsonSchema };
