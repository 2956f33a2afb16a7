/*
 * The progress model, as pure functions over the plain data the app persists
 * (`Progress` → pack → lesson → `LessonProgress`, see core/api.ts). Nothing here mutates
 * its input: each function returns a new value, so hosts can store it as they like.
 *
 *   attempts           answers given (each instance can be answered once)
 *   correct            right answers
 *   correctInstances   instance numbers answered right (distinct)
 *   nextInstance       the instance to show next; fresh instances never repeat
 *   hintsUsed          hints asked for, over all instances (absent in progress saved before hints existed)
 *   lastQuestion       the question as shown at the last answer (parameters filled in)
 *
 * A lesson also keeps when the learner first and last did something in it (`startedAt`,
 * `lastActiveAt`) and `activeSeconds`, the time between their actions with each gap
 * counted up to IDLE_CAP_SECONDS (a lesson left open over lunch is not an hour of work).
 * Opening a lesson is not an action: a lesson has progress only once the learner moves
 * a step, asks for a hint or answers.
 *
 * A quiz is mastered when it was answered right on `masteryNeeded` distinct instances
 * (default 2 for a quiz with parameters, 1 without). A lesson is complete when its rule
 * holds: `last-step` (the last step was reached), `quizzes-correct` (every non-optional
 * quiz right once) or `quizzes-mastered` (every non-optional quiz mastered). Completion
 * is sticky: once complete, a lesson stays complete.
 *
 * Progress from two computers merges (`mergeProgress`) by keeping the most of everything:
 * the furthest step, every instance answered right, the larger counts, the earliest start
 * and completion, the latest activity. Merging a file twice changes nothing the second
 * time, and nothing already recorded is ever lowered.
 *
 * Pack, lesson and quiz ids index these records; they are read with `own` and built
 * without a prototype (core/records.ts), so an id such as "constructor" is just a name.
 */
import type { LessonProgress, Progress, QuizRecord } from '../api.ts';
import { dict, own, withEntry } from '../records.ts';
import type { CompiledLesson } from './model.ts';

/** The longest gap between two actions that still counts as working on the lesson. */
export const IDLE_CAP_SECONDS = 300;

/** Longest question text kept in progress (the question as shown, for an instructor's table). */
const QUESTION_MAX = 2000;

export function emptyLessonProgress(): LessonProgress {
  return { furthestStep: 0, completed: false, completedAt: null, quizzes: dict(), startedAt: null, lastActiveAt: null, activeSeconds: 0 };
}

export function emptyQuizRecord(): QuizRecord {
  return { attempts: 0, correct: 0, correctInstances: [], lastAnswered: null, nextInstance: 0, hintsUsed: 0, lastQuestion: null };
}

/**
 * The learner did something at `when`; `since` is their previous action in this sitting (or
 * when they opened the lesson). The gap counts as time worked, up to IDLE_CAP_SECONDS.
 */
export function recordActivity(p: LessonProgress, when: string, since: string): LessonProgress {
  const gap = (Date.parse(when) - Date.parse(since)) / 1000;
  const worked = Number.isFinite(gap) && gap > 0 ? Math.min(gap, IDLE_CAP_SECONDS) : 0;
  return { ...p, startedAt: p.startedAt ?? when, lastActiveAt: when, activeSeconds: Math.round((p.activeSeconds ?? 0) + worked) };
}

export function emptyProgress(): Progress {
  return { version: 1, packs: dict() };
}

/** The instance a learner should see next for a quiz. */
export function nextInstanceOf(record: QuizRecord | undefined): number {
  if (!record) return 0;
  return Math.max(record.nextInstance ?? 0, record.attempts, ...record.correctInstances.map((i) => i + 1));
}

export function isMastered(record: QuizRecord | undefined, needed: number): boolean {
  return (record?.correctInstances.length ?? 0) >= needed;
}

/** Record an answer to instance `instance` of `quizId`. */
export function recordAnswer(p: LessonProgress, quizId: string, instance: number, correct: boolean, when: string, question: string | null = null): LessonProgress {
  const old = own(p.quizzes, quizId) ?? emptyQuizRecord();
  const correctInstances = correct && !old.correctInstances.includes(instance) ? [...old.correctInstances, instance].sort((a, b) => a - b) : old.correctInstances;
  const rec: QuizRecord = {
    attempts: old.attempts + 1,
    correct: old.correct + (correct ? 1 : 0),
    correctInstances,
    lastAnswered: when,
    nextInstance: Math.max(nextInstanceOf(old), instance + 1),
    hintsUsed: old.hintsUsed ?? 0,
    lastQuestion: question === null ? (old.lastQuestion ?? null) : question.slice(0, QUESTION_MAX),
  };
  return { ...p, quizzes: withEntry(p.quizzes, quizId, rec) };
}

/** The learner asked for one more hint on `quizId`. */
export function recordHint(p: LessonProgress, quizId: string): LessonProgress {
  const old = own(p.quizzes, quizId) ?? emptyQuizRecord();
  return { ...p, quizzes: withEntry<QuizRecord>(p.quizzes, quizId, { ...old, hintsUsed: (old.hintsUsed ?? 0) + 1 }) };
}

/** The learner moved on to a fresh instance without answering: never show `instance` again. */
export function skipInstance(p: LessonProgress, quizId: string, instance: number): LessonProgress {
  const old = own(p.quizzes, quizId) ?? emptyQuizRecord();
  return { ...p, quizzes: withEntry<QuizRecord>(p.quizzes, quizId, { ...old, nextInstance: Math.max(nextInstanceOf(old), instance + 1) }) };
}

export function reachStep(p: LessonProgress, index: number): LessonProgress {
  return index > p.furthestStep ? { ...p, furthestStep: index } : p;
}

/** Whether the lesson's completion rule holds for this progress. */
export function completionMet(lesson: Pick<CompiledLesson, 'completion' | 'quizzes' | 'steps'>, p: LessonProgress): boolean {
  const required = lesson.quizzes.filter((q) => !q.optional);
  switch (lesson.completion) {
    case 'last-step':
      return p.furthestStep >= lesson.steps.length - 1;
    case 'quizzes-correct':
      return required.every((q) => (own(p.quizzes, q.id)?.correct ?? 0) > 0);
    case 'quizzes-mastered':
      return required.every((q) => isMastered(own(p.quizzes, q.id), q.masteryNeeded));
  }
}

/** Mark the lesson complete if its rule now holds (sticky). */
export function updateCompletion(lesson: Pick<CompiledLesson, 'completion' | 'quizzes' | 'steps'>, p: LessonProgress, when: string): LessonProgress {
  if (p.completed || !completionMet(lesson, p)) return p;
  return { ...p, completed: true, completedAt: when };
}

export function lessonProgressOf(progress: Progress, packId: string, lessonId: string): LessonProgress | undefined {
  return own(own(progress.packs, packId), lessonId);
}

export function withLessonProgress(progress: Progress, packId: string, lessonId: string, p: LessonProgress): Progress {
  return { ...progress, packs: withEntry(progress.packs, packId, withEntry(own(progress.packs, packId), lessonId, p)) };
}

/** What merging one progress into another changed, lesson by lesson. */
export interface MergeCount {
  added: number;
  updated: number;
  unchanged: number;
}

/** The earlier (or later) of two ISO times, either possibly missing. */
function earlier(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}
function later(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function mergeQuizRecord(a: QuizRecord, b: QuizRecord): QuizRecord {
  const correctInstances = [...new Set([...a.correctInstances, ...b.correctInstances])].sort((x, y) => x - y);
  const correct = Math.max(a.correct, b.correct, correctInstances.length);
  const lastAnswered = later(a.lastAnswered, b.lastAnswered);
  // The question goes with the later answer: that is the one the learner saw last.
  const lastQuestion = lastAnswered !== null && lastAnswered === b.lastAnswered && lastAnswered !== a.lastAnswered ? (b.lastQuestion ?? a.lastQuestion ?? null) : (a.lastQuestion ?? b.lastQuestion ?? null);
  return {
    attempts: Math.max(a.attempts, b.attempts, correct),
    correct,
    correctInstances,
    lastAnswered,
    nextInstance: Math.max(nextInstanceOf(a), nextInstanceOf(b)),
    hintsUsed: Math.max(a.hintsUsed ?? 0, b.hintsUsed ?? 0),
    lastQuestion,
  };
}

export function mergeLessonProgress(a: LessonProgress, b: LessonProgress): LessonProgress {
  const quizzes = dict<QuizRecord>();
  for (const [id, r] of Object.entries(a.quizzes)) quizzes[id] = r;
  for (const [id, r] of Object.entries(b.quizzes)) {
    const mine = own(a.quizzes, id);
    quizzes[id] = mine ? mergeQuizRecord(mine, r) : r;
  }
  const completed = a.completed || b.completed;
  return {
    furthestStep: Math.max(a.furthestStep, b.furthestStep),
    completed,
    completedAt: completed ? earlier(a.completed ? a.completedAt : null, b.completed ? b.completedAt : null) : null,
    quizzes,
    startedAt: earlier(a.startedAt, b.startedAt),
    lastActiveAt: later(a.lastActiveAt, b.lastActiveAt),
    activeSeconds: Math.max(a.activeSeconds ?? 0, b.activeSeconds ?? 0),
  };
}

/**
 * `incoming` merged into `local`: every lesson of either, each merged field by field (see
 * the top of this file). Nothing in `local` is lowered or lost, and merging the same
 * progress again changes nothing.
 */
export function mergeProgress(local: Progress, incoming: Progress): { progress: Progress; count: MergeCount } {
  let progress = local;
  const count: MergeCount = { added: 0, updated: 0, unchanged: 0 };
  for (const [packId, lessons] of Object.entries(incoming.packs)) {
    for (const [lessonId, theirs] of Object.entries(lessons)) {
      const mine = lessonProgressOf(progress, packId, lessonId);
      if (!mine) {
        progress = withLessonProgress(progress, packId, lessonId, theirs);
        count.added++;
        continue;
      }
      const merged = mergeLessonProgress(mine, theirs);
      if (sameProgress(merged, mine)) count.unchanged++;
      else {
        progress = withLessonProgress(progress, packId, lessonId, merged);
        count.updated++;
      }
    }
  }
  return { progress, count };
}

/** Whether two lesson records say the same (key order and absent-versus-default aside). */
function sameProgress(a: LessonProgress, b: LessonProgress): boolean {
  const norm = (p: LessonProgress) => sanitizeProgress({ version: 1, packs: { p: { l: p } } });
  return stableJson(norm(a)) === stableJson(norm(b));
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Counts for the library: lessons complete, quizzes mastered. */
export function packStatus(lessons: Pick<CompiledLesson, 'id' | 'quizzes'>[], progress: Progress, packId: string): { lessons: number; completed: number; quizzes: number; mastered: number } {
  let completed = 0;
  let quizzes = 0;
  let mastered = 0;
  for (const l of lessons) {
    const p = lessonProgressOf(progress, packId, l.id);
    if (p?.completed) completed++;
    for (const q of l.quizzes) {
      quizzes++;
      if (isMastered(own(p?.quizzes, q.id), q.masteryNeeded)) mastered++;
    }
  }
  return { lessons: lessons.length, completed, quizzes, mastered };
}

/**
 * Progress read back from storage (or handed in by a host), repaired where it is damaged: a
 * bad file never stops the app. A document without `version` is taken as version 1 (a file
 * written by hand); any other version is not understood and gives empty progress. Keys are
 * copied into records without a prototype, so a stored "__proto__" or "constructor" is a
 * name like any other and never reaches Object.prototype.
 */
export function sanitizeProgress(raw: unknown): Progress {
  const out = emptyProgress();
  if (!isRecord(raw)) return out;
  const version = own(raw, 'version');
  if (version !== undefined && version !== 1) return out;
  const packs = own(raw, 'packs');
  if (!isRecord(packs)) return out;
  const nat = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);
  // A time is kept only when it reads as one (merging compares them).
  const time = (v: unknown) => (typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v)) ? v : null);
  for (const [packId, lessons] of Object.entries(packs)) {
    if (!isRecord(lessons)) continue;
    const saved = dict<LessonProgress>();
    for (const [lessonId, lp] of Object.entries(lessons)) {
      if (!isRecord(lp)) continue;
      const quizzes = dict<QuizRecord>();
      const storedQuizzes = own(lp, 'quizzes');
      for (const [qid, r] of Object.entries(isRecord(storedQuizzes) ? storedQuizzes : {})) {
        if (!isRecord(r)) continue;
        const stored = own(r, 'correctInstances');
        const correctInstances = Array.isArray(stored) ? [...new Set(stored.filter((x): x is number => nat(x) === x))].sort((a, b) => a - b) : [];
        // The counts are made to agree: each instance right was an answer, and a right one.
        const attempts = Math.max(nat(own(r, 'attempts')), correctInstances.length);
        const lastAnswered = own(r, 'lastAnswered');
        const lastQuestion = own(r, 'lastQuestion');
        const record: QuizRecord = {
          attempts,
          correct: Math.max(Math.min(nat(own(r, 'correct')), attempts), correctInstances.length),
          correctInstances,
          lastAnswered: time(lastAnswered),
          nextInstance: 0,
          hintsUsed: nat(own(r, 'hintsUsed')),
          lastQuestion: typeof lastQuestion === 'string' ? lastQuestion.slice(0, QUESTION_MAX) : null,
        };
        record.nextInstance = Math.max(nat(own(r, 'nextInstance')), nextInstanceOf(record));
        quizzes[qid] = record;
      }
      saved[lessonId] = {
        furthestStep: nat(own(lp, 'furthestStep')),
        completed: own(lp, 'completed') === true,
        completedAt: own(lp, 'completed') === true ? time(own(lp, 'completedAt')) : null,
        quizzes,
        startedAt: time(own(lp, 'startedAt')),
        lastActiveAt: time(own(lp, 'lastActiveAt')),
        activeSeconds: nat(own(lp, 'activeSeconds')),
      };
    }
    if (Object.keys(saved).length > 0) out.packs[packId] = saved;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
