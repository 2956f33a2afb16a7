/*
 * PagewalkService: the whole app's behaviour behind `PagewalkApi`, independent of where it
 * runs. Electron's main process and the browser build's Web Worker each construct one
 * with their own adapters:
 *
 *   storage   reads and writes the learner's progress and settings (electron-store, IndexedDB)
 *   packs     lists the lesson packs the host can see (built-in, system-wide, user, preview)
 *   host      what only the host can do: identify itself, read the classroom policy,
 *             import/remove packs, open a preview folder, save a file
 *
 * Sessions (one per open lesson or sandbox) live here; each is a LessonPlayer or a
 * ScenarioRun. Classroom policy is enforced here, not only hidden in the UI.
 */
import { stringify as toYaml } from 'yaml';
import {
  DEFAULT_POLICY,
  DEFAULT_SETTINGS,
  type ClassroomPolicy,
  type CommandOutcome,
  type ExperimentRun,
  type HostInfo,
  type LessonProgress,
  type PackUpload,
  type PagewalkApi,
  type Progress,
  type ProgressImportReport,
  type SessionView,
  type Settings,
} from './api.ts';
import { formatDiagnostic } from './diag.ts';
import { getLocale, setLocale, t } from './i18n/index.ts';
import { loadExperiment } from './experiments/load.ts';
import { ExperimentJob } from './experiments/run.ts';
import type { ExperimentSpec } from './experiments/schema.ts';
import { ExperimentError } from './experiments/types.ts';
import { loadPack, LessonPlayer, PlayerError, type LoadedPack } from './lessons/player.ts';
import { lessonProgressOf, mergeProgress, sanitizeProgress, withLessonProgress } from './lessons/progress.ts';
import { cleanLearnerName, describeProgress, exportCsv, progressOfExport, ProgressFileError, readProgressExport, type PackOutline } from './lessons/progress-export.ts';
import { chooseTranslation, translateSummary } from './lessons/translations.ts';
import { hasOwnKey } from './records.ts';
import type { PackSource, PackSummary, QuizAnswer, QuizFeedback } from './lessons/types.ts';
import { commandHelpText, parseSandboxLine } from './scenario/command.ts';
import type { Keyframes } from './scenario/keyframes.ts';
import { emptySandboxDocument, sanitizeSandboxDocument, SandboxSession as SandboxMachine, type SandboxChange, type SandboxDocument } from './scenario/sandbox.ts';
import type { SimEvent } from './sim/events.ts';
import { BUILTIN_PROFILES, PROFILE_IDS, type MachineProfile } from './sim/profile.ts';

export interface PackFiles {
  source: PackSource;
  /** Where the pack lives (folder path, or a name for bundled packs); passed back to the host to remove it. */
  location: string;
  files: Map<string, string | Uint8Array>;
  /** What the host could not read (files skipped, limits hit), listed with the pack's problems. */
  problems?: string[];
}

/** The documents a host keeps for the learner: progress, settings, and the sandbox's sessions (core/scenario/sandbox.ts). */
export type StorageKey = 'progress' | 'settings' | 'sandbox';

export interface ServiceStorage {
  read(key: StorageKey): Promise<unknown>;
  write(key: StorageKey, value: unknown): Promise<void>;
}

export interface PackProvider {
  list(): Promise<PackFiles[]>;
}

export interface HostHooks {
  info(): HostInfo;
  policy(): ClassroomPolicy;
  /** Install a pack archive (null: ask the user to choose one). Resolves to the installed location, or problems. */
  importPack?(path: string | null): Promise<{ location: string | null; problems: string[] }>;
  removePack?(location: string): Promise<void>;
  /** Read a pack folder for author preview (null: ask the user to choose one). */
  openPreview?(path: string | null): Promise<{ pack: PackFiles | null; problems: string[] }>;
  saveFile(suggestedName: string, content: string): Promise<boolean>;
  /** Browser build: validate and store a picked or dropped pack. Resolves to its location, or problems. */
  importUpload?(upload: PackUpload): Promise<{ location: string | null; problems: string[] }>;
  /** Browser build: read a picked or dropped folder for preview; null re-reads the previewed folder if it changed (else `pack` is null and `changed` false). */
  previewUpload?(upload: PackUpload | null): Promise<{ pack: PackFiles | null; problems: string[]; changed: boolean }>;
}

export class ServiceError extends Error {}

interface LessonSession {
  kind: 'lesson';
  packId: string;
  lessonId: string;
  player: LessonPlayer;
}

interface SandboxSession {
  kind: 'sandbox';
  sandbox: SandboxMachine;
  lastEvents: SimEvent[];
  lastFrames: Keyframes;
}

type Session = LessonSession | SandboxSession;

const MAX_SESSIONS = 16;
/** Experiments kept at once; starting another forgets the oldest. */
const MAX_EXPERIMENTS = 8;
/** A pack source as the select value of the messages that name it (ICU select keys cannot hold a hyphen). */
const SOURCE_SELECT: Record<PackSource, string> = { 'built-in': 'builtIn', system: 'system', user: 'user', preview: 'preview' };
const LOG_LIMIT = 300;

export class PagewalkService implements PagewalkApi {
  private packs: { loaded: LoadedPack | null; summary: PackSummary; location: string }[] | null = null;
  private preview: { loaded: LoadedPack | null; summary: PackSummary; location: string; problems: string[] } | null = null;
  private readonly sessions = new Map<string, Session>();
  private nextSession = 1;
  private progressCache: Progress | null = null;
  private settingsCache: Settings | null = null;
  private readonly experiments = new Map<string, ExperimentJob>();
  private nextExperiment = 1;
  private sandboxCache: SandboxDocument | null = null;

  constructor(
    private readonly storage: ServiceStorage,
    private readonly packProvider: PackProvider,
    private readonly hostHooks: HostHooks,
  ) {}

  // ------------------------------------------------------------------ host

  async host(): Promise<HostInfo> {
    return this.hostHooks.info();
  }

  async getPolicy(): Promise<ClassroomPolicy> {
    return { ...DEFAULT_POLICY, ...this.hostHooks.policy() };
  }

  /** The learner's language for what the core writes (feedback, errors); one locale per realm (core/i18n). */
  async setLocale(locale: string): Promise<string> {
    const chosen = setLocale(locale);
    // Open lessons switch to the pack's translation for this language (if any) at once.
    for (const s of this.sessions.values()) if (s.kind === 'lesson') s.player.useLanguage(chosen);
    return chosen;
  }

  async listProfiles(): Promise<MachineProfile[]> {
    return PROFILE_IDS.map((id) => BUILTIN_PROFILES[id]);
  }

  // ------------------------------------------------------------------ packs

  /**
   * Every pack the host lists, loaded once. Pack ids are unique: when two copies share an id
   * (a pack in two system folders, a folder and a .pagewalk of it in one place, a user copy
   * of a built-in pack) the first found is used, in the host's order (built-in, classroom,
   * then the learner's own), and the others are not listed; the kept pack says where they
   * are and why they were ignored, so a learner or IT can tidy up.
   */
  private async loadedPacks() {
    if (!this.packs) {
      const byId = new Map<string, { loaded: LoadedPack | null; summary: PackSummary; location: string }>();
      for (const p of await this.packProvider.list()) {
        const r = loadPack(p.files, p.source, { fallbackId: p.location.split(/[\\/]/).filter(Boolean).pop() ?? p.location });
        const summary: PackSummary = { ...r.summary, problems: [...(p.problems ?? []), ...r.summary.problems, ...r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)] };
        const kept = byId.get(summary.id);
        if (kept) {
          kept.summary.notices = [
            ...(kept.summary.notices ?? []),
            t('scenario.service.duplicatePack', { id: summary.id, source: SOURCE_SELECT[p.source], location: p.location, broken: r.pack ? 'no' : 'yes', keptAt: kept.location, keptSource: SOURCE_SELECT[kept.summary.source] }),
          ];
          continue;
        }
        byId.set(summary.id, { loaded: r.pack, summary, location: p.location });
      }
      this.packs = [...byId.values()];
    }
    return this.packs;
  }

  async listPacks(): Promise<PackSummary[]> {
    // Titles and descriptions in the learner's language where the pack translates them.
    const shown = (p: { loaded: LoadedPack | null; summary: PackSummary }) => (p.loaded ? translateSummary(p.summary, chooseTranslation(p.loaded.translations, getLocale(), p.loaded.manifest.language), p.loaded.lessons) : p.summary);
    const list = (await this.loadedPacks()).map(shown);
    return this.preview ? [shown(this.preview), ...list] : list;
  }

  private async findPack(packId: string): Promise<LoadedPack> {
    if (this.preview && this.preview.summary.id === packId) {
      if (!this.preview.loaded) throw new ServiceError(t('scenario.service.previewErrors', { problems: this.preview.summary.problems.slice(0, 3).join('; ') }));
      return this.preview.loaded;
    }
    const p = (await this.loadedPacks()).find((x) => x.summary.id === packId);
    if (!p) throw new ServiceError(t('scenario.service.noPack', { id: packId }));
    if (!p.loaded) throw new ServiceError(t('scenario.service.packBroken', { title: p.summary.title, problems: p.summary.problems.slice(0, 3).join('; ') }));
    return p.loaded;
  }

  async importPack(path: string | null): Promise<{ imported: PackSummary | null; problems: string[] }> {
    await this.mayImport();
    if (!this.hostHooks.importPack) throw new ServiceError(t('scenario.service.noImportPath'));
    return this.installed(await this.hostHooks.importPack(path));
  }

  async importPackUpload(upload: PackUpload): Promise<{ imported: PackSummary | null; problems: string[] }> {
    await this.mayImport();
    if (!this.hostHooks.importUpload) throw new ServiceError(t('scenario.service.noImportUpload'));
    return this.installed(await this.hostHooks.importUpload(upload));
  }

  private async mayImport(): Promise<void> {
    const policy = await this.getPolicy();
    if (!policy.allowImport) throw new ServiceError(t('scenario.service.importOff'));
  }

  /** After a host installed a pack: list packs afresh and report the new one as the library shows it. */
  private async installed(r: { location: string | null; problems: string[] }): Promise<{ imported: PackSummary | null; problems: string[] }> {
    if (!r.location) return { imported: null, problems: r.problems };
    this.packs = null;
    const found = (await this.loadedPacks()).find((p) => p.location === r.location);
    return { imported: found?.summary ?? null, problems: [...r.problems, ...(found?.summary.problems ?? [])] };
  }

  async removePack(packId: string): Promise<void> {
    const p = (await this.loadedPacks()).find((x) => x.summary.id === packId);
    if (!p) throw new ServiceError(t('scenario.service.noPack', { id: packId }));
    if (p.summary.source !== 'user') throw new ServiceError(t('scenario.service.cannotRemove', { title: p.summary.title, source: SOURCE_SELECT[p.summary.source] }));
    if (!this.hostHooks.removePack) throw new ServiceError(t('scenario.service.noRemove'));
    await this.hostHooks.removePack(p.location);
    this.packs = null;
  }

  async openPreview(path: string | null): Promise<{ pack: PackSummary | null; problems: string[] }> {
    await this.mayPreview();
    if (!this.hostHooks.openPreview) throw new ServiceError(t('scenario.service.noPreviewPath'));
    const r = await this.hostHooks.openPreview(path);
    return this.previewed(r.pack, r.problems);
  }

  async previewPackUpload(upload: PackUpload | null): Promise<{ pack: PackSummary | null; problems: string[]; changed: boolean }> {
    await this.mayPreview();
    if (!this.hostHooks.previewUpload) throw new ServiceError(t('scenario.service.noPreviewUpload'));
    const r = await this.hostHooks.previewUpload(upload);
    if (!r.changed) return { pack: this.preview?.summary ?? null, problems: this.preview?.problems ?? [], changed: false };
    return { ...this.previewed(r.pack, r.problems), changed: true };
  }

  private async mayPreview(): Promise<void> {
    const policy = await this.getPolicy();
    if (!policy.allowAuthorPreview) throw new ServiceError(t('scenario.service.previewOff'));
  }

  /** Load a folder read for preview; it replaces the pack being previewed. */
  private previewed(pack: PackFiles | null, readProblems: string[]): { pack: PackSummary | null; problems: string[] } {
    if (!pack) return { pack: null, problems: readProblems };
    const loaded = loadPack(pack.files, 'preview');
    const problems = [...readProblems, ...loaded.diagnostics.map(formatDiagnostic)];
    const summary = { ...loaded.summary, source: 'preview' as const, problems: [...loaded.summary.problems, ...loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)] };
    this.preview = { loaded: loaded.pack, summary, location: pack.location, problems };
    return { pack: summary, problems };
  }

  // ------------------------------------------------------------------ sessions

  private newSessionId(): string {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    return `s${this.nextSession++}`;
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new ServiceError(t('scenario.service.sessionEnded'));
    return s;
  }

  private view(id: string): SessionView {
    const s = this.session(id);
    if (s.kind === 'lesson') {
      const run = s.player.run;
      return { sessionId: id, kind: 'lesson', lesson: s.player.view(), snapshot: run.snapshot(), events: s.player.lastEvents(), keyframes: s.player.keyframes(), log: run.results.slice(-LOG_LIMIT), names: run.names() };
    }
    const box = s.sandbox;
    const run = box.run;
    return {
      sessionId: id,
      kind: 'sandbox',
      lesson: null,
      snapshot: run.snapshot(),
      events: s.lastEvents,
      keyframes: s.lastFrames,
      log: run.results.slice(-LOG_LIMIT),
      names: run.names(),
      sandbox: { profileId: box.profileId, position: box.position, entries: box.lines(), resultEnds: box.resultEnds(), files: box.files().map((f) => ({ name: f.name, size: f.size })), problem: box.problem },
    };
  }

  async openLesson(packId: string, lessonId: string): Promise<SessionView> {
    const pack = await this.findPack(packId);
    const progress = await this.getProgress();
    const saved = lessonProgressOf(progress, packId, lessonId);
    const player = lessonCall(() => new LessonPlayer(pack, lessonId, saved, { locale: getLocale() }));
    // Continue where the learner left off; a finished lesson opens at the start for review.
    if (saved && !saved.completed && saved.furthestStep > 0) {
      const last = pack.summary.lessons.find((l) => l.id === lessonId)?.stepCount ?? 1;
      lessonCall(() => player.goTo(Math.min(saved.furthestStep, last - 1)));
    }
    const id = this.newSessionId();
    this.sessions.set(id, { kind: 'lesson', packId, lessonId, player });
    // Opening is not progress: the lesson is "in progress" once the learner does something in it.
    return this.view(id);
  }

  private lesson(sessionId: string): LessonSession {
    const s = this.session(sessionId);
    if (s.kind !== 'lesson') throw new ServiceError(t('scenario.service.notLesson'));
    return s;
  }

  async goToStep(sessionId: string, index: number): Promise<SessionView> {
    const s = this.lesson(sessionId);
    lessonCall(() => s.player.goTo(index));
    await this.saveLessonProgress(s.packId, s.lessonId, s.player.progress());
    return this.view(sessionId);
  }

  async currentView(sessionId: string): Promise<SessionView> {
    return this.view(sessionId);
  }

  /** The view itself is the same; the transport (core/view-delta.ts) sends this one whole. */
  async fullView(sessionId: string): Promise<SessionView> {
    return this.view(sessionId);
  }

  async answerQuiz(sessionId: string, answer: QuizAnswer): Promise<QuizFeedback> {
    const s = this.lesson(sessionId);
    const feedback = lessonCall(() => s.player.answer(answer));
    await this.saveLessonProgress(s.packId, s.lessonId, s.player.progress());
    return feedback;
  }

  async freshQuiz(sessionId: string): Promise<SessionView> {
    const s = this.lesson(sessionId);
    lessonCall(() => s.player.freshQuiz());
    await this.saveLessonProgress(s.packId, s.lessonId, s.player.progress());
    return this.view(sessionId);
  }

  async quizHint(sessionId: string): Promise<{ shown: string[]; total: number }> {
    const s = this.lesson(sessionId);
    const hints = lessonCall(() => s.player.hint());
    await this.saveLessonProgress(s.packId, s.lessonId, s.player.progress());
    return hints;
  }

  async openSandbox(profileId: string | null): Promise<SessionView> {
    const policy = await this.getPolicy();
    if (!policy.allowSandbox) throw new ServiceError(t('scenario.service.sandboxOff'));
    const saved = await this.sandboxDocument();
    const chosen = profileId ?? saved.machine ?? 'teaching-16';
    if (!hasOwnKey(BUILTIN_PROFILES, chosen)) throw new ServiceError(t('scenario.service.noProfile', { id: chosen, ids: PROFILE_IDS.join(', ') }));
    const sandbox = new SandboxMachine(chosen, saved.sessions[chosen]);
    const id = this.newSessionId();
    this.sessions.set(id, { kind: 'sandbox', sandbox, lastEvents: [], lastFrames: { frames: [], complete: true } });
    if (saved.machine !== chosen || sandbox.problem) await this.saveSandbox(sandbox);
    return this.view(id);
  }

  private sandbox(sessionId: string): SandboxSession {
    const s = this.session(sessionId);
    if (s.kind !== 'sandbox') throw new ServiceError(t('scenario.service.notSandbox'));
    return s;
  }

  private async sandboxDocument(): Promise<SandboxDocument> {
    if (!this.sandboxCache) {
      try {
        this.sandboxCache = sanitizeSandboxDocument(await this.storage.read('sandbox'));
      } catch {
        this.sandboxCache = emptySandboxDocument();
      }
    }
    return this.sandboxCache;
  }

  /** Keep a machine's history (after every change), so that leaving the screen or reloading loses nothing. */
  private async saveSandbox(box: SandboxMachine): Promise<void> {
    const doc = await this.sandboxDocument();
    doc.machine = box.profileId;
    doc.sessions[box.profileId] = box.history();
    await this.storage.write('sandbox', doc);
  }

  async sandboxCommand(sessionId: string, command: string): Promise<CommandOutcome> {
    const s = this.sandbox(sessionId);
    const box = s.sandbox;
    const text = command.trim();
    const names = box.run.names();
    const parsed = parseSandboxLine(text, (name) => hasOwnKey(names.threads, name) && !hasOwnKey(names.processes, name));
    if (parsed.kind === 'help') return { view: this.view(sessionId), result: null, error: commandHelpText() };
    if (parsed.kind === 'error') return { view: this.view(sessionId), result: null, error: parsed.error };
    let change: SandboxChange;
    if (parsed.kind === 'undo' || parsed.kind === 'redo') {
      const to = box.position + (parsed.kind === 'undo' ? -1 : 1);
      if (to < 0) return { view: this.view(sessionId), result: null, error: t('scenario.service.nothingToUndo') };
      if (to > box.length) return { view: this.view(sessionId), result: null, error: t('scenario.service.nothingToRedo') };
      change = box.goTo(to);
    } else if (parsed.kind === 'file') {
      change = box.addFile(text, parsed.file);
    } else {
      change = box.addStep(text, parsed.step);
    }
    // A refused step changed nothing, but the learner sees why in its result.
    if (change.error && !change.result) return { view: this.view(sessionId), result: null, error: change.error };
    s.lastEvents = change.events;
    s.lastFrames = change.frames;
    if (!change.error) await this.saveSandbox(box);
    return { view: this.view(sessionId), result: change.result, error: null };
  }

  async sandboxGoTo(sessionId: string, position: number): Promise<SessionView> {
    const s = this.sandbox(sessionId);
    const change = s.sandbox.goTo(position);
    s.lastEvents = change.events;
    s.lastFrames = change.frames;
    await this.saveSandbox(s.sandbox);
    return this.view(sessionId);
  }

  async sandboxScenario(sessionId: string): Promise<string> {
    return this.sandbox(sessionId).sandbox.yaml();
  }

  async closeSession(sessionId: string): Promise<void> {
    this.sessions.delete(sessionId);
  }

  // ------------------------------------------------------------------ experiments

  async checkExperiment(document: string): Promise<{ spec: ExperimentSpec | null; problems: string[] }> {
    const loaded = loadExperiment(document, 'experiment');
    return { spec: loaded.spec, problems: loaded.diagnostics.map(formatDiagnostic) };
  }

  async startExperiment(document: string): Promise<ExperimentRun> {
    const loaded = loadExperiment(document, 'experiment');
    if (!loaded.spec) return { jobId: null, problems: loaded.diagnostics.map(formatDiagnostic), table: null, spec: null, finished: false };
    const job = new ExperimentJob(loaded.spec);
    if (this.experiments.size >= MAX_EXPERIMENTS) this.experiments.delete(this.experiments.keys().next().value!);
    const jobId = `e${this.nextExperiment++}`;
    this.experiments.set(jobId, job);
    return { jobId, problems: [], table: job.table(), spec: job.spec, finished: job.finished };
  }

  private experiment(jobId: string): ExperimentJob {
    const job = this.experiments.get(jobId);
    if (!job) throw new ServiceError(t('scenario.service.experimentGone'));
    return job;
  }

  async continueExperiment(jobId: string, sliceMs: number): Promise<ExperimentRun> {
    const job = this.experiment(jobId);
    try {
      job.advance(Infinity, performance.now() + sliceMs);
    } catch (e) {
      this.experiments.delete(jobId);
      if (e instanceof ExperimentError) throw new ServiceError(e.message);
      throw e;
    }
    if (job.finished) this.experiments.delete(jobId);
    return { jobId, problems: [], table: job.table(), spec: job.spec, finished: job.finished };
  }

  async cancelExperiment(jobId: string): Promise<ExperimentRun> {
    const job = this.experiment(jobId);
    job.cancel();
    this.experiments.delete(jobId);
    return { jobId, problems: [], table: job.table(), spec: job.spec, finished: true };
  }

  // ------------------------------------------------------------------ progress and settings

  async getProgress(): Promise<Progress> {
    if (!this.progressCache) this.progressCache = normalizeProgress(await this.storage.read('progress'));
    return this.progressCache;
  }

  private async saveLessonProgress(packId: string, lessonId: string, lp: LessonProgress): Promise<void> {
    this.progressCache = withLessonProgress(await this.getProgress(), packId, lessonId, lp);
    await this.storage.write('progress', this.progressCache);
  }

  async resetProgress(): Promise<void> {
    this.progressCache = sanitizeProgress(null);
    await this.storage.write('progress', this.progressCache);
  }

  async exportProgress(format: 'json' | 'csv'): Promise<string> {
    const progress = await this.getProgress();
    const outlines: PackOutline[] = [];
    for (const p of await this.loadedPacks()) if (p.loaded) outlines.push(outlineOf(p.loaded));
    if (this.preview?.loaded) outlines.unshift(outlineOf(this.preview.loaded));
    const doc = describeProgress(progress, outlines, { learner: (await this.getSettings()).learnerName, exportedAt: new Date().toISOString(), exportedBy: `Pagewalk ${this.hostHooks.info().version}` });
    return format === 'json' ? JSON.stringify(doc, null, 2) + '\n' : exportCsv(doc);
  }

  async importProgress(text: string): Promise<ProgressImportReport> {
    let doc;
    try {
      doc = readProgressExport(text);
    } catch (e) {
      if (e instanceof ProgressFileError) throw new ServiceError(e.message);
      throw e;
    }
    const incoming = progressOfExport(doc);
    const { progress, count } = mergeProgress(await this.getProgress(), incoming);
    if (count.added + count.updated > 0) {
      this.progressCache = progress;
      await this.storage.write('progress', progress);
    }
    const known = new Set((await this.listPacks()).map((p) => p.id));
    return { learner: doc.learner, exportedAt: doc.exportedAt || null, ...count, unknownPacks: Object.keys(incoming.packs).filter((id) => !known.has(id)) };
  }

  async getSettings(): Promise<Settings> {
    if (!this.settingsCache) this.settingsCache = normalizeSettings(await this.storage.read('settings'));
    return { ...this.settingsCache };
  }

  async setSettings(patch: Partial<Settings>): Promise<Settings> {
    const next = normalizeSettings({ ...(await this.getSettings()), ...patch });
    this.settingsCache = next;
    await this.storage.write('settings', next);
    return { ...next };
  }

  async saveFile(suggestedName: string, content: string): Promise<boolean> {
    return this.hostHooks.saveFile(suggestedName, content);
  }
}

/** The lesson player says no (a step that does not exist, no quiz here) in words the learner can read. */
function lessonCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PlayerError) throw new ServiceError(e.message);
    throw e;
  }
}

/** What a progress export says about a pack: titles, step titles, each quiz's step and question. */
function outlineOf(pack: LoadedPack): PackOutline {
  return {
    id: pack.summary.id,
    title: pack.summary.title,
    version: pack.summary.version,
    lessons: pack.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      steps: l.steps.map((s) => s.title),
      quizzes: l.quizzes.map((q) => ({ id: q.id, stepIndex: q.stepIndex, prompt: q.doc.prompt, masteryNeeded: q.masteryNeeded })),
    })),
  };
}

/** Accept whatever storage returned; anything malformed falls back to empty progress rather than crashing. */
export function normalizeProgress(raw: unknown): Progress {
  return sanitizeProgress(raw);
}

export function normalizeSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<Settings>;
  return {
    theme: s.theme === 'light' || s.theme === 'dark' || s.theme === 'high-contrast' || s.theme === 'system' ? s.theme : DEFAULT_SETTINGS.theme,
    reducedMotion: typeof s.reducedMotion === 'boolean' ? s.reducedMotion : DEFAULT_SETTINGS.reducedMotion,
    fontSize: Number.isInteger(s.fontSize) && s.fontSize! >= 10 && s.fontSize! <= 32 ? s.fontSize! : DEFAULT_SETTINGS.fontSize,
    language: typeof s.language === 'string' && (s.language === 'system' || /^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(s.language)) ? s.language : DEFAULT_SETTINGS.language,
    learnerName: typeof s.learnerName === 'string' ? cleanLearnerName(s.learnerName) : DEFAULT_SETTINGS.learnerName,
  };
}
