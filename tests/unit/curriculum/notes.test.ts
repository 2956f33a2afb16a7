// The built-in pack's graded hints and misconception notes, checked the way a learner meets
// them: every hint of every quiz reads as a sentence with its parameters filled in, and
// every note (`feedback:`) is one the learner can actually get: for each of its keys some
// instance exists where that answer is wrong, and answering it there shows the note.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPackFolder } from '../../../core/cli/lessons.ts';
import { LessonPlayer } from '../../../core/lessons/player.ts';
import { validatePack } from '../../../core/lessons/validate.ts';
import type { LoadedPack } from '../../../core/lessons/model.ts';
import { answerFor, anyAnswer } from './answers.ts';

const PACK_DIR = fileURLToPath(new URL('../../../lessons/memory-management', import.meta.url));
const pack = validatePack(readPackFolder(PACK_DIR).files, { instances: 1 }, 'built-in').pack as LoadedPack;
/** Instances tried per quiz to find one where a note's answer is wrong. */
const TRIES = 40;

const quizzes = pack.lessons.flatMap((l) => l.quizzes.map((q) => ({ lesson: l.id, quiz: q })));

describe('hints', () => {
  it('most quizzes have graded hints, at most three each', () => {
    const withHints = quizzes.filter(({ quiz }) => (quiz.doc.hints ?? []).length > 0);
    expect(withHints.length / quizzes.length).toBeGreaterThan(0.9);
    for (const { quiz } of quizzes) expect((quiz.doc.hints ?? []).length, quiz.id).toBeLessThanOrEqual(3);
  });

  it.each(quizzes.filter(({ quiz }) => quiz.doc.hints?.length).map(({ lesson, quiz }) => [`${lesson}/${quiz.id}`, lesson, quiz.stepIndex] as const))('%s: hints come one at a time, filled in', (_, lesson, step) => {
    const p = new LessonPlayer(pack, lesson, undefined);
    p.goTo(step);
    const total = p.view().step.quiz!.hints.total;
    let shown: string[] = [];
    for (let k = 0; k < total; k++) shown = p.hint().shown;
    expect(shown).toHaveLength(total);
    for (const h of shown) {
      expect(h).not.toMatch(/\{\{|\}\}/);
      expect(h.trim()).toMatch(/[.?!)`…]$/);
    }
  });
});

describe('misconception notes', () => {
  const withNotes = quizzes.filter(({ quiz }) => quiz.doc.feedback && Object.keys(quiz.doc.feedback).length > 0);

  it('many quizzes name what a wrong answer suggests', () => {
    expect(withNotes.length).toBeGreaterThanOrEqual(40);
  });

  it.each(withNotes.map(({ lesson, quiz }) => [`${lesson}/${quiz.id}`, lesson, quiz.stepIndex, Object.keys(quiz.doc.feedback!)] as const))('%s: every note shows for a wrong answer', (_, lesson, step, keys) => {
    const learner = new LessonPlayer(pack, lesson, undefined);
    learner.goTo(step);
    const missing = new Set(keys);
    for (let n = 0; n < TRIES && missing.size > 0; n++) {
      if (n > 0) learner.freshQuiz();
      const view = learner.view().step.quiz!;
      const probe = new LessonPlayer(pack, lesson, learner.progress());
      probe.goTo(step);
      const expected = probe.answer(anyAnswer(probe.view().step.quiz!)).expected;
      for (const key of [...missing]) {
        if (key.toLowerCase() === expected.toLowerCase()) continue;
        if (view.kind === 'choice' && !view.options.some((o) => o.label === key)) continue;
        const other = new LessonPlayer(pack, lesson, learner.progress());
        other.goTo(step);
        const fb = other.answer(answerFor(other.view().step.quiz!, key));
        if (fb.invalid !== null || fb.correct) continue;
        expect(fb.optionNote, `${key} (instance ${view.attempt}, right: ${expected})`).toBeTruthy();
        expect(fb.optionNote).not.toMatch(/\{\{|\}\}/);
        missing.delete(key);
      }
    }
    expect([...missing], 'notes no instance ever shows').toEqual([]);
  });
});
