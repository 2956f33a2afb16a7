/*
 * The page-table entry flags as the snapshot writes them (core/sim/snapshot.ts: "V W U A D
 * COW"), in words: the Text view, the graph's legend and its tooltips all read them here.
 */

/** The PTE flag letters the snapshot uses (core/sim/snapshot.ts), in the order it prints them. */
export const FLAG_WORDS: Record<string, string> = {
  V: 'valid: the entry maps something',
  R: 'readable',
  W: 'writable',
  X: 'executable',
  NX: 'no-execute: instructions may not be fetched from the page',
  U: 'user: the process may use it (without U, only the kernel)',
  G: 'global: kept in the TLB across address-space switches',
  A: 'accessed: the MMU set it when the page was used',
  D: 'dirty: the MMU set it when the page was written',
  COW: 'copy-on-write: shared read-only; a write faults and the kernel copies the page',
};

/** "W U A D" → "writable, user, accessed, dirty". */
export function flagsInWords(flags: string): string {
  const words = flags
    .split(/\s+/)
    .filter(Boolean)
    .map((f) => FLAG_WORDS[f]?.split(':')[0])
    .filter((w): w is string => Boolean(w));
  return words.length ? words.join(', ') : 'no flags';
}
