/*
 * A long reference string for the printers' tests: 12,000 references with locality over
 * about 6,000 distinct pages spread to 7-digit numbers, more distinct pages than the trace
 * printer prepares line beginnings for, and long enough for the resident list's text to
 * travel through its whole buffer and back.
 */
export function longTrace(seed: number): number[] {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const pages: number[] = [];
  let p = 0;
  for (let i = 0; i < 12_000; i++) {
    p = rand() < 0.7 ? Math.max(0, p + Math.floor(rand() * 9) - 4) : Math.floor(rand() * 6000) * 1013;
    pages.push(p);
  }
  return pages;
}
