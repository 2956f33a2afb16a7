/*
 * Give-aways: does a text state a quiz's answer, so that a learner can read it instead
 * of predicting it? Used by the validator (narrative, prompt, order items, the concealed
 * state text) and by the tests that prove the built-in pack gives nothing away.
 *
 * A bare number is everywhere in a lesson ("frame 8", "page 1", "4 entries"), so an
 * answer counts as given away only in the context that gives it meaning:
 *
 *   frame 8                  "frame 8", "→ 8", "PFN 8"           (state: on a line that also names the page)
 *   physical address 0x8004  any hex literal of that value        (state: with the page)
 *   value 42                 "reads 42", "value 42", "= 42"
 *   tlb hit / miss           "is a hit", "will miss"
 *   hit/miss sequences       the exact sequence; "every read misses" for a uniform one
 *   words (cow-copy, …)      the word, when no other option is named beside it
 *   fault level 1            "level-1 … not valid"
 *   counts                   "248 free", "RSS 3", "mapped 2 times", "3 faults", "2 hits"
 *   node 1 / cost 3          "page lands on node 1", "cost 3"    (state: node with the page)
 *
 * Each check returns the excerpt that gives the answer away (for the warning), or null.
 */
import type { Observation } from './schema.ts';
import type { AnswerValue } from './observe.ts';

export interface GiveawayContext {
  what: Observation;
  answer: AnswerValue;
  /** The observed access's virtual address (the last access), for state lines that pair a value with its page. */
  va: number | null;
  pageSize: number;
  /** Other answers the learner chooses between (choice options, the observation's word list). */
  alternatives: string[];
  /** refcount: the frames in question (before and after the observed access), whose rows would state the count. */
  frames: number[];
  /** rss / pss: the process asked about (a state line counts only when it is that process's). */
  process: string | null;
  /** yes/no questions ask "is it X?": the prompt naming X is the question, not a give-away. */
  kind: string;
}

export interface Revealer {
  /** In prose (narrative, prompt, an item label): the excerpt that states the answer, or null. */
  prose(text: string): string | null;
  /** On one line of the state text: whether it states the answer. */
  state(line: string): boolean;
  /** false when no line of the state can state this answer (the state check can be skipped). */
  readsState: boolean;
}

const NEVER: Revealer = { prose: () => null, state: () => false, readsState: false };

/** A revealer that only looks at prose. */
function proseOnly(prose: (text: string) => string | null): Revealer {
  return { prose, state: () => false, readsState: false };
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number as a whole token: 8 matches "frame 8." but not "0x8", "18" or "8.5". */
function num(n: number): string {
  const s = Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
  return `(?<![\\w.])${esc(s)}(?![\\w]|\\.\\d)`;
}

/** Markdown emphasis and code marks do not change what a sentence says. */
function plain(text: string): string {
  return text.replace(/[*_`]/g, '');
}

function excerpt(text: string, m: RegExpExecArray): string {
  const from = Math.max(0, m.index - 30);
  const to = Math.min(text.length, m.index + m[0].length + 30);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

function byPatterns(patterns: RegExp[], subject: ((line: string) => boolean) | null): Revealer {
  const compiled = patterns.map((p) => new RegExp(p.source, p.flags.replace('g', '')));
  return {
    prose(text) {
      const t = plain(text);
      for (const p of compiled) {
        const m = p.exec(t);
        if (m) return excerpt(t, m);
      }
      return null;
    },
    state(line) {
      const t = plain(line);
      return compiled.some((p) => p.test(t)) && (subject === null || subject(t));
    },
    readsState: true,
  };
}

const HEX_LITERAL = /0x[0-9a-f_]+/gi;

/** The values of the hex literals in `text` (the state check calls this for every line of every instance). */
function hexValues(text: string): number[] {
  const out: number[] = [];
  HEX_LITERAL.lastIndex = 0;
  for (let m = HEX_LITERAL.exec(text); m !== null; m = HEX_LITERAL.exec(text)) out.push(parseInt(m[0].slice(2).replace(/_/g, ''), 16));
  return out;
}

/** A line names the page of `va` (its page address or the address itself, in hex). */
function namesPage(va: number | null, pageSize: number): ((line: string) => boolean) | null {
  if (va === null) return null;
  const page = va - (va % pageSize);
  return (line) => hexValues(line).some((v) => v === page || v === va);
}

function sentences(text: string): string[] {
  // Sentences, and list items (a bullet is a statement of its own).
  return plain(text).split(/(?<=[.!?;])\s+|\n\s*\n|\n\s*[-*+]\s+|\n\s*\d+\.\s+/);
}

const MISS_WORDS = /\b(miss(es|ed)?|thrown out|evicted|pushed out)\b/i;
const HIT_WORDS = /\bhits?\b/i;
const ALL_WORDS = /\b(every|each|all|always|never)\b/i;

/** The sequence written out, in any of the usual separators. */
function sequenceRevealer(items: string[], uniform: boolean): Revealer {
  const sep = '[\\s,;/→·]+';
  const exact = items.length >= 3 ? new RegExp(`(?<![\\w-])${items.map(esc).join(sep)}(?![\\w-])`, 'i') : null;
  return {
    prose(text) {
      const t = plain(text);
      if (exact) {
        const m = exact.exec(t);
        if (m) return excerpt(t, m);
      }
      if (uniform && items.length >= 3) {
        const words = items[0] === 'miss' ? MISS_WORDS : items[0] === 'hit' ? HIT_WORDS : null;
        const other = items[0] === 'miss' ? HIT_WORDS : MISS_WORDS;
        // "Predict hit or miss for each read" names both: only a sentence about one outcome gives it away.
        const s = words ? sentences(text).find((x) => ALL_WORDS.test(x) && words.test(x) && !other.test(x)) : undefined;
        if (s) return s.trim().slice(0, 120);
      }
      return null;
    },
    state: (line) => exact !== null && exact.test(plain(line)),
    readsState: exact !== null,
  };
}

/**
 * A word answer (cow-copy, not-present, …) named in a sentence (or list item) that names
 * no other option: "a write to a shared page … (cow-copy)" tells the answer, while "the
 * kernel may resolve it by demand-zero, cow-copy or swap-in" only lists the choices.
 */
function wordRevealer(word: string, alternatives: string[]): Revealer {
  if (word.length < 3 || /^(none|yes|no)$/i.test(word)) return NEVER;
  const token = (w: string) => new RegExp(`(?<![\\w-])${esc(w)}(?![\\w-])`, 'i');
  const others = alternatives.filter((a) => a.toLowerCase() !== word.toLowerCase() && a.length >= 3 && !/^(none|yes|no)$/i.test(a)).map(token);
  const mine = token(word);
  return {
    prose(text) {
      const s = sentences(text).find((x) => mine.test(x) && !others.some((o) => o.test(x)));
      return s === undefined ? null : s.trim();
    },
    state: (line) => mine.test(plain(line)),
    readsState: true,
  };
}

/** How the answer of this observation would be stated in a text. */
export function revealerFor(ctx: GiveawayContext): Revealer {
  const a = ctx.answer;
  const subject = namesPage(ctx.va, ctx.pageSize);
  switch (ctx.what) {
    case 'physical-address': {
      if (typeof a !== 'number') return NEVER;
      const hexIs = (text: string) => hexValues(text).includes(a);
      return {
        prose(text) {
          const m = [...plain(text).matchAll(/0x[0-9a-f_]+/gi)].find((x) => parseInt(x[0].slice(2).replace(/_/g, ''), 16) === a);
          return m ? excerpt(plain(text), m as RegExpExecArray) : null;
        },
        // The page's own address is on its rows; the answer counts only when it differs from it.
        state: (line) => ctx.va !== a && hexIs(line) && (subject === null || subject(line)),
        readsState: true,
      };
    }
    case 'frame':
      if (typeof a !== 'number') return NEVER;
      return byPatterns([new RegExp(`\\b(?:page frame|frame(?: number)?|pfn)\\s*(?:#|:|=|is)?\\s*${num(a)}`, 'i'), new RegExp(`→\\s*(?:frame\\s*)?${num(a)}`, 'i')], subject);
    case 'evicted-frame':
      if (typeof a !== 'number') return NEVER;
      return proseOnly(byPatterns([new RegExp(`\\bevict\\w*[^.]{0,40}\\bframe\\s+${num(a)}`, 'i'), new RegExp(`\\bframe\\s+${num(a)}[^.]{0,30}\\bevicted`, 'i')], null).prose);
    case 'value':
      if (typeof a !== 'number') return NEVER;
      return proseOnly(byPatterns([new RegExp(`\\b(?:reads?|read back|value (?:is|was|will be)|gives?|returns?|sees?|gets?)\\s*:?\\s*(?:the\\s+)?(?:value\\s+|byte\\s+)?${num(a)}`, 'i'), new RegExp(`(?:=|→)\\s*${num(a)}`, 'i')], null).prose);
    case 'tlb':
      if (a !== 'hit' && a !== 'miss') return NEVER;
      return {
        prose: byPatterns([new RegExp(`\\b(?:is|was|will be|will|would be|would|gives?|→)\\s+(?:an?\\s+)?(?:TLB\\s+)?${a === 'hit' ? 'hits?' : 'miss(?:es|ed)?'}\\b`, 'i')], null).prose,
        state: () => false,
        readsState: false,
      };
    case 'tlb-sequence':
    case 'reference-sequence':
      return Array.isArray(a) ? sequenceRevealer(a, a.every((x) => x === a[0])) : NEVER;
    case 'reference-evictions': {
      if (!Array.isArray(a)) return NEVER;
      const pages = a.filter((x) => x !== '-');
      if (pages.length < 3) return NEVER;
      return proseOnly(byPatterns([new RegExp(`\\bevict\\w*[^.]{0,40}${pages.map(esc).join('[\\s,;→]+(?:then\\s+)?')}(?![\\w])`, 'i')], null).prose);
    }
    case 'fault-cause':
    case 'fault-resolution':
    case 'evicted-process':
      return typeof a === 'string' ? proseOnly(wordRevealer(a, ctx.alternatives).prose) : NEVER;
    case 'evicted-page': {
      if (typeof a !== 'string' || a === 'none') return NEVER;
      const [proc, addr] = a.split(' ');
      const v = parseInt(addr.slice(2), 16);
      return {
        prose(text) {
          const t = plain(text);
          const m = new RegExp(`\\bevict\\w*[^.]{0,40}\\b${esc(proc)}(?:'s)?\\s+(0x[0-9a-f]+)`, 'i').exec(t);
          return m && parseInt(m[1].slice(2), 16) === v ? excerpt(t, m) : null;
        },
        state: () => false,
        readsState: false,
      };
    }
    case 'fault-level': {
      if (typeof a !== 'number') return NEVER;
      const at = (n: number) => {
        const lv = `level[- ]${num(n)}`;
        return byPatterns([new RegExp(`\\b${lv}[^.]{0,60}\\b(?:not valid|invalid|faults?|missing|absent)\\b`, 'i'), new RegExp(`\\b(?:not valid|invalid|faults?)\\b[^.]{0,40}\\bat\\s+(?:the\\s+)?${lv}`, 'i')], null);
      };
      const others = [0, 1, 2, 3, 4].filter((n) => n !== a).map(at);
      return {
        // A text that describes a fault at every level explains the walk; one that names only this level gives it away.
        prose: (text) => {
          const hit = at(a).prose(text);
          return hit && !others.some((o) => o.prose(text)) ? hit : null;
        },
        state: () => false,
        readsState: false,
      };
    }
    case 'faults':
      if (typeof a !== 'boolean') return NEVER;
      return proseOnly(byPatterns([a ? /\b(?:will|does|would)\s+(?:page\s+)?fault\b/i : /\b(?:will|does|would)\s+not\s+fault\b|\bwithout\s+a\s+(?:page\s+)?fault\b/i], null).prose);
    case 'segfault':
      if (typeof a !== 'boolean') return NEVER;
      return proseOnly(byPatterns([a ? /\b(?:is|will be|gets)\s+killed\b|\bwill\s+(?:crash|segfault)\b/i : /\bwill\s+not\s+(?:crash|segfault)\b|\bsurvives\b/i], null).prose);
    case 'remote':
      if (typeof a !== 'boolean') return NEVER;
      return proseOnly(byPatterns([new RegExp(`\\b(?:is|will be)\\s+(?:an?\\s+)?${a ? 'remote' : 'local'}\\s+access\\b`, 'i')], null).prose);
    case 'node': {
      if (typeof a !== 'number') return NEVER;
      const nodeRe = new RegExp(`\\bNode:\\s*${num(a)}`);
      return {
        prose: byPatterns([new RegExp(`\\b(?:page|frame|memory|it)\\s+(?:is|lands|goes|sits|lives|ends up|is placed)\\s+(?:on|in)\\s+node\\s+${num(a)}`, 'i')], null).prose,
        state: (line) => nodeRe.test(line) && subject !== null && subject(line) && /Mapped by/.test(line),
        readsState: true,
      };
    }
    case 'cost':
      if (typeof a !== 'number') return NEVER;
      return proseOnly(byPatterns([new RegExp(`\\bcosts?\\s+(?:of\\s+|is\\s+|was\\s+)?${num(a)}`, 'i')], null).prose);
    case 'refcount':
      if (typeof a !== 'number') return NEVER;
      return byPatterns(
        [
          new RegExp(`\\b(?:mapped|shared)\\s+(?:by\\s+)?${num(a)}\\s+(?:times?|mappings?|processes|page tables)\\b`, 'i'),
          new RegExp(`${num(a)}\\s+mappings?\\b`, 'i'),
          new RegExp(`×\\s?${num(a)}`),
          new RegExp(`\\b(?:refcount|mapcount|reference count)\\s*(?:is|of|:|=)?\\s*${num(a)}`, 'i'),
        ],
        // A state line counts only when it is the row of the frame in question.
        (line) => ctx.frames.some((f) => new RegExp(`^Frame: ${f};`).test(line)),
      );
    case 'free-frames':
      if (typeof a !== 'number') return NEVER;
      return byPatterns([new RegExp(`${num(a)}\\s+(?:of\\s+\\d+\\s+)?(?:frames?\\s+)?(?:are\\s+|is\\s+)?(?:still\\s+)?free\\b`, 'i'), new RegExp(`\\bfree(?:\\s+frames)?\\s*(?:is|are|:|=)\\s*${num(a)}`, 'i')], null);
    case 'smaps':
      // A smaps figure is named by its field ("Pss_Dirty: 3"); the process sizes say it when the field is Rss or Pss.
      return typeof a === 'number' ? byPatterns([new RegExp(`\\b(?:Rss|Pss|Shared_\\w+|Private_\\w+|Anonymous|Swap\\w*|Pss_\\w+)\\s*:\\s*${num(a)}\\b`)], null) : NEVER;
    case 'rss':
    case 'pss':
      if (typeof a !== 'number') return NEVER;
      return byPatterns(
        [
          new RegExp(`\\b${ctx.what}\\s*(?:is|of|:|=|was|becomes)?\\s*${num(a)}`, 'i'),
          ...(ctx.what === 'rss' ? [new RegExp(`\\bresident(?: set size)?\\s*(?:is|:|=)?\\s*${num(a)}`, 'i'), new RegExp(`${num(a)}\\s+pages?\\s+resident`, 'i')] : []),
        ],
        ctx.process === null ? null : (line) => line.startsWith(`${ctx.process} `),
      );
    case 'reference-faults':
      return typeof a === 'number' ? byPatterns([new RegExp(`${num(a)}\\s+(?:page\\s+)?faults?\\b`, 'i'), new RegExp(`\\bfaults\\s*(?::|=|is)\\s*${num(a)}`, 'i')], null) : NEVER;
    case 'reference-hits':
      return typeof a === 'number' ? byPatterns([new RegExp(`${num(a)}\\s+hits?\\b`, 'i'), new RegExp(`\\bhits\\s*(?::|=|is)\\s*${num(a)}`, 'i')], null) : NEVER;
    case 'translation-order':
    // A curve is never drawn in the machine's state; the narrative is the author's to keep quiet.
    case 'curve-value':
    case 'curve-settles':
    case 'curve-rises':
      return NEVER;
  }
}

/** Words in an order item that state the outcome of the stage instead of naming it. */
const OUTCOME_IN_LABEL = /\b(hit|miss|not valid|invalid|valid|gives the page frame|points to|not-present|protection|demand-zero|cow-copy|cow-reuse|swap-in|file-read)\b/i;

/** The outcome an order item's label states ("TLB lookup: hit"), or null. */
export function labelStatesOutcome(label: string): string | null {
  const m = OUTCOME_IN_LABEL.exec(label);
  return m ? m[0] : null;
}
