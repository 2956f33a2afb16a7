/*
 * The stride-timing worker: times one read per page (a 4 KiB stride) over working sets of
 * growing size in an ArrayBuffer, on the real machine, for "Measure your own computer".
 *
 * Method. Every page of the buffer is written once first, so each is backed by its own
 * frame (a fresh buffer's pages may all map the same zero page). For each working set of N
 * pages: calibrate — double the number of passes over the N pages until one measurement
 * lasts at least `minMillis` (browsers coarsen performance.now(), to 100 µs or more without
 * cross-origin isolation, so short measurements would be mostly rounding); run one
 * measurement as a warm-up and discard it; then keep `repeats` measurements and report
 * their median ns per access, with the lowest and highest. It runs in its own worker so the
 * screen stays responsive; the screen cancels it by terminating the worker.
 */
import { median, STRIDE_BYTES, type MeasureReport, type MeasureRequest } from './protocol.ts';

const post = (r: MeasureReport) => (self as unknown as { postMessage(m: MeasureReport): void }).postMessage(r);

/** The smallest positive step between readings of performance.now(), over about 20 ms. */
function timerStep(): number {
  let best = Infinity;
  const end = performance.now() + 20;
  let last = performance.now();
  for (let seen = 0; seen < 1000; ) {
    const t = performance.now();
    if (t !== last) {
      best = Math.min(best, t - last);
      last = t;
      seen++;
    }
    if (t > end) break;
  }
  return best;
}

let checksum = 0;

/** Milliseconds for `passes` passes of one read per page over the first `pages` pages. */
function timePasses(bytes: Uint8Array, pages: number, passes: number): number {
  const limit = pages * STRIDE_BYTES;
  let sum = 0;
  const t0 = performance.now();
  for (let p = 0; p < passes; p++) for (let off = 0; off < limit; off += STRIDE_BYTES) sum += bytes[off];
  const t1 = performance.now();
  checksum = (checksum + sum) | 0;
  return t1 - t0;
}

function measure(req: MeasureRequest): void {
  const step = timerStep();
  post({ type: 'timer', stepMillis: step, crossOriginIsolated: (self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true });
  const maxPages = Math.max(...req.pages);
  const bytes = new Uint8Array(maxPages * STRIDE_BYTES);
  for (let i = 0; i < maxPages; i++) bytes[i * STRIDE_BYTES] = i & 0xff;
  for (const pages of req.pages) {
    let passes = 1;
    while (timePasses(bytes, pages, passes) < req.minMillis && passes < 2 ** 30) passes *= 2;
    timePasses(bytes, pages, passes); // warm-up, discarded
    const samples: number[] = [];
    for (let r = 0; r < req.repeats; r++) samples.push((timePasses(bytes, pages, passes) * 1e6) / (passes * pages));
    const accesses = passes * pages;
    post({ type: 'point', pages, nsPerAccess: median(samples), lowNs: Math.min(...samples), highNs: Math.max(...samples), accesses, resolutionNs: (step * 1e6) / accesses });
  }
  post({ type: 'done', checksum });
}

self.onmessage = (e: MessageEvent<MeasureRequest>) => {
  try {
    measure(e.data);
  } catch (err) {
    // An allocation of up to 64 MiB can fail on a small machine: say so rather than hang.
    post({ type: 'fail', message: err instanceof Error ? err.message : String(err) });
  }
};
