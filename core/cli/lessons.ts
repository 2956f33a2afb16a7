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
import { lessonPackJsonSchema } from '../lessons/schema.ts';
import { DEFAULT_INSTANCES, validatePack } from '../lessons/validate.ts';
import { coverageLine, translationJsonSchema } from '../lessons/translations.ts';
import { t } from '../i18n/index.ts';
import { counted } from '../plural.ts';
import type { Command } from './main.ts';
import { readArchiveFromDisk, readPackFolderFromDisk } from './disk.ts';
import { terminalSafe } from './terminal.ts';

// Everything printed passes through terminalSafe: pack text never drives the terminal.
const out = (s: string) => process.stdout.write(terminalSafe(s) + '\n');
const err = (s: string) => process.stderr.write(terminalSafe(s) + '\n');

/** A usage problem (exit status 2); main.ts prints the usage text. */
class LessonUsageError extends Error {
  override name = 'UsageError';
  readonly code = 'ERR_PARSE_ARGS_LESSONS';
}

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
    throw new LessonUsageError(`${path}: no such folder or file`);
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
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) throw new LessonUsageError('--instances must be a whole number from 1 to 10000');
  return Number(value);
}

function check(path: string, instances: number): { read: ReadResult; result: ReturnType<typeof validatePack> | null; diagnostics: Diagnostic[] } {
  const read = readPack(path);
  if (read.problems.some((d) => d.severity === 'error')) return { read, result: null, diagnostics: read.problems };
  const result = validatePack(read.files, { instances, fallbackId: basename(resolve(path)) });
  return { read, result, diagnostics: [...read.problems, ...result.diagnostics].sort(byPosition) };
}

function report(diagnostics: Diagnostic[], prefix: string, quiet: boolean): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  for (const d of quiet ? errors : diagnostics) err(show(d, prefix));
  return { errors: errors.length, warnings: warnings.length };
}

const plural = (n: number, word: string) => counted(n, word, word === 'quiz' ? 'quizzes' : `${word}s`);

const validate: Command = {
  summary: 'check a lesson pack (folder or .pagewalk archive)',
  usage: `pagewalk validate PACK [--instances N] [--quiet] [--json]

Checks PACK, a pack folder or a ${ARCHIVE_EXTENSION} archive: the YAML and its schema, lesson
and quiz ids, scenario steps, Markdown safety, images, and every quiz for N random
instances (default ${DEFAULT_INSTANCES}): each must have exactly one right answer.
  --instances N  random instances tried per quiz
  --quiet        print errors only
  --json         print the diagnostics as JSON
Messages read FILE:LINE:COL: error|warning: message (hint). Exit status 1 if there is an error.`,
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { instances: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, json: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new LessonUsageError('validate takes exactly one pack folder or archive');
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
    const what = s ? `${s.id} ${s.version}: ${plural(s.lessons.length, 'lesson')}, ${plural(quizzes, 'quiz')} × ${plural(instances, 'instance')}` : read.prefix;
    out(`${what}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${Date.now() - started} ms)`);
    if (result?.coverage?.length) out([t('overlay.coverageHeading'), ...result.coverage.map((c) => `  ${coverageLine(c)}`)].join('\n'));
    return errors ? 1 : 0;
  },
};

const pack: Command = {
  summary: `validate a pack folder and write it as one ${ARCHIVE_EXTENSION} archive`,
  usage: `pagewalk pack FOLDER [-o OUT] [--instances N]

Validates FOLDER like "pagewalk validate" and, if there is no error, writes the pack as
one archive learners can import (default: FOLDER's name + ${ARCHIVE_EXTENSION}, in the current folder).
Only what the pack uses goes in: pack.yaml, the listed lessons, the images, README/LICENSE.`,
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { output: { type: 'string', short: 'o' }, instances: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new LessonUsageError('pack takes exactly one pack folder');
    const folder = positionals[0];
    let st;
    try {
      st = statSync(folder);
    } catch {
      throw new LessonUsageError(`${folder}: no such folder`);
    }
    if (!st.isDirectory()) throw new LessonUsageError(`${folder}: is not a folder (pack builds an archive from a folder)`);
    const { read, result, diagnostics } = check(folder, instancesOption(values.instances));
    const { errors } = report(diagnostics, read.prefix, values.quiet ?? false);
    if (errors || !result?.pack) {
      err(`not packed: ${plural(errors, 'error')}`);
      return 1;
    }
    const loaded = result.pack;
    const keep = new Set<string>([...read.files.keys()].filter((f) => /^pack\.(ya?ml|json)$/.test(f) || /^(README|LICEN[CS]E|COPYING|CHANGELOG|AUTHORS)(\.(md|txt))?$/i.test(f)));
    for (const l of loaded.manifest.lessons) keep.add(l.replace(/^\.\//, ''));
    for (const a of loaded.assets.keys()) keep.add(a);
    for (const overlay of loaded.translations?.values() ?? []) for (const f of overlay.files) keep.add(f);
    const files = new Map([...read.files].filter(([f]) => keep.has(f)));
    const target = values.output ?? `${basename(resolve(folder))}${ARCHIVE_EXTENSION}`;
    const bytes = packArchive(files);
    try {
      writeFileSync(target, bytes);
    } catch (e) {
      err(`pagewalk pack: cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 1;
    }
    out(`wrote ${target} (${loaded.summary.id} ${loaded.summary.version}, ${plural(files.size, 'file')}, ${plural(bytes.length, 'byte')})`);
    return 0;
  },
};

export const lessonCommands: Record<string, Command> = { validate, pack };
export const lessonSchemas: Record<string, () => unknown> = { 'lesson-pack': lessonPackJsonSchema, translation: translationJsonSchema };
