/*
 * Sentences with a few marked-up words (a `code` command, a `kbd` key, a link) stay one
 * message: the words are placeholders ({codeHelp}, {kbdUp}, {linkLibrary}), formatted as
 * markers and split back into parts here, so a translator can move them freely and
 * Rich.svelte renders each part with its tag. Nothing is parsed as HTML.
 *
 *   slots('codeHelp', 'kbdUp')   the values to format the message with: name → \u0001name\u0002
 *   richParts(text)              the formatted text as [{ text } | { slot }] in order
 */
const OPEN = '\u0001';
const CLOSE = '\u0002';

/** How a slot is drawn. */
export type Mark = { tag: 'code' | 'kbd'; text: string } | { tag: 'a'; text: string; href: string };

export type RichPart = { text: string; slot?: undefined } | { slot: string; text?: undefined };

/** Marker values for the named placeholders. */
export function slots<N extends string>(...names: N[]): Record<N, string> {
  return Object.fromEntries(names.map((n) => [n, `${OPEN}${n}${CLOSE}`])) as Record<N, string>;
}

/** Split a message formatted with `slots(...)` into plain text and the slots, in the order the language put them. */
export function richParts(text: string): RichPart[] {
  const out: RichPart[] = [];
  const re = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index) });
    out.push({ slot: m[1] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
