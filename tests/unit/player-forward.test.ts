// Forward continues the machine the last step ended on instead of replaying the lesson,
// quiz-less steps show the step's machine itself, and copies lend their memory to the next
// ones (issue 11: a lesson step on a big machine costs what it touches). All of it must be
// invisible: every step, reached by Forward from the start, shows exactly what a player
// that jumped straight to it shows — machine, events, keyframes and quiz.
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../core/lessons/load.ts';
import { LessonPlayer } from '../../core/lessons/player.ts';
import { LIST_EVERY_FRAME_UP_TO } from '../../core/sim/snapshot.ts';
import { fileURLToPath } from 'node:url';
import { solutionOf, type EvaluatedInstance } from '../../core/lessons/quiz.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';

const BUILTIN_PACK = fileURLToPath(new URL('../../lessons/memory-management', import.meta.url));
const solve = (p: LessonPlayer) => solutionOf((p as unknown as { evaluated: EvaluatedInstance }).evaluated)!;

const now = () => '2025-02-03T04:05:06.000Z';
const builtin = loadPack(readFolder(BUILTIN_PACK), 'built-in').pack!;

function shown(p: LessonPlayer): string {
  return JSON.stringify({ snapshot: p.run.snapshot(), events: p.lastEvents(), keyframes: p.keyframes(), view: p.view() });
}

describe('Forward through a lesson', () => {
  it('shows on every step of every built-in lesson what a jump straight to that step shows', () => {
    for (const lesson of builtin.lessons) {
      const walker = new LessonPlayer(builtin, lesson.id, undefined, { now });
      for (let i = 1; i < lesson.steps.length; i++) {
        walker.goTo(i);
        const jumper = new LessonPlayer(builtin, lesson.id, undefined, { now });
        jumper.goTo(i);
        expect(shown(walker), `${lesson.id}, step ${i + 1}`).toBe(shown(jumper));
      }
    }
  });

  it('after answering, Forward and Back show what a fresh player shows (the answered copies are recycled, never shown)', () => {
    const lesson = builtin.lessons.find((l) => l.id === 'fork-cow')!;
    const p = new LessonPlayer(builtin, lesson.id, undefined, { now });
    const answered = new Set<number>();
    const check = (i: number, how: string) => {
      const fresh = new LessonPlayer(builtin, lesson.id, undefined, { now });
      fresh.goTo(i);
      // An answered question shows, on a visit back, the machine its observation left.
      if (answered.has(i)) fresh.answer(solve(fresh));
      expect(JSON.stringify(p.run.snapshot()), `${how} step ${i + 1}`).toBe(JSON.stringify(fresh.run.snapshot()));
    };
    for (let i = 0; i < lesson.steps.length; i++) {
      p.goTo(i);
      check(i, 'forward to');
      if (lesson.steps[i].quiz) {
        expect(p.answer(solve(p)).correct).toBe(true);
        answered.add(i);
      }
    }
    for (let i = lesson.steps.length - 2; i >= 0; i--) {
      p.goTo(i);
      check(i, 'back to');
      p.goTo(i + 1);
      check(i + 1, 'forward again to');
    }
  });
});

describe('snapshots of big machines', () => {
  const packOf = (frames: number) =>
    loadPack(
      new Map([
        ['pack.yaml', 'id: t.big\ntitle: Big\nversion: 1.0.0\nauthors: [T]\nlicense: MIT\nlanguage: en\ndescription: x\nminAppVersion: 0.1.0\nlessons: [big.yaml]\n'],
        [
          'big.yaml',
          `id: big\ntitle: Big\nlevel: beginner\nsummary: x\nmachine: { base: x86-64, physFrames: ${frames} }\nsteps:\n  - title: One\n    run:\n      - spawn: A\n      - write: { process: A, addr: 0x3000, value: 1 }\n  - title: Two\n    run:\n      - write: { process: A, addr: 0x4000, value: 2 }\n`,
        ],
      ]),
      'user',
    ).pack!;

  it(`list every frame up to ${LIST_EVERY_FRAME_UP_TO} frames and only the frames in use above, with the same totals`, () => {
    const small = new LessonPlayer(packOf(LIST_EVERY_FRAME_UP_TO), 'big', undefined, { now });
    const big = new LessonPlayer(packOf(4 * LIST_EVERY_FRAME_UP_TO), 'big', undefined, { now });
    small.goTo(1);
    big.goTo(1);
    const s = small.run.snapshot();
    const b = big.run.snapshot();
    expect(s.framesListed).toBe('all');
    expect(s.frames).toHaveLength(LIST_EVERY_FRAME_UP_TO);
    expect(b.framesListed).toBe('in-use');
    expect(b.totalFrames).toBe(4 * LIST_EVERY_FRAME_UP_TO);
    // The same frames are in use on both machines, and the big one lists just those.
    expect(b.frames).toEqual(s.frames.filter((f) => f.kind !== 'free'));
    expect(b.freeFrames - s.freeFrames).toBe(3 * LIST_EVERY_FRAME_UP_TO);
    expect(JSON.stringify(big.keyframes()).length).toBeLessThan(JSON.stringify(small.keyframes()).length / 4);
  });
});
