/*
 * Progress and settings on disk, so that nothing a learner did is ever lost silently.
 *
 * Each document lives in its own JSON file, written by electron-store in the app (by
 * `conf`, the engine underneath it, in the unit tests), shaped as
 *
 *     { "schemaVersion": 1, "data": { ...the Progress or the Settings... } }
 *
 * and next to it `<name>.json.bak`, a copy of the file as it was after the last save
 * that succeeded. Opening a document (`openDocument`) reads the file itself first:
 *
 *   good file            → migrated to the current version if older, then used;
 *   missing file         → the backup if there is one (with a notice), else defaults;
 *   damaged file         → moved aside as `<name>.json.damaged-<time>`, then the backup
 *                          if it is good (notice: restored), else defaults (notice: the
 *                          damaged copy is kept for a teacher or IT to look at);
 *   file from a newer    → moved aside as `<name>.json.newer-v<N>` (never overwritten),
 *   Pagewalk               then the backup or defaults, with a notice.
 *
 * Only then is the store opened, so electron-store/conf never sees a file it would
 * reject. Every save is validated against the schema before it is written.
 *
 * A file without "schemaVersion" is version 0: the bare document, as IT might deploy
 * it by hand (for example `{ "theme": "high-contrast", "fontSize": 20 }` as
 * settings.json). Migrations lift it to the current version.
 */
import { formatDate, t } from '../../core/i18n/index.ts';
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LEARNER_NAME_MAX } from '../../core/api.ts';
import { z } from 'zod';
import { readCheckedFile } from '../../core/cli/disk.ts';
import { DEFAULT_SETTINGS, type LessonProgress, type Progress, type QuizRecord, type Settings } from '../../core/api.ts';
import { emptySandboxDocument, type SandboxDocument } from '../../core/scenario/sandbox.ts';

/** What the persistence logic needs from electron-store or conf: the whole document and its file. */
export interface JsonStore {
  store: Record<string, unknown>;
  readonly path: string;
}

export interface JsonStoreOptions {
  /** File name without ".json". */
  name: string;
  /** Folder holding the file. */
  cwd: string;
  /** JSON Schema of each top-level key (electron-store/conf `schema` option). */
  schema: Record<string, unknown>;
  defaults: Record<string, unknown>;
}

export type JsonStoreFactory = (options: JsonStoreOptions) => JsonStore;

/** A migration turns the body of a version-N document into the body of version N+1. */
export type Migration = (body: unknown) => unknown;

export interface DocumentSpec<T> {
  /** File name without ".json", e.g. "progress". */
  name: string;
  /** What it holds, for people reading the code (notices name the three documents by `name` in the catalogue: shell.persist.*). */
  label: string;
  version: number;
  schema: z.ZodType<T>;
  defaults: () => T;
  /** migrations[n] lifts version n to n+1; one for every n below `version`. */
  migrations: Record<number, Migration>;
}

export interface OpenedDocument<T> {
  document: PersistentDocument<T>;
  notices: string[];
}

type Attempt<T> =
  | { ok: true; value: T; migratedFrom: number | null }
  | { ok: false; reason: 'missing' | 'damaged' | 'newer'; detail: string; version?: number };

/** Read a document file, migrate it and check it against the schema, without changing anything on disk. */
export function readDocumentFile<T>(file: string, spec: DocumentSpec<T>): Attempt<T> {
  const read = readSmallFile(file);
  if (!read.ok) return read;
  let parsed: unknown;
  try {
    // A BOM is what Notepad writes at the start of a hand-deployed file: not damage.
    const text = read.text.replace(/^\uFEFF/, '');
    if (text.trim() === '') return { ok: false, reason: 'damaged', detail: t('shell.persist.empty') };
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'damaged', detail: t('shell.persist.notJson', { message: (e as Error).message }) };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, reason: 'damaged', detail: t('shell.persist.notObject') };
  }
  const record = parsed as Record<string, unknown>;
  let version: number;
  let body: unknown;
  if ('schemaVersion' in record) {
    if (!Number.isInteger(record.schemaVersion) || (record.schemaVersion as number) < 0) {
      return { ok: false, reason: 'damaged', detail: t('shell.persist.badVersion', { value: String(JSON.stringify(record.schemaVersion)) }) };
    }
    version = record.schemaVersion as number;
    body = record.data;
  } else {
    version = 0;
    body = record;
  }
  if (version > spec.version) {
    return { ok: false, reason: 'newer', detail: t('shell.persist.newer', { version: String(version), known: String(spec.version) }), version };
  }
  try {
    for (let v = version; v < spec.version; v++) {
      const migrate = spec.migrations[v];
      if (!migrate) return { ok: false, reason: 'damaged', detail: t('shell.persist.noMigration', { version: String(v) }) };
      body = migrate(body);
    }
  } catch (e) {
    return { ok: false, reason: 'damaged', detail: t('shell.persist.migrationFailed', { version: String(version), message: (e as Error).message }) };
  }
  const checked = spec.schema.safeParse(body);
  if (!checked.success) {
    const first = checked.error.issues[0];
    return { ok: false, reason: 'damaged', detail: t('shell.persist.unexpected', { path: first.path.join('.') || t('shell.persist.top'), message: first.message }) };
  }
  return { ok: true, value: checked.data, migratedFrom: version === spec.version ? null : version };
}

/** Largest document read; progress for every lesson of many packs is far smaller. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/**
 * The text of a regular file of at most MAX_DOCUMENT_BYTES, opened without following a
 * link and checked after opening (a FIFO or a link to /dev/zero would hang start-up; a
 * huge file would take hundreds of MB). An unreadable file says so, not "not valid JSON".
 */
function readSmallFile(file: string): { ok: true; text: string } | { ok: false; reason: 'missing' | 'damaged'; detail: string } {
  // The same checked read as every pack file (core/cli/disk.ts).
  const r = readCheckedFile(file, { maxBytes: MAX_DOCUMENT_BYTES });
  if (r.ok) return { ok: true, text: r.bytes.toString('utf8') };
  return r.missing ? { ok: false, reason: 'missing', detail: t('shell.persist.noSuchFile') } : { ok: false, reason: 'damaged', detail: t('shell.persist.it', { detail: r.detail }) };
}

/** Move a file aside under a new name that does not exist yet; returns the new path, or null if it cannot be moved (a read-only folder). */
function setAside(file: string, suffix: string): string | null {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = `${file}.${suffix}-${stamp}`;
  for (let n = 2; existsSync(target); n++) target = `${file}.${suffix}-${stamp}-${n}`;
  try {
    renameSync(file, target);
    return target;
  } catch {
    return null;
  }
}

const keptWhere = (at: string | null, file: string) => (at ? t('shell.persist.keptAt', { path: at }) : t('shell.persist.notMoved', { path: file }));

function describeTime(file: string): string {
  try {
    return formatDate(statSync(file).mtime, { dateStyle: 'short', timeStyle: 'medium' });
  } catch {
    return t('shell.persist.earlierSession');
  }
}

/** The zod schema as a JSON Schema for electron-store's own check (without `$schema`, which only belongs at a root). */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _root, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** Open a document, recovering from a damaged or missing file as described at the top. */
export function openDocument<T>(spec: DocumentSpec<T>, dir: string, createStore: JsonStoreFactory): OpenedDocument<T> {
  const file = join(dir, `${spec.name}.json`);
  const backup = `${file}.bak`;
  const notices: string[] = [];
  const doc = spec.name;

  let value: T;
  let mustWrite = false;
  const main = readDocumentFile(file, spec);
  if (main.ok) {
    value = main.value;
    mustWrite = main.migratedFrom !== null;
  } else {
    const fromBackup = readDocumentFile(backup, spec);
    let keptAt: string | null = null;
    if (main.reason === 'damaged') keptAt = setAside(file, 'damaged');
    if (main.reason === 'newer') keptAt = setAside(file, `newer-v${main.version}`);
    if (fromBackup.ok) {
      value = fromBackup.value;
      if (main.reason === 'missing') {
        notices.push(t('shell.persist.restoredMissing', { doc, when: describeTime(backup) }));
      } else {
        notices.push(t('shell.persist.restoredDamaged', { doc, detail: main.detail, when: describeTime(backup), kept: keptWhere(keptAt, file) }));
      }
    } else {
      value = spec.defaults();
      // A damaged backup is kept too (never overwritten by the fresh start), and said so.
      const backupKept = fromBackup.reason === 'damaged' ? setAside(backup, 'damaged') : null;
      const backupNote = fromBackup.reason !== 'damaged' ? '' : backupKept ? t('shell.persist.backupDamagedKept', { detail: fromBackup.detail, path: backupKept }) : t('shell.persist.backupDamagedStays', { detail: fromBackup.detail, path: backup });
      if (main.reason !== 'missing') {
        notices.push(t('shell.persist.afresh', { doc, detail: main.detail, kept: keptWhere(keptAt, file), backup: backupNote }));
      } else if (backupNote) {
        notices.push(t('shell.persist.afreshMissing', { doc, backup: backupNote }));
      }
    }
    mustWrite = true;
  }

  // Put the chosen document in place before the store opens the file: electron-store checks
  // its schema on opening and would refuse an old-format or damaged file.
  // A folder Pagewalk cannot write to (read-only, full disk) never stops the app from
  // starting: it runs from memory and says that what the learner does will not be kept.
  let store: JsonStore;
  try {
    if (mustWrite) writeJsonAtomically(file, { schemaVersion: spec.version, data: value });
    store = createStore({
      name: spec.name,
      cwd: dir,
      schema: { schemaVersion: { type: 'integer', minimum: 0 }, data: jsonSchemaOf(spec.schema) },
      defaults: { schemaVersion: spec.version, data: spec.defaults() },
    });
  } catch (e) {
    notices.push(t('shell.persist.readOnly', { doc, folder: dir, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
    store = { store: { schemaVersion: spec.version, data: value }, path: file };
  }
  const document = new PersistentDocument(spec, store, backup, value);
  document.writeBackup();
  return { document, notices };
}

function writeJsonAtomically(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, '\t'));
  renameSync(temporary, file);
}

/** One document on disk; `save` validates, writes through the store, then refreshes the backup. */
export class PersistentDocument<T> {
  #value: T;

  constructor(
    private readonly spec: DocumentSpec<T>,
    private readonly store: JsonStore,
    private readonly backupPath: string,
    initial: T,
  ) {
    this.#value = initial;
  }

  get path(): string {
    return this.store.path;
  }

  /** A copy of the current document: callers may change it freely and save it back. */
  get(): T {
    return structuredClone(this.#value);
  }

  save(value: T): void {
    const checked = this.spec.schema.safeParse(value);
    if (!checked.success) {
      const first = checked.error.issues[0];
      throw new Error(t('shell.persist.refusing', { doc: this.spec.name, path: first.path.join('.') || t('shell.persist.top'), message: first.message }));
    }
    this.store.store = { schemaVersion: this.spec.version, data: checked.data as unknown };
    this.#value = structuredClone(checked.data);
    this.writeBackup();
  }

  /** Copy the file just written to the backup, through a temporary file so a crash never leaves half a backup. */
  writeBackup(): void {
    const temporary = `${this.backupPath}.tmp`;
    try {
      copyFileSync(this.store.path, temporary);
      renameSync(temporary, this.backupPath);
    } catch (e) {
      // The document itself is saved; a stale backup only weakens recovery, so the save still counts.
      console.warn(`pagewalk: could not refresh the backup ${this.backupPath}: ${(e as Error).message}`);
    }
  }
}

// ---- The documents the app keeps ----

const quizRecordSchema = z.object({
  attempts: z.number().int().min(0),
  correct: z.number().int().min(0),
  correctInstances: z.array(z.number().int().min(0)),
  lastAnswered: z.string().nullable(),
  nextInstance: z.number().int().min(0).optional(),
  hintsUsed: z.number().int().min(0).optional(),
  lastQuestion: z.string().nullable().optional(),
}) satisfies z.ZodType<QuizRecord>;

const lessonProgressSchema = z.object({
  furthestStep: z.number().int().min(0),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
  quizzes: z.record(z.string(), quizRecordSchema),
  startedAt: z.string().nullable().optional(),
  lastActiveAt: z.string().nullable().optional(),
  activeSeconds: z.number().int().min(0).optional(),
}) satisfies z.ZodType<LessonProgress>;

export const progressSchema = z.object({
  version: z.literal(1),
  packs: z.record(z.string(), z.record(z.string(), lessonProgressSchema)),
}) satisfies z.ZodType<Progress>;

export const settingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark', 'high-contrast']),
  reducedMotion: z.boolean(),
  fontSize: z.number().int().min(10).max(32),
  language: z.string().min(2).max(16),
  // Settings saved before learner names existed have none.
  learnerName: z.string().max(LEARNER_NAME_MAX).default(''),
}) satisfies z.ZodType<Settings>;

export const PROGRESS_DOCUMENT: DocumentSpec<Progress> = {
  name: 'progress',
  label: 'your progress',
  version: 1,
  schema: progressSchema,
  defaults: () => ({ version: 1, packs: {} }),
  migrations: {
    // Version 0 is a bare Progress object (an export, or a file written by hand).
    0: (body) => body,
  },
};

export const SETTINGS_DOCUMENT: DocumentSpec<Settings> = {
  name: 'settings',
  label: 'your settings',
  version: 1,
  schema: settingsSchema,
  defaults: () => ({ ...DEFAULT_SETTINGS }),
  migrations: {
    // Version 0 is bare, possibly partial settings (IT may deploy only the keys it cares about).
    0: (body) => (body && typeof body === 'object' ? { ...DEFAULT_SETTINGS, ...(body as object) } : body),
  },
};

/**
 * The sandbox's sessions, one history per machine (core/scenario/sandbox.ts). Entries are
 * checked here only for shape; the core replays them and leaves out any that no longer load.
 */
export const sandboxSchema = z.object({
  version: z.literal(1),
  machine: z.string().max(100).nullable(),
  sessions: z.record(
    z.string().max(100),
    z.object({
      position: z.number().int().min(0),
      entries: z.array(z.object({ line: z.string().max(20_000) }).passthrough()).max(5000),
    }),
  ),
}) as unknown as z.ZodType<SandboxDocument>;

export const SANDBOX_DOCUMENT: DocumentSpec<SandboxDocument> = {
  name: 'sandbox',
  label: 'your sandbox sessions',
  version: 1,
  schema: sandboxSchema,
  defaults: () => ({ ...emptySandboxDocument(), sessions: {} }),
  migrations: {
    0: (body) => body,
  },
};
