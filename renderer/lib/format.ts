/*
 * Number formatting shared by the graph, the text view and the event log: addresses in
 * hex padded to the machine's width, sizes in the units a textbook would use. Pure
 * functions, no DOM, so the unit tests and the worker can use them too.
 */
/** `0x1a` style, no padding. */
export function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** An address padded to the number of hex digits the address space needs (16 bits → 4 digits). */
export function hexAddr(n: number, bits: number): string {
  const digits = Math.max(1, Math.ceil(bits / 4));
  return '0x' + n.toString(16).padStart(digits, '0');
}

/** Bytes as B / KiB / MiB, exact when it divides. */
export function bytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} B`;
}
