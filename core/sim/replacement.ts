/*
 * The reference-string experiment of every operating-systems textbook: a list of page
 * numbers, a number of frames and a replacement policy → for each reference, hit or
 * miss, the page evicted, and the frames' contents after it.
 *
 * Data layout. Frames are numbered slots 0..frameCount-1, filled in order while free, so
 * results read like the textbook tables. The history is compact, four typed arrays with
 * one entry per reference (13 bytes a reference, whatever the number of frames):
 *   pages[t]   the page referenced
 *   hit[t]     1 if it was resident, 0 for a fault
 *   slot[t]    the slot it is in afterwards (a fault loads it there)
 *   victim[t]  the page evicted to make room, or -1
 * The frames after any reference follow by replaying slot[] (`referenceSteps`), so no
 * step stores a copy of all frames. With `history: false` only the counts are kept.
 *
 * Each policy runs in O(1) or O(log C) per reference: a page → slot table, a circular
 * hand (FIFO, CLOCK), a recency list (LRU, MRU), and a heap keyed by next use over a
 * next-use array computed once (OPT, UNOPT). The policies have loops of their own
 * (runFifo, runRecency, runHomeworkList, runOthers) over the tables they share (Frames),
 * so a reference costs what its policy does and no tests of which policy it is: about
 * a fifth less than one loop for all of them.
 *
 * Policies:
 *   fifo, lru, mru  as in every textbook
 *   opt             evict the page used furthest in the future (Belady's MIN)
 *   unopt           evict the page used soonest: the worst choice, for comparison
 *   clock           the textbook circular CLOCK: one use bit per slot, a hand that clears
 *                   bits until it finds a slot whose bit is clear (second chance)
 *   random          a uniformly random slot
 *   ostep-clock     the CLOCK of OSTEP's paging-policy.py: probe resident pages at random,
 *                   each with a use counter capped at `clockBits`, decrementing until one at 0
 *   ostep-rand      the RAND of paging-policy.py: a random position in the resident list
 *                   kept in load order (not a random slot)
 *
 * OPT and UNOPT ties. Pages still to be used have distinct next uses, so ties happen only
 * among pages never used again. `optTies: 'lowest-slot'` (the default) evicts the one in
 * the lowest slot; `optTies: 'ostep'` follows paging-policy.py: OPT evicts the most
 * recently loaded of them, UNOPT the earliest loaded.
 */
import type { ReplacementPolicy } from './profile.ts';
import { PythonRandom } from './mt19937.ts';
import { Rng } from './rng.ts';
import { t as message } from '../i18n/index.ts';

export type ReferencePolicy = ReplacementPolicy | 'unopt' | 'ostep-clock' | 'ostep-rand';
export const REFERENCE_POLICIES: readonly ReferencePolicy[] = ['fifo', 'lru', 'mru', 'opt', 'unopt', 'clock', 'random', 'ostep-clock', 'ostep-rand'];

/** Which generator draws random choices: Pagewalk's own (mulberry32) or Python's `random` (MT19937). */
export type RandomMode = 'pagewalk' | 'python';

/** Something that yields uniform floats in [0, 1): `Rng`, `PythonRandom`. */
export interface RandomSource {
  next(): number;
}

export interface ReferenceOptions {
  /** Seed of the random policies (default 1; the homework's default seed is 0). */
  seed?: number;
  random?: RandomMode;
  /** Continue an existing stream instead (the homework draws its reference string and its evictions from one stream). */
  rng?: RandomSource;
  optTies?: 'lowest-slot' | 'ostep';
  /** ostep-clock: the cap of each page's use counter (paging-policy.py's -b, default 2). */
  clockBits?: number;
  /** false: count hits and faults only (summary mode, no per-reference arrays). */
  history?: boolean;
}

export interface ReferenceHistory {
  /** The references: the input array itself when it was an Int32Array of compact page numbers (not copied), so keep it unchanged. */
  pages: Int32Array;
  hit: Uint8Array;
  slot: Int32Array;
  victim: Int32Array;
}

export interface ReferenceResult {
  policy: ReferencePolicy;
  frameCount: number;
  /** Number of references. */
  length: number;
  hits: number;
  faults: number;
  hitRatio: number;
  optTies: 'lowest-slot' | 'ostep';
  clockBits: number;
  history?: ReferenceHistory;
}

/** One reference with the frames after it, as `referenceSteps` reconstructs it. */
export interface ReferenceStep {
  page: number;
  hit: boolean;
  evicted: number | null;
  /** Frame slot the page is in after this reference. */
  slot: number;
  frames: (number | null)[];
  /** The resident pages in the homework's order: load order, or recency (least recent first) for LRU and MRU. */
  resident: number[];
  /** CLOCK only: use bits after this reference, and where the hand points. */
  useBits?: boolean[];
  hand?: number;
}

/** Largest page number a reference string may hold (pages are stored as 32-bit integers). */
export const MAX_PAGE_NUMBER = 2 ** 31 - 1;

function badReference(t: number, p: number): RangeError {
  return new RangeError(message('scenario.refs.badReference', { n: String(t + 1), value: String(p), max: String(MAX_PAGE_NUMBER) }));
}

export function runReferenceString(pages: ArrayLike<number>, frameCount: number, policy: ReferencePolicy, options: number | ReferenceOptions = {}): ReferenceResult {
  const o: ReferenceOptions = typeof options === 'number' ? { seed: options } : options;
  if (!Number.isInteger(frameCount) || frameCount < 1) throw new RangeError(message('scenario.refs.frames'));
  if (!REFERENCE_POLICIES.includes(policy)) throw new RangeError(message('scenario.refs.policy', { policy: String(policy) }));
  const n = pages.length;
  const C = frameCount;
  const optTies = o.optTies ?? 'lowest-slot';
  const clockBits = o.clockBits ?? 2;
  const rng: RandomSource = o.rng ?? (o.random === 'python' ? new PythonRandom(o.seed ?? 1) : new Rng(o.seed ?? 1));

  // Pages → ids, so that "which slot holds this page" is one array read: the page number
  // itself when the numbers are compact, else dense ids 0..distinct-1 through a Map.
  let maxPage = 0;
  if (pages instanceof Int32Array) {
    // integers no larger than MAX_PAGE_NUMBER by construction (the parser's output): only the sign to check
    for (let t = 0; t < n; t++) {
      const p = pages[t];
      if (p > maxPage) maxPage = p;
      else if (p < 0) throw badReference(t, p);
    }
  } else
    for (let t = 0; t < n; t++) {
      const p = pages[t];
      if (!(p >= 0 && p <= MAX_PAGE_NUMBER && Number.isInteger(p))) throw badReference(t, p);
      if (p > maxPage) maxPage = p;
    }
  let ids: Int32Array;
  let pageOfId: Int32Array | null = null; // null: id = page
  let distinct: number;
  if (maxPage < Math.max(1 << 20, 4 * n)) {
    ids = pages instanceof Int32Array ? pages : Int32Array.from(pages);
    distinct = maxPage + 1;
  } else {
    ids = new Int32Array(n);
    const idOf = new Map<number, number>();
    const list: number[] = [];
    for (let t = 0; t < n; t++) {
      let id = idOf.get(pages[t]);
      if (id === undefined) {
        id = list.length;
        idOf.set(pages[t], id);
        list.push(pages[t]);
      }
      ids[t] = id;
    }
    pageOfId = Int32Array.from(list);
    distinct = list.length;
  }
  const frames: Frames = {
    ids,
    pageOfId,
    slotOfId: new Int32Array(distinct).fill(-1),
    idInSlot: new Int32Array(C).fill(-1),
    frameCount: C,
    history: o.history !== false ? { pages: pageOfId ? new Int32Array(n) : ids, hit: new Uint8Array(n), slot: new Int32Array(n), victim: new Int32Array(n) } : undefined,
  };
  let hits: number;
  switch (policy) {
    case 'fifo':
      hits = runFifo(frames);
      break;
    case 'lru':
    case 'mru':
      hits = runRecency(frames, policy === 'lru');
      break;
    case 'ostep-clock':
    case 'ostep-rand':
      hits = runHomeworkList(frames, rng, policy === 'ostep-clock' ? clockBits : -1);
      break;
    default:
      hits = runOthers(frames, POLICY_CODE[policy], rng, optTies === 'ostep');
  }
  const history = frames.history;
  if (history && pageOfId) for (let t = 0; t < n; t++) history.pages[t] = pageOfId[ids[t]];
  const faults = n - hits;
  return { policy, frameCount, length: n, hits, faults, hitRatio: n ? hits / n : 0, optTies, clockBits, history };
}

/**
 * What every policy's loop shares: the references as ids, the page → slot and slot → page
 * tables, and the history it writes (the pages[] column is filled afterwards, in one copy).
 * Each loop below is one policy's algorithm over these, with its own state as locals.
 */
interface Frames {
  ids: Int32Array;
  /** id → page number, or null when the id is the page number. */
  pageOfId: Int32Array | null;
  /** id → slot, -1 when not resident. */
  slotOfId: Int32Array;
  /** slot → id, -1 while free. */
  idInSlot: Int32Array;
  frameCount: number;
  history: ReferenceHistory | undefined;
}

/** The page in slot s leaves memory; returns its page number (the victim the history records). */
function evict(s: number, idInSlot: Int32Array, slotOfId: Int32Array, pageOfId: Int32Array | null): number {
  const old = idInSlot[s];
  slotOfId[old] = -1;
  return pageOfId ? pageOfId[old] : old;
}

/** Page id is loaded into slot s. */
function load(s: number, id: number, idInSlot: Int32Array, slotOfId: Int32Array): void {
  idInSlot[s] = id;
  slotOfId[id] = s;
}

/** FIFO: slots are loaded in circular order, so the hand always points at the oldest page. */
function runFifo({ ids, pageOfId, slotOfId, idInSlot, frameCount: C, history }: Frames): number {
  const n = ids.length;
  const hitOf = history?.hit;
  const slotOf = history?.slot;
  const victimOf = history?.victim;
  let hits = 0;
  let used = 0; // slots filled so far
  let hand = 0;
  for (let t = 0; t < n; t++) {
    const id = ids[t];
    let s = slotOfId[id];
    let victim = -1;
    if (s >= 0) {
      hits++;
      if (hitOf) hitOf[t] = 1;
    } else {
      if (used < C) s = used++;
      else {
        s = hand;
        victim = evict(s, idInSlot, slotOfId, pageOfId);
      }
      load(s, id, idInSlot, slotOfId);
      hand = s + 1 === C ? 0 : s + 1;
    }
    if (slotOf) {
      slotOf[t] = s;
      victimOf![t] = victim;
    }
  }
  return hits;
}

/**
 * LRU and MRU: a doubly linked recency list over slots, head = least recent, tail = most
 * recent. A hit moves its slot to the tail; a fault evicts the head (LRU) or the tail (MRU)
 * and the reused slot becomes the tail.
 */
function runRecency({ ids, pageOfId, slotOfId, idInSlot, frameCount: C, history }: Frames, leastRecent: boolean): number {
  const n = ids.length;
  const hitOf = history?.hit;
  const slotOf = history?.slot;
  const victimOf = history?.victim;
  const prev = new Int32Array(C).fill(-1);
  const next = new Int32Array(C).fill(-1);
  let head = -1;
  let tail = -1;
  let hits = 0;
  let used = 0;
  for (let t = 0; t < n; t++) {
    const id = ids[t];
    let s = slotOfId[id];
    let victim = -1;
    if (s >= 0) {
      hits++;
      if (hitOf) hitOf[t] = 1;
      if (tail !== s) {
        // move s to the tail
        const a = prev[s];
        const b = next[s];
        if (a >= 0) next[a] = b;
        else head = b;
        prev[b] = a;
        prev[s] = tail;
        next[s] = -1;
        next[tail] = s;
        tail = s;
      }
    } else {
      if (used < C) {
        s = used++;
        prev[s] = tail;
        if (tail >= 0) next[tail] = s;
        else head = s;
        tail = s;
      } else {
        s = leastRecent ? head : tail;
        if (s !== tail) {
          // the reused slot becomes the most recent: move it to the tail
          const b = next[s];
          head = b;
          prev[b] = -1;
          prev[s] = tail;
          next[s] = -1;
          next[tail] = s;
          tail = s;
        }
        victim = evict(s, idInSlot, slotOfId, pageOfId);
      }
      load(s, id, idInSlot, slotOfId);
    }
    if (slotOf) {
      slotOf[t] = s;
      victimOf![t] = victim;
    }
  }
  return hits;
}

/**
 * The homework's own policies over its `memory` list, the resident slots in load order:
 * RAND (clockBits < 0) evicts the slot at a random position of the list; its CLOCK probes
 * random positions, each slot with a use counter capped at clockBits (1 on load, +1 per
 * hit), decrementing until it finds one at 0.
 */
function runHomeworkList({ ids, pageOfId, slotOfId, idInSlot, frameCount: C, history }: Frames, rng: RandomSource, clockBits: number): number {
  const n = ids.length;
  const hitOf = history?.hit;
  const slotOf = history?.slot;
  const victimOf = history?.victim;
  const clock = clockBits >= 0;
  const counter = new Int32Array(clock ? C : 0);
  const list = new Int32Array(C);
  let length = 0;
  let hits = 0;
  let used = 0;
  for (let t = 0; t < n; t++) {
    const id = ids[t];
    let s = slotOfId[id];
    let victim = -1;
    if (s >= 0) {
      hits++;
      if (hitOf) hitOf[t] = 1;
      if (clock) counter[s] = Math.min(counter[s] + 1, clockBits);
    } else {
      if (used < C) s = used++;
      else {
        let i = Math.floor(rng.next() * C);
        if (clock) {
          // a probed slot with a use count left gives one up, and the next probe is drawn
          while (counter[list[i]] > 0) {
            counter[list[i]]--;
            i = Math.floor(rng.next() * C);
          }
        }
        s = list[i];
        removeAt(list, i, length--);
        victim = evict(s, idInSlot, slotOfId, pageOfId);
      }
      load(s, id, idInSlot, slotOfId);
      if (clock) counter[s] = 1;
      list[length++] = s;
    }
    if (slotOf) {
      slotOf[t] = s;
      victimOf![t] = victim;
    }
  }
  return hits;
}

/** Removes list[i] from the first `length` entries, shifting the rest down: a loop for a homework's few slots, a memmove (copyWithin) for many. */
function removeAt(list: Int32Array, i: number, length: number): void {
  if (length - i > 64) list.copyWithin(i, i + 1, length);
  else for (let j = i + 1; j < length; j++) list[j - 1] = list[j];
}

/**
 * OPT and UNOPT (a heap of slots keyed by next use, over a next-use array computed once),
 * the textbook CLOCK (a use bit per slot, a hand that clears bits until it finds a clear
 * one) and RANDOM (a uniformly random slot).
 */
function runOthers({ ids, pageOfId, slotOfId, idInSlot, frameCount: C, history }: Frames, P: number, rng: RandomSource, ostepTies: boolean): number {
  const n = ids.length;
  const hitOf = history?.hit;
  const slotOf = history?.slot;
  const victimOf = history?.victim;
  let hand = 0; // clock: next slot to consider
  const use = new Uint8Array(P === CLOCK ? C : 0);
  const heap = P === OPT || P === UNOPT ? new SlotHeap(C) : null;
  const nextUse = heap ? nextUses(ids, slotOfId.length) : new Int32Array(0);
  const loadedAt = new Float64Array(heap ? C : 0);
  let hits = 0;
  let used = 0;
  for (let t = 0; t < n; t++) {
    const id = ids[t];
    let s = slotOfId[id];
    let victim = -1;
    if (s >= 0) {
      hits++;
      if (hitOf) hitOf[t] = 1;
      if (P === CLOCK) use[s] = 1;
      else if (heap) heap.update(s, heapKey(P, nextUse[t], n, C, s, loadedAt[s], ostepTies));
    } else {
      if (used < C) s = used++;
      else {
        // Choose the victim's slot.
        if (P === RANDOM) s = Math.floor(rng.next() * C);
        else if (P === CLOCK) {
          while (use[hand]) {
            use[hand] = 0;
            hand = hand + 1 === C ? 0 : hand + 1;
          }
          s = hand;
        } else s = heap!.top();
        victim = evict(s, idInSlot, slotOfId, pageOfId);
      }
      load(s, id, idInSlot, slotOfId);
      if (P === CLOCK) {
        use[s] = 1;
        hand = s + 1 === C ? 0 : s + 1;
      } else if (heap) {
        loadedAt[s] = t;
        const k = heapKey(P, nextUse[t], n, C, s, t, ostepTies);
        if (victim < 0) heap.push(s, k);
        else heap.update(s, k);
      }
    }
    if (slotOf) {
      slotOf[t] = s;
      victimOf![t] = victim;
    }
  }
  return hits;
}

// runOthers' policies as small numbers for its per-reference tests.
const OPT = 0;
const UNOPT = 1;
const CLOCK = 2;
const RANDOM = 3;
const POLICY_CODE: Record<'opt' | 'unopt' | 'clock' | 'random', number> = { opt: OPT, unopt: UNOPT, clock: CLOCK, random: RANDOM };

/**
 * OPT/UNOPT heap key of the page in slot s whose next use is `nu` (n = never): bigger is
 * evicted first. Pages never used again are infinitely far; among them the tie goes to
 * the lowest slot, or as the homework does, by load time.
 */
function heapKey(P: number, nu: number, n: number, C: number, s: number, loadedAt: number, ostepTies: boolean): number {
  if (nu < n) return P === OPT ? nu : -nu;
  if (P === OPT) return ostepTies ? n + 1 + loadedAt : n + C - s;
  return ostepTies ? -(2 * n + 2 + loadedAt) : -(2 * n + 2 + s);
}

/** For each reference, the index of the next reference to the same page (n if none), in one backward pass. */
export function nextUses(ids: Int32Array, distinct: number): Int32Array {
  const n = ids.length;
  const out = new Int32Array(n);
  const seen = new Int32Array(distinct).fill(n);
  for (let t = n - 1; t >= 0; t--) {
    out[t] = seen[ids[t]];
    seen[ids[t]] = t;
  }
  return out;
}

/** A max-heap of slots by key, with each slot's position kept so a key can change in O(log C). */
class SlotHeap {
  private readonly slots: Int32Array;
  private readonly keys: Float64Array;
  private readonly pos: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    this.slots = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  push(slot: number, key: number): void {
    const i = this.size++;
    this.slots[i] = slot;
    this.pos[slot] = i;
    this.keys[slot] = key;
    this.up(i);
  }

  top(): number {
    return this.slots[0];
  }

  update(slot: number, key: number): void {
    const old = this.keys[slot];
    this.keys[slot] = key;
    if (key > old) this.up(this.pos[slot]);
    else this.down(this.pos[slot]);
  }

  private swap(i: number, j: number): void {
    const a = this.slots[i];
    const b = this.slots[j];
    this.slots[i] = b;
    this.slots[j] = a;
    this.pos[b] = i;
    this.pos[a] = j;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[this.slots[p]] >= this.keys[this.slots[i]]) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.keys[this.slots[l]] > this.keys[this.slots[m]]) m = l;
      if (r < this.size && this.keys[this.slots[r]] > this.keys[this.slots[m]]) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

/**
 * The references `from` ..< `to` with the frames after each, rebuilt from the compact
 * history by replaying it from the start (the frames at a reference depend on all
 * before it). For ostep-clock the use counters are not rebuilt (they depend on random
 * probes that the history does not keep).
 */
export function referenceSteps(result: ReferenceResult, from = 0, to = result.length): ReferenceStep[] {
  const h = result.history;
  if (!h) throw new Error('this result was computed without history (summary mode)');
  const C = result.frameCount;
  const recency = result.policy === 'lru' || result.policy === 'mru';
  const frames: (number | null)[] = new Array(C).fill(null);
  const resident: number[] = []; // the homework's list
  const use = result.policy === 'clock' ? new Array<boolean>(C).fill(false) : null;
  let hand = 0;
  const out: ReferenceStep[] = [];
  const end = Math.min(to, result.length);
  for (let t = 0; t < end; t++) {
    const page = h.pages[t];
    const s = h.slot[t];
    const hit = h.hit[t] === 1;
    const victim = h.victim[t];
    if (hit) {
      if (recency) {
        resident.splice(resident.indexOf(page), 1);
        resident.push(page);
      }
    } else {
      if (victim >= 0) resident.splice(resident.indexOf(victim), 1);
      resident.push(page);
      if (use && victim >= 0) {
        // The hand swept from where it stood to the victim's slot, clearing the bits it passed;
        // if every bit was set it went all the way round, clearing them all.
        if (s === hand && use[hand]) use.fill(false);
        else for (let i = hand; i !== s; i = (i + 1) % C) use[i] = false;
      }
      frames[s] = page;
      hand = (s + 1) % C;
    }
    if (use) use[s] = true;
    if (t >= from) {
      const step: ReferenceStep = { page, hit, evicted: victim >= 0 ? victim : null, slot: s, frames: [...frames], resident: [...resident] };
      if (use) {
        step.useBits = [...use];
        step.hand = hand;
      }
      out.push(step);
    }
  }
  return out;
}

/** The result as plain JSON (typed arrays as lists), for `--json` output. */
export function referenceToJSON(result: ReferenceResult): Record<string, unknown> {
  const { history, ...rest } = result;
  if (!history) return rest;
  return { ...rest, history: { pages: Array.from(history.pages), hit: Array.from(history.hit, (x) => x === 1), slot: Array.from(history.slot), victim: Array.from(history.victim, (v) => (v < 0 ? null : v)) } };
}

/** JSON.stringify replacer that writes typed arrays as lists (results hold reference histories). */
export function typedArraysAsLists(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
}
