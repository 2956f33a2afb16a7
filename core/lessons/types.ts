/*
 * What the lesson engine shows the app: plain-JSON view models for a lesson in play,
 * its current step, its quiz and the feedback on an answer. The app never sees a
 * quiz's correct answer before the learner has answered: the engine computes it by
 * running the simulation when checking.
 *
 * This file is the contract between core/lessons (which builds these) and the
 * renderer (which draws them). Keep it free of behaviour.
 */
import type { ExperimentTable } from '../experiments/types.ts';
import type { SimEvent } from '../sim/events.ts';
import type { Snapshot } from '../sim/snapshot.ts';

export type Level = 'beginner' | 'intermediate' | 'advanced';

export type PackSource = 'built-in' | 'system' | 'user' | 'preview';

export interface LessonSummary {
  id: string;
  title: string;
  level: Level;
  summary: string;
  stepCount: number;
  quizCount: number;
  /** Each quiz's id and how many distinct instances must be right to master it (the library counts quizzes mastered). */
  quizMastery: { id: string; needed: number }[];
}

export interface PackSummary {
  id: string;
  title: string;
  version: string;
  description: string;
  language: string;
  authors: string[];
  license: string;
  source: PackSource;
  lessons: LessonSummary[];
  /** Problems found when loading (a pack with errors is listed but cannot be played). */
  problems: string[];
  /** What the learner or IT should know that does not stop the pack, e.g. another copy of it that was ignored. */
  notices?: string[];
}

/** What the graph should bring forward for this step. Empty lists mean "no preference". */
export interface Focus {
  processes: string[];
  /** Page-table levels (0 = root). */
  levels: number[];
  frames: number[];
  tlb: boolean;
  /** Virtual address whose translation path to animate, in `process`. */
  translate: { process: string; addr: number } | null;
}

/** A part of the machine's state that would reveal a quiz's answer; shown as "?" until the learner checks. */
export type Concealed =
  | { what: 'process-size'; pid: number } // RSS, PSS (and any smaps figure) of that process
  | { what: 'free-frames' } // how many frames are free (counts, free-run ranges)
  | { what: 'frame-refs'; pfn: number } // how many mappings a frame has and who maps it (×n badges, "shared by")
  | { what: 'tlb'; cpu: number } // that CPU's TLB entries and its hit/miss counters
  | { what: 'entries'; table: number; indexes: number[] | 'all' } // decoded meaning of those PTEs of the table in that frame (raw value stays), and their edges
  | { what: 'page-tables'; pid: number | null }; // every table of that address space (null = the memory image) shown only as raw bytes: no decoded entries, no walk edges, table frames not labelled as tables

export type QuizKind = 'choice' | 'yesno' | 'number' | 'address' | 'sequence' | 'pick' | 'order';

export interface QuizView {
  id: string;
  kind: QuizKind;
  /** Markdown, parameters already filled in. */
  prompt: string;
  /** choice: the options in display order. order: the items, shuffled. */
  options: { id: string; label: string }[];
  /** sequence: the tokens a learner may use (e.g. ["hit", "miss"]) and how many are expected. */
  alphabet: string[];
  /** The tokens as the learner reads them, in the same order ("acierto" for `hit`); the answer holds `alphabet`'s ids. */
  alphabetLabels: string[];
  length: number | null;
  /** pick: what the learner clicks on the graph or chooses in the text view. */
  pick: 'frame' | 'node' | 'process' | null;
  /** address: bits in an address of this machine, for input checking. */
  addressBits: number | null;
  /** Instance number of this quiz (0 = first); each fresh instance has new parameters. */
  attempt: number;
  /** Whether the learner has already answered this instance, and how. */
  feedback: QuizFeedback | null;
  /** What the state shown while predicting hides, because it would give the answer away (empty once answered). */
  conceal: Concealed[];
  /** Whether "Try a fresh instance" can show a different question (false: no parameters, or they never change it). */
  canRefresh: boolean;
  /** Graded hints: how many the author wrote, and the ones the learner has asked for so far (in order). */
  hints: { total: number; shown: string[] };
}

export type QuizAnswer =
  | { kind: 'choice'; option: string }
  | { kind: 'yesno'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'address'; text: string }
  | { kind: 'sequence'; items: string[] }
  | { kind: 'pick'; target: number | string }
  | { kind: 'order'; items: string[] };

export interface QuizFeedback {
  correct: boolean;
  /** The real outcome, formatted for display (e.g. "0x8004", "miss, hit, hit"). */
  expected: string;
  /** The learner's prediction, formatted the same way. */
  given: string;
  /** Where the prediction and the machine parted ways, in plain words. */
  divergence: string | null;
  /** Markdown explanation, with simulated values quoted. */
  explanation: string;
  /** The author's note on the option the learner chose (a misconception it stands for), if any. Markdown. */
  /** A pick quiz's right answer, for the graph to mark once the learner has checked (frame number, NUMA node, process name). */
  pickAnswer?: { pick: 'frame' | 'node' | 'process'; target: number | string } | null;
  optionNote: string | null;
  /** Hints the learner asked for before answering this instance. */
  hintsUsed: number;
  /** The events of the run that produced the real outcome, for the graph to replay. */
  events: SimEvent[];
  /** A curve quiz's experiment, drawn once the learner has predicted (curve-* observations), with the curve asked about. */
  curve?: { table: ExperimentTable; series: string; measure: string } | null;
  /** Input that could not be understood (e.g. "0xZZ" for an address); then correct is false and nothing was counted. */
  invalid: string | null;
}

export interface LessonStepView {
  index: number;
  count: number;
  title: string;
  /** Markdown; the renderer sanitises it again before display. */
  narrative: string;
  /** Markdown recap of the whole lesson, on its last step only (null elsewhere, or when the pack has none). */
  recap: string | null;
  focus: Focus;
  quiz: QuizView | null;
}

export interface LessonView {
  packId: string;
  lessonId: string;
  title: string;
  level: Level;
  step: LessonStepView;
  /** Whether the lesson's completion rule is met. */
  complete: boolean;
  /** Set when the lesson is shown through a pack translation (core/lessons/translations.ts); null or absent: the pack's own text. */
  translation?: TranslationView | null;
}

/** Texts of a lesson view that can lack a translation (then shown in the pack's language, marked). */
export type TextSlot = 'lesson.title' | 'step.title' | 'step.text' | 'recap' | 'quiz.prompt' | 'quiz.hints' | 'quiz.explanation' | 'quiz.note';

export interface TranslationView {
  /** The translation shown (its folder's tag, e.g. "es"). */
  language: string;
  /** The pack's own language, in which untranslated texts appear. */
  packLanguage: string;
  /** The texts of this view still in the pack's language. */
  untranslated: TextSlot[];
}
