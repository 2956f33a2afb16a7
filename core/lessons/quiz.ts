/*
 * Quiz instances: parameters drawn for an attempt, templates filled in, the observation
 * run on a copy of the machine, the question presented, and an answer checked.
 *
 *   instance n of quiz Q  =  params drawn from Rng(seedFrom("pack/lesson/Q/n"))
 *                         →  setup steps and observation with templates filled in
 *   prepared              =  lesson machine at the quiz's step + setup   (what the learner sees)
 *   evaluated             =  a copy of that + the observation            (the real outcome)
 *
 * The learner's view is built from the prepared machine and the presentation (options,
 * shuffled items); the answer stays in the evaluated Outcome, which never leaves core.
 */
import { curveOf } from '../experiments/curve.ts';
import { parseExperiment } from '../experiments/schema.ts';
import { ExperimentError } from '../experiments/types.ts';
import { didYouMean } from '../diag.ts';
import { t } from '../i18n/index.ts';
import type { ScenarioRun, StepResult } from '../scenario/run.ts';
import { Int, STEP_OPS, StepSchemas, type Step, type StepOp } from '../scenario/schema.ts';
import { Rng, seedFrom } from '../sim/rng.ts';
import { cloneRun } from './clone.ts';
import { compileExpr, compileTemplate, ExprError, fillTemplates, type Scope, type Value } from './expr.ts';
import type { CompiledLesson, CompiledQuiz } from './model.ts';
import {
  distractorPool,
  answerWord,
  formatAnswer,
  literalAsAnswer,
  measure,
  optionLabel,
  paBits,
  parseNumberText,
  PICK_TARGET,
  sameValue,
  stageText,
  type AnswerValue,
  type Outcome,
  type Probe,
} from './observe.ts';
import { markdownError } from './markdown.ts';
import type { Snapshot } from '../sim/snapshot.ts';
import { concealFor, concealFromDoc, type ConcealDoc } from './conceal.ts';
import { explainDivergence } from './feedback.ts';
import type { Concealed, QuizAnswer, QuizFeedback, QuizView } from './types.ts';

/** The first error the Markdown check finds in text whose templates are filled in, as "has …", or null. */
export function filledMarkdownProblem(text: string): string | null {
  const error = markdownError(text);
  return error !== null ? t('player.instance.hasProblem', { message: error }) : null;
}

/** A problem with one instance (a template that fails, a step the schema refuses), with where it is. */
export class InstanceError extends Error {
  constructor(
    message: string,
    /** Path inside the quiz (e.g. ['setup', 0, 'read', 'addr']). */
    readonly path: (string | number)[],
    /** The parameters drawn so far, to reproduce the instance. */
    public params: Record<string, Value> = {},
  ) {
    super(message);
  }
}

export interface QuizInstance {
  quiz: CompiledQuiz;
  attempt: number;
  params: Record<string, Value>;
  /** Parameters plus the machine's built-in names. */
  scope: Record<string, Value>;
  prompt: string;
  setup: Step[];
  probe: Probe;
  /** The author's `conceal:` list, filled in (null: the engine chooses from the observation). */
  concealDoc: ConcealDoc[] | null;
  /** The author's graded hints, filled in. */
  hints: string[];
  /** Random generator for presentation (shuffles), continuing after the parameters. */
  rng: Rng;
}

/** Names every expression can use: the lesson machine's geometry. */
export function builtinScope(lesson: Pick<CompiledLesson, 'profile'>): Record<string, Value> {
  const p = lesson.profile;
  return { pageSize: 2 ** p.pageBits, pageBits: p.pageBits, vaBits: p.vaBits, paBits: paBits({ profile: p }), physFrames: p.physFrames };
}
export const BUILTIN_NAMES = ['pageSize', 'pageBits', 'vaBits', 'paBits', 'physFrames'];

export function instanceSeed(packId: string, lessonId: string, quizId: string, attempt: number): string {
  return `${packId}/${lessonId}/${quizId}/${attempt}`;
}

/**
 * The seed of an instance's generator. Names of consecutive instances differ only in their
 * last characters, and FNV-1a followed by mulberry32 then gives first draws that stay on the
 * same side of 0.5 for ten instances in a row (a two-way choice that never changes when the
 * learner asks for a fresh instance); a final avalanche (MurmurHash3's fmix32) spreads them.
 */
export function instanceRngSeed(name: string): number {
  let h = seedFrom(name);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function drawParams(quiz: CompiledQuiz, base: Record<string, Value>, rng: Rng): Record<string, Value> {
  const scope: Record<string, Value> = { ...base };
  const params: Record<string, Value> = {};
  for (const [name, p] of quiz.params) {
    let v: Value;
    if ('range' in p) {
      const [lo, hi] = p.range;
      const step = p.step ?? 1;
      if (step <= 0 || hi < lo) throw new InstanceError(t('player.instance.emptyRange', { name, lo: String(lo), hi: String(hi), step: String(step) }), ['params', name]);
      v = lo + step * rng.int(Math.floor((hi - lo) / step) + 1);
    } else if ('choice' in p) v = rng.pick(p.choice);
    else {
      try {
        v = compileExpr(p.expr).evaluate(scope);
      } catch (e) {
        if (e instanceof ExprError) throw new InstanceError(t('player.instance.param', { name, message: e.message }), ['params', name, 'expr']);
        throw e;
      }
    }
    params[name] = v;
    scope[name] = v;
  }
  return params;
}

function fill(value: unknown, scope: Scope, path: (string | number)[]): unknown {
  try {
    return fillTemplates(value, scope);
  } catch (e) {
    if (e instanceof ExprError) throw new InstanceError(e.message, path);
    throw e;
  }
}

/** Shorthand forms of scenario steps, as the scenario loader expands them. */
function expandShorthand(op: StepOp, data: unknown): Record<string, unknown> {
  if (op === 'spawn' && typeof data === 'string') return { name: data };
  if ((op === 'exit' || op === 'shm-unlink') && typeof data === 'string') return op === 'exit' ? { process: data } : { name: data };
  if (op === 'tlb-flush' && data === null) return {};
  if (op === 'note') return { text: data };
  return data as Record<string, unknown>;
}

/** Check a filled-in scenario step with the scenario schemas and turn it into a Step. */
export function toStep(raw: unknown, path: (string | number)[]): Step {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InstanceError(t('player.instance.stepMapping', { example: 'read: {process: A, addr: 0x1000}' }), path);
  const keys = Object.keys(raw);
  if (keys.length !== 1) throw new InstanceError(keys.length ? t('player.instance.oneOperation', { got: keys.join(', ') }) : t('player.instance.noOperation'), path);
  const op = keys[0];
  if (!(STEP_OPS as string[]).includes(op)) {
    const hint = didYouMean(op, STEP_OPS);
    throw new InstanceError(hint ? t('player.instance.unknownOpHint', { op, hint }) : t('player.instance.unknownOp', { op }), path);
  }
  const r = StepSchemas[op as StepOp].safeParse((raw as Record<string, unknown>)[op]);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = [...path, op, ...(issue.path as (string | number)[])];
    const got = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), (raw as Record<string, unknown>)[op]);
    const message = got !== undefined && typeof got !== 'object' ? t('player.instance.gotValue', { message: issue.message, got: JSON.stringify(got) }) : issue.message;
    throw new InstanceError(`${op}: ${issue.path.length ? issue.path.join('.') + ': ' : ''}${message}`, where);
  }
  return { op: op as StepOp, args: expandShorthand(op as StepOp, r.data) };
}

function intOf(v: unknown, path: (string | number)[], what: string): number {
  const r = Int.safeParse(v);
  if (!r.success) throw new InstanceError(t('player.instance.wholeNumber', { what, got: JSON.stringify(v) ?? 'undefined' }), path);
  return r.data;
}

function numberOf(v: unknown, path: (string | number)[], what: string): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new InstanceError(t('player.instance.number', { what, got: JSON.stringify(v) ?? 'undefined' }), path);
  return n;
}

function nameOf(v: unknown, path: (string | number)[], what: string): string {
  if (typeof v !== 'string' || !v) throw new InstanceError(t('player.instance.name', { what, got: JSON.stringify(v) ?? 'undefined' }), path);
  return v;
}

function accessStep(raw: Record<string, unknown>, path: (string | number)[]): Step {
  const { op, ...args } = raw;
  const stepOp = op === undefined ? 'read' : op;
  if (stepOp !== 'read' && stepOp !== 'write' && stepOp !== 'fetch') throw new InstanceError(t('player.instance.op', { got: JSON.stringify(op) ?? 'undefined' }), [...path, 'op']);
  for (const k of Object.keys(args)) if (args[k] === undefined) delete args[k];
  if (stepOp !== 'write' && 'value' in args) delete args.value;
  if (args.process !== undefined && args.thread !== undefined) throw new InstanceError(t('player.instance.processOrThread'), path);
  if (args.process === undefined && args.thread === undefined) {
    // No one makes it: a walk of the lesson's memory image from the base register (read only).
    if (stepOp !== 'read') throw new InstanceError(t('player.instance.imageReadOnly'), [...path, 'op']);
    const { addr, ...rest } = args;
    if (Object.keys(rest).length) throw new InstanceError(t('player.instance.imageAddrOnly', { got: Object.keys(rest).join(', ') }), path);
    return toStep({ translate: { addr } }, path);
  }
  const step = toStep({ [stepOp]: args }, path);
  return step;
}

function buildProbe(observe: Record<string, unknown>, path: (string | number)[]): Probe {
  const probe: Probe = {
    what: observe.what as Probe['what'],
    accesses: [],
    frame: null,
    page: null,
    process: null,
    unit: (observe.unit as Probe['unit'] | undefined) ?? 'pages',
    reference: null,
  };
  if (observe.access) probe.accesses.push(accessStep(observe.access as Record<string, unknown>, [...path, 'access']));
  if (Array.isArray(observe.accesses)) observe.accesses.forEach((a, i) => probe.accesses.push(accessStep(a as Record<string, unknown>, [...path, 'accesses', i])));
  if (observe.frame !== undefined) probe.frame = intOf(observe.frame, [...path, 'frame'], 'frame');
  if (observe.page) {
    const page = observe.page as Record<string, unknown>;
    probe.page = { process: nameOf(page.process, [...path, 'page', 'process'], 'page.process'), addr: intOf(page.addr, [...path, 'page', 'addr'], 'page.addr') };
  }
  if (observe.process !== undefined) probe.process = nameOf(observe.process, [...path, 'process'], 'process');
  if (typeof observe.field === 'string') probe.field = observe.field;
  if (observe.area !== undefined) probe.area = nameOf(observe.area, [...path, 'area'], 'area');
  if (observe.experiment) {
    try {
      parseExperiment(observe.experiment);
    } catch (e) {
      if (e instanceof ExperimentError) throw new InstanceError(t('player.instance.experiment', { message: e.message }), [...path, 'experiment']);
      throw e;
    }
    probe.curve = {
      experiment: observe.experiment as Record<string, unknown>,
      series: observe.series as string | undefined,
      measure: observe.measure as string | undefined,
      x: observe.x === undefined ? undefined : numberOf(observe.x, [...path, 'x'], 'x'),
    };
  }
  if (observe.reference) {
    const ref = { ...(observe.reference as Record<string, unknown>) };
    if (typeof ref.pages === 'string') ref.pages = ref.pages.split(/[\s,]+/).filter(Boolean).map((t) => parseNumberText(t) ?? t);
    probe.reference = toStep({ 'reference-string': ref }, [...path, 'reference']);
  }
  return probe;
}

/** A filled-in `conceal:` item, with its numbers checked. */
function concealItem(raw: unknown, path: (string | number)[]): ConcealDoc {
  const item = raw as Record<string, unknown>;
  switch (item.what) {
    case 'process-size':
      return { what: 'process-size', process: nameOf(item.process, [...path, 'process'], 'process') };
    case 'free-frames':
      return { what: 'free-frames' };
    case 'frame-refs': {
      const page = item.page as Record<string, unknown> | undefined;
      return {
        what: 'frame-refs',
        frame: item.frame === undefined ? undefined : intOf(item.frame, [...path, 'frame'], 'frame'),
        page: page ? { process: nameOf(page.process, [...path, 'page', 'process'], 'page.process'), addr: intOf(page.addr, [...path, 'page', 'addr'], 'page.addr') } : undefined,
      };
    }
    case 'tlb':
      return { what: 'tlb', cpu: item.cpu === undefined ? undefined : intOf(item.cpu, [...path, 'cpu'], 'cpu'), process: item.process === undefined ? undefined : nameOf(item.process, [...path, 'process'], 'process') };
    case 'walk':
      return { what: 'walk', process: nameOf(item.process, [...path, 'process'], 'process'), addr: intOf(item.addr, [...path, 'addr'], 'addr') };
    default:
      return { what: 'page-tables', process: item.process === undefined ? undefined : nameOf(item.process, [...path, 'process'], 'process') };
  }
}

/**
 * Instance `attempt` of a quiz: parameters, prompt, setup and observation, filled in.
 * Throws InstanceError when a template or a filled-in step is wrong for these parameters.
 */
export function buildInstance(packId: string, lesson: CompiledLesson, quiz: CompiledQuiz, attempt: number): QuizInstance {
  return fillInstance(lesson, quiz, drawInstance(packId, lesson, quiz, attempt));
}

/** The parameters of instance `attempt`, and its generator continuing after them (for the shuffles). */
export interface DrawnInstance {
  attempt: number;
  params: Record<string, Value>;
  rng: Rng;
}

/**
 * The first half of buildInstance: the parameters drawn for an attempt. Everything else in
 * an instance follows from them (fillInstance), so a caller trying many attempts (the
 * validator) can tell instances that will be filled in alike before filling them in.
 */
export function drawInstance(packId: string, lesson: CompiledLesson, quiz: CompiledQuiz, attempt: number): DrawnInstance {
  const rng = new Rng(instanceRngSeed(instanceSeed(packId, lesson.id, quiz.id, attempt)));
  return { attempt, params: drawParams(quiz, builtinScope(lesson), rng), rng };
}

/** The second half of buildInstance: prompt, setup, observation, concealment and hints filled in with the drawn parameters. */
export function fillInstance(lesson: CompiledLesson, quiz: CompiledQuiz, drawn: DrawnInstance): QuizInstance {
  const { attempt, params, rng } = drawn;
  const scope = { ...builtinScope(lesson), ...params };
  try {
    const prompt = String(fill(quiz.doc.prompt, scope, ['prompt']));
    // Parameter values land in the Markdown only now: check the text the learner will see.
    const unsafe = filledMarkdownProblem(prompt);
    if (unsafe) throw new InstanceError(t('player.instance.unsafePrompt', { problem: unsafe }), ['prompt']);
    const setup = quiz.rawSetup.map((raw, i) => toStep(fill(raw, scope, ['setup', i]), ['setup', i]));
    const observe = fill(quiz.rawObserve, scope, ['observe']) as Record<string, unknown>;
    const probe = buildProbe(observe, ['observe']);
    const concealDoc = quiz.rawConceal === null ? null : (quiz.rawConceal.map((raw, i) => concealItem(fill(raw, scope, ['conceal', i]), ['conceal', i])));
    const hints = (quiz.doc.hints ?? []).map((h, i) => String(fill(h, scope, ['hints', i])));
    return { quiz, attempt, params, scope, prompt, setup, probe, concealDoc, hints, rng };
  } catch (e) {
    if (e instanceof InstanceError) e.params = params;
    throw e;
  }
}

/** Apply the instance's setup to `base` (changed in place). Returns the first failing step's error. */
export function applySetup(base: ScenarioRun, inst: QuizInstance): { results: StepResult[]; error: InstanceError | null } {
  const results: StepResult[] = [];
  for (const [i, step] of inst.setup.entries()) {
    const r = base.apply(step);
    results.push(r);
    if (r.error) return { results, error: new InstanceError(t('player.instance.setupFailed', { n: String(i + 1), op: step.op, error: r.error }), ['setup', i]) };
  }
  return { results, error: null };
}

export interface Presentation {
  /** choice: options in display order, with their values (never sent to the renderer). */
  options: { id: string; label: string; value: AnswerValue }[];
  /** order: items in display order; `value` is the stage as the answer holds it (English), `label` as the learner reads it. */
  items: { id: string; label: string; value: string }[];
  alphabet: string[];
  length: number | null;
  pick: 'frame' | 'node' | 'process' | null;
  addressBits: number | null;
}

const OPTION_IDS = 'abcdefghijklmnopqrstuvwxyz';

function shuffle<T>(items: T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The question as the learner sees it: choice options (literal or generated), shuffled order items … */
export function present(inst: QuizInstance, outcome: Outcome, after: ScenarioRun): { presentation: Presentation; problems: string[] } {
  const q = inst.quiz.doc;
  const what = q.observe.what;
  const problems: string[] = [];
  const pres: Presentation = { options: [], items: [], alphabet: [], length: null, pick: null, addressBits: null };
  const answer = outcome.answer;
  switch (q.kind) {
    case 'choice': {
      if (answer === null) break;
      const literal = (q.options ?? []).map((o) => literalAsAnswer(answer, o));
      let values: AnswerValue[];
      if (q.distractors === undefined) values = literal;
      else {
        const wrong: AnswerValue[] = [];
        const seen = new Set([optionLabel(what, answer, q.format)]);
        for (const v of [...literal, ...distractorPool(after, inst.probe, outcome)]) {
          if (wrong.length >= q.distractors) break;
          const label = optionLabel(what, v, q.format);
          if (seen.has(label)) continue;
          seen.add(label);
          wrong.push(v);
        }
        if (wrong.length < q.distractors) problems.push(t('player.problem.fewDistractors', { count: wrong.length, asked: q.distractors }));
        values = shuffle([answer, ...wrong], inst.rng);
      }
      pres.options = values.map((value, i) => ({ id: OPTION_IDS[i], label: optionLabel(what, value, q.format), value }));
      const labels = pres.options.map((o) => o.label);
      const dup = labels.find((l, i) => labels.indexOf(l) !== i);
      if (dup !== undefined) problems.push(t('player.problem.duplicateOption', { option: dup }));
      const right = pres.options.filter((o) => sameValue(answer, o.value));
      if (right.length === 0) problems.push(t('player.problem.noRightOption', { answer: formatAnswer(what, answer, q.format) }));
      if (right.length > 1) problems.push(t('player.problem.manyRightOptions', { count: right.length, options: right.map((o) => t('player.problem.quoted', { text: o.label })).join(', ') }));
      if (pres.options.length < 2) problems.push(t('player.problem.twoOptions'));
      break;
    }
    case 'order': {
      if (!Array.isArray(answer)) break;
      let order = shuffle(answer, inst.rng);
      // A shuffle that happens to be the answer would give it away: shuffle again.
      for (let i = 0; i < 5 && order.every((x, k) => x === answer[k]); i++) order = shuffle(answer, inst.rng);
      if (order.every((x, k) => x === answer[k])) order = [...answer].reverse();
      pres.items = order.map((value, i) => ({ id: OPTION_IDS[i] ?? `i${i}`, label: stageText(value), value }));
      if (answer.length > 12) problems.push(t('player.problem.manyStages', { count: answer.length }));
      break;
    }
    case 'sequence': {
      pres.length = what === 'tlb-sequence' ? inst.probe.accesses.length : ((inst.probe.reference?.args.pages as number[] | undefined)?.length ?? null);
      if (what === 'reference-evictions') {
        const pages = [...new Set((inst.probe.reference?.args.pages as number[] | undefined) ?? [])].sort((x, y) => x - y);
        pres.alphabet = ['-', ...pages.map(String)];
      } else pres.alphabet = ['hit', 'miss'];
      if (Array.isArray(answer) && pres.length !== answer.length) problems.push(t('player.problem.sequenceLength', { count: answer.length, announced: String(pres.length) }));
      break;
    }
    case 'pick':
      pres.pick = PICK_TARGET[what] ?? null;
      break;
    case 'address':
      pres.addressBits = paBits(after);
      break;
    default:
      break;
  }
  return { presentation: pres, problems };
}

/** A fully evaluated instance: what the learner sees, and (privately) the real outcome. */
export interface EvaluatedInstance {
  instance: QuizInstance;
  /** The machine after setup: what the learner looks at while answering. */
  prepared: ScenarioRun;
  setupResults: StepResult[];
  /** A copy of `prepared` after the observation. */
  observed: ScenarioRun;
  outcome: Outcome;
  presentation: Presentation;
  /** Problems that make this instance unfit to ask (for the validator). */
  problems: string[];
  /** A setup step that failed, with where it is in the quiz. */
  setupError: InstanceError | null;
  /** The prepared machine as the learner sees it, and what predict mode hides of it. */
  preparedSnapshot: Snapshot | null;
  conceal: Concealed[];
}

/**
 * Snapshots of prepared machines by filled-in setup, for a caller that evaluates many
 * instances on copies of one unchanged machine (the validator, on a lesson step): the same
 * setup on the same machine prepares the same state, so instances that share a setup (most
 * quizzes have none) share one snapshot instead of taking it again. Snapshots are only read.
 */
export type PreparedSnapshots = Map<string, Snapshot>;

/**
 * Prepare and evaluate an instance on `base` (the lesson machine at the quiz's step; changed
 * in place). The observation runs on a copy, unless `keepPrepared` is false (the validator
 * does not need the prepared machine afterwards, and copying costs time). `snapshots`, when
 * given, must only ever see copies of one machine (see PreparedSnapshots).
 */
export function evaluateInstance(base: ScenarioRun, inst: QuizInstance, keepPrepared = true, recycle?: ScenarioRun, snapshots?: PreparedSnapshots): EvaluatedInstance {
  const { results, error } = applySetup(base, inst);
  const observed = keepPrepared ? cloneRun(base, recycle) : base;
  const problems: string[] = [];
  if (error) {
    return {
      instance: inst,
      prepared: base,
      setupResults: results,
      observed,
      outcome: { answer: null, unanswerable: error.message, events: [], facts: {}, results: [] },
      presentation: { options: [], items: [], alphabet: [], length: null, pick: null, addressBits: null },
      problems,
      setupError: error,
      preparedSnapshot: null,
      conceal: [],
    };
  }
  // What the learner looks at, and what of it would give the answer away: taken before the observation runs.
  const preparedSnapshot = snapshots ? preparedSnapshotOf(snapshots, base, inst) : base.snapshot();
  let conceal: Concealed[];
  if (inst.concealDoc === null) conceal = concealFor(base, inst.probe, preparedSnapshot);
  else {
    const fromDoc = concealFromDoc(base, inst.concealDoc, preparedSnapshot);
    conceal = fromDoc.conceal;
    problems.push(...fromDoc.problems);
  }
  const outcome = measure(observed, inst.probe);
  if (outcome.answer === null) problems.push(t('player.problem.noAnswer', { why: outcome.unanswerable ?? '' }));
  const { presentation, problems: presentationProblems } = present(inst, outcome, observed);
  problems.push(...presentationProblems);
  problems.push(...answerFitsKind(inst, outcome, presentation, observed));
  return { instance: inst, prepared: base, setupResults: results, observed, outcome, presentation, problems, setupError: null, preparedSnapshot, conceal };
}

function preparedSnapshotOf(snapshots: PreparedSnapshots, prepared: ScenarioRun, inst: QuizInstance): Snapshot {
  const key = JSON.stringify(inst.setup);
  let snapshot = snapshots.get(key);
  if (!snapshot) snapshots.set(key, (snapshot = prepared.snapshot()));
  return snapshot;
}

/** Whether the answer is something the learner can give with this kind of quiz. */
function answerFitsKind(inst: QuizInstance, outcome: Outcome, pres: Presentation, run: ScenarioRun): string[] {
  const q = inst.quiz.doc;
  const a = outcome.answer;
  if (a === null) return [];
  switch (q.kind) {
    case 'yesno':
      if (q.yesIf === undefined && typeof a !== 'boolean') return [t('player.problem.notYesNo', { answer: formatAnswer(q.observe.what, a, q.format) })];
      return [];
    case 'number':
    case 'address':
      if (typeof a !== 'number' || !Number.isFinite(a)) return [t('player.problem.noNumber')];
      if (q.kind === 'address' && (a < 0 || a >= 2 ** (pres.addressBits ?? 64))) return [t('player.problem.addressTooWide', { address: formatAnswer('physical-address', a, 'hex'), bits: String(pres.addressBits) })];
      // 2.5 can be typed; 1.333… cannot, so it needs a tolerance.
      if (q.kind === 'number' && Math.abs(Math.round(a * 100) / 100 - a) > 1e-9 && q.tolerance === undefined) return [t('player.problem.needsTolerance')];
      return [];
    case 'sequence':
      if (!Array.isArray(a) || a.length === 0) return [t('player.problem.emptySequence')];
      if (a.some((x) => !pres.alphabet.includes(x))) return [t('player.problem.foreignTokens', { tokens: pres.alphabet.join('/') })];
      return [];
    case 'pick':
      if (pres.pick === 'frame' && (typeof a !== 'number' || a < 0 || a >= run.profile.physFrames)) return [t('player.problem.notAFrame', { frame: String(a) })];
      if (pres.pick === 'node' && (typeof a !== 'number' || a < 0 || a >= (run.profile.numa?.nodes.length ?? 1))) return [t('player.problem.noSuchNode', { node: String(a) })];
      if (pres.pick === 'process' && typeof a !== 'string') return [t('player.problem.noProcess')];
      return [];
    default:
      return [];
  }
}

// ---------------------------------------------------------------- views and answers

/** What the player knows beyond the instance: whether a fresh instance differs, and the hints asked for. */
export interface ViewExtras {
  canRefresh: boolean;
  hintsShown: number;
}

export function quizView(ev: EvaluatedInstance, feedback: QuizFeedback | null, extras: ViewExtras = { canRefresh: ev.instance.quiz.params.length > 0, hintsShown: 0 }): QuizView {
  const q = ev.instance.quiz.doc;
  const p = ev.presentation;
  return {
    id: q.id,
    kind: q.kind,
    prompt: ev.instance.prompt,
    // Labels are made again here, in the language of this moment (the learner may have switched since the instance was drawn).
    options: q.kind === 'choice' ? p.options.map((o) => ({ id: o.id, label: optionLabel(q.observe.what, o.value, q.format) })) : q.kind === 'order' ? p.items.map((o) => ({ id: o.id, label: stageText(o.value) })) : [],
    alphabet: p.alphabet,
    alphabetLabels: p.alphabet.map((token) => answerWord(q.observe.what, token)),
    length: p.length,
    pick: p.pick,
    addressBits: p.addressBits,
    attempt: ev.instance.attempt,
    feedback,
    conceal: feedback ? [] : structuredClone(ev.conceal),
    canRefresh: extras.canRefresh,
    hints: { total: ev.instance.hints.length, shown: ev.instance.hints.slice(0, extras.hintsShown) },
  };
}

type Parsed = { ok: true; value: AnswerValue; shown: string } | { ok: false; invalid: string };

function parseAnswer(ev: EvaluatedInstance, a: QuizAnswer): Parsed {
  const q = ev.instance.quiz.doc;
  const what = q.observe.what;
  const p = ev.presentation;
  if (a.kind !== q.kind) return { ok: false, invalid: t('player.invalid.wrongKind', { kind: q.kind, given: a.kind }) };
  switch (a.kind) {
    case 'choice': {
      const o = p.options.find((x) => x.id === a.option);
      if (!o) return { ok: false, invalid: t('player.invalid.noOption', { option: a.option }) };
      return { ok: true, value: o.value, shown: optionLabel(what, o.value, q.format) };
    }
    case 'yesno':
      return { ok: true, value: a.value, shown: t(a.value ? 'player.answer.yes' : 'player.answer.no') };
    case 'number':
      if (!Number.isFinite(a.value)) return { ok: false, invalid: t('player.invalid.notNumber') };
      return { ok: true, value: a.value, shown: formatAnswer(what, a.value, q.format) };
    case 'address': {
      const text = a.text.trim();
      const n = parseNumberText(text);
      if (n === null || !Number.isInteger(n)) return { ok: false, invalid: t('player.invalid.notAddress', { text }) };
      if (n < 0) return { ok: false, invalid: t('player.invalid.negativeAddress') };
      const bits = p.addressBits ?? 64;
      if (n >= 2 ** bits) return { ok: false, invalid: t('player.invalid.addressTooWide', { text, bits: String(bits), largest: `0x${(2 ** bits - 1).toString(16)}` }) };
      return { ok: true, value: n, shown: formatAnswer('physical-address', n, 'hex') };
    }
    case 'sequence': {
      const items = a.items.map((x) => x.trim().toLowerCase());
      if (p.length !== null && items.length !== p.length) return { ok: false, invalid: t('player.invalid.sequenceLength', { count: p.length, got: items.length }) };
      const bad = items.find((x) => !p.alphabet.includes(x));
      if (bad !== undefined) return { ok: false, invalid: t('player.invalid.notAToken', { token: bad, tokens: p.alphabet.map((x) => answerWord(what, x)).join(', ') }) };
      return { ok: true, value: items, shown: formatAnswer(what, items, q.format) };
    }
    case 'pick': {
      if (p.pick === 'process') {
        if (typeof a.target !== 'string') return { ok: false, invalid: t('player.invalid.pickProcess') };
        if (!(a.target in ev.prepared.names().processes)) return { ok: false, invalid: t('player.invalid.noProcess', { process: a.target }) };
        return { ok: true, value: a.target, shown: a.target };
      }
      const n = typeof a.target === 'number' ? a.target : parseNumberText(String(a.target).replace(/^(frame|node)\s+/i, ''));
      const limit = p.pick === 'node' ? (ev.prepared.profile.numa?.nodes.length ?? 1) : ev.prepared.profile.physFrames;
      if (n === null || !Number.isInteger(n) || n < 0 || n >= limit) return { ok: false, invalid: t('player.invalid.pickTarget', { target: p.pick ?? 'frame', last: String(limit - 1) }) };
      return { ok: true, value: n, shown: pickLabel(p.pick, n) };
    }
    case 'order': {
      const ids = p.items.map((x) => x.id);
      if (a.items.length !== ids.length || new Set(a.items).size !== ids.length || a.items.some((x) => !ids.includes(x))) return { ok: false, invalid: t('player.invalid.orderAll', { count: ids.length }) };
      const values = a.items.map((id) => p.items.find((x) => x.id === id)!.value);
      return { ok: true, value: values, shown: formatAnswer(what, values, q.format) };
    }
  }
}

/** A picked frame or NUMA node as the learner reads it ("frame 4", "node 1"). */
function pickLabel(pick: Presentation['pick'], n: number): string {
  return t(pick === 'node' ? 'player.answer.node' : 'player.answer.frame', pick === 'node' ? { node: String(n) } : { frame: String(n) });
}

/** Expected answer as shown: the yes/no question's truth, the right option's label … */
function expectedOf(ev: EvaluatedInstance): { value: AnswerValue; shown: string } {
  const q = ev.instance.quiz.doc;
  const answer = ev.outcome.answer!;
  if (q.kind === 'yesno') {
    const yes = q.yesIf === undefined ? answer === true : sameValue(answer, q.yesIf);
    return { value: yes, shown: t(yes ? 'player.answer.yes' : 'player.answer.no') };
  }
  if (q.kind === 'choice') {
    const right = ev.presentation.options.find((o) => sameValue(answer, o.value));
    return { value: answer, shown: right ? optionLabel(q.observe.what, right.value, q.format) : formatAnswer(q.observe.what, answer, q.format) };
  }
  if (q.kind === 'pick' && typeof answer === 'number') return { value: answer, shown: pickLabel(ev.presentation.pick, answer) };
  return { value: answer, shown: formatAnswer(q.observe.what, answer, q.kind === 'address' ? 'hex' : q.format) };
}

function isCorrect(ev: EvaluatedInstance, expected: AnswerValue, given: AnswerValue): boolean {
  const q = ev.instance.quiz.doc;
  if (q.kind === 'number' && typeof expected === 'number' && typeof given === 'number') return Math.abs(expected - given) <= (q.tolerance ?? 0) + 1e-9;
  if (q.kind === 'choice') return sameValue(ev.outcome.answer!, given);
  if (Array.isArray(expected)) return Array.isArray(given) && given.length === expected.length && expected.every((x, i) => String(given[i]).toLowerCase() === x.toLowerCase());
  if (typeof expected === 'string' && typeof given === 'string') return expected.toLowerCase() === given.toLowerCase();
  return expected === given;
}

/** Render an explanation template; names with no value in this instance show as "?". */
export function renderExplanation(source: string, scope: Record<string, Value>): string {
  const t = compileTemplate(source);
  try {
    return t.render(scope);
  } catch {
    const lenient: Record<string, Value> = { ...scope };
    for (const n of t.names) if (!(n in lenient)) lenient[n] = '?';
    try {
      return t.render(lenient);
    } catch {
      return source;
    }
  }
}

/** The author's note on the answer the learner gave (`feedback:` keyed by an option, a number, a word or a sequence). */
function noteFor(ev: EvaluatedInstance, given: AnswerValue, shown: string): string | null {
  const notes = ev.instance.quiz.doc.feedback;
  if (!notes) return null;
  const norm = (t: string) => t.trim().toLowerCase().replace(/[\s,;]+/g, ' ');
  for (const [key, note] of Object.entries(notes)) {
    const matches = Array.isArray(given) ? norm(given.join(' ')) === norm(key) : sameValue(given, key) || norm(shown) === norm(key);
    if (matches) return renderExplanation(note, { ...ev.outcome.facts, ...ev.instance.scope, given: shown });
  }
  return null;
}

/** Check an answer against the evaluated instance. `invalid` answers are not judged. */
export function checkAnswer(ev: EvaluatedInstance, a: QuizAnswer, hintsUsed = 0): QuizFeedback {
  const q = ev.instance.quiz.doc;
  const none = { divergence: null, explanation: '', optionNote: null, hintsUsed };
  if (ev.outcome.answer === null) {
    return { correct: false, expected: '', given: '', ...none, events: ev.outcome.events, invalid: t('player.invalid.cannotCheck', { why: ev.outcome.unanswerable ?? '' }) };
  }
  const expected = expectedOf(ev);
  const parsed = parseAnswer(ev, a);
  if (!parsed.ok) return { correct: false, expected: '', given: '', ...none, events: [], invalid: parsed.invalid };
  const correct = isCorrect(ev, expected.value, parsed.value);
  const scope: Record<string, Value> = { ...ev.outcome.facts, ...ev.instance.scope, answer: expected.shown, given: parsed.shown };
  const filled = q.explanation !== undefined ? renderExplanation(q.explanation, scope) : t('feedback.sentence', { clause: capitalise(String(ev.outcome.facts.outcome ?? expected.shown)) });
  const unsafe = filledMarkdownProblem(filled);
  const explanation = unsafe ? t('player.explanationUnsafe', { problem: unsafe }) : filled;
  let where: string | null = null;
  if (!correct) {
    // For yes/no the "given" value is the truth of the question, not the observed value.
    const givenValue = q.kind === 'yesno' ? (q.yesIf === undefined ? parsed.value : parsed.value === true ? literalAsAnswer(ev.outcome.answer, q.yesIf) : ev.outcome.answer) : parsed.value;
    where = explainDivergence({
      run: ev.observed,
      probe: ev.instance.probe,
      outcome: ev.outcome,
      given: givenValue,
      format: q.format,
      asked: { kind: q.kind, yesIf: q.yesIf, saidYes: q.kind === 'yesno' ? parsed.value === true : null },
      before: ev.preparedSnapshot,
    });
    if (where) where = capitalise(where);
  }
  const optionNote = correct ? null : noteFor(ev, parsed.value, parsed.shown);
  const pick = ev.presentation.pick;
  const pickAnswer = q.kind === 'pick' && pick && (typeof expected.value === 'number' || typeof expected.value === 'string') ? { pick, target: expected.value } : null;
  const c = ev.instance.probe.curve ? curveOf(ev.instance.probe.curve) : null;
  const curve = c ? { table: c.table, series: c.series, measure: c.measure } : null;
  return { correct, expected: expected.shown, given: parsed.shown, divergence: where, explanation, events: ev.outcome.events, invalid: null, optionNote, hintsUsed, pickAnswer, curve };
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/**
 * The right answer to an evaluated instance, as the learner would give it. For the
 * validator's self-check, tests and author tools — never put it in a view.
 */
export function solutionOf(ev: EvaluatedInstance): QuizAnswer | null {
  const q = ev.instance.quiz.doc;
  const answer = ev.outcome.answer;
  if (answer === null) return null;
  switch (q.kind) {
    case 'choice': {
      const o = ev.presentation.options.find((x) => sameValue(answer, x.value));
      return o ? { kind: 'choice', option: o.id } : null;
    }
    case 'yesno':
      return { kind: 'yesno', value: expectedOf(ev).value === true };
    case 'number':
      return typeof answer === 'number' ? { kind: 'number', value: answer } : null;
    case 'address':
      return typeof answer === 'number' ? { kind: 'address', text: formatAnswer('physical-address', answer, 'hex') } : null;
    case 'sequence':
      return Array.isArray(answer) ? { kind: 'sequence', items: answer } : null;
    case 'pick':
      return typeof answer === 'number' || typeof answer === 'string' ? { kind: 'pick', target: answer } : null;
    case 'order':
      return Array.isArray(answer) ? { kind: 'order', items: answer.map((value) => ev.presentation.items.find((x) => x.value === value)!.id) } : null;
  }
}
