// `pagewalk refstring`'s table, as a learner reads it, against the simulator's own steps:
// for random traces (small and very large page numbers), every policy and both orders,
// each row says the page, hit or miss, the page evicted and the frames (slot order) or the
// resident list (the homework's order) that referenceSteps() gives, and the columns line up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refstring } from '../../core/cli/refstring.ts';
import { printed } from '../helpers/printed.ts';
import { longTrace } from '../helpers/long-trace.ts';
import { REFERENCE_POLICIES, referenceSteps, runReferenceString } from '../../core/sim/replacement.ts';


const page = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2_000_000 }));

describe('the reference-string table', () => {
  for (const policy of REFERENCE_POLICIES) {
    it(`${policy}: every row is the simulator's step, in columns`, () => {
      fc.assert(
        fc.property(fc.array(page, { minLength: 1, maxLength: 60, size: 'max' }), fc.integer({ min: 1, max: 6 }), fc.boolean(), (pages, frames, homeworkOrder) => {
          const args = [pages.join(','), '--frames', String(frames), '--policy', policy, ...(homeworkOrder ? ['--order', 'ostep'] : [])];
          const { status, out } = printed(() => refstring.run(args));
          expect(status).toBe(0);
          const [summary, header, ...rows] = out.split('\n');
          expect(rows.pop()).toBe(''); // the table ends with a newline
          const steps = referenceSteps(runReferenceString(pages, frames, policy, { seed: 1 }));
          expect(summary).toMatch(new RegExp(`^${policy.toUpperCase()}, ${frames} frames?: `));
          expect(rows).toHaveLength(pages.length);
          const resultAt = header.indexOf('result');
          const evictedAt = header.indexOf('evicted');
          const framesAt = header.indexOf(homeworkOrder ? 'resident' : 'frames');
          rows.forEach((row, t) => {
            const s = steps[t];
            expect(row.slice(0, resultAt).trim()).toBe(String(s.page));
            expect(row.slice(resultAt, evictedAt).trim()).toBe(s.hit ? 'hit' : 'MISS');
            expect(row.slice(evictedAt, framesAt).trim()).toBe(s.evicted === null ? '-' : String(s.evicted));
            const shown = homeworkOrder ? s.resident.map(String) : s.frames.map((f) => (f === null ? '-' : String(f)));
            expect(row.slice(framesAt)).toBe(`[${shown.join(' ')}]`);
          });
        }),
        { numRuns: 40 },
      );
    });
  }

  it('a long trace in the homework\'s order: 12,000 references over 6,000 distinct pages, 1 to 70 frames', () => {
    const pages = longTrace(11);
    for (const policy of ['fifo', 'lru', 'ostep-clock'] as const) {
      for (const frames of [1, 5, 70]) {
        const { status, out } = printed(() => refstring.run([pages.join(','), '--frames', String(frames), '--policy', policy, '--order', 'ostep']));
        expect(status).toBe(0);
        const rows = out.split('\n').slice(2, -1);
        const steps = referenceSteps(runReferenceString(pages, frames, policy, { seed: 1 }));
        expect(rows.map((row) => row.slice(row.indexOf('['))).join('\n')).toBe(steps.map((step) => `[${step.resident.join(' ')}]`).join('\n'));
      }
    }
  });
});
