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
import { counted } from '../plural.ts';
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
import type { LessonView, QuizAnswer, QuizFeedback, QuizView } from './types.ts';

export type { LoadedPack } from './model.ts';
export { loadPack } from './load.ts';

/** A request the player cannot honour (bad step index, no quiz here): a message for the learner or the log. */
export class PlayerError extends Error {}

export interface PlayerOptions {
  /** Clock for progress timestamps (ISO 8601); tests pass a fixed one. */
  now?: () => string;
}

/** Spare copies kept for their memory: the two an instance makes (the machine shown, the observation). */
const SPARE_COPIES = 2;

export class LessonPlayer {
  private readonly lesson: CompiledLesson;
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
  private readonly given = new Map<string, { attempt: number; feedback: QuizFeedback }>();
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
    if (!lesson) throw new PlayerError(`the pack "${pack.summary.id}" has no lesson "${lessonId}" (lessons: ${pack.lessons.map((l) => l.id).join(', ')})`);
    this.lesson = lesson;
    this.packId = pack.summary.id;
    this.assets = pack.assets;
    this.now = options.now ?? (() => new Date().toISOString());
    this.state = progress ? structuredClone(progress) : emptyLessonProgress();
    this.lastMoment = this.now();
    this.show(0);
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
    if (!Number.isInteger(index) || index < 0 || index >= count) throw new PlayerError(`there is no step ${index}: this lesson has ${counted(count, 'step')} (0–${count - 1})`);
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
      if (before && before.attempt === attempt) this.reveal();
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
    if (quiz && (!this.evaluated || this.instanceProblem)) narrative += `\n\n> This step's question could not be prepared: ${this.instanceProblem ?? 'unknown problem'}. Please tell the pack's author.`;
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
        quiz: this.evaluated && !this.instanceProblem ? this.withImages(quizView(this.evaluated, feedback, { canRefresh: this.canRefresh(), hintsShown: this.hintsShown() })) : null,
      },
      complete: this.state.completed,
    };
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
    if (!quiz) throw new PlayerError(`step ${this.index + 1} has no question`);
    if (!this.evaluated || this.instanceProblem) throw new PlayerError(`this question could not be prepared: ${this.instanceProblem ?? 'unknown problem'}`);
    const hints = this.evaluated.instance.hints.map((h) => inlineAssets(h, this.assets));
    const attempt = this.evaluated.instance.attempt;
    if (hints.length === 0) throw new PlayerError('this question has no hints');
    if (this.given.get(quiz.id)?.attempt === attempt) throw new PlayerError('this question is already answered: hints are for before you check');
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
    if (!quiz) throw new PlayerError(`step ${this.index + 1} has no question to answer`);
    if (!this.evaluated || this.instanceProblem) throw new PlayerError(`this question could not be prepared: ${this.instanceProblem ?? 'unknown problem'}`);
    const attempt = this.evaluated.instance.attempt;
    const before = this.given.get(quiz.id);
    // Answering the same instance twice (a double click) returns the first feedback and counts nothing.
    if (before && before.attempt === attempt) return before.feedback;
    const feedback = checkAnswer(this.evaluated, a, this.hintsShown());
    if (feedback.invalid !== null) return feedback;
    const when = this.act();
    this.state = updateCompletion(this.lesson, recordAnswer(this.state, quiz.id, attempt, feedback.correct, when, this.evaluated.instance.prompt), when);
    this.given.set(quiz.id, { attempt, feedback });
    this.reveal();
    return { ...feedback, explanation: inlineAssets(feedback.explanation, this.assets), optionNote: feedback.optionNote === null ? null : inlineAssets(feedback.optionNote, this.assets) };
  }

  /** Replace the current quiz with its next instance (new parameters). */
  freshQuiz(): void {
    const quiz = this.step.quiz;
    if (!quiz) throw new PlayerError(`step ${this.index + 1} has no question`);
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
