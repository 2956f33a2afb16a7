/*
 * Experiment benchmark: a 64-point page-replacement sweep over 10^5 references (the
 * issue's goal: well under a second), and one sweep of each machine-running kind at its
 * defaults. The yardstick, measured in the same run, is the least work any sweep must do:
 * 64 passes over the same references, each reading every page and doing one
 * table lookup and store per reference (no policy at all). Prints figures; asserts nothing.
 *
 *   npm run bench
 */
import { parseExperiment, runExperiment } from '../core/experiments/index.ts';
import { generateTrace } from '../core/experiments/traces.ts';
import { EXPERIMENT_KINDS } from '../core/experiments/types.ts';

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const trace = { generate: 'zipf', length: 100_000, pages: 1000, seed: 7 } as const;
const pages = generateTrace(trace);

/** 64 passes over the references, one typed-array read and write per reference: the floor under any 64-point sweep. */
function yardstick(): number {
  let sink = 0;
  for (let k = 1; k <= 64; k++) {
    const slot = new Int32Array(1000).fill(-1);
    for (let t = 0; t < pages.length; t++) {
      const p = pages[t];
      if (slot[p] === k) sink++;
      else slot[p] = k;
    }
  }
  return sink;
}

console.log('Pagewalk experiments benchmark (one core; figures vary with machine load)\n');
const floor = best(5, yardstick);
for (const [label, policies, frames] of [
  ['LRU, frames 1..64', ['lru'], { from: 1, to: 64 }],
  ['FIFO, LRU, CLOCK, OPT, frames 1..256 geometric (×1.45)', ['fifo', 'lru', 'clock', 'opt'], { from: 1, to: 256, times: 1.45 }],
] as const) {
  const spec = parseExperiment({ kind: 'replacement', trace, policies, frames });
  let points = 0;
  const ms = best(5, () => (points = runExperiment(spec).rows.length));
  console.log(`replacement sweep, ${points} points × 10^5 references (${label}): ${ms.toFixed(0)} ms   target well under 1000 ms; ${(ms / floor).toFixed(1)}× the yardstick (${floor.toFixed(1)} ms for 64 bare passes)`);
}
for (const kind of EXPERIMENT_KINDS) {
  const spec = parseExperiment({ kind });
  let points = 0;
  const ms = best(3, () => (points = runExperiment(spec).total));
  console.log(`${kind.padEnd(12)} at its defaults: ${points} points in ${ms.toFixed(0)} ms (${(ms / points).toFixed(1)} ms a point)`);
}
