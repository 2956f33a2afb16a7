import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer, PlayerError } from '../../core/lessons/player.ts';
import { solutionOf, type EvaluatedInstance } from '../../core/lessons/quiz.ts';
import { EXAMPLE_PACK, readFolder } from '../fixtures/packs/helpers.ts';

const pack = loadPack(readFolder(EXAMPLE_PACK), 'built-in').pack!;
const now = () => '2025-02-03T04:05:06.000Z';
const solve = (p: LessonPlayer) => solutionOf((p as unknown as { evaluated: EvaluatedInstance }).evaluated)!;

describe('LessonPlayer', () => {
  it('opens at the first step with a view of the lesson', () => {
    const p = new LessonPlayer(pack, 'two-processes', undefined, { now });
    const v = p.view();
    expect(v).toMatchObject({ packId: 'example.first-steps', lessonId: 'two-processes', title: 'Two processes, one virtual address', level: 'beginner', complete: false });
    expect(v.step).toMatchObject({ index: 0, count: 6, title: 'Two empty processes', quiz: null, focus: { processes: ['A', 'B'], levels: [0], frames: [], tlb: false, translate: null } });
    expect(p.run.names().processes).toEqual({ A: 1, B: 2 });
    expect(p.lastEvents().some((e) => e.type === 'process-create')).toBe(true);
  });

  it('replays deterministically: back and forward show the same machine', () => {
    const p = new LessonPlayer(pack, 'fork-and-replacement', undefined, { now });
    p.goTo(3);
    const forward = JSON.stringify(p.run.snapshot());
    const events = JSON.stringify(p.lastEvents());
    p.goTo(0);
    p.goTo(5);
    p.goTo(3);
    expect(JSON.stringify(p.run.snapshot())).toBe(forward);
    expect(JSON.stringify(p.lastEvents())).toBe(events);
    expect(new LessonPlayer(pack, 'fork-and-replacement', undefined, { now }).progress().furthestStep).toBe(0);
    expect(p.progress().furthestStep).toBe(5);
  });

  it('refuses unknown lessons and steps with a clear message', () => {
    expect(() => new LessonPlayer(pack, 'nope', undefined)).toThrow(PlayerError);
    expect(() => new LessonPlayer(pack, 'nope', undefined)).toThrow(/has no lesson "nope" \(lessons: two-processes, tlb-and-faults, fork-and-replacement\)/);
    const p = new LessonPlayer(pack, 'two-processes', undefined);
    expect(() => p.goTo(6)).toThrow(/there is no step 6: this lesson has 6 steps \(0–5\)/);
    expect(() => p.goTo(-1)).toThrow(PlayerError);
    expect(() => p.answer({ kind: 'yesno', value: true })).toThrow(/step 1 has no question/);
    expect(() => p.freshQuiz()).toThrow(/has no question/);
    expect(p.view().step.index).toBe(0);
  });

  it('counts an instance once, shows the observed machine after answering, and records progress', () => {
    const p = new LessonPlayer(pack, 'two-processes', undefined, { now });
    p.goTo(2);
    const before = p.run.machine.stats.accesses;
    const answer = solve(p);
    const f = p.answer(answer);
    expect(f.correct).toBe(true);
    expect(f.events.some((e) => e.type === 'translate')).toBe(true);
    expect(p.run.machine.stats.accesses).toBe(before + 1);
    expect(p.lastEvents()).toEqual(f.events);
    expect(p.view().step.quiz!.feedback).toEqual(f);
    // A second answer to the same instance (a double click) changes nothing.
    expect(p.answer({ kind: 'address', text: '0x0' })).toEqual(f);
    expect(p.progress().quizzes['pa-of-a']).toEqual({ attempts: 1, correct: 1, correctInstances: [0], lastAnswered: now(), nextInstance: 1, hintsUsed: 0, lastQuestion: 'Process A reads virtual address `0x19ef`. Which physical address does the MMU produce?' });
    // Going away and back shows the answered instance with its feedback.
    p.goTo(0);
    p.goTo(2);
    expect(p.view().step.quiz).toMatchObject({ attempt: 0, feedback: f });
  });

  it('draws a fresh instance on request and never repeats one, across sessions', () => {
    const p = new LessonPlayer(pack, 'two-processes', undefined, { now });
    p.goTo(2);
    const first = p.view().step.quiz!.prompt;
    p.freshQuiz(); // skipped without answering
    expect(p.view().step.quiz!.attempt).toBe(1);
    expect(p.view().step.quiz!.feedback).toBeNull();
    p.answer({ kind: 'address', text: '0x0' });
    expect(p.progress().quizzes['pa-of-a']).toMatchObject({ attempts: 1, correct: 0, nextInstance: 2 });
    const again = new LessonPlayer(pack, 'two-processes', p.progress(), { now });
    again.goTo(2);
    expect(again.view().step.quiz!.attempt).toBe(2);
    expect(again.view().step.quiz!.prompt).not.toBe(first);
  });

  it('completes a lesson by its rule: quizzes-mastered needs two distinct right instances of parameterised quizzes', () => {
    const p = new LessonPlayer(pack, 'fork-and-replacement', undefined, { now });
    const quizSteps = [1, 2, 3, 4, 5];
    for (const k of quizSteps) {
      p.goTo(k);
      p.answer(solve(p));
    }
    // Every quiz here has parameters: each needs a second right answer, on a fresh instance.
    expect(p.view().complete).toBe(false);
    for (const k of quizSteps) {
      p.goTo(k);
      p.freshQuiz();
      p.answer(solve(p));
    }
    expect(p.view().complete).toBe(true);
    expect(p.progress()).toMatchObject({ completed: true, completedAt: now() });
  });

  it('does not let the view reveal the answer before it is given', () => {
    const p = new LessonPlayer(pack, 'two-processes', undefined, { now });
    p.goTo(3);
    const q = p.view().step.quiz!;
    expect(q.feedback).toBeNull();
    expect(Object.keys(q).sort()).toEqual(['addressBits', 'alphabet', 'alphabetLabels', 'attempt', 'canRefresh', 'conceal', 'feedback', 'hints', 'id', 'kind', 'length', 'options', 'pick', 'prompt']);
    // Hints not asked for stay in the engine; only their number is shown.
    expect(q.hints.shown).toEqual([]);
    for (const o of q.options) expect(Object.keys(o).sort()).toEqual(['id', 'label']);
  });
});

describe('graded hints and fresh instances', () => {
  const pickStep = pack.lessons.find((l) => l.id === 'two-processes')!.steps.findIndex((s) => s.quiz?.id === 'pick-b-frame');

  it('gives hints one at a time before the answer, counts them in progress and in the feedback', () => {
    const p = new LessonPlayer(pack, 'two-processes', undefined, { now });
    p.goTo(pickStep);
    expect(p.view().step.quiz!.hints).toEqual({ total: 2, shown: [] });
    const first = p.hint();
    expect(first.total).toBe(2);
    expect(first.shown).toEqual(['Only the page number (the top four bits) chooses the frame; the offset is kept as it is.']);
    expect(p.view().step.quiz!.hints.shown).toHaveLength(1);
    expect(p.hint().shown[1]).toMatch(/^Follow (A|B)'s page table: its entry for page 1 names the frame\.$/);
    // Asking again when all are shown counts nothing more.
    expect(p.hint().shown).toHaveLength(2);
    expect(p.progress().quizzes['pick-b-frame'].hintsUsed).toBe(2);
    const f = p.answer(solve(p));
    expect(f).toMatchObject({ correct: true, hintsUsed: 2 });
    expect(() => p.hint()).toThrow(PlayerError);
    // A fresh instance starts without hints shown.
    p.freshQuiz();
    expect(p.view().step.quiz!.hints.shown).toEqual([]);
  });

  it('a quiz without hints says so; progress saved before hints existed still loads', () => {
    const old = { furthestStep: 2, completed: false, completedAt: null, quizzes: { 'pa-of-a': { attempts: 1, correct: 1, correctInstances: [0], lastAnswered: null } } };
    const p = new LessonPlayer(pack, 'two-processes', old, { now });
    p.goTo(2);
    expect(p.view().step.quiz!.hints.total).toBe(0);
    expect(() => p.hint()).toThrow(/has no hints/);
    p.goTo(pickStep);
    p.hint();
    expect(p.progress().quizzes['pick-b-frame'].hintsUsed).toBe(1);
    expect(p.progress().quizzes['pa-of-a']).toMatchObject({ attempts: 1, correct: 1 });
  });

  it('offers a fresh instance only when the parameters change the question', () => {
    const p = new LessonPlayer(pack, 'two-processes', undefined, { now });
    p.goTo(pickStep);
    expect(p.view().step.quiz!.canRefresh).toBe(true);
    const fixed = loadPack(
      new Map<string, string>([
        ['pack.yaml', 'id: t.p\ntitle: T\nversion: 1.0.0\nauthors: [T]\nlicense: MIT\nlanguage: en\ndescription: d\nminAppVersion: 0.1.0\nlessons: [l.yaml]\n'],
        ['l.yaml', 'id: l\ntitle: L\nlevel: beginner\nsummary: s\nmachine: teaching-16\nsteps:\n  - title: S\n    run: [{ spawn: A }]\n    quiz:\n      id: q\n      kind: number\n      params: { x: { choice: [1, 2] } }\n      prompt: How many frames are free?\n      observe: { what: free-frames }\n  - title: T\n    quiz:\n      id: r\n      kind: number\n      prompt: How many frames are free?\n      observe: { what: free-frames }\n'],
      ]),
      'user',
    ).pack!;
    const f = new LessonPlayer(fixed, 'l', undefined, { now });
    // A parameter that never reaches the prompt, setup or observation changes nothing.
    expect(f.view().step.quiz!.canRefresh).toBe(false);
    f.goTo(1);
    expect(f.view().step.quiz!.canRefresh).toBe(false);
  });
});
