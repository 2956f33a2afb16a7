// The reference string the reference-string benchmarks share (bench:compare, bench:engine):
// reproducible, with locality, as programs touch pages: mostly a small step around the last
// page, sometimes a jump, over 512 pages.

/** `n` page numbers in 0..511. */
export function localityTrace(n) {
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const pages = new Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    p = rand() < 0.9 ? (p + Math.floor(rand() * 9) - 4 + 512) % 512 : Math.floor(rand() * 512);
    pages[i] = p;
  }
  return pages;
}
