/*
 * `pagewalk validate`: everything load.ts checks, plus every quiz tried on many random
 * instances. For each instance the engine draws the parameters, fills in the templates,
 * runs the setup and the observation on a copy of the lesson's machine and checks that
 * the answer exists, fits the quiz kind and is unambiguous (exactly one right option,
 * distinct options, a sequence of the announced length …).
 *
 * The lesson machine is advanced once, step by step; each instance runs on a copy of it
 * (clone.ts), and instances whose filled-in setup and observation are identical are
 * evaluated once. A problem met by several instances is reported once, with the first
 * instance's parameters so the author can reproduce it.
 */
import type { Diagnostic } from '../diag.ts';
import { inLocale, t } from '../i18n/index.ts';
import { ScenarioRun } from '../scenario/run.ts';
import { cloneRun } from './clone.ts';
import { compileTemplate, formatValue, type Value } from './expr.ts';
import { loadPack, type LoadPackOptions } from './load.ts';
import type { CompiledLesson, CompiledQuiz, LoadedPack } from './model.ts';
import { FAULT_CAUSES, FAULT_RESOLUTIONS, formatAnswer, optionLabel, stageText } from './observe.ts';
import { markdownError } from './markdown.ts';
import { drawInstance, evaluateInstance, fillInstance, InstanceError, renderExplanation, type DrawnInstance, type EvaluatedInstance, type PreparedSnapshots, type QuizInstance } from './quiz.ts';
import { labelStatesOutcome, revealerFor, type GiveawayContext } from './giveaway.ts';
import { stateLines, stateText } from './state-text.ts';
import type { Concealed, PackSource, PackSummary } from './types.ts';
import type { Snapshot } from '../sim/snapshot.ts';
import { checkTranslatedInstances, translationCoverage, type TranslationCoverage } from './translations.ts';

export const DEFAULT_INSTANCES = 50;

export interface ValidateOptions extends LoadPackOptions {
  /** Random instances tried per quiz (default 50). */
  instances?: number;
  /** Filled in when given: instances built, and how many were simulated (the others share an identical setup with one that was). */
  counts?: InstanceCounts;
}

export interface InstanceCounts {
  instances: number;
  simulated: number;
}

function describeParams(params: Record<string, Value>): string {
  const entries = Object.entries(params);
  if (!entries.length) return '';
  return ` (${entries.map(([k, v]) => `${k}=${typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) >= 256 ? formatValue(v, 'hex') : String(v)}`).join(', ')})`;
}

/** Parameters as a key that tells every value apart (JSON would write -0 as 0 and NaN and ±Infinity as null). */
function valuesKey(params: Record<string, Value>): string {
  let key = '';
  for (const [name, v] of Object.entries(params)) key += `${JSON.stringify(name)}:${typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) : JSON.stringify(v)},`;
  return key;
}

/** A give-away found in one instance: where (a path in the lesson file) and what. */
interface Giveaway {
  path: (string | number)[];
  message: string;
  /** The message without the quoted excerpt, so instances with different excerpts are reported once. */
  key: string;
}

function short(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 90 ? s.slice(0, 90) + '…' : s;
}

/** The alternatives a learner weighs, so naming all of them in a narrative is not a give-away. */
function alternativesOf(ev: EvaluatedInstance): string[] {
  const q = ev.instance.quiz.doc;
  // In English, as the pack's narrative and the give-away patterns are (option labels follow the app's language).
  if (q.kind === 'choice') return inLocale('en', () => ev.presentation.options.map((o) => optionLabel(q.observe.what, o.value, q.format)));
  if (q.observe.what === 'fault-cause') return FAULT_CAUSES;
  if (q.observe.what === 'fault-resolution') return FAULT_RESOLUTIONS;
  if (q.observe.what === 'evicted-process') return Object.keys(ev.observed.names().processes);
  return [];
}

/** What the give-away matcher needs to know about an evaluated instance (null when it has no answer). */
export function giveawayContext(lesson: CompiledLesson, quiz: CompiledQuiz, ev: EvaluatedInstance): GiveawayContext | null {
  const answer = ev.outcome.answer;
  if (answer === null || ev.setupError) return null;
  const last = ev.instance.probe.accesses.at(-1);
  return {
    what: quiz.doc.observe.what,
    answer,
    va: typeof last?.args.addr === 'number' ? last.args.addr : null,
    pageSize: 2 ** lesson.profile.pageBits,
    alternatives: alternativesOf(ev),
    frames: [...ev.conceal.flatMap((c) => (c.what === 'frame-refs' ? [c.pfn] : [])), ...(typeof ev.outcome.facts.targetFrame === 'number' ? [ev.outcome.facts.targetFrame] : [])],
    kind: quiz.doc.kind,
    process: ev.instance.probe.process,
  };
}

/** What findGiveaways reuses between the instances of one quiz on one lesson step. */
export interface GiveawayCaches {
  /** The narrative's verdict by answer and alternatives: the narrative is the same for every instance. */
  narrative: Map<string, string | null>;
  /** The state text's lines (English) by prepared snapshot, then by what is concealed: instances with one setup share a snapshot (PreparedSnapshots). */
  stateLines: Map<Snapshot, Map<string, string[]>>;
}

export function giveawayCaches(): GiveawayCaches {
  return { narrative: new Map(), stateLines: new Map() };
}

/** The lines of the state text the learner reads for `ev`, in English, made once per snapshot and concealment. */
function englishStateLines(snapshot: Snapshot, conceal: Concealed[], caches: GiveawayCaches): string[] {
  let byConceal = caches.stateLines.get(snapshot);
  if (!byConceal) caches.stateLines.set(snapshot, (byConceal = new Map()));
  const key = JSON.stringify(conceal);
  let lines = byConceal.get(key);
  if (!lines) byConceal.set(key, (lines = inLocale('en', () => stateLines(stateText(snapshot, conceal)))));
  return lines;
}

/**
 * Where this instance gives its answer away: the step's narrative, the prompt, an order
 * item's label, or the state the learner looks at (with predict mode's concealment).
 */
export function findGiveaways(lesson: CompiledLesson, quiz: CompiledQuiz, ev: EvaluatedInstance, caches: GiveawayCaches = giveawayCaches()): Giveaway[] {
  const ctx = giveawayContext(lesson, quiz, ev);
  if (!ctx) return [];
  const out: Giveaway[] = [];
  const r = revealerFor(ctx);
  const narrative = lesson.steps[quiz.stepIndex].text;
  // The narrative is the same for every instance: its verdict depends only on the answer (and the options).
  const key = JSON.stringify([ctx.answer, ctx.alternatives]);
  let inNarrative = caches.narrative.get(key);
  if (inNarrative === undefined) {
    inNarrative = r.prose(narrative);
    caches.narrative.set(key, inNarrative);
  }
  // The key is the message with the quote left out, so instances that differ only in the excerpt are reported once.
  const add = (path: (string | number)[], message: (quote: string) => string, quoted: string) => out.push({ path, key: message('%s'), message: message(`("${short(quoted)}")`) });
  if (inNarrative) add(['steps', quiz.stepIndex, 'text'], (quote) => t('validator.giveaway.narrative', { quote }), inNarrative);
  // A yes/no prompt asks "is it X?": naming X there is the question itself.
  const inPrompt = quiz.doc.kind === 'yesno' && quiz.doc.yesIf !== undefined ? null : r.prose(ev.instance.prompt);
  if (inPrompt) add([...quiz.path, 'prompt'], (quote) => t('validator.giveaway.prompt', { quote }), inPrompt);
  // The give-away patterns read English, so stage labels and the state text are read in
  // English here, in whatever language the author reads the findings.
  for (const item of ev.presentation.items) {
    const label = inLocale('en', () => stageText(item.value));
    const word = labelStatesOutcome(label);
    if (word) add([...quiz.path, 'observe'], (quote) => t('validator.giveaway.orderItem', { word, quote }), item.label);
  }
  if (ev.preparedSnapshot && r.readsState) {
    const line = englishStateLines(ev.preparedSnapshot, ev.conceal, caches).find((l) => r.state(l));
    if (line) add([...quiz.path, 'observe'], (quote) => t('validator.giveaway.state', { quote }), line);
  }
  return out;
}

interface Finding {
  path: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
  count: number;
  example: string;
}

/** Try `instances` random instances of one quiz on `base` (not changed). */
export function checkQuizInstances(packId: string, lesson: CompiledLesson, quiz: CompiledQuiz, base: ScenarioRun, instances: number, counts?: InstanceCounts): Diagnostic[] {
  const findings = new Map<string, Finding>();
  // Paths are inside the quiz, except give-aways, which may point at the step's narrative (absolute).
  const note = (path: (string | number)[], message: string, inst: { attempt: number; params: Record<string, Value> } | null, severity: 'error' | 'warning' = 'error', absolute = false, group = message) => {
    if (absolute) path = ['#', ...path];
    const key = `${severity}:${path.join('.')}:${group}`;
    const f = findings.get(key);
    if (f) f.count++;
    else findings.set(key, { path, message, severity, count: 1, example: inst ? t('validator.instances.instance', { attempt: inst.attempt, params: describeParams(inst.params) }) : '' });
  };
  const filled = new Map<string, { inst: QuizInstance; key: string } | { error: InstanceError }>();
  const answers = new Set<string>();
  const memo = new Map<string, { problems: { path: (string | number)[]; message: string }[]; answer: string; shown: string; missing: string[]; giveaways: Giveaway[]; question: string }>();
  const questions = new Set<string>();
  const caches = giveawayCaches();
  const snapshots: PreparedSnapshots = new Map();
  let shown = '';
  const explanation = quiz.doc.explanation !== undefined ? compileTemplate(quiz.doc.explanation) : null;
  let tried = 0;
  let scratch: ScenarioRun | null = null;
  for (let attempt = 0; attempt < instances; attempt++) {
    let drawn: DrawnInstance;
    try {
      drawn = drawInstance(packId, lesson, quiz, attempt);
    } catch (e) {
      if (!(e instanceof InstanceError)) throw e;
      note(e.path, e.message, { attempt, params: e.params });
      continue;
    }
    // The same parameters fill an instance in the same way: filled in once.
    const paramsKey = valuesKey(drawn.params);
    let built = filled.get(paramsKey);
    if (!built) {
      try {
        const inst = fillInstance(lesson, quiz, drawn);
        built = { inst, key: JSON.stringify([inst.setup, inst.probe]) };
      } catch (e) {
        if (!(e instanceof InstanceError)) throw e;
        built = { error: e };
      }
      filled.set(paramsKey, built);
    }
    if ('error' in built) {
      note(built.error.path, built.error.message, { attempt, params: drawn.params });
      continue;
    }
    tried++;
    if (counts) counts.instances++;
    // Instances with the same filled-in setup and observation have the same outcome and the
    // same problems (shuffling options only changes their order), so each is simulated once.
    const key = built.key;
    let result = memo.get(key);
    if (!result) {
      // Simulated only here, where `built` was filled in for this very attempt (a repeat of its parameters finds its result in `memo`).
      const inst = built.inst;
      if (counts) counts.simulated++;
      const copy = cloneRun(base, scratch ?? undefined);
      scratch = copy;
      const ev = evaluateInstance(copy, inst, false, undefined, snapshots);
      // The names an explanation can quote (made only for a quiz that has one: it reads the facts).
      const scope = ev.outcome.answer !== null && quiz.doc.explanation !== undefined ? { ...ev.outcome.facts, ...inst.scope, answer: '', given: '' } : null;
      // The same check the app makes on the explanation once it is filled in (quiz.ts, filledMarkdownProblem): its first error.
      const unsafe = scope && quiz.doc.explanation !== undefined ? markdownError(renderExplanation(quiz.doc.explanation, scope)) : null;
      result = {
        problems: [
          ...(ev.setupError ? [{ path: ev.setupError.path, message: ev.setupError.message }] : []),
          ...ev.problems.map((message) => ({ path: [], message })),
          ...(unsafe ? [{ path: ['explanation'], message: t('validator.instances.explanationUnsafe', { problem: unsafe }) }] : []),
        ],
        answer: JSON.stringify(ev.outcome.answer),
        shown: ev.outcome.answer === null ? '' : formatAnswer(quiz.doc.observe.what, ev.outcome.answer, quiz.doc.format),
        missing: scope && explanation ? explanation.names.filter((n) => !(n in scope)) : [],
        giveaways: findGiveaways(lesson, quiz, ev, caches),
        question: JSON.stringify([inst.prompt, ev.outcome.answer, ev.presentation.options.map((o) => o.label).sort()]),
      };
      memo.set(key, result);
    }
    answers.add(result.answer);
    questions.add(result.question);
    shown = result.shown;
    for (const g of result.giveaways) note(g.path, g.message, drawn, 'warning', true, g.key);
    for (const p of result.problems) note(p.path, p.message, drawn);
    for (const n of result.missing) note(['explanation'], t('validator.instances.explanationNoValue', { template: `{{${n}}}` }), drawn, 'warning');
  }
  if (quiz.params.length === 0)
    note(['id'], t('validator.instances.noParams'), null, 'warning');
  else if (tried > 1 && answers.size === 1 && !answers.has('null'))
    note(['params'], t('validator.instances.sameAnswer', { answer: shown.length > 80 ? shown.slice(0, 80) + '…' : shown }), null, 'warning');
  else if (tried > 1 && questions.size === 1)
    note(['params'], t('validator.instances.sameQuestion'), null, 'warning');
  const out: Diagnostic[] = [];
  for (const f of findings.values()) {
    const full = f.path[0] === '#' ? f.path.slice(1) : [...quiz.path, ...f.path];
    const pos = lesson.locate(full);
    const times = instances > 1 && f.example ? t('validator.instances.count', { count: f.count, instances, example: f.example }) : f.example ? t('validator.instances.one', { example: f.example }) : '';
    out.push({
      file: lesson.file,
      line: pos.line,
      col: pos.col,
      severity: f.severity,
      message: t('validator.instances.quizPrefix', { id: quiz.id, times, message: f.message }),
      hint: f.severity === 'error' ? t('validator.instances.oneRightAnswer') : undefined,
      path: full,
    });
  }
  return out;
}

/** Run every quiz of a loaded pack over `instances` random instances. */
export function checkPackQuizzes(pack: LoadedPack, instances = DEFAULT_INSTANCES, counts?: InstanceCounts): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const lesson of pack.lessons) {
    const run = new ScenarioRun(lesson.scenario, lesson.profile);
    for (const step of lesson.steps) {
      while (run.position < step.runTo) run.next();
      const ran = run.results.slice(step.runFrom, step.runTo);
      const failed = ran.find((r) => r.overBudget) ?? ran.find((r) => r.error);
      if (failed) {
        const k = run.results.indexOf(failed) - step.runFrom;
        const pos = lesson.locate(['steps', step.index, 'run', k]);
        // Going over the work budget is never intended: the app would stop the step too.
        if (failed.overBudget) out.push({ file: lesson.file, line: pos.line, col: pos.col, severity: 'error', message: t('validator.run.overBudget', { step: step.index + 1, title: step.title, item: k + 1, op: failed.op, error: failed.error ?? '' }), hint: t('validator.run.seeBudgets'), path: ['steps', step.index, 'run', k] });
        else out.push({ file: lesson.file, line: pos.line, col: pos.col, severity: 'warning', message: t('validator.run.fails', { error: failed.error ?? '' }), hint: t('validator.run.intended'), path: ['steps', step.index, 'run', k] });
      }
      if (step.quiz) out.push(...checkQuizInstances(pack.manifest.id, lesson, step.quiz, run, instances, counts));
    }
  }
  return out;
}

/** Load and fully validate a pack from its files. */
export function validatePack(files: Map<string, string | Uint8Array>, options: ValidateOptions = {}, source: PackSource = 'preview'): { pack: LoadedPack | null; summary: PackSummary; diagnostics: Diagnostic[]; coverage?: TranslationCoverage[] } {
  const loaded = loadPack(files, source, options);
  if (!loaded.pack) return loaded;
  const translations = loaded.pack.translations ?? new Map();
  const coverage = translationCoverage(translations, loaded.pack.manifest, loaded.pack.lessons);
  const quizDiagnostics = [...checkPackQuizzes(loaded.pack, options.instances ?? DEFAULT_INSTANCES, options.counts), ...checkTranslatedInstances(loaded.pack.manifest.id, translations, loaded.pack.lessons, options.instances ?? DEFAULT_INSTANCES)];
  const diagnostics = [...loaded.diagnostics, ...quizDiagnostics];
  const errors = quizDiagnostics.filter((d) => d.severity === 'error');
  const summary = { ...loaded.summary, problems: [...loaded.summary.problems, ...errors.map((d) => `${d.file}:${d.line}:${d.col}: error: ${d.message}`)] };
  return { pack: errors.length ? null : { ...loaded.pack, summary, diagnostics }, summary, diagnostics, coverage };
}
