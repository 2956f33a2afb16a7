/*
 * What the validator reuses between the instances of a quiz gives what evaluating each
 * instance on its own gives: instances with the same setup share one snapshot of the
 * prepared machine (PreparedSnapshots), and the state text the give-away check reads is
 * made once per snapshot and concealment (GiveawayCaches). Checked on the built-in course
 * (quizzes with setups), the generated benchmark lessons (teaching-16 and x86-64) and the
 * purpose-made give-away pack, whose state gives answers away.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cloneRun } from '../../core/lessons/clone.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { runToStep } from '../../core/lessons/model.ts';
import { buildInstance, evaluateInstance, InstanceError, type PreparedSnapshots } from '../../core/lessons/quiz.ts';
import { findGiveaways, giveawayCaches } from '../../core/lessons/validate.ts';
import { benchmarkPack } from '../fixtures/packs/generate.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';

const PACKS: [string, Map<string, string | Uint8Array>][] = [
  ['the built-in course', readFolder(fileURLToPath(new URL('../../lessons/memory-management', import.meta.url)))],
  ['the benchmark lessons', benchmarkPack(10)],
  ['the give-away pack', readFolder(fileURLToPath(new URL('../fixtures/packs/giveaways', import.meta.url)))],
];
const INSTANCES = 8;

describe('the validator reuses work between instances without changing what it finds', () => {
  for (const [name, files] of PACKS) {
    it(`${name}: shared snapshots and state text give the same snapshots and give-aways as each instance alone`, () => {
      const { pack } = loadPack(files, 'preview');
      let evaluated = 0;
      let shared = 0;
      let giveaways = 0;
      for (const lesson of pack!.lessons) {
        for (const step of lesson.steps) {
          const quiz = step.quiz;
          if (!quiz) continue;
          const base = runToStep(lesson, step.index);
          const snapshots: PreparedSnapshots = new Map();
          const caches = giveawayCaches();
          for (let attempt = 0; attempt < INSTANCES; attempt++) {
            let inst;
            try {
              inst = buildInstance(pack!.manifest.id, lesson, quiz, attempt);
            } catch (e) {
              if (e instanceof InstanceError) continue;
              throw e;
            }
            const alone = evaluateInstance(cloneRun(base), inst, false);
            const before = snapshots.size;
            const reusing = evaluateInstance(cloneRun(base), inst, false, undefined, snapshots);
            evaluated++;
            if (reusing.preparedSnapshot && snapshots.size === before) shared++;
            expect(JSON.stringify(reusing.preparedSnapshot)).toBe(JSON.stringify(alone.preparedSnapshot));
            expect(reusing.conceal).toEqual(alone.conceal);
            expect(reusing.problems).toEqual(alone.problems);
            const found = findGiveaways(lesson, quiz, reusing, caches);
            expect(found).toEqual(findGiveaways(lesson, quiz, alone));
            giveaways += found.length;
          }
        }
      }
      // The reuse happened (instances of one quiz shared a snapshot), so the comparison means something.
      expect(evaluated).toBeGreaterThan(20);
      expect(shared).toBeGreaterThan(evaluated / 2);
      if (name === 'the give-away pack') expect(giveaways).toBeGreaterThan(0);
    });
  }
});
