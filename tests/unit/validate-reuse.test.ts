/*
 * What the validator reuses between the instances of a quiz gives what evaluating each
 * instance on its own gives: instances with the same setup share one snapshot of the
 * prepared machine (PreparedSnapshots), and the state text the give-away check reads is
 * made once per snapshot and concealment (GiveawayCaches). Checked on the built-in course
 * (quizzes with setups), the generated benchmark lessons (teaching-16 and x86-64) and the
 * purpose-made give-away pack, whose state gives answers away. And an instance is filled in
 * once per set of parameters: every attempt still counts, with the first as the example.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cloneRun } from '../../core/lessons/clone.ts';
import { loadPack } from '../../core/lessons/load.ts';
import { runToStep } from '../../core/lessons/model.ts';
import { evaluateInstance, type PreparedSnapshots } from '../../core/lessons/quiz.ts';
import { findGiveaways, giveawayCaches, validatePack } from '../../core/lessons/validate.ts';
import { benchmarkPack } from '../fixtures/packs/generate.ts';
import { FAILING_PARAMS_QUIZ, instanceOrNull, lesson as lessonYaml, packOf, quizSteps, readFolder, show } from '../fixtures/packs/helpers.ts';

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
      for (const { lesson, step, quiz } of quizSteps(pack!)) {
        const base = runToStep(lesson, step.index);
        const snapshots: PreparedSnapshots = new Map();
        const caches = giveawayCaches();
        for (let attempt = 0; attempt < INSTANCES; attempt++) {
          const inst = instanceOrNull(pack!.manifest.id, lesson, quiz, attempt);
          if (!inst) continue;
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
      // The reuse happened (instances of one quiz shared a snapshot), so the comparison means something.
      expect(evaluated).toBeGreaterThan(20);
      expect(shared).toBeGreaterThan(evaluated / 2);
      if (name === 'the give-away pack') expect(giveaways).toBeGreaterThan(0);
    });
  }
});

describe('instances are filled in once per set of parameters', () => {
  it('counts every attempt that fails, as building each instance on its own finds them', () => {
    const quiz = FAILING_PARAMS_QUIZ;
    const files = packOf({
      'a.yaml': lessonYaml(`  - title: Start
    run:
      - spawn: { name: A, layout: empty }
      - map: { process: A, addr: 0x1000, frame: 8 }
    quiz:
${quiz}`),
    });
    const instances = 30;
    const { pack } = loadPack(files, 'preview');
    const l = pack!.lessons[0];
    // Building every attempt on its own: which ones fail to fill in (op=jump), and the first of them.
    const failing: number[] = [];
    for (let attempt = 0; attempt < instances; attempt++) if (instanceOrNull(pack!.manifest.id, l, l.steps[0].quiz!, attempt) === null) failing.push(attempt);
    expect(failing.length).toBeGreaterThan(2);
    expect(failing.length).toBeLessThan(instances);
    const found = show(validatePack(files, { instances }).diagnostics);
    expect(found).toContain(`quiz "q" (${failing.length} of ${instances} instances, e.g. instance ${failing[0]} (f=`);
    expect(found).toMatch(/op must be read, write or fetch \(got "jump"\)/);
  });
});
