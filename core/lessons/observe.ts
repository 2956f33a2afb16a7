/*
 * Observations: how a quiz's answer is measured on the simulator, formatted, argued with.
 *
 * `measure` applies the observation to a run (a copy of the lesson's machine after the
 * quiz's setup) and returns an Outcome: the answer value, the events that produced it,
 * and named facts the explanation may quote ({{frame}}, {{pa}}, …). `distractorPool`
 * proposes plausible wrong answers from the same machine (the frame another process
 * uses for that address, the address one page off …), and `divergence` says in plain
 * words where a learner's prediction and the machine parted ways.
 *
 * Nothing here knows the answer in advance: every value comes from a StepResult, the
 * machine's state, or the events of the observed access.
 */
import { ROLLUP_FIELDS, SMAPS_FIELDS, SimError, type AccessResult, type SmapsRollup } from '../sim/machine.ts';
import type { FaultCause, SimEvent } from '../sim/events.ts';
import { referenceSteps, type ReferenceResult } from '../sim/replacement.ts';
import type { ScenarioRun, StepResult, TranslateResult } from '../scenario/run.ts';
import { getLocale, inLocale, translate, t, type MessageKey, type MessageValues } from '../i18n/index.ts';
import { accessSentence } from './feedback.ts';
import type { Step } from '../scenario/schema.ts';
import type { Value } from './expr.ts';
import { curveOf, curveRises, curveSettles, curveValue, type CurveQuestion } from '../experiments/curve.ts';
import { ExperimentError } from '../experiments/types.ts';
import { ACCESS_OBSERVATION_NAMES, CURVE_OBSERVATION_NAMES, REFERENCE_OBSERVATION_NAMES, STATE_OBSERVATION_NAMES, type Observation } from './schema.ts';

export type AnswerValue = number | string | boolean | string[];

/** The filled-in observation of one quiz instance, ready to run. */
export interface Probe {
  what: Observation;
  /** read/write/fetch steps: one for `access`, several for `accesses`. */
  accesses: Step[];
  frame: number | null;
  page: { process: string; addr: number } | null;
  process: string | null;
  unit: 'pages' | 'bytes' | 'KiB';
  reference: Step | null;
  /** smaps: the field as Linux prints it, and the area (null: the smaps_rollup total). */
  field?: string | null;
  area?: string | null;
  /** curve-*: the experiment and where on its table to read (core/experiments/curve.ts). */
  curve?: CurveQuestion | null;
}

export interface Outcome {
  /** null: the observation has no answer in this instance (e.g. a physical address of a segfaulting access). */
  answer: AnswerValue | null;
  /** Why there is no answer, in words. */
  unanswerable: string | null;
  events: SimEvent[];
  facts: Record<string, Value>;
  /** Results of the observed steps, for divergence and distractors. */
  results: StepResult[];
}

const hex = (n: number) => '0x' + n.toString(16);

export const ACCESS_OBSERVATIONS: ReadonlySet<Observation> = new Set<Observation>(ACCESS_OBSERVATION_NAMES);
export const STATE_OBSERVATIONS: ReadonlySet<Observation> = new Set<Observation>(STATE_OBSERVATION_NAMES);
export const REFERENCE_OBSERVATIONS: ReadonlySet<Observation> = new Set<Observation>(REFERENCE_OBSERVATION_NAMES);
export const CURVE_OBSERVATIONS: ReadonlySet<Observation> = new Set<Observation>(CURVE_OBSERVATION_NAMES);

/** What kind of value an observation gives, which decides the quiz kinds it fits. */
export type ValueType = 'address' | 'number' | 'boolean' | 'word' | 'sequence' | 'order';

export const VALUE_TYPE: Record<Observation, ValueType> = {
  'physical-address': 'address',
  frame: 'number',
  value: 'number',
  tlb: 'word',
  faults: 'boolean',
  'fault-cause': 'word',
  'fault-level': 'word',
  'fault-resolution': 'word',
  segfault: 'boolean',
  node: 'number',
  cost: 'number',
  remote: 'boolean',
  'evicted-page': 'word',
  'evicted-frame': 'number',
  'evicted-process': 'word',
  'translation-order': 'order',
  'tlb-sequence': 'sequence',
  refcount: 'number',
  'free-frames': 'number',
  rss: 'number',
  pss: 'number',
  smaps: 'number',
  'reference-faults': 'number',
  'reference-hits': 'number',
  'reference-sequence': 'sequence',
  'reference-evictions': 'sequence',
  'curve-value': 'number',
  'curve-settles': 'number',
  'curve-rises': 'boolean',
};

/** What a `pick` quiz lets the learner click, per observation. */
export const PICK_TARGET: Partial<Record<Observation, 'frame' | 'node' | 'process'>> = {
  frame: 'frame',
  'evicted-frame': 'frame',
  node: 'node',
  'evicted-process': 'process',
};

export const FAULT_CAUSES = ['none', 'not-present', 'protection', 'user-kernel', 'out-of-range', 'non-canonical', 'bad-entry'];
export const FAULT_RESOLUTIONS = ['none', 'demand-zero', 'zero-page', 'file-read', 'page-cache-hit', 'cow-copy', 'cow-reuse', 'swap-in', 'stack-growth', 'shm-zero', 'minor', 'segfault'];

/** Names the explanation template may use besides the parameters. */
export const FACT_NAMES = ['answer', 'given', 'outcome', 'va', 'pa', 'frame', 'offset', 'value', 'tlb', 'cause', 'resolution', 'node', 'cost', 'targetFrame'];

class Unanswerable extends Error {}

export function nameOfPid(run: ScenarioRun, pid: number): string {
  for (const [name, p] of Object.entries(run.names().processes)) if (p === pid) return name;
  return run.machine.processes.get(pid)?.name ?? `pid ${pid}`;
}

/**
 * A fact that costs a sentence to make: made on first read (most evaluations, the
 * validator's above all, never read it), in the language in force when it was measured,
 * from values taken then, so it reads as making it at once would have. Spreading the facts,
 * JSON and structured clones read it as any other value; assigning replaces it.
 */
function lazyFact(facts: Record<string, Value>, name: string, make: () => string): void {
  const locale = getLocale();
  let made: string | undefined;
  Object.defineProperty(facts, name, {
    enumerable: true,
    configurable: true,
    get: () => (made ??= inLocale(locale, make)),
    set: (value: Value) => Object.defineProperty(facts, name, { value, writable: true, enumerable: true, configurable: true }),
  });
}

function accessFacts(run: ScenarioRun, a: AccessResult, events: SimEvent[], facts: Record<string, Value>): void {
  const ps = run.machine.pageSize;
  facts.va = a.va;
  facts.offset = a.va % ps;
  facts.tlb = a.tlb;
  facts.cause = a.faults[0]?.cause ?? 'none';
  facts.resolution = a.faults[0]?.resolution ?? 'none';
  // The access told as a sentence is read only where an explanation or the feedback quotes it.
  const who = a.pid >= 0 ? nameOfPid(run, a.pid) : '';
  lazyFact(facts, 'outcome', () => accessSentence(who, a, events).replace(/\.$/, ''));
  if (a.pa !== null) facts.pa = a.pa;
  if (a.pfn !== null) facts.frame = a.pfn;
  if (a.value !== null) facts.value = a.value;
  if (a.node !== null) facts.node = a.node;
  if (a.cost !== null) facts.cost = a.cost;
}

/**
 * A walk of a raw memory image (a `translate` step without a process, in a lesson with
 * `memory:`), seen as the read access it stands for, so the access observations apply.
 * There is no kernel, TLB or NUMA in an image: those observations have no answer.
 */
function imageAccess(step: Step, t: TranslateResult): AccessResult {
  return {
    pid: -1,
    tid: -1,
    cpu: 0,
    va: step.args.addr as number,
    op: 'read',
    ok: t.present,
    pa: t.pa,
    pfn: t.pfn,
    tlb: 'none',
    // No kernel resolves a fault in an image: the walk just fails (fault-resolution is refused for images).
    faults: t.present ? [] : [{ cause: (t.fault ?? 'not-present') as FaultCause, level: t.faultLevel, resolution: 'segfault' }],
    value: t.value,
    segfault: null,
    node: null,
    cost: null,
    remote: false,
  };
}

const NOT_IN_IMAGE: ReadonlySet<Observation> = new Set<Observation>(['tlb', 'fault-resolution', 'segfault', 'node', 'cost', 'remote', 'evicted-page', 'evicted-frame', 'evicted-process', 'tlb-sequence']);

function imageFacts(run: ScenarioRun, r: StepResult, facts: Record<string, Value>): void {
  const a = r.access!;
  facts.va = a.va;
  facts.offset = a.va % run.machine.pageSize;
  facts.cause = a.faults[0]?.cause ?? 'none';
  facts.outcome = r.summary;
  if (a.pa !== null) facts.pa = a.pa;
  if (a.pfn !== null) facts.frame = a.pfn;
  if (a.value !== null) facts.value = a.value;
}

function evictions(run: ScenarioRun, events: SimEvent[]): { pfn: number; pages: { process: string; va: number }[] }[] {
  const out: { pfn: number; pages: { process: string; va: number }[] }[] = [];
  for (const e of events) if (e.type === 'evict') out.push({ pfn: e.pfn, pages: e.mappings.map((m) => ({ process: nameOfPid(run, m.pid), va: m.vpn * run.machine.pageSize })) });
  return out;
}

export function pageLabel(p: { process: string; va: number }): string {
  return `${p.process} ${hex(p.va)}`;
}

/** The message naming each stage of a translation (walks add their level). */
function stageMessage(e: SimEvent): { key: MessageKey; level?: string } | null {
  switch (e.type) {
    case 'tlb-hit':
    case 'tlb-miss':
      return { key: 'player.stage.tlbLookup' };
    case 'walk':
      return { key: 'player.stage.walk', level: String(e.level) };
    case 'fault':
      return { key: 'player.stage.fault' };
    case 'fault-resolved':
      return { key: 'player.stage.kernelHandles' };
    case 'segfault':
      return { key: 'player.stage.kernelEnds' };
    case 'tlb-fill':
      return { key: 'player.stage.tlbFill' };
    case 'memory-read':
      return { key: 'player.stage.memoryRead' };
    case 'memory-write':
      return { key: 'player.stage.memoryWrite' };
    default:
      return null;
  }
}

/** A message whose key is chosen at run time, in English (answer values) or the learner's language. */
function say(locale: 'en' | null, key: MessageKey, values: MessageValues = {}): string {
  return locale ? translate(locale, key as 'player.stage.time', values) : t(key as 'player.stage.time', values);
}

function stageIn(locale: 'en' | null, m: { key: MessageKey; level?: string }, n: number): string {
  const label = say(locale, m.key, m.level === undefined ? {} : { level: m.level });
  return n === 1 ? label : n === 2 ? say(locale, 'player.stage.again', { stage: label }) : say(locale, 'player.stage.time', { stage: label, n });
}

/**
 * Stages of a translation, in order, for `order` quizzes: one label per event worth
 * ordering, with that event. A label names the stage, never its outcome ("look up the
 * page in the TLB", not "TLB lookup: hit"), so ordering them still asks for a prediction;
 * the outcomes are in the feedback. `label` is the English text, which is the answer's
 * value (compared, stored, keyed by authors' feedback); `text` is what the learner reads.
 */
export function stageEvents(events: SimEvent[]): { label: string; text: string; event: SimEvent }[] {
  const out: { label: string; text: string; event: SimEvent }[] = [];
  // Repeated stages (the retry after a fault) get a suffix so every item is distinct.
  const seen = new Map<string, number>();
  for (const e of events) {
    const m = stageMessage(e);
    if (m === null) continue;
    const base = `${m.key}:${m.level ?? ''}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.push({ label: stageIn('en', m, n), text: stageIn(null, m, n), event: e });
  }
  return out;
}

const STAGE_BY_ENGLISH: ReadonlyMap<string, MessageKey> = new Map(
  (['player.stage.tlbLookup', 'player.stage.fault', 'player.stage.kernelHandles', 'player.stage.kernelEnds', 'player.stage.tlbFill', 'player.stage.memoryRead', 'player.stage.memoryWrite'] as const).map((k) => [translate('en', k), k]),
);

/** A stage's English label (an answer value) in the learner's language; other text as it is. */
export function stageText(label: string): string {
  const repeat = /^(.*) \((?:again|time (\d+))\)$/.exec(label);
  const base = repeat ? repeat[1] : label;
  const walk = /^read the level-(\d+) page-table entry$/.exec(base);
  const key = walk ? 'player.stage.walk' : STAGE_BY_ENGLISH.get(base);
  if (!key) return label;
  return stageIn(null, { key, level: walk?.[1] }, repeat ? (repeat[2] ? Number(repeat[2]) : 2) : 1);
}

/** The stage labels of a translation, in order (see stageEvents). */
export function translationStages(events: SimEvent[]): string[] {
  return stageEvents(events).map((s) => s.label);
}

function applyOrThrow(run: ScenarioRun, step: Step, what: string): StepResult {
  const r = run.apply(step);
  if (r.error) throw new Unanswerable(t('player.unanswerable.stepFailed', { what, error: r.error }));
  return r;
}

function referenceAnswer(what: Observation, ref: ReferenceResult): AnswerValue {
  switch (what) {
    case 'reference-faults':
      return ref.faults;
    case 'reference-hits':
      return ref.hits;
    case 'reference-sequence':
      return Array.from(historyOf(ref).hit, (h) => (h ? 'hit' : 'miss'));
    default:
      return Array.from(historyOf(ref).victim, (v) => (v < 0 ? '-' : String(v)));
  }
}

function historyOf(ref: ReferenceResult): NonNullable<ReferenceResult['history']> {
  if (!ref.history) throw new Unanswerable(t('player.unanswerable.noHistory'));
  return ref.history;
}

function frameOfPage(run: ScenarioRun, page: { process: string; addr: number }): number {
  const pid = run.pidOf(page.process);
  const q = run.machine.probe(pid, page.addr);
  if (!q.present || q.pfn === null) throw new Unanswerable(t('player.unanswerable.pageNotInMemory', { process: page.process, addr: hex(page.addr) }));
  return q.pfn;
}

/** One smaps field of a process, in bytes: of one area, or the smaps_rollup total. */
function smapsReading(run: ScenarioRun, process: string, field: string, area: string | null | undefined): number {
  const s = run.machine.smaps().get(run.pidOf(process));
  if (!s) throw new Unanswerable(t('player.unanswerable.noSmaps', { process }));
  const key: keyof SmapsRollup | undefined = [...SMAPS_FIELDS, ...ROLLUP_FIELDS].find(([label]) => label === field)?.[1];
  if (!key) throw new Unanswerable(t('player.unanswerable.noSmapsField', { field }));
  if (area === undefined || area === null) return s.rollup[key];
  const entry = s.areas.find((a) => a.area === area);
  if (!entry) throw new Unanswerable(t('player.unanswerable.noArea', { process, area }));
  if (!(key in entry)) throw new Unanswerable(t('player.unanswerable.rollupField', { field }));
  return entry[key as keyof typeof entry] as number;
}

function unitOf(bytes: number, unit: Probe['unit'], pageSize: number): number {
  if (unit === 'bytes') return bytes;
  if (unit === 'KiB') return bytes / 1024;
  return bytes / pageSize;
}

/**
 * Run the observation on `run` (which it changes: give it a copy) and measure the answer.
 * Errors of the simulation (a dead process, an unknown name) make the instance unanswerable.
 */
export function measure(run: ScenarioRun, probe: Probe): Outcome {
  const facts: Record<string, Value> = {};
  const results: StepResult[] = [];
  const events: SimEvent[] = [];
  try {
    for (const [i, step] of probe.accesses.entries()) {
      const r = applyOrThrow(run, step, probe.accesses.length > 1 ? t('player.unanswerable.accessN', { n: i + 1 }) : t('player.unanswerable.theAccess'));
      results.push(r);
      events.push(...r.events);
      if (r.access) accessFacts(run, r.access, r.events, facts);
      else if (r.translate) {
        if (NOT_IN_IMAGE.has(probe.what)) throw new Unanswerable(t('player.unanswerable.notInImage', { what: probe.what }));
        r.access = imageAccess(step, r.translate);
        imageFacts(run, r, facts);
      }
    }
    const access = results.length ? results[results.length - 1].access : undefined;
    const needAccess = (): AccessResult => {
      if (!access) throw new Unanswerable(t('player.unanswerable.needsAccess', { what: probe.what }));
      return access;
    };
    let answer: AnswerValue | null;
    switch (probe.what) {
      case 'physical-address': {
        const a = needAccess();
        if (a.pa === null) throw new Unanswerable(t('player.unanswerable.noPhysicalAddress', { why: a.segfault ?? t('player.unanswerable.itFailed') }));
        answer = a.pa;
        break;
      }
      case 'frame': {
        const a = needAccess();
        if (a.pfn === null) throw new Unanswerable(t('player.unanswerable.noFrame', { why: a.segfault ?? t('player.unanswerable.itFailed') }));
        answer = a.pfn;
        break;
      }
      case 'value': {
        const a = needAccess();
        if (a.value === null) throw new Unanswerable(t('player.unanswerable.noValue', { why: a.segfault ?? t('player.unanswerable.itFailed') }));
        answer = a.value;
        break;
      }
      case 'tlb': {
        const a = needAccess();
        if (a.tlb === 'none') throw new Unanswerable(t('player.unanswerable.noTlbLookup'));
        answer = a.tlb;
        break;
      }
      case 'faults':
        answer = needAccess().faults.length > 0;
        break;
      case 'fault-cause':
        answer = needAccess().faults[0]?.cause ?? 'none';
        break;
      case 'fault-level': {
        const f = needAccess().faults[0];
        if (f && f.level === null) throw new Unanswerable(t('player.unanswerable.faultNotAtLevel', { cause: answerWord('fault-cause', f.cause) }));
        answer = f ? f.level! : 'none';
        break;
      }
      case 'fault-resolution':
        answer = needAccess().faults[0]?.resolution ?? 'none';
        break;
      case 'segfault':
        answer = needAccess().segfault !== null;
        break;
      case 'node':
      case 'cost':
      case 'remote': {
        const a = needAccess();
        if (!run.profile.numa) throw new Unanswerable(t('player.unanswerable.needsNuma', { what: probe.what }));
        if (a.node === null || a.cost === null) throw new Unanswerable(t('player.unanswerable.noMemory', { why: a.segfault ?? t('player.unanswerable.itFailed') }));
        answer = probe.what === 'node' ? a.node : probe.what === 'cost' ? a.cost : a.remote;
        break;
      }
      case 'evicted-page':
      case 'evicted-frame':
      case 'evicted-process': {
        needAccess();
        const ev = evictions(run, events);
        if (probe.what === 'evicted-page') answer = ev.length ? ev[0].pages.map(pageLabel).join(', ') || `frame ${ev[0].pfn}` : 'none';
        else if (!ev.length) throw new Unanswerable(t('player.unanswerable.noEviction'));
        else if (probe.what === 'evicted-frame') answer = ev[0].pfn;
        else if (!ev[0].pages.length) throw new Unanswerable(t('player.unanswerable.evictedUnmapped', { pfn: String(ev[0].pfn) }));
        else answer = ev[0].pages[0].process;
        if (ev.length) facts.evicted = ev[0].pages.map(pageLabel).join(', ');
        break;
      }
      case 'translation-order': {
        needAccess();
        answer = translationStages(events);
        if ((answer as string[]).length < 2) throw new Unanswerable(t('player.unanswerable.fewStages'));
        break;
      }
      case 'tlb-sequence':
        answer = results.map((r) => {
          if (!r.access || r.access.tlb === 'none') throw new Unanswerable(t('player.unanswerable.anAccessNoTlb'));
          return r.access.tlb;
        });
        break;
      case 'refcount': {
        const pfn = probe.frame ?? (probe.page ? frameOfPage(run, probe.page) : null);
        if (pfn === null) throw new Unanswerable(t('player.unanswerable.refcountNeeds'));
        if (pfn < 0 || pfn >= run.machine.mem.frameCount) throw new Unanswerable(t('player.unanswerable.noSuchFrame', { pfn: String(pfn) }));
        facts.targetFrame = pfn;
        answer = run.machine.mem.frame(pfn).mappings.length;
        break;
      }
      case 'free-frames':
        answer = run.machine.mem.freeCount();
        break;
      case 'rss':
      case 'pss': {
        if (!probe.process) throw new Unanswerable(t('player.unanswerable.needsProcess', { what: probe.what }));
        const pid = run.pidOf(probe.process);
        const bytes = probe.what === 'rss' ? run.machine.rss(pid) : run.machine.pss(pid);
        answer = unitOf(bytes, probe.unit, run.machine.pageSize);
        break;
      }
      case 'smaps': {
        if (!probe.process || !probe.field) throw new Unanswerable(t('player.unanswerable.smapsNeeds'));
        answer = unitOf(smapsReading(run, probe.process, probe.field, probe.area), probe.unit, run.machine.pageSize);
        break;
      }
      case 'curve-value':
      case 'curve-settles':
      case 'curve-rises': {
        if (!probe.curve) throw new Unanswerable(t('player.unanswerable.needsExperiment', { what: probe.what }));
        const found = curveOf(probe.curve);
        // Policies read as the textbooks write them (FIFO, LRU).
        const c = found.table.kind === 'replacement' || found.table.kind === 'working-set' ? { ...found, series: found.series.toUpperCase() } : found;
        const unit = c.table.columns.find((col) => col.key === c.measure)?.unit ?? '';
        const xCol = c.table.columns.find((col) => col.key === c.table.plot.x);
        // English names the measure by its id ("hit ratio"); other languages by the column's translated label.
        const yCol = c.table.columns.find((col) => col.key === c.measure);
        if (probe.what === 'curve-value') {
          if (probe.curve.x === undefined) throw new Unanswerable(t('player.unanswerable.curveNeedsX'));
          answer = curveValue(c, probe.curve.x);
          facts.outcome = t('player.curve.valueAt', { series: c.series, x: String(probe.curve.x), xUnit: xCol?.unit ?? '', y: String(answer), unit }).replace(/\s+/g, ' ');
        } else if (probe.what === 'curve-settles') {
          answer = curveSettles(c);
          facts.outcome = t('player.curve.settles', { series: c.series, measure: getLocale() === 'en' ? c.measure.replace(/_/g, ' ') : (yCol?.label ?? c.measure), y: String(c.points[c.points.length - 1].y), unit, x: String(answer), xUnit: xCol?.unit ?? '' }).replace(/\s+/g, ' ');
        } else {
          const r = curveRises(c);
          answer = r.rises;
          facts.outcome = r.at
            ? t('player.curve.rises', { series: c.series, from: String(r.at[0].y), unit, fromX: String(r.at[0].x), to: String(r.at[1].y), toX: String(r.at[1].x), xUnit: xCol?.unit ?? '' }).replace(/\s+/g, ' ')
            : t('player.curve.neverRises', { series: c.series });
        }
        facts.curve = c.table.rows.length;
        break;
      }
      default: {
        if (!probe.reference) throw new Unanswerable(t('player.unanswerable.needsReference', { what: probe.what }));
        const r = applyOrThrow(run, probe.reference, t('player.unanswerable.theReference'));
        results.push(r);
        events.push(...r.events);
        answer = referenceAnswer(probe.what, r.reference!);
        facts.outcome = r.summary;
        break;
      }
    }
    if (!('outcome' in facts)) facts.outcome = stateOutcome(run, probe, answer, facts);
    return { answer, unanswerable: null, events, facts, results };
  } catch (e) {
    if (e instanceof Unanswerable || e instanceof SimError || e instanceof ExperimentError) {
      return { answer: null, unanswerable: (e as Error).message, events, facts, results };
    }
    throw e;
  }
}

function stateOutcome(run: ScenarioRun, probe: Probe, answer: AnswerValue, facts: Record<string, Value>): string {
  switch (probe.what) {
    case 'refcount':
      return t('player.outcome.refcount', { frame: String(facts.targetFrame), count: answer as number });
    case 'free-frames':
      return t('player.outcome.freeFrames', { free: String(answer), total: run.profile.physFrames });
    default:
      return probe.unit === 'pages'
        ? t('player.outcome.sizePages', { process: probe.process ?? '', measure: probe.what.toUpperCase(), count: answer as number })
        : t('player.outcome.size', { process: probe.process ?? '', measure: probe.what.toUpperCase(), amount: formatAnswer(probe.what, answer, 'dec'), unit: probe.unit });
  }
}

// ---------------------------------------------------------------- formatting

export function paBits(run: Pick<ScenarioRun, 'profile'>): number {
  return Math.ceil(Math.log2(run.profile.physFrames * 2 ** run.profile.pageBits));
}

/** The label learners read for each fault cause (the compared value stays the id). */
const CAUSE_LABEL: Record<string, MessageKey> = {
  none: 'player.word.none',
  'not-present': 'player.cause.notPresent',
  protection: 'player.cause.protection',
  'user-kernel': 'player.cause.userKernel',
  'out-of-range': 'player.cause.outOfRange',
  'non-canonical': 'player.cause.nonCanonical',
  'bad-entry': 'player.cause.badEntry',
};

/** The label learners read for each way the kernel resolves a fault. */
const RESOLUTION_LABEL: Record<string, MessageKey> = {
  none: 'player.word.none',
  'demand-zero': 'player.resolution.demandZero',
  'zero-page': 'player.resolution.zeroPage',
  'file-read': 'player.resolution.fileRead',
  'page-cache-hit': 'player.resolution.pageCacheHit',
  'cow-copy': 'player.resolution.cowCopy',
  'cow-reuse': 'player.resolution.cowReuse',
  'swap-in': 'player.resolution.swapIn',
  'stack-growth': 'player.resolution.stackGrowth',
  'shm-zero': 'player.resolution.shmZero',
  minor: 'player.resolution.minor',
  segfault: 'player.resolution.segfault',
};

const TLB_LABEL: Record<string, MessageKey> = { hit: 'player.word.hit', miss: 'player.word.miss' };

const WORD_LABELS: Partial<Record<Observation, Record<string, MessageKey>>> = {
  'fault-cause': CAUSE_LABEL,
  'fault-resolution': RESOLUTION_LABEL,
  tlb: TLB_LABEL,
  'tlb-sequence': TLB_LABEL,
  'reference-sequence': TLB_LABEL,
  'fault-level': { none: 'player.word.none' },
  'evicted-page': { none: 'player.word.none' },
};

/**
 * The word a learner reads for an answer id of `what` ("not-present" → "no presente"):
 * the id itself in English, which is what authors write in options and feedback keys.
 * Ids without a label (process names, page labels) are shown as they are.
 */
export function answerWord(what: Observation, id: string): string {
  const labels = WORD_LABELS[what];
  return labels && Object.hasOwn(labels, id) ? t(labels[id] as 'player.word.none') : id;
}

/** How a value is shown to the learner: addresses in hex, booleans as yes/no. */
export function formatAnswer(what: Observation, v: AnswerValue, format: 'hex' | 'dec' | undefined): string {
  if (Array.isArray(v)) return what === 'translation-order' ? v.map((s, i) => t('player.answer.orderItem', { n: String(i + 1), stage: stageText(s) })).join('; ') : v.map((x) => answerWord(what, x)).join(', ');
  if (typeof v === 'boolean') return t(v ? 'player.answer.yes' : 'player.answer.no');
  if (typeof v === 'number') {
    const useHex = format === 'hex' || (format === undefined && what === 'physical-address');
    if (useHex && Number.isInteger(v) && v >= 0) return hex(v);
    if (!Number.isInteger(v)) return String(Math.round(v * 100) / 100);
    return String(v);
  }
  return answerWord(what, v);
}

/** Label of a choice option: frames say "frame 8" so a bare number is not mistaken for an address. */
export function optionLabel(what: Observation, v: AnswerValue, format: 'hex' | 'dec' | undefined): string {
  const s = formatAnswer(what, v, format);
  if ((what === 'frame' || what === 'evicted-frame') && typeof v === 'number') return t('player.answer.frame', { frame: s });
  if (what === 'node' && typeof v === 'number') return t('player.answer.node', { node: s });
  return s;
}

/** Compare an observed value with an author's literal (option or yesIf): numbers by value, words case-insensitively. */
export function sameValue(a: AnswerValue, b: unknown): boolean {
  if (typeof a === 'number') {
    if (typeof b === 'number') return a === b;
    if (typeof b === 'string' && /^\s*(0x[0-9a-f_]+|0b[01_]+|-?[0-9_]+(\.[0-9]+)?)\s*$/i.test(b)) return a === parseNumberText(b);
    return false;
  }
  if (typeof a === 'boolean') {
    if (typeof b === 'boolean') return a === b;
    if (typeof b === 'string') return (a ? ['yes', 'true'] : ['no', 'false']).includes(b.trim().toLowerCase());
    return false;
  }
  if (typeof a === 'string') return (typeof b === 'string' || typeof b === 'number') && String(b).trim().toLowerCase() === a.toLowerCase();
  return Array.isArray(b) && b.length === a.length && a.every((x, i) => String(b[i]).toLowerCase() === x.toLowerCase());
}

export function parseNumberText(s: string): number | null {
  const t = s.trim().replace(/_/g, '').toLowerCase();
  if (/^0x[0-9a-f]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0b[01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(t)) return Number(t);
  return null;
}

/** Turn an author's literal option into a value of the answer's type (so labels format alike). */
export function literalAsAnswer(answer: AnswerValue, literal: unknown): AnswerValue {
  if (typeof answer === 'number' && typeof literal === 'string') return parseNumberText(literal) ?? literal;
  if (typeof answer === 'boolean' && typeof literal === 'string') {
    const t = literal.trim().toLowerCase();
    if (t === 'yes' || t === 'true') return true;
    if (t === 'no' || t === 'false') return false;
  }
  return literal as AnswerValue;
}

// ---------------------------------------------------------------- distractors

/**
 * Plausible wrong answers, most instructive first: what a learner gets by a typical
 * mistake (the other process's frame, forgetting the offset, not translating at all).
 */
export function distractorPool(run: ScenarioRun, probe: Probe, outcome: Outcome): AnswerValue[] {
  const answer = outcome.answer;
  if (answer === null) return [];
  const m = run.machine;
  const ps = m.pageSize;
  const access = outcome.results.at(-1)?.access;
  const otherFrames = (): number[] => {
    if (!access) return [];
    const out: number[] = [];
    const vpn = Math.floor(access.va / ps);
    for (const p of m.processes.values()) {
      if (!p.alive || p.pid === access.pid) continue;
      const f = m.presentFrame(p, vpn);
      if (f !== null) out.push(f);
    }
    return out;
  };
  switch (probe.what) {
    case 'physical-address': {
      const pa = answer as number;
      const off = pa % ps;
      const limit = m.mem.size;
      const list = [...otherFrames().map((f) => f * ps + off), access?.va ?? -1, pa - off, pa + ps, pa - ps, (access?.va ?? 0) - off + (pa - off) / ps, pa ^ 0x10, pa + 2 * ps];
      return list.filter((x) => Number.isInteger(x) && x >= 0 && x < limit);
    }
    case 'frame':
    case 'evicted-frame': {
      const f = answer as number;
      const process = access ? m.processes.get(access.pid) : undefined;
      const list = [...otherFrames(), access ? Math.floor(access.va / ps) : -1, process ? process.root : -1, f + 1, f - 1, f + 2, f - 2];
      return list.filter((x) => Number.isInteger(x) && x >= 0 && x < m.mem.frameCount);
    }
    case 'tlb':
      return [answer === 'hit' ? 'miss' : 'hit'];
    case 'fault-cause':
      return ['not-present', 'protection', 'user-kernel', 'none', 'out-of-range'];
    case 'fault-level':
      return ['none', ...run.profile.levels.map((_, i) => i)];
    case 'fault-resolution':
      return ['demand-zero', 'file-read', 'cow-copy', 'segfault', 'none', 'stack-growth', 'swap-in', 'cow-reuse'];
    case 'faults':
    case 'segfault':
    case 'remote':
      return [!answer];
    case 'evicted-page': {
      const out: string[] = ['none'];
      for (const p of m.processes.values()) {
        if (!p.alive) continue;
        for (const f of m.mem.framesInUse()) for (const mp of f.mappings) if (mp.pid === p.pid) out.push(pageLabel({ process: nameOfPid(run, p.pid), va: mp.vpn * ps }));
      }
      return out;
    }
    case 'evicted-process':
      return Object.keys(run.names().processes);
    case 'node':
      return (run.profile.numa?.nodes ?? []).map((_, i) => i);
    default: {
      if (typeof answer !== 'number') return [];
      const n = answer;
      const list = [n + 1, n - 1, n * 2, n + 2, Math.floor(n / 2), n - 2, 0, n + ps];
      return list.filter((x) => x >= 0);
    }
  }
}
