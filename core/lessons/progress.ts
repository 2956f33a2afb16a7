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
 *
 * A quiz is mastered when it was answered right on `masteryNeeded` distinct instances
 * (default 2 for a quiz with parameters, 1 without). A lesson is complete when its rule
 * holds: `last-step` (the last step was reached), `quizzes-correct` (every non-optional
 * quiz right once) or `quizzes-mastered` (every non-optional quiz mastered). Completion
 * is sticky: once complete, a lesson stays complete.
 *
 * Pack, lesson and quiz ids index these records; they are read with `own` and built
 * without a prototype (core/records.ts), so an id such as "constructor" is just a name.
 */
import type { LessonProgress, Progress, QuizRecord } from '../api.ts';
import { dict, own, withEntry } from '../records.ts';
import type { CompiledLesson } from './model.ts';

export function emptyLessonProgress(): LessonProgress {
  return { furthestStep: 0, completed: false, completedAt: null, quizzes: dict() };
}

export function emptyQuizRecord(): QuizRecord {
  return { attempts: 0, correct: 0, correctInstances: [], lastAnswered: null, nextInstance: 0, hintsUsed: 0 };
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
export function recordAnswer(p: LessonProgress, quizId: string, instance: number, correct: boolean, when: string): LessonProgress {
  const old = own(p.quizzes, quizId) ?? emptyQuizRecord();
  const correctInstances = correct && !old.correctInstances.includes(instance) ? [...old.correctInstances, instance].sort((a, b) => a - b) : old.correctInstances;
  const rec: QuizRecord = {
    attempts: old.attempts + 1,
    correct: old.correct + (correct ? 1 : 0),
    correctInstances,
    lastAnswered: when,
    nextInstance: Math.max(nextInstanceOf(old), instance + 1),
    hintsUsed: old.hintsUsed ?? 0,
  };
  return { ...p, quizzes: withEntry(p.quizzes, quizId, rec) };
}

/** The learner asked for one more hint on `quizId`. */
export function recordHint(p: LessonProgress, quizId: string): LessonProgress {
  const old = p.quizzes[quizId] ?? emptyQuizRecord();
  return { ...p, quizzes: { ...p.quizzes, [quizId]: { ...old, hintsUsed: (old.hintsUsed ?? 0) + 1 } } };
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
        const attempts = nat(own(r, 'attempts'));
        const lastAnswered = own(r, 'lastAnswered');
        quizzes[qid] = {
          attempts,
          correct: Math.min(nat(own(r, 'correct')), attempts),
          correctInstances,
          lastAnswered: typeof lastAnswered === 'string' ? lastAnswered : null,
          nextInstance: nat(own(r, 'nextInstance')),
          hintsUsed: nat(own(r, 'hintsUsed')),
        };
      }
      const completedAt = own(lp, 'completedAt');
      saved[lessonId] = {
        furthestStep: nat(own(lp, 'furthestStep')),
        completed: own(lp, 'completed') === true,
        completedAt: typeof completedAt === 'string' ? completedAt : null,
        quizzes,
      };
    }
    if (Object.keys(saved).length > 0) out.packs[packId] = saved;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
