import { describe, expect, it } from 'vitest';
import {
  completionMet,
  emptyLessonProgress,
  emptyProgress,
  isMastered,
  lessonProgressOf,
  nextInstanceOf,
  packStatus,
  reachStep,
  recordAnswer,
  sanitizeProgress,
  skipInstance,
  updateCompletion,
  withLessonProgress,
} from '../../core/lessons/progress.ts';

const quiz = (id: string, masteryNeeded = 2, optional = false) => ({ id, masteryNeeded, optional }) as never;
const lesson = (completion: 'last-step' | 'quizzes-correct' | 'quizzes-mastered', quizzes = [quiz('a'), quiz('b', 1), quiz('c', 1, true)]) =>
  ({ completion, quizzes, steps: [{}, {}, {}] }) as never;
const T = '2025-01-01T00:00:00.000Z';

describe('progress model', () => {
  it('counts attempts and correct answers per quiz, and distinct correct instances', () => {
    let p = emptyLessonProgress();
    p = recordAnswer(p, 'a', 0, false, T);
    p = recordAnswer(p, 'a', 1, true, T);
    p = recordAnswer(p, 'a', 1, true, T);
    expect(p.quizzes.a).toMatchObject({ attempts: 3, correct: 2, correctInstances: [1], lastAnswered: T });
    expect(isMastered(p.quizzes.a, 2)).toBe(false);
    p = recordAnswer(p, 'a', 4, true, T);
    expect(isMastered(p.quizzes.a, 2)).toBe(true);
  });

  it('never changes its input', () => {
    const p = emptyLessonProgress();
    const frozen = JSON.stringify(p);
    recordAnswer(p, 'a', 0, true, T);
    skipInstance(p, 'a', 0);
    reachStep(p, 2);
    expect(JSON.stringify(p)).toBe(frozen);
  });

  it('never shows an instance twice, even one skipped without answering', () => {
    let p = emptyLessonProgress();
    expect(nextInstanceOf(p.quizzes.a)).toBe(0);
    p = skipInstance(p, 'a', 0);
    expect(nextInstanceOf(p.quizzes.a)).toBe(1);
    p = recordAnswer(p, 'a', 1, false, T);
    expect(nextInstanceOf(p.quizzes.a)).toBe(2);
    // Old records without nextInstance still move forward.
    expect(nextInstanceOf({ attempts: 3, correct: 1, correctInstances: [5], lastAnswered: null })).toBe(6);
  });

  it('applies each completion rule, ignoring optional quizzes, and keeps completion once reached', () => {
    let p = emptyLessonProgress();
    expect(completionMet(lesson('last-step'), p)).toBe(false);
    expect(completionMet(lesson('last-step'), reachStep(p, 2))).toBe(true);
    p = recordAnswer(recordAnswer(p, 'a', 0, true, T), 'b', 0, true, T);
    expect(completionMet(lesson('quizzes-correct'), p)).toBe(true);
    expect(completionMet(lesson('quizzes-mastered'), p)).toBe(false);
    p = recordAnswer(p, 'a', 1, true, T);
    expect(completionMet(lesson('quizzes-mastered'), p)).toBe(true);
    const done = updateCompletion(lesson('quizzes-mastered'), p, T);
    expect(done).toMatchObject({ completed: true, completedAt: T });
    expect(updateCompletion(lesson('quizzes-mastered'), done, 'later').completedAt).toBe(T);
    expect(updateCompletion(lesson('quizzes-correct'), emptyLessonProgress(), T).completed).toBe(false);
  });

  it('stores lesson progress in the app-wide Progress and summarises a pack', () => {
    let all = emptyProgress();
    const lp = updateCompletion(lesson('quizzes-correct'), recordAnswer(recordAnswer(emptyLessonProgress(), 'a', 0, true, T), 'b', 0, true, T), T);
    all = withLessonProgress(all, 'pack', 'l1', lp);
    expect(lessonProgressOf(all, 'pack', 'l1')).toEqual(lp);
    expect(lessonProgressOf(all, 'pack', 'l2')).toBeUndefined();
    const status = packStatus([{ id: 'l1', quizzes: [quiz('a', 1), quiz('b', 1)] }, { id: 'l2', quizzes: [quiz('x')] }] as never, all, 'pack');
    expect(status).toEqual({ lessons: 2, completed: 1, quizzes: 3, mastered: 2 });
  });

  it('repairs damaged stored progress instead of failing', () => {
    expect(sanitizeProgress(null)).toEqual(emptyProgress());
    expect(sanitizeProgress({ version: 2 })).toEqual(emptyProgress());
    const repaired = sanitizeProgress({
      version: 1,
      packs: { p: { l: { furthestStep: -3, completed: 'yes', quizzes: { q: { attempts: 2, correct: 9, correctInstances: [3, 3, -1, 'x', 1] }, bad: 5 } }, junk: 7 } },
    });
    expect(repaired.packs.p.l).toEqual({
      furthestStep: 0,
      completed: false,
      completedAt: null,
      quizzes: { q: { attempts: 2, correct: 2, correctInstances: [1, 3], lastAnswered: null, nextInstance: 4, hintsUsed: 0, lastQuestion: null } },
      startedAt: null,
      lastActiveAt: null,
      activeSeconds: 0,
    });
  });
});
