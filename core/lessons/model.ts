/*
 * A loaded pack as the engine holds it: the manifest, and each lesson compiled into a
 * scenario (the header plus every step's `run` steps, concatenated in order) with, per
 * lesson step, the slice of scenario steps it runs, its focus and its quiz.
 *
 * Going to step k = a fresh ScenarioRun advanced to the end of step k's slice. The
 * scenario document holds all the lesson's steps, so OPT replacement looks ahead across
 * the whole lesson, as it would in a scenario file.
 */
import type { Diagnostic } from '../diag.ts';
import { ScenarioRun } from '../scenario/run.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MachineProfile } from '../sim/profile.ts';
import type { Focus, Level, PackSource, PackSummary } from './types.ts';
import type { PackTranslations } from './translations.ts';
import type { CompletionRule, Manifest, ParamDoc, QuizDoc } from './schema.ts';

export interface CompiledQuiz {
  id: string;
  doc: QuizDoc;
  /** Raw (untemplated) setup items and observe value, as written. */
  rawSetup: unknown[];
  rawObserve: unknown;
  /** The author's `conceal:` list as written (null: let the engine choose from the observation). */
  rawConceal: unknown[] | null;
  params: [string, ParamDoc][];
  lessonId: string;
  stepIndex: number;
  /** Where the quiz is, for messages. */
  file: string;
  path: (string | number)[];
  masteryNeeded: number;
  optional: boolean;
}

export interface CompiledStep {
  index: number;
  title: string;
  text: string;
  focus: Focus;
  /** This step's `run` steps are scenario.steps[runFrom .. runTo). */
  runFrom: number;
  runTo: number;
  quiz: CompiledQuiz | null;
}

export interface CompiledLesson {
  id: string;
  title: string;
  level: Level;
  summary: string;
  file: string;
  profile: MachineProfile;
  scenario: Scenario;
  steps: CompiledStep[];
  /** Markdown recap of the lesson, shown on its last step; null when the author wrote none. */
  recap: string | null;
  completion: CompletionRule;
  quizzes: CompiledQuiz[];
  /** Line and column of a path in the lesson file, for messages found later (quiz instances). */
  locate(path: (string | number)[]): { line: number; col: number };
}

export interface LoadedPack {
  summary: PackSummary;
  manifest: Manifest;
  source: PackSource;
  lessons: CompiledLesson[];
  /** Asset path (relative to the pack root) → bytes, for the host to serve to the renderer. */
  assets: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
  /** The pack's translations by language tag (core/lessons/translations.ts); absent or empty when it has none. */
  translations?: PackTranslations;
}

export function lessonById(pack: LoadedPack, id: string): CompiledLesson | undefined {
  return pack.lessons.find((l) => l.id === id);
}

/** The machine as it is at the end of step `index`: replay from a fresh machine. */
export function runToStep(lesson: CompiledLesson, index: number, options: { trace?: boolean } = {}): ScenarioRun {
  const run = new ScenarioRun(lesson.scenario, lesson.profile, options);
  const to = lesson.steps[index].runTo;
  while (run.position < to) run.next();
  return run;
}
