// The compact reference-string engine against slow, obviously-correct models, over random
// traces and every policy: same hits, victims and slots, and the frames rebuilt from the
// compact history equal the frames a full copy at every step would have recorded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PythonRandom } from '../../core/sim/mt19937.ts';
import { REFERENCE_POLICIES, referenceSteps, runReferenceString, type ReferencePolicy } from '../../core/sim/replacement.ts';
import { Rng } from '../../core/sim/rng.ts';
import { homeworkList, textbookFull } from '../helpers/reference-oracle.ts';

const traces = fc.record({
  pages: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 0, maxLength: 80, size: 'max' }), // 'max': without it fast-check stops at 10
  frames: fc.integer({ min: 1, max: 7 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  ostepTies: fc.boolean(),
});

describe('compact reference history', () => {
  for (const policy of REFERENCE_POLICIES.filter((p) => !p.startsWith('ostep-')) as Exclude<ReferencePolicy, 'ostep-clock' | 'ostep-rand'>[]) {
    it(`${policy}: rebuilds exactly the full per-step history`, () => {
      fc.assert(
        fc.property(traces, ({ pages, frames, seed, ostepTies }) => {
          const optTies = ostepTies ? 'ostep' : 'lowest-slot';
          const want = textbookFull(pages, frames, policy, new Rng(seed), optTies);
          const r = runReferenceString(pages, frames, policy, { seed, optTies });
          const got = referenceSteps(r).map(({ resident: _r, ...s }) => s);
          expect(got).toEqual(want);
          expect(r.hits).toBe(want.filter((s) => s.hit).length);
          const summary = runReferenceString(pages, frames, policy, { seed, optTies, history: false });
          expect(summary.history).toBeUndefined();
          expect([summary.hits, summary.faults]).toEqual([r.hits, r.faults]);
        }),
        { numRuns: 300 },
      );
    });
  }

  for (const policy of ['fifo', 'lru', 'mru', 'opt', 'unopt', 'ostep-rand', 'ostep-clock'] as ReferencePolicy[]) {
    it(`${policy}: lists the resident pages in the homework's order and agrees with its model (Python random, homework ties)`, () => {
      fc.assert(
        fc.property(traces, fc.integer({ min: 0, max: 3 }), ({ pages, frames, seed }, clockBits) => {
          const want = homeworkList(pages, frames, policy, new PythonRandom(seed), clockBits);
          const r = runReferenceString(pages, frames, policy, { random: 'python', seed, optTies: 'ostep', clockBits });
          const got = referenceSteps(r).map((s) => ({ hit: s.hit, victim: s.evicted, memory: s.resident }));
          expect(got).toEqual(want);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("ostep-rand and ostep-clock with more frames than a homework's (the resident list shifted with a memmove)", () => {
    const many = fc.record({
      pages: fc.array(fc.integer({ min: 0, max: 250 }), { minLength: 200, maxLength: 500, size: 'max' }),
      frames: fc.integer({ min: 66, max: 130 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    });
    for (const policy of ['ostep-rand', 'ostep-clock'] as ReferencePolicy[]) {
      fc.assert(
        fc.property(many, fc.integer({ min: 0, max: 3 }), ({ pages, frames, seed }, clockBits) => {
          const want = homeworkList(pages, frames, policy, new PythonRandom(seed), clockBits);
          const r = runReferenceString(pages, frames, policy, { random: 'python', seed, optTies: 'ostep', clockBits });
          const got = referenceSteps(r).map((s) => ({ hit: s.hit, victim: s.evicted, memory: s.resident }));
          expect(got).toEqual(want);
        }),
        { numRuns: 25, endOnFailure: true }, // no shrinking: these traces are long
      );
    }
  });

  it('returns a window of steps identical to the same steps of the whole history', () => {
    fc.assert(
      fc.property(traces, fc.nat(), fc.nat(), ({ pages, frames, seed }, a, b) => {
        const r = runReferenceString(pages, frames, 'clock', seed);
        const all = referenceSteps(r);
        const from = pages.length ? a % pages.length : 0;
        const to = from + (pages.length ? b % (pages.length - from + 1) : 0);
        expect(referenceSteps(r, from, to)).toEqual(all.slice(from, to));
      }),
    );
  });
});
