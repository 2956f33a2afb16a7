/*
 * The page-table entry flags as the snapshot writes them (core/sim/snapshot.ts: "V W U A D
 * COW"), in words: the Text view, the graph's legend and its tooltips all read them here.
 * Each meaning is a message of the catalogue ("word: what it means"), read in the current
 * language whenever FLAG_WORDS[letter] is looked up.
 */
import { t, type MessageKey } from '../i18n/index.ts';

const FLAG_KEYS: Record<string, MessageKey> = {
  V: 'scenario.flag.V',
  R: 'scenario.flag.R',
  W: 'scenario.flag.W',
  X: 'scenario.flag.X',
  NX: 'scenario.flag.NX',
  U: 'scenario.flag.U',
  G: 'scenario.flag.G',
  A: 'scenario.flag.A',
  D: 'scenario.flag.D',
  COW: 'scenario.flag.COW',
};

/** The PTE flag letters the snapshot uses (core/sim/snapshot.ts), in the order it prints them, with their meanings. */
export const FLAG_WORDS: Readonly<Record<string, string>> = Object.defineProperties(
  {},
  Object.fromEntries(Object.entries(FLAG_KEYS).map(([letter, key]) => [letter, { get: () => t(key), enumerable: true }])),
);

/** "W U A D" → "writable, user, accessed, dirty" (the word before each meaning's colon). */
export function flagsInWords(flags: string): string {
  const words = flags
    .split(/\s+/)
    .filter(Boolean)
    .map((f) => FLAG_WORDS[f]?.split(/[:：]/)[0])
    .filter((w): w is string => Boolean(w));
  return words.length ? words.join(t('scenario.flag.join')) : t('scenario.flag.none');
}
