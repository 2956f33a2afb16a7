// `pagewalk refstring --ostep -c`'s trace, line by line, against the simulator's own steps
// written out the way paging-policy.py prints them:
//   print('Access: %d  %s %s -> %12s <- %s Replaced:%s [Hits:%d Misses:%d]' % ...)
// for random traces (few and many distinct pages, small and 7-digit page numbers, lists
// that shrink and grow past the 12-column alignment, counters that gain a digit), every
// homework policy and frame counts from 1 to 70. The printer assembles lines from prepared
// pieces, so each of its paths (a page's first line, the pages past the prepared ones, a
// victim in the middle of the list) must give the homework's text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refstring } from '../../core/cli/refstring.ts';
import { printed } from '../helpers/printed.ts';
import { longTrace } from '../helpers/long-trace.ts';
import { PythonRandom } from '../../core/sim/mt19937.ts';
import { referenceSteps, runReferenceString, type ReferencePolicy } from '../../core/sim/replacement.ts';

const HOMEWORK: Record<string, ReferencePolicy> = { FIFO: 'fifo', LRU: 'lru', MRU: 'mru', OPT: 'opt', UNOPT: 'unopt', RAND: 'ostep-rand', CLOCK: 'ostep-clock' };
const SIDES: Record<string, [string, string]> = { FIFO: ['FirstIn', 'Lastin '], LRU: ['LRU', 'MRU'], MRU: ['LRU', 'MRU'] };

/** The homework's trace of `pages`, computed from the simulator's steps with plain string formatting. */
function homeworkTrace(pages: number[], frames: number, name: string, seed: number): string[] {
  const r = runReferenceString(pages, frames, HOMEWORK[name], { rng: new PythonRandom(seed), optTies: 'ostep' });
  const [left, right] = SIDES[name] ?? ['Left ', 'Right'];
  let hits = 0;
  let misses = 0;
  return referenceSteps(r).map((s) => {
    if (s.hit) hits++;
    else misses++;
    const list = `[${s.resident.join(', ')}]`.padStart(12);
    return `Access: ${s.page}  ${s.hit ? 'HIT ' : 'MISS'} ${left} -> ${list} <- ${right} Replaced:${s.evicted ?? '-'} [Hits:${hits} Misses:${misses}]`;
  });
}

function printedTrace(pages: number[], frames: number, name: string, seed: number): string[] {
  const { status, out } = printed(() => refstring.run(['--ostep', '-a', pages.join(','), '-C', String(frames), '-p', name, '-s', String(seed), '-c']));
  expect(status).toBe(0);
  return out.split('\n').filter((l) => l.startsWith('Access:'));
}

const page = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 9_999_999 }));

describe('the homework trace (refstring --ostep -c)', () => {
  for (const name of Object.keys(HOMEWORK)) {
    it(`${name}: every line is the simulator's step, as paging-policy.py prints it`, () => {
      fc.assert(
        fc.property(fc.array(page, { minLength: 1, maxLength: 150, size: 'max' }), fc.integer({ min: 1, max: 9 }), fc.nat(1000), (pages, frames, seed) => {
          expect(printedTrace(pages, frames, name, seed)).toEqual(homeworkTrace(pages, frames, name, seed));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('past the pages whose line beginnings are prepared, with 70 frames and counters past 10^4', () => {
    const pages = longTrace(7);
    for (const name of ['FIFO', 'LRU', 'CLOCK']) {
      for (const frames of [1, 5, 70]) expect(printedTrace(pages, frames, name, 3)).toEqual(homeworkTrace(pages, frames, name, 3));
    }
  });
});
