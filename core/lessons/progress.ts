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
 */
import type { LessonProgress, Progress, QuizRecord } from '../api.ts';
import type { CompiledLesson } from './model.ts';

export function emptyLessonProgress(): LessonProgress {
  return { furthestStep: 0, completed: false, completedAt: null, quizzes: {} };
}

export function emptyQuizRecord(): QuizRecord {
  return { attempts: 0, correct: 0, correctInstances: [], lastAnswered: null, nextInstance: 0, hintsUsed: 0 };
}

export function emptyProgress(): Progress {
  return { version: 1, packs: {} };
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
  const old = p.quizzes[quizId] ?? emptyQuizRecord();
  const correctInstances = correct && !old.correctInstances.includes(instance) ? [...old.correctInstances, instance].sort((a, b) => a - b) : old.correctInstances;
  const rec: QuizRecord = {
    attempts: old.attempts + 1,
    correct: old.correct + (correct ? 1 : 0),
    correctInstances,
    lastAnswered: when,
    nextInstance: Math.max(nextInstanceOf(old), instance + 1),
    hintsUsed: old.hintsUsed ?? 0,
  };
  return { ...p, quizzes: { ...p.quizzes, [quizId]: rec } };
}

/** The learner asked for one more hint on `quizId`. */
export function recordHint(p: LessonProgress, quizId: string): LessonProgress {
  const old = p.quizzes[quizId] ?? emptyQuizRecord();
  return { ...p, quizzes: { ...p.quizzes, [quizId]: { ...old, hintsUsed: (old.hintsUsed ?? 0) + 1 } } };
}

/** The learner moved on to a fresh instance without answering: never show `instance` again. */
export function skipInstance(p: LessonProgress, quizId: string, instance: number): LessonProgress {
  const old = p.quizzes[quizId] ?? emptyQuizRecord();
  return { ...p, quizzes: { ...p.quizzes, [quizId]: { ...old, nextInstance: Math.max(nextInstanceOf(old), instance + 1) } } };
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
      return required.every((q) => (p.quizzes[q.id]?.correct ?? 0) > 0);
    case 'quizzes-mastered':
      return required.every((q) => isMastered(p.quizzes[q.id], q.masteryNeeded));
  }
}

/** Mark the lesson complete if its rule now holds (sticky). */
export function updateCompletion(lesson: Pick<CompiledLesson, 'completion' | 'quizzes' | 'steps'>, p: LessonProgress, when: string): LessonProgress {
  if (p.completed || !completionMet(lesson, p)) return p;
  return { ...p, completed: true, completedAt: when };
}

export function lessonProgressOf(progress: Progress, packId: string, lessonId: string): LessonProgress | undefined {
  return progress.packs[packId]?.[lessonId];
}

export function withLessonProgress(progress: Progress, packId: string, lessonId: string, p: LessonProgress): Progress {
  return { ...progress, packs: { ...progress.packs, [packId]: { ...(progress.packs[packId] ?? {}), [lessonId]: p } } };
}

/** Counts for the library: lessons complete, quizzes mastered. */
export function packStatus(lessons: Pick<CompiledLesson, 'id' | 'quizzes'>[], progress: Progress, packId: string): { lessons: number; completed: number; quizzes: number; mastered: number } {
  let completed = 0;
  let quizzes = 0;
  let mastered = 0;
  for (const l of lessons) {
    const p = progress.packs[packId]?.[l.id];
    if (p?.completed) completed++;
    for (const q of l.quizzes) {
      quizzes++;
      if (isMastered(p?.quizzes[q.id], q.masteryNeeded)) mastered++;
    }
  }
  return { lessons: lessons.length, completed, quizzes, mastered };
}

/** Progress read back from storage, repaired where it is damaged (a bad file never stops the app). */
export function sanitizeProgress(raw: unknown): Progress {
  const out = emptyProgress();
  if (!raw || typeof raw !== 'object' || (raw as Progress).version !== 1) return out;
  const packs = (raw as Progress).packs;
  if (!packs || typeof packs !== 'object') return out;
  const nat = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
  for (const [packId, lessons] of Object.entries(packs)) {
    if (!lessons || typeof lessons !== 'object') continue;
    for (const [lessonId, lp] of Object.entries(lessons as Record<string, unknown>)) {
      if (!lp || typeof lp !== 'object') continue;
      const l = lp as Partial<LessonProgress>;
      const quizzes: Record<string, QuizRecord> = {};
      for (const [qid, qr] of Object.entries(l.quizzes && typeof l.quizzes === 'object' ? l.quizzes : {})) {
        if (!qr || typeof qr !== 'object') continue;
        const r = qr as Partial<QuizRecord>;
        const correctInstances = Array.isArray(r.correctInstances) ? [...new Set(r.correctInstances.filter((x) => Number.isInteger(x) && x >= 0))].sort((a, b) => a - b) : [];
        quizzes[qid] = {
          attempts: nat(r.attempts),
          correct: Math.min(nat(r.correct), nat(r.attempts)),
          correctInstances,
          lastAnswered: typeof r.lastAnswered === 'string' ? r.lastAnswered : null,
          nextInstance: nat(r.nextInstance),
          hintsUsed: nat(r.hintsUsed),
        };
      }
      out.packs[packId] = out.packs[packId] ?? {};
      out.packs[packId][lessonId] = {
        furthestStep: nat(l.furthestStep),
        completed: l.completed === true,
        completedAt: typeof l.completedAt === 'string' ? l.completedAt : null,
        quizzes,
      };
    }
  }
  return out;
}
