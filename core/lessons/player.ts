/*
 * LessonPlayer: one learner going through one lesson. The service (core/service.ts) keeps
 * one per open lesson session and calls exactly this API.
 *
 *   goTo(k)     fresh machine, replay the `run` steps of steps 0..k (runs are
 *               deterministic, so back and forward are just replays); if step k has a
 *               quiz, draw its current instance and apply its setup — the learner looks
 *               at that machine while predicting
 *   answer(a)   the instance's observation runs on a copy of that machine; the
 *               prediction is checked against it; progress is updated; the graph then
 *               shows the machine after the observation (`run`, `lastEvents()`)
 *   freshQuiz() the next instance, with new parameters (offered only when instances differ)
 *   hint()      the next of the quiz's graded hints, before answering; counted in progress
 *
 * The answer never leaves the engine before the learner has answered: views are built
 * from the presentation (options, shuffled items), not from the outcome.
 */
import type { LessonProgress } from '../api.ts';
import { t } from '../i18n/index.ts';
import { own } from '../records.ts';
import { cloneRun } from './clone.ts';
import type { SimEvent } from '../sim/events.ts';
import { ScenarioRun } from '../scenario/run.ts';
import { KeyframeRecorder, recordKeyframes, type Keyframes } from '../scenario/keyframes.ts';
import { lessonById, type CompiledLesson, type CompiledStep, type LoadedPack } from './model.ts';
import { emptyLessonProgress, nextInstanceOf, reachStep, recordActivity, recordAnswer, recordHint, skipInstance, updateCompletion } from './progress.ts';
import { measure } from './observe.ts';
import { buildInstance, checkAnswer, evaluateInstance, InstanceError, quizView, type EvaluatedInstance } from './quiz.ts';
import { inlineAssets } from './markdown.ts';
import { chooseTranslation, readsAnotherLanguage, translateLesson, type PackTranslations, type TranslatedLesson } from './translations.ts';
import type { LessonView, QuizAnswer, QuizFeedback, QuizView, TextSlot, TranslationView } from './types.ts';

export type { LoadedPack } from './model.ts';
export { loadPack } from './load.ts';

/** A request the player cannot honour (bad step index, no quiz here): a message for the learner or the log. */
export class PlayerError extends Error {}

export interface PlayerOptions {
  /** Clock for progress timestamps (ISO 8601); tests pass a fixed one. */
  now?: () => string;
  /** The learner's locale: the pack's translation for it is shown, if it has one (see useLanguage). */
  locale?: string;
}

/** Spare copies kept for their memory: the two an instance makes (the machine shown, the observation). */
const SPARE_COPIES = 2;

export class LessonPlayer {
  /** The lesson as shown: the pack's own, or the same lesson with a translation's texts. */
  private lesson: CompiledLesson;
  /** The lesson in the pack's language. */
  private readonly original: CompiledLesson;
  private readonly translations: PackTranslations | undefined;
  private readonly packLanguage: string;
  private translation: (TranslatedLesson & { language: string }) | null = null;
  private readonly packId: string;
  private readonly assets: ReadonlyMap<string, Uint8Array>;
  private readonly now: () => string;
  private index = 0;
  private current!: ScenarioRun;
  /** The machine at the end of the current step, before any quiz setup; copied for each instance. */
  private base!: ScenarioRun;
  private events: SimEvent[] = [];
  /** The machine at moments of the step, for the animation (see core/scenario/keyframes.ts). */
  private stepFrames: Keyframes = { frames: [], complete: true };
  private frames: Keyframes = { frames: [], complete: true };
  private state: LessonProgress;
  /** The learner's previous action in this sitting (at first: when the lesson was opened), for the time worked. */
  private lastMoment: string;
  private evaluated: EvaluatedInstance | null = null;
  private instanceProblem: string | null = null;
  /** Feedback given in this session, per quiz id and instance, so going back shows it again. */
  private readonly given = new Map<string, { attempt: number; feedback: QuizFeedback; answer: QuizAnswer }>();
  /** Instance currently shown per quiz id in this session. */
  private readonly shown = new Map<string, number>();
  /** Hints asked for per quiz id, for the instance shown (a fresh instance starts again). */
  private readonly hintsAsked = new Map<string, { attempt: number; count: number }>();
  /** Copies of the machine nobody looks at any more, kept to lend their memory to new copies. */
  private readonly spares: ScenarioRun[] = [];
  /** Whether a quiz's instances differ at all (computed once per quiz). */
  private readonly refreshable = new Map<string, boolean>();

  constructor(pack: LoadedPack, lessonId: string, progress: LessonProgress | undefined, options: PlayerOptions = {}) {
    const lesson = lessonById(pack, lessonId);
    if (!lesson) throw new PlayerError(t('player.error.noLesson', { pack: pack.summary.id, lesson: lessonId, lessons: pack.lessons.map((l) => l.id).join(', ') }));
    this.lesson = lesson;
    this.original = lesson;
    this.translations = pack.translations;
    this.packLanguage = pack.manifest.language;
    this.packId = pack.summary.id;
    this.assets = pack.assets;
    this.now = options.now ?? (() => new Date().toISOString());
    this.state = progress ? structuredClone(progress) : emptyLessonProgress();
    this.lastMoment = this.now();
    if (options.locale) this.chooseTexts(options.locale);
    this.show(0);
  }

  /** Pick the pack's translation for a locale (exact tag, then language, else the pack's own text). */
  private chooseTexts(locale: string): void {
    const overlay = chooseTranslation(this.translations, locale, this.packLanguage);
    if (overlay) this.translation = { ...translateLesson(this.original, overlay.lessons.get(this.original.id)), language: overlay.language };
    // No translation for a learner who reads another language: every text is the pack's
    // own, so every text is marked (and gets the pack's lang), as a missing one would be.
    else this.translation = readsAnotherLanguage(locale, this.packLanguage) ? { ...translateLesson(this.original, undefined), language: locale } : null;
    this.lesson = this.translation?.lesson ?? this.original;
  }

  /**
   * Show the lesson in another language at once: the same step, the same question instance,
   * an answer already given judged again so its feedback is in the new language. Nothing
   * is counted in progress.
   */
  useLanguage(locale: string): void {
    this.chooseTexts(locale);
    this.showInstance();
  }

  /** The learner did something: counted in the lesson's times (core/lessons/progress.ts). */
  private act(): string {
    const when = this.now();
    this.state = recordActivity(this.state, when, this.lastMoment);
    this.lastMoment = when;
    return when;
  }

  /** Simulation state at the current step (after the quiz's setup, or its observation once answered). */
  get run(): ScenarioRun {
    return this.current;
  }

  get stepIndex(): number {
    return this.index;
  }

  get stepCount(): number {
    return this.lesson.steps.length;
  }

  private get step(): CompiledStep {
    return this.lesson.steps[this.index];
  }

  /** Go to a step: the learner's move (Back, Forward, Restart). */
  goTo(index: number): void {
    this.show(index);
    this.act();
  }

  private show(index: number): void {
    const count = this.lesson.steps.length;
    if (!Number.isInteger(index) || index < 0 || index >= count) throw new PlayerError(t('player.error.noStep', { index: String(index), count, last: String(count - 1) }));
    // Forward by one continues the machine the last step ended on (quizzes only ever ran on
    // copies of it); any other move replays from the start. Runs are deterministic, so both
    // give the same machine, and Forward does not cost the whole lesson again.
    const step = this.lesson.steps[index];
    const previous = this.base as ScenarioRun | undefined;
    const run = previous && index === this.index + 1 && previous.position === step.runFrom ? previous : new ScenarioRun(this.lesson.scenario, this.lesson.profile);
    this.index = index;
    while (run.position < step.runFrom) run.next();
    this.stepFrames = recordKeyframes(run, () => {
      while (run.position < step.runTo) run.next();
    });
    this.base = run;
    this.state = updateCompletion(this.lesson, reachStep(this.state, index), this.now());
    this.showInstance();
  }

  /** Draw (or redraw) the current step's quiz instance on a copy of the step's machine. */
  private showInstance(): void {
    const step = this.step;
    // The last instance's copies are not looked at again: they lend their memory to the next
    // copies, so a big machine is not allocated afresh for every instance (see cloneRun).
    for (const r of [this.current, this.evaluated?.prepared, this.evaluated?.observed]) {
      if (r && r !== this.base && !this.spares.includes(r)) this.spares.push(r);
    }
    this.spares.splice(0, this.spares.length - SPARE_COPIES);
    const spares = this.spares;
    this.evaluated = null;
    this.instanceProblem = null;
    const quiz = step.quiz;
    // Only a quiz changes the machine shown (its setup and observation run on it), so a step
    // without one shows the step's machine itself: copying a big memory costs tens of ms.
    this.current = quiz ? cloneRun(this.base, spares.pop()) : this.base;
    this.events = this.current.results.slice(step.runFrom, step.runTo).flatMap((r) => r.events);
    this.frames = this.stepFrames;
    if (!quiz) return;
    const attempt = this.shown.get(quiz.id) ?? nextInstanceOf(own(this.state.quizzes, quiz.id));
    this.shown.set(quiz.id, attempt);
    try {
      const inst = buildInstance(this.packId, this.lesson, quiz, attempt);
      // The quiz's setup runs on the step's machine after the step: record it as more of the step.
      const recorder = new KeyframeRecorder();
      recorder.attach(this.current);
      let ev: EvaluatedInstance;
      try {
        ev = evaluateInstance(this.current, inst, true, spares.pop());
      } finally {
        recorder.detach();
      }
      this.evaluated = ev;
      const setupEvents = ev.setupResults.flatMap((r) => r.events);
      if (setupEvents.length > 0) this.frames = joinKeyframes(this.stepFrames, this.events.length, recorder.detach());
      this.events = [...this.events, ...setupEvents];
      if (ev.outcome.answer === null) this.instanceProblem = ev.outcome.unanswerable;
      const before = this.given.get(quiz.id);
      if (before && before.attempt === attempt) {
        // Judged again (same instance, same answer, same result) so its words follow the language shown now.
        this.given.set(quiz.id, { ...before, feedback: checkAnswer(ev, before.answer, before.feedback.hintsUsed) });
        this.reveal();
      }
    } catch (e) {
      if (!(e instanceof InstanceError)) throw e;
      this.instanceProblem = e.message;
    }
  }

  /** After an answer, show the machine as the observation left it. */
  private reveal(): void {
    if (!this.evaluated) return;
    this.current = this.evaluated.observed;
    this.events = this.evaluated.outcome.events;
    this.frames = replayFrames(this.evaluated);
  }

  /** Keyframes of `lastEvents()`: the machine before each part of it (empty: no animation states). */
  keyframes(): Keyframes {
    return this.frames;
  }

  view(): LessonView {
    const step = this.step;
    const quiz = step.quiz;
    const before = quiz ? this.given.get(quiz.id) : undefined;
    const feedback = before && this.evaluated && before.attempt === this.evaluated.instance.attempt ? before.feedback : null;
    let narrative = inlineAssets(step.text, this.assets);
    if (quiz && (!this.evaluated || this.instanceProblem)) narrative += `\n\n> ${t('player.error.questionNotPrepared', { problem: this.instanceProblem ?? t('player.error.unknownProblem') })}`;
    return {
      packId: this.packId,
      lessonId: this.lesson.id,
      title: this.lesson.title,
      level: this.lesson.level,
      step: {
        index: this.index,
        count: this.lesson.steps.length,
        title: step.title,
        narrative,
        recap: this.index === this.lesson.steps.length - 1 && this.lesson.recap ? inlineAssets(this.lesson.recap, this.assets) : null,
        focus: structuredClone(step.focus),
        quiz: this.evaluated && !this.instanceProblem ? this.withOptionLabels(this.withImages(quizView(this.evaluated, feedback, { canRefresh: this.canRefresh(), hintsShown: this.hintsShown() }))) : null,
      },
      complete: this.state.completed,
      translation: this.translationView(feedback),
    };
  }

  /** Which texts of the current view are still in the pack's language. */
  private translationView(feedback: QuizFeedback | null): TranslationView | null {
    const tr = this.translation;
    if (!tr) return null;
    const k = this.index;
    const quiz = this.step.quiz;
    const slots: [TextSlot, boolean][] = [
      ['lesson.title', tr.untranslated.has('title')],
      ['step.title', tr.untranslated.has(`step.${k}.title`)],
      ['step.text', tr.untranslated.has(`step.${k}.text`)],
      ['recap', k === this.lesson.steps.length - 1 && tr.untranslated.has('recap')],
    ];
    if (quiz && this.evaluated && !this.instanceProblem) {
      const q = `quiz.${quiz.id}`;
      slots.push(['quiz.prompt', tr.untranslated.has(`${q}.prompt`)], ['quiz.hints', tr.untranslated.has(`${q}.hints`)]);
      if (feedback) {
        slots.push(['quiz.explanation', tr.untranslated.has(`${q}.explanation`)]);
        const key = feedback.optionNote === null ? null : this.noteKeyOf(feedback);
        slots.push(['quiz.note', key !== null && tr.untranslated.has(`${q}.feedback.${key}`)]);
      }
    }
    return { language: tr.language, packLanguage: this.packLanguage, untranslated: slots.filter(([, missing]) => missing).map(([slot]) => slot) };
  }

  /** The `feedback:` key whose note the learner was shown: the answer judged once more against notes that name their key. */
  private noteKeyOf(feedback: QuizFeedback): string | null {
    const ev = this.evaluated;
    const quiz = this.step.quiz;
    const given = quiz ? this.given.get(quiz.id) : undefined;
    if (!ev || !quiz || !given) return null;
    const keys = Object.keys(quiz.doc.feedback ?? {});
    const named = { ...quiz.doc, feedback: Object.fromEntries(keys.map((key, i) => [key, `#${i}`])) };
    const probe: EvaluatedInstance = { ...ev, instance: { ...ev.instance, quiz: { ...ev.instance.quiz, doc: named } } };
    const note = checkAnswer(probe, given.answer, feedback.hintsUsed).optionNote;
    return note !== null && /^#\d+$/.test(note) ? (keys[Number(note.slice(1))] ?? null) : null;
  }

  /** A choice's option labels from the translation (`options:`, by option value); the values compared stay the same. */
  private withOptionLabels(q: QuizView): QuizView {
    const labels = this.translation?.options.get(q.id);
    const options = this.evaluated?.presentation.options;
    if (!labels || !options) return q;
    const byId = new Map(options.map((o) => [o.id, labels[String(o.value)]]));
    const relabel = (shown: string) => {
      const o = options.find((x) => x.label === shown);
      return (o && labels[String(o.value)]) ?? shown;
    };
    q.options = q.options.map((o) => ({ ...o, label: byId.get(o.id) ?? o.label }));
    if (q.feedback) q.feedback = { ...q.feedback, expected: relabel(q.feedback.expected), given: relabel(q.feedback.given) };
    return q;
  }

  /**
   * Whether "Try a fresh instance" can show another question: the quiz has parameters and
   * they change what is asked (the filled-in prompt, setup or observation) in the first
   * instances. Building instances runs no simulation, so this is cheap.
   */
  private canRefresh(): boolean {
    const quiz = this.step.quiz;
    if (!quiz || quiz.params.length === 0) return false;
    const known = this.refreshable.get(quiz.id);
    if (known !== undefined) return known;
    const seen = new Set<string>();
    for (let attempt = 0; attempt < 12 && seen.size < 2; attempt++) {
      try {
        const inst = buildInstance(this.packId, this.lesson, quiz, attempt);
        seen.add(JSON.stringify([inst.prompt, inst.setup, inst.probe]));
      } catch (e) {
        if (!(e instanceof InstanceError)) throw e;
      }
    }
    this.refreshable.set(quiz.id, seen.size > 1);
    return seen.size > 1;
  }

  private hintsShown(): number {
    const quiz = this.step.quiz;
    if (!quiz || !this.evaluated) return 0;
    const h = this.hintsAsked.get(quiz.id);
    return h && h.attempt === this.evaluated.instance.attempt ? h.count : 0;
  }

  /** Show the next hint of the current quiz (before it is answered). Returns the hints shown so far. */
  hint(): { shown: string[]; total: number } {
    const quiz = this.step.quiz;
    if (!quiz) throw new PlayerError(t('player.error.noQuestion', { step: String(this.index + 1) }));
    if (!this.evaluated || this.instanceProblem) throw new PlayerError(t('player.error.notPrepared', { problem: this.instanceProblem ?? t('player.error.unknownProblem') }));
    const hints = this.evaluated.instance.hints.map((h) => inlineAssets(h, this.assets));
    const attempt = this.evaluated.instance.attempt;
    if (hints.length === 0) throw new PlayerError(t('player.error.noHints'));
    if (this.given.get(quiz.id)?.attempt === attempt) throw new PlayerError(t('player.error.hintAfterAnswer'));
    const count = this.hintsShown();
    if (count < hints.length) {
      this.hintsAsked.set(quiz.id, { attempt, count: count + 1 });
      this.state = recordHint(this.state, quiz.id);
      this.act();
    }
    return { shown: hints.slice(0, Math.min(count + 1, hints.length)), total: hints.length };
  }

  /** Pack images in a quiz's prompt and explanation, inlined like the narrative's. */
  private withImages(q: QuizView): QuizView {
    q.prompt = inlineAssets(q.prompt, this.assets);
    q.hints = { ...q.hints, shown: q.hints.shown.map((h) => inlineAssets(h, this.assets)) };
    if (q.feedback) q.feedback = { ...q.feedback, explanation: inlineAssets(q.feedback.explanation, this.assets), optionNote: q.feedback.optionNote === null ? null : inlineAssets(q.feedback.optionNote, this.assets) };
    return q;
  }

  /** Events of the current step: its run steps and quiz setup, or the observation once answered. */
  lastEvents(): SimEvent[] {
    return this.events;
  }

  answer(a: QuizAnswer): QuizFeedback {
    const quiz = this.step.quiz;
    if (!quiz) throw new PlayerError(t('player.error.noQuestionToAnswer', { step: String(this.index + 1) }));
    if (!this.evaluated || this.instanceProblem) throw new PlayerError(t('player.error.notPrepared', { problem: this.instanceProblem ?? t('player.error.unknownProblem') }));
    const attempt = this.evaluated.instance.attempt;
    const before = this.given.get(quiz.id);
    // Answering the same instance twice (a double click) returns the first feedback and counts nothing.
    if (before && before.attempt === attempt) return before.feedback;
    const feedback = checkAnswer(this.evaluated, a, this.hintsShown());
    if (feedback.invalid !== null) return feedback;
    const when = this.act();
    this.state = updateCompletion(this.lesson, recordAnswer(this.state, quiz.id, attempt, feedback.correct, when, this.evaluated.instance.prompt), when);
    this.given.set(quiz.id, { attempt, feedback, answer: a });
    this.reveal();
    const labels = this.translation?.options.get(quiz.id);
    const relabel = (shown: string) => {
      const o = labels ? this.evaluated?.presentation.options.find((x) => x.label === shown) : undefined;
      return (o && labels?.[String(o.value)]) ?? shown;
    };
    return { ...feedback, expected: relabel(feedback.expected), given: relabel(feedback.given), explanation: inlineAssets(feedback.explanation, this.assets), optionNote: feedback.optionNote === null ? null : inlineAssets(feedback.optionNote, this.assets) };
  }

  /** Replace the current quiz with its next instance (new parameters). */
  freshQuiz(): void {
    const quiz = this.step.quiz;
    if (!quiz) throw new PlayerError(t('player.error.noQuestion', { step: String(this.index + 1) }));
    const attempt = this.shown.get(quiz.id) ?? nextInstanceOf(own(this.state.quizzes, quiz.id));
    const answered = this.given.get(quiz.id)?.attempt === attempt;
    if (!answered) this.state = skipInstance(this.state, quiz.id, attempt);
    this.act();
    this.shown.set(quiz.id, Math.max(attempt + 1, nextInstanceOf(own(this.state.quizzes, quiz.id))));
    this.showInstance();
  }

  progress(): LessonProgress {
    return structuredClone(this.state);
  }
}

/**
 * The step's keyframes followed by the setup's (whose event indexes start after the
 * step's `offset` events). The setup's first keyframe is the state at the end of the step.
 */
function joinKeyframes(step: Keyframes, offset: number, setup: Keyframes): Keyframes {
  return {
    frames: [...step.frames, ...setup.frames.map((k) => ({ at: k.at + offset, snapshot: k.snapshot }))],
    complete: step.complete && setup.complete,
  };
}

/**
 * Keyframes of the observation a quiz ran, for replaying it after the answer: the same
 * probe again on a copy of the machine it ran on. Runs are deterministic, so the events
 * match; if they ever did not, no keyframes are better than wrong ones.
 */
function replayFrames(ev: EvaluatedInstance): Keyframes {
  const none: Keyframes = { frames: [], complete: true };
  if (ev.outcome.events.length === 0 || ev.setupError) return none;
  const copy = cloneRun(ev.prepared);
  let events: SimEvent[] = [];
  const frames = recordKeyframes(copy, () => {
    events = measure(copy, ev.instance.probe).events;
  });
  return JSON.stringify(events) === JSON.stringify(ev.outcome.events) ? frames : none;
}
