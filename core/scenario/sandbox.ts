/*
 * The sandbox session: what the learner did, kept so that it is never lost and can be
 * undone, and the machine it leads to.
 *
 *   entries    what the learner did, in order: a scenario step in document form
 *              ({ write: { process: A, addr: '0x2000', value: 7 } }) or a file put on the
 *              simulated disk ({ name, size, content? }), each with the line as typed
 *   position   how many entries the machine has applied; the entries past it were undone
 *              and come back with redo, until a new command replaces them
 *   document   entries[0, position) as a scenario: the files first, under `files:`, then
 *              the steps (`scenarioDocument`, saved by "Save as scenario")
 *
 * The machine is always the one that document builds. Each new step is checked by the
 * scenario loader against the whole document before it runs (so what is saved always
 * loads), and anything else — undo, redo, a new file, a step the kernel refused — rebuilds
 * the machine by loading the document and running it from the start, exactly as
 * `pagewalk run` does.
 *
 * `SandboxDocument` is what the service saves after every change: one history per machine
 * profile, and which machine was used last.
 */
import { Document, isScalar, Scalar, visit } from 'yaml';
import { parseDocumentText } from '../diag.ts';
import { t } from '../i18n/index.ts';
import { BUILTIN_PROFILES } from '../sim/profile.ts';
import { stepToDocument, type SandboxFile } from './command.ts';
import { recordKeyframes, type Keyframes } from './keyframes.ts';
import { checkScenarioValue } from './load.ts';
import { ScenarioRun, type StepResult } from './run.ts';
import type { Scenario, Step } from './schema.ts';
import type { MachineProfile } from '../sim/profile.ts';

export type SandboxEntry = { line: string; step: Record<string, unknown> } | { line: string; file: SandboxFile };

export interface SandboxHistory {
  entries: SandboxEntry[];
  position: number;
}

export interface SandboxDocument {
  version: 1;
  /** The machine profile used last (the sandbox opens on it). */
  machine: string | null;
  sessions: Record<string, SandboxHistory>;
}

/**
 * Step results the sandbox's machine keeps in full (ScenarioRun's `retain`; between this and
 * twice this many): more than the 300 the view's log shows, and few enough that a session of
 * a million steps (a long `repeat`) stays far below 500 MB.
 */
export const SANDBOX_RETAINED_RESULTS = 1000;

/** Most entries one machine's history keeps (a replay of them all takes well under a second). */
export const MAX_SANDBOX_ENTRIES = 2000;

export function emptySandboxDocument(): SandboxDocument {
  return { version: 1, machine: null, sessions: Object.create(null) as Record<string, SandboxHistory> };
}

/** Accept whatever storage returned: anything malformed is dropped, never trusted. */
export function sanitizeSandboxDocument(raw: unknown): SandboxDocument {
  const out = emptySandboxDocument();
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.machine === 'string' && Object.hasOwn(BUILTIN_PROFILES, r.machine)) out.machine = r.machine;
  const sessions = r.sessions && typeof r.sessions === 'object' ? (r.sessions as Record<string, unknown>) : {};
  for (const [id, value] of Object.entries(sessions)) {
    if (!Object.hasOwn(BUILTIN_PROFILES, id) || !value || typeof value !== 'object') continue;
    const h = value as Record<string, unknown>;
    const entries = (Array.isArray(h.entries) ? h.entries : []).filter(isEntry).slice(0, MAX_SANDBOX_ENTRIES);
    const position = Number.isInteger(h.position) ? Math.max(0, Math.min(entries.length, h.position as number)) : entries.length;
    out.sessions[id] = { entries, position };
  }
  return out;
}

function isEntry(e: unknown): e is SandboxEntry {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  if (typeof x.line !== 'string') return false;
  if (x.step && typeof x.step === 'object' && !Array.isArray(x.step)) return true;
  const f = x.file as Record<string, unknown> | undefined;
  return !!f && typeof f.name === 'string' && Number.isSafeInteger(f.size) && (f.content === undefined || typeof f.content === 'string');
}

/** The scenario document of these entries (files first, then steps). */
export function scenarioDocument(profileId: string, entries: readonly SandboxEntry[]): Record<string, unknown> {
  const files = entries.flatMap((e) => ('file' in e ? [e.file] : []));
  return {
    title: t('scenario.sandbox.title', { machine: BUILTIN_PROFILES[profileId]?.name ?? profileId }),
    machine: profileId,
    seed: 1,
    ...(files.length ? { files: files.map((f) => ({ ...f })) } : {}),
    steps: entries.flatMap((e) => ('step' in e ? [e.step] : [])),
  };
}

/**
 * The document as YAML, addresses in hex (`addr: 0x2000`). An address beyond 2^53 (the
 * upper half of a 64-bit machine) stays a quoted string, which the loader reads exactly.
 */
export function scenarioYaml(profileId: string, entries: readonly SandboxEntry[]): string {
  const doc = new Document(scenarioDocument(profileId, entries));
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || (pair.key.value !== 'addr' && pair.key.value !== 'to') || !isScalar(pair.value)) return;
      const v = pair.value.value;
      if (typeof v !== 'string' || !/^0x[0-9a-f]+$/i.test(v)) return;
      const n = Number(v);
      if (!Number.isSafeInteger(n)) return;
      const hex = new Scalar(n);
      hex.format = 'HEX';
      pair.value = hex;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** How many steps a step document unrolls to (a `repeat` is its steps, `times` over). */
function unrolledCount(doc: Record<string, unknown>): number {
  const r = doc.repeat as { times?: unknown; steps?: unknown } | undefined;
  if (!r || typeof r !== 'object') return 1;
  const inner = Array.isArray(r.steps) ? r.steps : [];
  const times = typeof r.times === 'number' ? r.times : 1;
  return times * inner.reduce((sum: number, x) => sum + (x && typeof x === 'object' ? unrolledCount(x as Record<string, unknown>) : 1), 0);
}

type Checked = { scenario: Scenario; profile: MachineProfile; error: null } | { scenario: null; profile: null; error: string };

/** Load the entries' document as `pagewalk run` would; the first problem in words if it would not load. */
export function checkEntries(profileId: string, entries: readonly SandboxEntry[]): Checked {
  const parsed = parseDocumentText(JSON.stringify(scenarioDocument(profileId, entries)), 'sandbox');
  const r = checkScenarioValue(parsed, []);
  if (r.scenario && r.profile) return { scenario: r.scenario, profile: r.profile, error: null };
  const d = r.diagnostics.find((x) => x.severity === 'error');
  return { scenario: null, profile: null, error: d ? (d.hint ? t('scenario.sandbox.problemHint', { message: d.message, hint: d.hint }) : d.message) : t('scenario.sandbox.unchecked') };
}

export interface SandboxChange {
  /** The last result of the command (for a repeat, of its last step); null for a file or a move in the history. */
  result: StepResult | null;
  /** Why nothing changed: the command would not load or the kernel refused it (then `result` says how). */
  error: string | null;
  /** What the graph animates: the command's events and their keyframes. */
  events: StepResult['events'];
  frames: Keyframes;
}

const NO_FRAMES: Keyframes = { frames: [], complete: true };

export class SandboxSession {
  run!: ScenarioRun;
  private entries: SandboxEntry[];
  private at: number;

  /** Open a machine's history; entries that no longer replay are dropped, and `problem` says which. */
  constructor(
    readonly profileId: string,
    history: SandboxHistory = { entries: [], position: 0 },
  ) {
    this.entries = history.entries.slice(0, MAX_SANDBOX_ENTRIES);
    this.at = Math.min(history.position, this.entries.length);
    this.problem = this.restore();
  }

  /** What could not be restored from the saved history, in words; null when all of it was. */
  readonly problem: string | null;

  get position(): number {
    return this.at;
  }

  get length(): number {
    return this.entries.length;
  }

  history(): SandboxHistory {
    return { entries: this.entries.map((e) => structuredClone(e)), position: this.at };
  }

  /** Lines of every entry, the undone ones too (they follow `position`). */
  lines(): { line: string; kind: 'step' | 'file' }[] {
    return this.entries.map((e) => ({ line: e.line, kind: 'file' in e ? 'file' : 'step' }));
  }

  /** For each entry, how many step results the machine has once it is applied (a repeat gives several, a file none). */
  resultEnds(): number[] {
    let n = 0;
    return this.entries.map((e) => (n += 'step' in e ? unrolledCount(e.step) : 0));
  }

  /** Files on the disk now (the document's `files:`). */
  files(): SandboxFile[] {
    return this.applied().flatMap((e) => ('file' in e ? [e.file] : []));
  }

  /** The session as a scenario document (YAML), what "Save as scenario" writes. */
  yaml(): string {
    return scenarioYaml(this.profileId, this.applied());
  }

  private applied(): SandboxEntry[] {
    return this.entries.slice(0, this.at);
  }

  private restore(): string | null {
    if (this.rebuild()) return null;
    // The longest prefix that still loads (a later Pagewalk may read an old step differently).
    let good = 0;
    let bad = this.entries.length;
    while (bad - good > 1) {
      const mid = (good + bad) >> 1;
      if (checkEntries(this.profileId, this.entries.slice(0, mid)).error === null) good = mid;
      else bad = mid;
    }
    const first = this.entries[good];
    const why = checkEntries(this.profileId, this.entries.slice(0, good + 1)).error;
    const dropped = this.entries.length - good;
    this.entries = this.entries.slice(0, good);
    this.at = Math.min(this.at, good);
    this.rebuild();
    const from = first?.line ?? '?';
    return why ? t('scenario.sandbox.droppedWhy', { n: dropped, from, why }) : t('scenario.sandbox.dropped', { n: dropped, from });
  }

  /** Build the machine from the applied entries; false if their document does not load. */
  private rebuild(): boolean {
    const checked = checkEntries(this.profileId, this.applied());
    if (!checked.scenario) {
      if (!this.run) this.run = new ScenarioRun({ machine: this.profileId, seed: 1, kernel: {}, files: [], steps: [] }, structuredClone(BUILTIN_PROFILES[this.profileId]), { retain: SANDBOX_RETAINED_RESULTS });
      return false;
    }
    this.run = new ScenarioRun(checked.scenario, checked.profile, { retain: SANDBOX_RETAINED_RESULTS });
    this.run.runAll();
    return true;
  }

  /** Move in the history: undo is position - 1, redo position + 1, start over 0. */
  goTo(position: number): SandboxChange {
    const to = Math.max(0, Math.min(this.entries.length, Math.floor(position)));
    if (to !== this.at) {
      this.at = to;
      this.rebuild();
    }
    return { result: null, error: null, events: [], frames: NO_FRAMES };
  }

  /** Run a step (a new entry); undone entries are dropped first, as in any editor. */
  addStep(line: string, step: Step): SandboxChange {
    const full = this.tooLong();
    if (full) return { result: null, error: full, events: [], frames: NO_FRAMES };
    const problem = this.precheck(step);
    if (problem) return { result: null, error: problem, events: [], frames: NO_FRAMES };
    const entry: SandboxEntry = { line, step: stepToDocument(step) };
    const candidate = [...this.applied(), entry];
    const checked = checkEntries(this.profileId, candidate);
    if (!checked.scenario) return { result: null, error: checked.error, events: [], frames: NO_FRAMES };
    const fresh = checked.scenario.steps.slice(this.run.applied);
    let last: StepResult | null = null;
    let failed: StepResult | null = null;
    // Collected as they come: a long repeat's first results may be let go before it ends.
    const events: StepResult['events'] = [];
    const frames = recordKeyframes(this.run, () => {
      for (const s of fresh) {
        last = this.run.apply(s);
        for (const e of last.events) events.push(e);
        if (last.error) {
          failed = last;
          break;
        }
      }
    });
    if (failed) {
      // The kernel refused it: nothing is kept, and the machine is rebuilt without it (a refused
      // step may have done part of its work first).
      this.rebuild();
      return { result: failed, error: (failed as StepResult).summary, events: [], frames: NO_FRAMES };
    }
    this.entries = candidate;
    this.at = candidate.length;
    return { result: last, error: null, events, frames };
  }

  /** Put a file on the simulated disk (it becomes one of the document's `files:`). */
  addFile(line: string, file: SandboxFile): SandboxChange {
    const full = this.tooLong();
    if (full) return { result: null, error: full, events: [], frames: NO_FRAMES };
    if (this.run.machine.files.has(file.name)) {
      const program = [...this.run.machine.processes.values()].some((p) => p.areas.some((a) => a.kind === 'code' && a.file?.name === file.name));
      return { result: null, error: t(program ? 'scenario.sandbox.programExists' : 'scenario.sandbox.fileExists', { name: file.name }), events: [], frames: NO_FRAMES };
    }
    const candidate = [...this.applied(), { line, file }];
    const checked = checkEntries(this.profileId, candidate);
    if (!checked.scenario) return { result: null, error: checked.error, events: [], frames: NO_FRAMES };
    this.entries = candidate;
    this.at = candidate.length;
    this.rebuild();
    return { result: null, error: null, events: [], frames: NO_FRAMES };
  }

  /** Mistakes worth a friendlier word than the loader's: a name in use, a file or object that does not exist (listing those that do). */
  private precheck(step: Step): string | null {
    const m = this.run.machine;
    const names = this.run.names();
    const a = step.args;
    const newName = step.op === 'spawn' || step.op === 'thread' ? a.name : step.op === 'fork' ? a.child : undefined;
    if (typeof newName === 'string' && (Object.hasOwn(names.processes, newName) || Object.hasOwn(names.threads, newName))) return t('scenario.sandbox.nameUsed', { name: newName });
    if (step.op === 'mmap' && typeof a.file === 'string' && !(m.files.get(a.file) && !m.files.get(a.file)!.tmpfs)) {
      const files = [...m.files.values()].filter((f) => !f.tmpfs).map((f) => (this.files().some((x) => x.name === f.name) ? f.name : t('scenario.load.programFile', { name: f.name })));
      return files.length ? t('scenario.sandbox.noFileListed', { name: a.file, files: files.join(', ') }) : t('scenario.sandbox.noFileEmpty', { name: a.file });
    }
    if (step.op === 'shm-map' && typeof a.name === 'string' && !(m.files.get(`shm:${a.name}`) && !m.files.get(`shm:${a.name}`)!.unlinked)) {
      const objects = [...m.files.values()].filter((f) => f.tmpfs && !f.unlinked && f.name.startsWith('shm:')).map((f) => f.name.slice(4));
      return objects.length ? t('scenario.sandbox.noShmListed', { name: a.name, objects: objects.join(', ') }) : t('scenario.sandbox.noShmEmpty', { name: a.name });
    }
    return null;
  }

  private tooLong(): string | null {
    return this.at >= MAX_SANDBOX_ENTRIES ? t('scenario.sandbox.full', { max: String(MAX_SANDBOX_ENTRIES) }) : null;
  }
}
