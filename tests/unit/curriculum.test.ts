// The built-in curriculum (lessons/memory-management), checked the way learners meet it:
// the pack validates cleanly; every lesson is played end to end through the LessonPlayer,
// answering each quiz correctly on several random instances until the lesson completes;
// each quiz is answered wrongly once, and the feedback must name the real outcome; and
// the numbers the narrative states (free frames, frame numbers …) are what the simulator
// really does at that step.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPackFolder } from '../../core/cli/lessons.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { runToStep, type CompiledLesson, type LoadedPack } from '../../core/lessons/model.ts';
import { validatePack } from '../../core/lessons/validate.ts';
import type { QuizFeedback, QuizView } from '../../core/lessons/types.ts';
import type { ScenarioRun } from '../../core/scenario/run.ts';
import { answerFor, anyAnswer, wrongAnswerFor } from './curriculum/answers.ts';

const PACK_DIR = fileURLToPath(new URL('../../lessons/memory-management', import.meta.url));
/** Correct answers given per quiz, each on a fresh random instance. */
const INSTANCES_PER_QUIZ = 3;
const NOW = () => '2025-01-01T00:00:00.000Z';

/** The topics of the course, in the order learners meet them. */
const COURSE = [
  'virtual-vs-physical',
  'page-tables',
  'multi-level-page-tables',
  'tlb',
  'asids',
  'page-faults',
  'isolation',
  'process-layout',
  'threads',
  'fork-cow',
  'mmap-files',
  'shared-memory',
  'swapping-replacement',
  'numa',
  'walk-a-dump',
];

const read = readPackFolder(PACK_DIR);
const validated = validatePack(read.files, { instances: 50 }, 'built-in');
const pack = validated.pack as LoadedPack;

function lesson(id: string): CompiledLesson {
  const l = pack.lessons.find((x) => x.id === id);
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
}

describe('the built-in pack', () => {
  it('validates with no errors and no warnings, as `pagewalk validate` checks it', () => {
    const problems = [...read.problems, ...validated.diagnostics].map((d) => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(pack).not.toBeNull();
    expect(pack.manifest.id).toBe('pagewalk.memory-management');
  });

  it('covers the whole course in order, each lesson with 5–12 steps and at least 4 quizzes', () => {
    expect(pack.lessons.map((l) => l.id)).toEqual(COURSE);
    for (const l of pack.lessons) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(5);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(12);
      expect(l.quizzes.length, l.id).toBeGreaterThanOrEqual(4);
      expect(l.steps.every((s) => s.title.trim() && s.text.trim()), `${l.id}: every step has a title and a narrative`).toBe(true);
    }
    const levels = pack.lessons.map((l) => l.level);
    expect(new Set(levels)).toEqual(new Set(['beginner', 'intermediate', 'advanced']));
  });

  it('randomises most quizzes, so "Try another" asks a new question', () => {
    const withParams = pack.lessons.flatMap((l) => l.quizzes).filter((q) => q.params.length > 0);
    expect(withParams.length / pack.lessons.flatMap((l) => l.quizzes).length).toBeGreaterThan(0.75);
  });

  it('uses the machines each topic needs', () => {
    expect(lesson('multi-level-page-tables').profile.levels.length).toBe(4);
    expect(lesson('tlb').scenario.kernel.asid ?? lesson('tlb').profile.tlb.asid).toBe(false);
    expect(lesson('asids').scenario.kernel.asid).toBe(true);
    expect(lesson('mmap-files').scenario.files.map((f) => f.name)).toContain('notes.txt');
    expect(lesson('swapping-replacement').profile.physFrames).toBe(8);
    expect(lesson('numa').profile.numa?.nodes.length).toBe(2);
    const dump = lesson('walk-a-dump');
    expect(dump.profile.id).toBe('tiny-2level');
    expect(dump.scenario.memory?.dump ?? '').toMatch(/page \d+:/);
  });
});

/** What the narrative says at a step, checked against the machine at the end of that step (before any quiz setup). */
const CLAIMS: { lesson: string; step: number; says: string; check: (run: ScenarioRun) => unknown; is: unknown }[] = [
  { lesson: 'virtual-vs-physical', step: 0, says: 'page tables in frames 2, 3 and 4', check: (r) => ['A', 'B', 'C'].map((n) => r.machine.process(r.pidOf(n)).root), is: [2, 3, 4] },
  { lesson: 'page-tables', step: 1, says: "A's page table is in frame 2", check: (r) => r.machine.process(r.pidOf('A')).root, is: 2 },
  { lesson: 'page-tables', step: 4, says: '26 frames are free', check: (r) => r.machine.mem.freeCount(), is: 26 },
  { lesson: 'multi-level-page-tables', step: 2, says: '244 frames are free', check: (r) => r.machine.mem.freeCount(), is: 244 },
  { lesson: 'multi-level-page-tables', step: 4, says: '7 frames of tables', check: (r) => r.machine.process(r.pidOf('A')).tableFrames.size, is: 7 },
  { lesson: 'tlb', step: 0, says: 'pages 0x1000–0x6FFF in frames 8–13', check: (r) => [1, 2, 3, 4, 5, 6].map((v) => r.machine.presentFrame(r.machine.process(r.pidOf('A')), v)), is: [8, 9, 10, 11, 12, 13] },
  { lesson: 'isolation', step: 1, says: 'B keeps its secret in frame 5', check: (r) => r.machine.presentFrame(r.machine.process(r.pidOf('B')), 3), is: 5 },
  { lesson: 'page-faults', step: 5, says: "P's RSS is now 2 pages", check: (r) => r.machine.rss(r.pidOf('P')) / r.machine.pageSize, is: 2 },
  { lesson: 'page-faults', step: 6, says: 'the machine now maps reads to the zero page', check: (r) => r.machine.zeroPage, is: true },
  { lesson: 'threads', step: 0, says: "T's stack is at 0x9000–0x9FFF", check: (r) => r.machine.process(r.pidOf('P')).areas.find((a) => a.name === 'stack:T')?.start, is: 0x9000 },
  { lesson: 'fork-cow', step: 0, says: 'three of its pages are in memory', check: (r) => r.machine.rss(r.pidOf('P')) / r.machine.pageSize, is: 3 },
  { lesson: 'swapping-replacement', step: 6, says: "P's pages 1–5 fill frames 3–7; no frame is free", check: (r) => [r.machine.mem.freeCount(), ...[1, 2, 3, 4, 5].map((v) => r.machine.presentFrame(r.machine.process(r.pidOf('P')), v))], is: [0, 3, 4, 5, 6, 7] },
  { lesson: 'swapping-replacement', step: 7, says: 'the kernel evicted 0x2000 to swap', check: (r) => r.machine.process(r.pidOf('P')).swapped.has(2), is: true },
  { lesson: 'numa', step: 0, says: 'P on CPU 0 (node 0), W on CPU 2 (node 1)', check: (r) => [r.machine.thread(r.tidOf('P')).cpu, r.machine.thread(r.tidOf('W')).cpu].map((c) => r.machine.cpus[c].node), is: [0, 1] },
];

describe('what the narrative states', () => {
  for (const c of CLAIMS) {
    it(`${c.lesson}, step ${c.step + 1}: ${c.says}`, () => {
      expect(c.check(runToStep(lesson(c.lesson), c.step))).toEqual(c.is);
    });
  }
});

/** The real outcome of the instance `player` shows now, learnt on a throw-away copy of the learner's state. */
function probe(learner: LessonPlayer, lessonId: string, step: number): { view: QuizView; feedback: QuizFeedback } {
  const copy = new LessonPlayer(pack, lessonId, learner.progress(), { now: NOW });
  copy.goTo(step);
  const view = copy.view().step.quiz!;
  return { view, feedback: copy.answer(anyAnswer(view)) };
}

describe.each(COURSE)('lesson %s, played to the end', (lessonId) => {
  it('completes when every quiz is answered right, and explains every wrong answer', () => {
    const l = lesson(lessonId);
    const learner = new LessonPlayer(pack, lessonId, undefined, { now: NOW });
    const lastQuizStep = Math.max(...l.steps.filter((s) => s.quiz).map((s) => s.index));
    for (const step of l.steps) {
      learner.goTo(step.index);
      const view = learner.view();
      expect(view.step.title).toBe(step.title);
      expect(view.step.narrative).not.toMatch(/could not be prepared/);
      if (!step.quiz) {
        expect(view.step.quiz).toBeNull();
        continue;
      }
      for (let n = 0; n < INSTANCES_PER_QUIZ; n++) {
        if (n > 0) learner.freshQuiz();
        const shown = learner.view().step.quiz!;
        expect(shown.prompt).not.toMatch(/\{\{/);
        const first = probe(learner, lessonId, step.index);
        expect(first.view.attempt).toBe(shown.attempt);
        expect(first.feedback.invalid).toBeNull();
        const expected = first.feedback.expected;
        expect(expected, `${step.quiz.id}: the engine names the real outcome`).not.toBe('');

        if (n === 0) {
          // A wrong prediction: the feedback must say what really happened, and where it differs.
          let wrong = first.feedback;
          if (wrong.correct) {
            const other = new LessonPlayer(pack, lessonId, learner.progress(), { now: NOW });
            other.goTo(step.index);
            wrong = other.answer(wrongAnswerFor(other.view().step.quiz!, expected));
          }
          expect(wrong.correct, `${step.quiz.id}: a wrong answer is judged wrong`).toBe(false);
          expect(wrong.expected).toBe(expected);
          expect(wrong.given).not.toBe(expected);
          expect(wrong.divergence, `${step.quiz.id}: says where the prediction went wrong`).toBeTruthy();
          expect(wrong.explanation).not.toMatch(/\{\{|\?\?/);
          expect(wrong.explanation.trim()).not.toBe('');
        }

        if (step.index === lastQuizStep && n === 0) expect(learner.view().complete, 'not complete before the last quiz').toBe(false);
        const feedback = learner.answer(answerFor(shown, expected));
        expect(feedback.invalid).toBeNull();
        expect(feedback.correct, `${step.quiz.id} instance ${shown.attempt}: answering ${expected} is right`).toBe(true);
        expect(feedback.explanation).not.toMatch(/\{\{/);
      }
    }
    expect(learner.view().complete).toBe(true);
    const progress = learner.progress();
    for (const q of l.quizzes) expect(progress.quizzes[q.id]?.correctInstances.length, q.id).toBe(INSTANCES_PER_QUIZ);
  });
});
