/*
 * The one API the renderer uses, whatever hosts the simulation: Electron's main process
 * (over IPC, through the preload bridge) or a Web Worker (the browser build). Every
 * method takes and returns plain JSON so it crosses either boundary unchanged.
 *
 * `API_METHODS` lists the method names: the preload bridge, the IPC handlers and the
 * worker dispatcher are all generated from it, and the main process validates each
 * call's arguments against `apiArguments()` before running it.
 */
import { z } from 'zod';
import { t } from './i18n/index.ts';
import './i18n/zod.ts';
import type { ExperimentSpec } from './experiments/schema.ts';
import type { ExperimentTable } from './experiments/types.ts';
import type { LessonView, PackSummary, QuizAnswer, QuizFeedback } from './lessons/types.ts';
import type { Keyframes } from './scenario/keyframes.ts';
import type { StepResult } from './scenario/run.ts';
import type { SimEvent } from './sim/events.ts';
import type { MachineProfile } from './sim/profile.ts';
import type { Snapshot } from './sim/snapshot.ts';

export type Theme = 'system' | 'light' | 'dark' | 'high-contrast';

export interface Settings {
  theme: Theme;
  reducedMotion: boolean;
  /** Base font size in CSS pixels. */
  fontSize: number;
  /** "system" (the OS / browser language, or the classroom's preset) or a locale tag (core/i18n/locales.ts). */
  language: string;
  /** The learner's name as they typed it, kept on this computer only; it names and heads their progress exports ("" when not given). */
  learnerName: string;
}

export const DEFAULT_SETTINGS: Settings = { theme: 'system', reducedMotion: false, fontSize: 16, language: 'system', learnerName: '' };

/** Longest learner name kept (a name, not a document). */
export const LEARNER_NAME_MAX = 80;

/** A classroom policy file deployed by IT (see docs/classroom.md). */
export interface ClassroomPolicy {
  allowImport: boolean;
  allowSandbox: boolean;
  allowAuthorPreview: boolean;
  /** The language a classroom presets (a shipped locale tag); a learner's own choice in Settings wins. */
  language?: string;
  /** Where the policy came from, for the About/Settings screen ("built-in defaults" if none). */
  source: string;
}

export const DEFAULT_POLICY: ClassroomPolicy = { allowImport: true, allowSandbox: true, allowAuthorPreview: true, source: 'built-in defaults' };

export interface QuizRecord {
  attempts: number;
  correct: number;
  /** Correct answers on distinct instances (attempt numbers). */
  correctInstances: number[];
  lastAnswered: string | null;
  /** The instance to show next (fresh instances never repeat, even when skipped); see core/lessons/progress.ts. */
  nextInstance?: number;
  /** Hints asked for, over all instances (absent in progress saved before hints existed). */
  hintsUsed?: number;
  /** The question as it was shown at the last answer (Markdown, parameters filled in, images left as their names). */
  lastQuestion?: string | null;
}

export interface LessonProgress {
  /** Furthest step reached (0-based). */
  furthestStep: number;
  completed: boolean;
  completedAt: string | null;
  quizzes: Record<string, QuizRecord>;
  /** When the learner first did something in the lesson (moved a step, asked a hint, answered). */
  startedAt?: string | null;
  /** When they last did. */
  lastActiveAt?: string | null;
  /** Time spent working in the lesson, in seconds: gaps between actions, each counted up to IDLE_CAP_SECONDS (core/lessons/progress.ts). */
  activeSeconds?: number;
}

export interface Progress {
  version: 1;
  /** packId → lessonId → progress. */
  packs: Record<string, Record<string, LessonProgress>>;
}

/** What importing a progress file did (see mergeProgress in core/lessons/progress.ts). */
export interface ProgressImportReport {
  /** The name written in the file ("" when none). */
  learner: string;
  exportedAt: string | null;
  /** Lessons new to this computer, lessons where the file added something, lessons where it added nothing. */
  added: number;
  updated: number;
  unchanged: number;
  /** Ids of packs in the file that this computer does not have (their progress is kept for when they are installed). */
  unknownPacks: string[];
}

export interface SessionView {
  sessionId: string;
  kind: 'lesson' | 'sandbox';
  lesson: LessonView | null;
  snapshot: Snapshot;
  /** Events of the step(s) just applied, in order: the graph animates these. */
  events: SimEvent[];
  /** The machine before each part of `events` (core/scenario/keyframes.ts); the last part ends on `snapshot`. */
  keyframes: Keyframes;
  /** Results of every step applied so far in this session, for the event log. */
  log: StepResult[];
  names: { processes: Record<string, number>; threads: Record<string, number> };
  /** Sandbox sessions only: the history that undo and redo move in, and the files on the disk. */
  sandbox?: SandboxView;
}

export interface SandboxView {
  profileId: string;
  /** How many entries are applied; the entries after it were undone (redo brings them back). */
  position: number;
  entries: { line: string; kind: 'step' | 'file' }[];
  /** For each entry, the number of log results once it is applied (so a result's index tells which entry made it). */
  resultEnds: number[];
  files: { name: string; size: number }[];
  /** Part of the saved session that could not be replayed when it was opened, in words. */
  problem: string | null;
}

export interface CommandOutcome {
  view: SessionView;
  result: StepResult | null;
  /** A command that could not be understood: the message, and nothing ran. */
  error: string | null;
}

/**
 * An experiment running in the service (core/experiments). The page starts it from a
 * document, then asks for more points a slice of time at a time, so it can draw progress
 * and the curves as they grow, and cancel between slices.
 */
export interface ExperimentRun {
  /** null when the document has problems (then nothing runs). */
  jobId: string | null;
  /** The document's problems as FILE:LINE:COL lines. */
  problems: string[];
  /** The table so far (null with problems). */
  table: ExperimentTable | null;
  /** The parameters, every default filled in (null with problems). */
  spec: ExperimentSpec | null;
  finished: boolean;
}

/**
 * A lesson pack the browser hands over (browser build only): a picked or dropped
 * `.pagewalk` file, the files of a picked or dropped folder (paths relative to the folder,
 * with "/"), or a folder opened with the File System Access API (which can be read again
 * when it changes, for author preview). These are File objects and handles, passed to the
 * worker by structured clone, never JSON; the worker reads them with the shared pack
 * reader (core/lessons/reader.ts) exactly as the desktop reads a folder.
 */
export type PackUpload =
  | { kind: 'archive'; name: string; file: Blob }
  | { kind: 'files'; name: string; files: { path: string; file: Blob }[] }
  | { kind: 'folder'; name: string; handle: FolderHandle };

/** The part of the File System Access API's FileSystemDirectoryHandle the reader uses. */
export interface FolderHandle {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<FolderHandle | FileHandle>;
}

/** The part of FileSystemFileHandle the reader uses. */
export interface FileHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<Blob & { lastModified: number }>;
}

/** What this host can do: the browser build has no file dialogs or pack folders. */
export interface HostInfo {
  kind: 'electron' | 'web';
  version: string;
  canImportPacks: boolean;
  canOpenFolders: boolean;
  /** Recovered-from-backup or other notices the app should show once. */
  notices: string[];
}

export interface PagewalkApi {
  host(): Promise<HostInfo>;
  listProfiles(): Promise<MachineProfile[]>;
  listPacks(): Promise<PackSummary[]>;

  openLesson(packId: string, lessonId: string): Promise<SessionView>;
  /** Go to a step by index: forward, back and restart are all this. */
  goToStep(sessionId: string, index: number): Promise<SessionView>;
  /** The session as it is now (after an answer: the machine the observation left, with its keyframes), without replaying anything. */
  currentView(sessionId: string): Promise<SessionView>;
  /** The same as currentView, always sent whole: the transport's way back after a lost view patch (core/view-delta.ts). */
  fullView(sessionId: string): Promise<SessionView>;
  answerQuiz(sessionId: string, answer: QuizAnswer): Promise<QuizFeedback>;
  /** Replace the current quiz with a fresh random instance. */
  freshQuiz(sessionId: string): Promise<SessionView>;
  /** Show the next graded hint of the current quiz (before answering); returns every hint shown so far. */
  quizHint(sessionId: string): Promise<{ shown: string[]; total: number }>;

  /**
   * Open the sandbox on a machine (null: the machine used last), with the session saved for
   * that machine: work is kept per machine, across screens and restarts.
   */
  openSandbox(profileId: string | null): Promise<SessionView>;
  /** Run one sandbox command, typed ("fork A B") or as a scenario step in YAML/JSON; also "file …", "undo", "redo", "help". */
  sandboxCommand(sessionId: string, command: string): Promise<CommandOutcome>;
  /** Move in the sandbox's history by replaying it: undo is position - 1, redo + 1, start over 0. */
  sandboxGoTo(sessionId: string, position: number): Promise<SessionView>;
  /** The sandbox session as a scenario document (YAML). */
  sandboxScenario(sessionId: string): Promise<string>;
  closeSession(sessionId: string): Promise<void>;

  /** Check an experiment document (YAML or JSON text): its parameters with every default filled in, or its problems. */
  checkExperiment(document: string): Promise<{ spec: ExperimentSpec | null; problems: string[] }>;
  /** Check an experiment document (YAML or JSON text) and start it; nothing is computed yet. */
  startExperiment(document: string): Promise<ExperimentRun>;
  /** Compute more points of a started experiment for about `sliceMs` milliseconds; the table so far. */
  continueExperiment(jobId: string, sliceMs: number): Promise<ExperimentRun>;
  /** Stop an experiment: the table keeps the points computed so far, marked partial. */
  cancelExperiment(jobId: string): Promise<ExperimentRun>;

  getProgress(): Promise<Progress>;
  /** The learner's progress as a self-describing document (core/lessons/progress-export.ts): JSON for tools and for moving to another computer, CSV for a spreadsheet. */
  exportProgress(format: 'json' | 'csv'): Promise<string>;
  /** Merge a JSON progress export (from this or another computer) into this one's progress; nothing already here is lost. */
  importProgress(text: string): Promise<ProgressImportReport>;
  resetProgress(): Promise<void>;
  getSettings(): Promise<Settings>;
  setSettings(settings: Partial<Settings>): Promise<Settings>;
  getPolicy(): Promise<ClassroomPolicy>;
  /** Make core-generated texts (feedback, errors) speak `locale`; returns the shipped locale chosen for it. */
  setLocale(locale: string): Promise<string>;

  /** Electron only: pick a pack archive with a dialog (null), or install a dropped file (its grant, see DesktopExtras), and install it. */
  importPack(path: string | null): Promise<{ imported: PackSummary | null; problems: string[] }>;
  removePack(packId: string): Promise<void>;
  /** Electron only: author preview of a pack folder; null opens a folder dialog, otherwise a grant from a drop or a change notice. */
  openPreview(path: string | null): Promise<{ pack: PackSummary | null; problems: string[] }>;
  /**
   * Save text to a file chosen by the user (Electron) or download it (web). Returns false if cancelled.
   * A .png file's content may be a data:image/png;base64 URL: its bytes are saved (see savedBytes).
   */
  saveFile(suggestedName: string, content: string): Promise<boolean>;

  /** Browser build only: validate and install a pack the learner picked or dropped (kept in this browser's storage). */
  importPackUpload(upload: PackUpload): Promise<{ imported: PackSummary | null; problems: string[] }>;
  /**
   * Browser build only: author preview of a picked or dropped folder. With null, the folder
   * being previewed (one opened with the File System Access API) is looked at again and
   * re-read only if a file in it changed; `changed` says whether it did.
   */
  previewPackUpload(upload: PackUpload | null): Promise<{ pack: PackSummary | null; problems: string[]; changed: boolean }>;
}

export type ApiMethod = keyof PagewalkApi;

/** The bytes to save for a binary file passed to saveFile as a data: URL (a PNG chart), or null for text. */
export function savedBytes(name: string, content: string): Uint8Array | null {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]*)$/.exec(content);
  if (!m || !/\.png$/i.test(name)) return null;
  const text = atob(m[1]);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * Both hosts run the core off the thread that keeps the window alive (a Web Worker in the
 * browser build, a worker thread owned by Electron's main process) and watch it: busy on
 * calls and silent for this long means stuck, and it is ended. The work budgets
 * (core/sim/budget.ts) stop runaway steps long before; the watchdog is for what they miss.
 */
export const DEFAULT_WATCHDOG_MS = 10_000;

/** What the learner reads when the watchdog had to stop the simulator. */
export function runawayMessage(ms: number): string {
  return t('scenario.api.runaway', { seconds: Math.round(ms / 1000) });
}

/** What an application-menu item (or its shortcut) asks the page to do, as if its own button was pressed. */
export type MenuCommand = 'import-pack' | 'open-preview' | 'go-library' | 'go-sandbox' | 'go-progress' | 'go-settings' | 'show-shortcuts';

/**
 * What the desktop app's preload adds next to the API (as `pagewalk` on the page's global): events from
 * the main process and the path of a dropped file. Absent in the browser build.
 */
export interface DesktopExtras {
  /** Called with a grant for the folder whenever the pack being previewed changes on disk (pass it to openPreview); returns an unsubscribe function. */
  onPackChanged(listener: (folder: string) => void): () => void;
  /** Called when a menu item (or its keyboard shortcut) asks the page to do something. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * A grant for a file dropped on the window, to pass to importPack or openPreview ("" if it
   * has no location). Main accepts only grants it issued, never a path the page makes up;
   * a grant ends with the file's base name ("grant:…/my-pack.pagewalk").
   */
  pathForFile(file: File): string;
}

/** Every method name, in one list: the preload bridge, the IPC handlers and the worker dispatcher are all generated from it. */
export const API_METHODS: readonly ApiMethod[] = Object.keys({
  host: true, listProfiles: true, listPacks: true, openLesson: true, goToStep: true, currentView: true, fullView: true, answerQuiz: true, freshQuiz: true,
  openSandbox: true, sandboxCommand: true, sandboxGoTo: true, sandboxScenario: true, closeSession: true, getProgress: true, exportProgress: true,
  resetProgress: true, getSettings: true, setSettings: true, getPolicy: true, setLocale: true, importPack: true, removePack: true,
  importProgress: true,
  openPreview: true, saveFile: true, quizHint: true, importPackUpload: true, previewPackUpload: true,
  checkExperiment: true, startExperiment: true, continueExperiment: true, cancelExperiment: true,
} satisfies Record<ApiMethod, true>) as ApiMethod[];

/**
 * The argument schemas, built on first use rather than when this module loads: the page
 * imports this module for API_METHODS, and building a zod object schema there would probe
 * for eval, which the page's Content-Security-Policy reports (issue 12).
 */
function buildArguments() {
  const id = z.string().min(1).max(200);
  const themeSchema = z.enum(['system', 'light', 'dark', 'high-contrast']);
  const answerSchema = z.union([
    z.strictObject({ kind: z.literal('choice'), option: z.string().max(200) }),
    z.strictObject({ kind: z.literal('yesno'), value: z.boolean() }),
    z.strictObject({ kind: z.literal('number'), value: z.number().finite() }),
    z.strictObject({ kind: z.literal('address'), text: z.string().max(100) }),
    z.strictObject({ kind: z.literal('sequence'), items: z.array(z.string().max(100)).max(1000) }),
    z.strictObject({ kind: z.literal('pick'), target: z.union([z.number().int(), z.string().max(200)]) }),
    z.strictObject({ kind: z.literal('order'), items: z.array(z.string().max(200)).max(100) }),
]);
  const path = z.string().min(1).max(4096).nullable();
  // File objects and directory handles cross only by structured clone (the browser build's worker); checked by shape.
  const blob = z.custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, { error: () => t('scenario.api.expectedFile') });
  const folderHandle = z.custom<FolderHandle>((v) => typeof v === 'object' && v !== null && (v as FolderHandle).kind === 'directory' && typeof (v as FolderHandle).values === 'function', { error: () => t('scenario.api.expectedFolder') });
  const name = z.string().max(255);
  const upload = z.union([
    z.strictObject({ kind: z.literal('archive'), name, file: blob }),
    z.strictObject({ kind: z.literal('files'), name, files: z.array(z.strictObject({ path: z.string().min(1).max(1000), file: blob })).max(100_000) }),
    z.strictObject({ kind: z.literal('folder'), name, handle: folderHandle }),
  ]);

  /** Argument tuples of every method: checked at the IPC boundary before anything runs. */
  return {
  host: z.tuple([]),
  listProfiles: z.tuple([]),
  listPacks: z.tuple([]),
  openLesson: z.tuple([id, id]),
  goToStep: z.tuple([id, z.number().int().min(0).max(10_000)]),
  answerQuiz: z.tuple([id, answerSchema]),
  freshQuiz: z.tuple([id]),
  quizHint: z.tuple([id]),
  currentView: z.tuple([id]),
  fullView: z.tuple([id]),
  openSandbox: z.tuple([id.nullable()]),
  sandboxCommand: z.tuple([id, z.string().max(20_000)]),
  sandboxGoTo: z.tuple([id, z.number().int().min(0).max(100_000)]),
  sandboxScenario: z.tuple([id]),
  closeSession: z.tuple([id]),
  checkExperiment: z.tuple([z.string().min(1).max(2_000_000)]),
  startExperiment: z.tuple([z.string().min(1).max(2_000_000)]),
  continueExperiment: z.tuple([id, z.number().int().min(1).max(5_000)]),
  cancelExperiment: z.tuple([id]),
  getProgress: z.tuple([]),
  exportProgress: z.tuple([z.enum(['json', 'csv'])]),
  resetProgress: z.tuple([]),
  importProgress: z.tuple([z.string().max(MAX_PROGRESS_IMPORT_CHARS)]),
  getSettings: z.tuple([]),
  setSettings: z.tuple([
    z.strictObject({
      theme: themeSchema.optional(),
      reducedMotion: z.boolean().optional(),
      fontSize: z.number().int().min(10).max(32).optional(),
      language: z.string().min(2).max(16).optional(),
      learnerName: z.string().max(LEARNER_NAME_MAX * 4).optional(),
    }),
  ]),
  getPolicy: z.tuple([]),
  setLocale: z.tuple([z.string().min(2).max(35)]),
  importPack: z.tuple([path]),
  removePack: z.tuple([id]),
  openPreview: z.tuple([path]),
  saveFile: z.tuple([z.string().min(1).max(255), z.string().max(50_000_000)]),
  importPackUpload: z.tuple([upload]),
  previewPackUpload: z.tuple([upload.nullable()]),
} satisfies Record<ApiMethod, z.ZodType>;
}


/** Largest progress file accepted for import (a class's worth of lessons is far smaller). */
export const MAX_PROGRESS_IMPORT_CHARS = 8_000_000;

let argumentSchemas: ReturnType<typeof buildArguments> | null = null;

/** Argument tuples of every method (built once, when first needed). */
export function apiArguments(): ReturnType<typeof buildArguments> {
  return (argumentSchemas ??= buildArguments());
}

/** Check a call's arguments; returns an error message, or null when they are valid. */
export function checkArguments(method: string, args: unknown): string | null {
  if (!(API_METHODS as string[]).includes(method)) return t('scenario.api.unknownMethod', { method });
  const r = apiArguments()[method as ApiMethod].safeParse(args);
  if (r.success) return null;
  return t('scenario.api.badArguments', { method, issues: r.error.issues.map((i) => t('scenario.api.argumentIssue', { path: i.path.join('.') || t('scenario.api.arguments'), message: i.message })).join('; ') });
}

/** Answer and QuizAnswer are re-exported for hosts. */
export type { QuizAnswer, QuizFeedback };
