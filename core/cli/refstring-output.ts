/*
 * Printing a reference-string trace of millions of lines fast. A trace line repeats the
 * whole resident list, so the output is O(n·C) bytes (300 MB for 10^6 references at 64
 * frames) even though the result is O(n): the lines are assembled as bytes in 128 KiB
 * blocks (small enough to stay in the cache while the kernel copies them into a pipe),
 * each page's decimal digits rendered once, and written block by block to the descriptor
 * (core/cli/stdout.ts), so the process holds one block whoever reads the trace.
 *
 * Two layouts: the homework's (`Access: 3  MISS FirstIn ->    [1, 2, 3] <- Lastin  …`,
 * exactly as paging-policy.py -c prints it) and the textbook table (frames in slot order,
 * or the resident list in the homework's order).
 *
 * The words of both layouts come from the message catalogue (English: exactly the homework's),
 * turned into UTF-8 bytes once per run; columns are padded by display width, so a Chinese
 * word (two columns a character) still lines up.
 */
import type { ReferenceResult } from '../sim/replacement.ts';
import { t } from '../i18n/index.ts';
import { stdout, writeText } from './stdout.ts';

const BLOCK = 1 << 17;

const SMALL_PAGES = 1 << 16;

/** Each distinct page's decimal digits, rendered once: page → id, id → bytes. */
class PageDigits {
  private readonly idOf = new Map<number, number>();
  /** id + 1 of pages below SMALL_PAGES (0: not seen yet), so the common case is one array read. */
  private readonly small = new Int32Array(SMALL_PAGES);
  readonly start: number[] = [];
  readonly length: number[] = [];
  private data = new Uint8Array(4096);
  private used = 0;

  id(page: number): number {
    if (page < SMALL_PAGES) {
      const known = this.small[page];
      return known !== 0 ? known - 1 : this.add(page);
    }
    return this.idOf.get(page) ?? this.add(page);
  }

  /** A page seen for the first time: its digits rendered. Kept out of id() so the common path stays small for the JIT. */
  private add(page: number): number {
    const id = this.start.length;
    if (page < SMALL_PAGES) this.small[page] = id + 1;
    else this.idOf.set(page, id);
    const s = String(page);
    if (this.used + s.length > this.data.length) {
      const bigger = new Uint8Array(this.data.length * 2 + s.length);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.start.push(this.used);
    this.length.push(s.length);
    for (let i = 0; i < s.length; i++) this.data[this.used++] = s.charCodeAt(i);
    return id;
  }

  /** The digits of every page seen so far (a new page may move them to a bigger array: read it after id()). */
  get bytes(): Uint8Array {
    return this.data;
  }
}

/** The words either side of the homework's list, per policy (Python pads "Lastin" and "Left" to the other word's width). */
function leftRight(policy: string): [string, string] {
  if (policy === 'fifo') return pairPadded(t('shell.cli.refstring.ostep.firstIn'), t('shell.cli.refstring.ostep.lastIn'), false);
  if (policy === 'lru' || policy === 'mru') return ['LRU', 'MRU'];
  return pairPadded(t('shell.cli.refstring.ostep.left'), t('shell.cli.refstring.ostep.right'), true);
}

/** Columns a text takes in a terminal: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** The homework prints 'FirstIn'/'Lastin ' and 'Left '/'Right': the shorter word padded to the longer (the first, or the second with `padFirst`). */
function pairPadded(a: string, b: string, padFirst: boolean): [string, string] {
  const w = Math.max(displayWidth(a), displayWidth(b));
  return padFirst ? [padEnd(a, w), b] : [a, padEnd(b, w)];
}

/** Python's "%.2f" (round half to even on the exact binary value; JavaScript's toFixed rounds half up). */
export function pythonFixed2(x: number): string {
  const scaled = x * 100;
  const fl = Math.floor(scaled);
  if (scaled - fl === 0.5 && fl % 2 === 0) return (fl / 100).toFixed(2);
  return x.toFixed(2);
}

/**
 * A resident list kept as the text a line prints for it: "[", then the entries with ", "
 * (the homework's trace) or " " (the table) between them; the caller writes what follows
 * the last entry. The entries' text is a window in `mem` that only moves forward: evicting
 * the oldest entry (every FIFO and LRU eviction) just moves its start, an entry taken from
 * the middle moves the shorter side over it, and when the window reaches the end of its area
 * it is copied back to the beginning (once every few thousand pushes). The bytes before the
 * window are free, so "[" and the padding of a short list are written there for each line.
 * The ids are kept the same way.
 */
class BracketedList {
  /** The entries' page ids, at [head, head + size), in twice the capacity so the window can move. */
  private readonly ids: Int32Array;
  private head = 0;
  size = 0;
  /** Where the first entry's text starts. */
  private start: number;
  /** Where the text of the entries ends: what follows is the caller's. */
  textEnd: number;
  /** Bytes between two entries: ", " or " ". */
  private readonly sepLen: number;
  private readonly home: number;
  private readonly view: DataView;

  constructor(
    capacity: number,
    private readonly digits: PageDigits,
    private readonly mem: Uint8Array,
    /** The window's area, [areaAt, areaEnd): at least capacity * 12 bytes and room to move. */
    areaAt: number,
    private readonly areaEnd: number,
    separator: ', ' | ' ',
    /** The columns "[…]" is right-aligned in (0: not aligned). */
    private readonly alignTo: number,
  ) {
    this.ids = new Int32Array(2 * capacity);
    this.view = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
    this.sepLen = separator.length;
    this.home = areaAt + Math.max(1, alignTo);
    this.start = this.textEnd = this.home;
  }

  /** Where a line's copy of the list starts: "[" (and the padding a short list needs) written just before the entries. */
  lineStart(): number {
    const mem = this.mem;
    let s = this.start - 1;
    mem[s] = 91; // [
    if (this.alignTo) for (let pad = this.alignTo - 2 - (this.textEnd - this.start); pad > 0; pad--) mem[--s] = 32;
    return s;
  }

  /** The most recently used or loaded page (the list's last entry), or -1. */
  get last(): number {
    return this.size ? this.ids[this.head + this.size - 1] : -1;
  }

  /**
   * Take page `id` out of the list, with one of the separators beside it. A victim is usually
   * the oldest entry, at the front; a page hit under LRU was usually used lately, near the end:
   * `fromEnd` searches from there.
   */
  remove(id: number, fromEnd = false): void {
    const lengths = this.digits.length;
    const ids = this.ids;
    const h = this.head;
    const sep = this.sepLen;
    let i: number;
    let off: number; // where entry i's digits start
    if (fromEnd) {
      i = this.size - 1;
      off = this.textEnd - lengths[ids[h + i]];
      while (ids[h + i] !== id) off -= lengths[ids[h + --i]] + sep;
    } else {
      i = 0;
      off = this.start;
      while (ids[h + i] !== id) off += lengths[ids[h + i++]] + sep;
    }
    const gone = lengths[id] + sep;
    if (this.size === 1) {
      this.start = this.textEnd = this.home;
      this.head = 0;
    } else if (i === this.size - 1) this.textEnd = off - sep;
    else if (i === 0) {
      this.start += gone;
      this.head++;
    } else if (2 * i < this.size) {
      // nearer the front: the entries before it move forward over it
      moveText(this.mem, this.view, this.start + gone, this.start, off);
      this.start += gone;
      moveIds(ids, h + 1, h, h + i);
      this.head++;
    } else {
      moveText(this.mem, this.view, off, off + gone, this.textEnd);
      this.textEnd -= gone;
      moveIds(ids, h + i, h + i + 1, h + this.size);
    }
    this.size--;
  }

  push(id: number): void {
    const mem = this.mem;
    const length = this.digits.length[id];
    if (this.textEnd + this.sepLen + length > this.areaEnd) this.moveHome();
    let l = this.textEnd;
    if (this.size) {
      if (this.sepLen === 2) mem[l++] = 44; // ,
      mem[l++] = 32;
    }
    const d = this.digits.bytes;
    for (let k = this.digits.start[id], e = k + length; k < e; k++) mem[l++] = d[k];
    this.textEnd = l;
    if (this.head + this.size === this.ids.length) {
      this.ids.copyWithin(0, this.head, this.head + this.size);
      this.head = 0;
    }
    this.ids[this.head + this.size++] = id;
  }

  /** The window back at the beginning of its area. */
  private moveHome(): void {
    this.mem.copyWithin(this.home, this.start, this.textEnd);
    this.textEnd -= this.start - this.home;
    this.start = this.home;
  }
}

/**
 * `copyWithin(to, from, end)` for the few entries that move when a page leaves the middle of
 * a short list: a loop costs less than the call. The text moves a word at a time, in the
 * order that reads every word before it is overwritten (an entry and its separator are at
 * least three bytes, so a word never overlaps its own destination by more than it reads).
 */
function moveText(mem: Uint8Array, view: DataView, to: number, from: number, end: number): void {
  const n = end - from;
  if (n > 32) mem.copyWithin(to, from, end);
  else if (to > from) {
    let k = n - 4;
    for (; k >= 0; k -= 4) view.setInt32(to + k, view.getInt32(from + k, true), true);
    for (k += 3; k >= 0; k--) mem[to + k] = mem[from + k];
  } else {
    let k = 0;
    for (; k + 4 <= n; k += 4) view.setInt32(to + k, view.getInt32(from + k, true), true);
    for (; k < n; k++) mem[to + k] = mem[from + k];
  }
}

function moveIds(ids: Int32Array, to: number, from: number, end: number): void {
  const n = end - from;
  if (n > 16) ids.copyWithin(to, from, end);
  else if (to > from) for (let k = n - 1; k >= 0; k--) ids[to + k] = ids[from + k];
  else for (let k = 0; k < n; k++) ids[to + k] = ids[from + k];
}

/** Bytes the list's window may travel before it is copied back (its area is this plus the longest list). */
const LIST_TRAVEL = 1 << 14;

/**
 * paging-policy.py -c's trace lines, one call of `line()` per reference.
 *
 * Memory layout: one buffer holds, in order,
 *   words     the fixed parts of a line ("Access: ", "  MISS FirstIn -> ", "] <- Lastin  Replaced:")
 *   tail      " [Hits:12 Misses:30]\n", its counters counted up in place
 *   prefixes  "Access: 6  HIT  FirstIn -> " and "Access: 6  MISS FirstIn -> " for each of the
 *             first PREFIXED_PAGES distinct pages
 *   closings  "] <- Lastin  Replaced:-" and "] <- Lastin  Replaced:6" for each of those pages
 *   list      the resident list (BracketedList), followed by the line's closing and a copy of
 *             the tail: the rest of the line from "[" to the newline, rewritten only when the
 *             list or the victim changes (otherwise its counter counts up like the tail's)
 *   out       the block of lines being filled
 * A line is then usually two copyWithin calls inside that buffer, its beginning and its rest:
 * a call costs about as much as copying eight bytes in a JavaScript loop, and a long list
 * is copied at memcpy speed. The work of a line is a small method rather than the body of
 * one long loop, so the JIT optimises it early and whole, a few milliseconds into a run.
 */
class HomeworkTrace {
  private readonly mem: Buffer;
  private readonly view: DataView;
  private readonly digits = new PageDigits();
  private readonly list: BracketedList;
  private readonly recency: boolean;
  private readonly access: number;
  private readonly accessLen: number;
  private readonly hitMid: number;
  private readonly hitMidLen: number;
  private readonly missMid: number;
  private readonly missMidLen: number;
  private readonly close: number;
  private readonly closeLen: number;
  private readonly hitsWord: Buffer;
  private readonly missesWord: Buffer;
  private readonly tailAt: number;
  private tailLen = 0;
  private hits = 0;
  private misses = 0;
  /** Where the counters' last digits are, from the tail's start. */
  private hitsLast = 0;
  private missesLast = 0;
  private readonly prefixesAt: number;
  private readonly prefixMax: number;
  /** Each prepared page's "Access: 6" length (0: not prepared yet). */
  private readonly prefixLen: Int32Array;
  private readonly closingsAt: number;
  private readonly closingMax: number;
  /** Length of the closing naming victim id - 1 (0: "-", no victim) (0: not prepared yet). */
  private readonly closingLen: Int32Array;
  /** The victim the line's rest names (-1: none), and where its copy of the tail starts (-1: to be written). */
  private shownVictim = -1;
  private restTail = -1;
  private readonly outAt: number;
  private readonly flushAt: number;
  private l: number;

  constructor(r: ReferenceResult) {
    const [left, right] = leftRight(r.policy);
    this.recency = r.policy === 'lru' || r.policy === 'mru';
    const hitText = t('shell.cli.refstring.ostep.hit');
    const missText = t('shell.cli.refstring.ostep.miss');
    const wordWidth = Math.max(displayWidth(hitText), displayWidth(missText));
    const utf8 = (s: string) => Buffer.from(s, 'utf8');
    const words = [
      utf8(`${t('shell.cli.refstring.ostep.access')} `),
      utf8(`  ${padEnd(hitText, wordWidth)} ${left} -> `),
      utf8(`  ${padEnd(missText, wordWidth)} ${left} -> `),
      utf8(`] <- ${right} ${t('shell.cli.refstring.ostep.replaced')}`),
    ];
    this.hitsWord = utf8(` [${t('shell.cli.refstring.ostep.hits')}`);
    this.missesWord = utf8(` ${t('shell.cli.refstring.ostep.misses')}`);
    const at: number[] = [];
    let wordsEnd = 0;
    for (const w of words) {
      at.push(wordsEnd);
      wordsEnd += w.length;
    }
    [this.access, this.hitMid, this.missMid, this.close] = at;
    [this.accessLen, this.hitMidLen, this.missMidLen, this.closeLen] = words.map((w) => w.length);
    this.tailAt = wordsEnd;
    const tailMax = this.hitsWord.length + this.missesWord.length + 2 * 16 + 2;
    // Two prefixes a page: "Access: " and up to ten digits, then the longer of the two middles.
    this.prefixMax = this.accessLen + 10 + Math.max(this.hitMidLen, this.missMidLen);
    this.prefixesAt = this.tailAt + tailMax;
    const prefixed = Math.min(PREFIXED_PAGES, r.length);
    this.prefixLen = new Int32Array(prefixed);
    this.closingMax = this.closeLen + 10;
    this.closingsAt = this.prefixesAt + 2 * prefixed * this.prefixMax;
    this.closingLen = new Int32Array(prefixed + 1);
    const listAt = this.closingsAt + (prefixed + 1) * this.closingMax;
    // The list's entries (at most ten digits and ", " each), room to move, then the closing and the tail.
    const listEnd = listAt + 12 + r.frameCount * 12 + LIST_TRAVEL;
    this.outAt = listEnd + this.closingMax + tailMax;
    const lineMax = this.prefixMax + 12 + r.frameCount * 12 + this.closingMax + tailMax;
    this.flushAt = this.outAt + Math.max(BLOCK, lineMax);
    this.mem = Buffer.allocUnsafe(this.flushAt + lineMax + 4);
    this.view = new DataView(this.mem.buffer, this.mem.byteOffset, this.mem.byteLength);
    let k = 0;
    for (const w of words) k += w.copy(this.mem, k);
    this.list = new BracketedList(r.frameCount, this.digits, this.mem, listAt, listEnd, ', ', 12);
    this.renderTail();
    this.l = this.outAt;
  }

  private renderTail(): void {
    const mem = this.mem;
    let at = this.tailAt + this.hitsWord.copy(mem, this.tailAt);
    at += mem.write(String(this.hits), at, 'latin1');
    this.hitsLast = at - 1 - this.tailAt;
    at += this.missesWord.copy(mem, at);
    at += mem.write(String(this.misses), at, 'latin1');
    this.missesLast = at - 1 - this.tailAt;
    mem[at++] = 93; // ]
    mem[at++] = 10;
    this.tailLen = at - this.tailAt;
    this.restTail = -1;
  }

  /** Count up the decimal digits ending at `last`; false when a new digit is needed (9 → 10). */
  private countUp(last: number): boolean {
    const mem = this.mem;
    let i = last;
    while (mem[i] === 57) mem[i--] = 48;
    if (mem[i] < 48 || mem[i] > 57) return false;
    mem[i]++;
    return true;
  }

  /** Where page id's "Access: 6  HIT  FirstIn -> " starts, prepared on its first use (its MISS prefix is prefixMax further on). */
  private prefixOf(id: number): number {
    const at = this.prefixesAt + 2 * id * this.prefixMax;
    if (this.prefixLen[id] === 0) this.prepare(id, at);
    return at;
  }

  private prepare(id: number, at: number): void {
    const mem = this.mem;
    mem.copyWithin(at, this.access, this.access + this.accessLen);
    const l = this.putDigits(id, at + this.accessLen);
    mem.copyWithin(l, this.hitMid, this.hitMid + this.hitMidLen);
    mem.copyWithin(at + this.prefixMax, at, l);
    mem.copyWithin(at + this.prefixMax + (l - at), this.missMid, this.missMid + this.missMidLen);
    this.prefixLen[id] = l - at;
  }

  /** "] <- Lastin  Replaced:" and the victim's digits (or "-") at `l`; returns where they end. */
  private putClosing(victimId: number, l: number): number {
    const mem = this.mem;
    const k = victimId + 1;
    if (k >= this.closingLen.length) {
      mem.copyWithin(l, this.close, this.close + this.closeLen);
      return this.putDigits(victimId, l + this.closeLen);
    }
    const at = this.closingsAt + k * this.closingMax;
    if (this.closingLen[k] === 0) {
      mem.copyWithin(at, this.close, this.close + this.closeLen);
      let e = at + this.closeLen;
      if (victimId < 0) mem[e++] = 45; // -
      else e = this.putDigits(victimId, e);
      this.closingLen[k] = e - at;
    }
    const len = this.closingLen[k];
    this.copyShort(l, at, len);
    return l + len;
  }

  /**
   * Copy a short piece (a line's beginning, closing or tail: 20 to 40 bytes) four bytes at a
   * time: optimised code does that in about half the time of a copyWithin call, whose cost is
   * mostly the call. The last word may carry up to three bytes past the piece: every piece is
   * followed by the next one written, or by spare bytes, and never overlaps its destination.
   */
  private copyShort(to: number, from: number, length: number): void {
    const view = this.view;
    for (const end = from + length; from < end; from += 4, to += 4) view.setInt32(to, view.getInt32(from, true), true);
  }

  /** Page id's digits at `l`; returns where they end. */
  private putDigits(id: number, l: number): number {
    const mem = this.mem;
    const d = this.digits.bytes;
    for (let j = this.digits.start[id], e = j + this.digits.length[id]; j < e; j++) mem[l++] = d[j];
    return l;
  }

  /** The line of one reference: `page`, whether it hit, and the page it evicted (or -1). */
  line(page: number, hit: boolean, victim: number): void {
    const mem = this.mem;
    const list = this.list;
    const id = this.digits.id(page);
    let victimId = -1;
    let changed = false;
    if (hit) {
      this.hits++;
      if (!this.countUp(this.tailAt + this.hitsLast)) this.renderTail();
      if (this.recency && list.last !== id) {
        list.remove(id, true);
        list.push(id);
        changed = true;
      }
    } else {
      this.misses++;
      if (!this.countUp(this.tailAt + this.missesLast)) this.renderTail();
      if (victim >= 0) {
        victimId = this.digits.id(victim);
        list.remove(victimId);
      }
      list.push(id);
      changed = true;
    }
    // The rest of the line: written again when it changed, else its counter counted up as the tail's was.
    let restEnd: number;
    if (changed || victimId !== this.shownVictim || this.restTail < 0) {
      const tail = this.putClosing(victimId, list.textEnd);
      this.copyShort(tail, this.tailAt, this.tailLen);
      this.shownVictim = victimId;
      this.restTail = tail;
      restEnd = tail + this.tailLen;
    } else {
      this.countUp(this.restTail + (hit ? this.hitsLast : this.missesLast));
      restEnd = this.restTail + this.tailLen;
    }
    let l = this.l;
    if (id < this.prefixLen.length) {
      const at = this.prefixOf(id);
      const from = hit ? at : at + this.prefixMax;
      const len = this.prefixLen[id] + (hit ? this.hitMidLen : this.missMidLen);
      this.copyShort(l, from, len);
      l += len;
    } else {
      mem.copyWithin(l, this.access, this.access + this.accessLen);
      l = this.putDigits(id, l + this.accessLen);
      const mid = hit ? this.hitMid : this.missMid;
      const midLen = hit ? this.hitMidLen : this.missMidLen;
      mem.copyWithin(l, mid, mid + midLen);
      l += midLen;
    }
    const from = list.lineStart();
    mem.copyWithin(l, from, restEnd);
    l += restEnd - from;
    this.l = l;
    if (l >= this.flushAt) this.flush();
  }

  flush(): void {
    if (this.l > this.outAt) stdout.write(this.mem.subarray(this.outAt, this.l));
    this.l = this.outAt;
  }
}

/** paging-policy.py -c's trace (unless `trace` is false) and its FINALSTATS line. */
export function writeOstepTrace(r: ReferenceResult, trace: boolean): void {
  const h = r.history;
  if (trace && h && r.length > 0) {
    const lines = new HomeworkTrace(r);
    for (let i = 0; i < r.length; i++) lines.line(h.pages[i], h.hit[i] === 1, h.victim[i]);
    lines.flush();
  }
  writeText(`\n${t('shell.cli.refstring.ostep.final', { hits: String(r.hits), misses: String(r.faults), rate: pythonFixed2((100 * r.hits) / (r.hits + r.faults)) })}\n`);
}

/** Pages whose line beginning ("Access: 6  HIT  FirstIn -> ") is prepared once (the first so many distinct pages of a trace). */
const PREFIXED_PAGES = 4096;

/**
 * The frames in slot order as the table prints them, `[1 2 -]` and the newline, kept in
 * `mem` like BracketedList: a page loaded into a slot rewrites that slot's text, moving what
 * follows only when the width changes, and a row copies the whole of it with one copyWithin.
 */
class SlotText {
  /** Bytes of each slot's text ("-" for an empty slot is one). */
  private readonly widths: Int32Array;
  textEnd: number;

  constructor(
    capacity: number,
    private readonly digits: PageDigits,
    private readonly mem: Uint8Array,
    /** Where slot 0's text goes; "[" is before it. */
    readonly textAt: number,
    closeAt: number,
    private readonly closeLen: number,
  ) {
    this.widths = new Int32Array(capacity).fill(1);
    mem[textAt - 1] = 91; // [
    let l = textAt;
    for (let k = 0; k < capacity; k++) {
      if (k) mem[l++] = 32;
      mem[l++] = 45; // -
    }
    this.textEnd = l;
    mem.copyWithin(l, closeAt, closeAt + closeLen);
  }

  get lineStart(): number {
    return this.textAt - 1;
  }
  get lineEnd(): number {
    return this.textEnd + this.closeLen;
  }

  /** Page `id` is now in `slot`. */
  set(slot: number, id: number): void {
    const widths = this.widths;
    let off = this.textAt;
    for (let k = 0; k < slot; k++) off += widths[k] + 1;
    const width = this.digits.length[id];
    const old = widths[slot];
    if (width !== old) {
      this.mem.copyWithin(off + width, off + old, this.textEnd + this.closeLen);
      this.textEnd += width - old;
      widths[slot] = width;
    }
    const d = this.digits.bytes;
    for (let k = this.digits.start[id], e = k + width; k < e; k++) this.mem[off++] = d[k];
  }
}

/**
 * The textbook table: one line per reference, frames in slot order or the resident list in
 * the homework's order. Laid out in one buffer as the homework's trace is: the words, the
 * frames' (or the list's) text kept up to date, then the block of rows being filled.
 */
export function writeTable(r: ReferenceResult, order: 'slots' | 'ostep'): void {
  const h = r.history!;
  const digits = new PageDigits();
  const recency = r.policy === 'lru' || r.policy === 'mru';
  // Column widths: the homework's (4 and 7) or the translated words', whichever is wider…
  const hitText = t('shell.cli.refstring.table.hit');
  const missText = t('shell.cli.refstring.table.miss');
  const resultWidth = Math.max(4, displayWidth(hitText), displayWidth(missText), displayWidth(t('shell.cli.refstring.table.result')) - 4);
  // …and the longest page number's, so a trace of big page numbers stays in columns.
  let maxPage = 0;
  for (let i = 0; i < r.length; i++) if (h.pages[i] > maxPage) maxPage = h.pages[i];
  const pageWidth = String(maxPage).length;
  const evictedWidth = Math.max(7, pageWidth, displayWidth(t('shell.cli.refstring.table.evicted')));
  const refWidth = Math.max(3, pageWidth, displayWidth(t('shell.cli.refstring.table.ref')));
  const header = `  ${' '.repeat(refWidth - displayWidth(t('shell.cli.refstring.table.ref')))}${t('shell.cli.refstring.table.ref')}  ${padEnd(t('shell.cli.refstring.table.result'), resultWidth + 4)}${padEnd(t('shell.cli.refstring.table.evicted'), evictedWidth + 3)}${order === 'ostep' ? t('shell.cli.refstring.table.resident') : t('shell.cli.refstring.table.frames')}`;
  writeText(header.replace(/ +$/, '') + '\n');

  // Memory layout: the words "HIT" and "MISS" padded, "]\n", then "[" and the frames' text, then the rows.
  const hitBytes = Buffer.from(padEnd(hitText, resultWidth) + '    ', 'utf8');
  const missBytes = Buffer.from(padEnd(missText, resultWidth) + '    ', 'utf8');
  // A row: two spaces, the page, two spaces, the word, the evicted page, three spaces, "[", up to ten digits and a space a frame, "]\n".
  const lineMax = 4 + refWidth + Math.max(hitBytes.length, missBytes.length) + evictedWidth + 3 + 1 + r.frameCount * 11 + 2;
  // The frames' text ("[", up to ten digits and a space a frame, "]\n"), or the list's window and room for it to move.
  const textBytes = order === 'slots' ? r.frameCount * 11 + 2 : 1 + r.frameCount * 11 + LIST_TRAVEL + 2;
  const mem = Buffer.allocUnsafe(hitBytes.length + missBytes.length + 3 + textBytes + BLOCK + lineMax);
  const hitAt = 0;
  const missAt = hitBytes.copy(mem, hitAt);
  const closeAt = missAt + missBytes.copy(mem, missAt);
  mem[closeAt] = 93; // ]
  mem[closeAt + 1] = 10;
  const textAt = closeAt + 2 + 1;
  const outAt = textAt + textBytes;
  const flushAt = outAt + BLOCK;
  const frames = order === 'slots' ? new SlotText(r.frameCount, digits, mem, textAt, closeAt, 2) : null;
  const list = order === 'ostep' ? new BracketedList(r.frameCount, digits, mem, textAt - 1, outAt - 2, ' ', 0) : null;
  let l = outAt;
  for (let i = 0; i < r.length; i++) {
    const page = h.pages[i];
    const id = digits.id(page);
    const hit = h.hit[i] === 1;
    const victim = h.victim[i];
    const victimId = victim >= 0 ? digits.id(victim) : -1;
    if (frames) {
      if (!hit) frames.set(h.slot[i], id);
    } else if (!hit || (recency && list!.last !== id)) {
      if (hit) list!.remove(id, true);
      else if (victimId >= 0) list!.remove(victimId);
      list!.push(id);
      mem[list!.textEnd] = 93; // ]
      mem[list!.textEnd + 1] = 10;
    }
    const d = digits.bytes;
    // "  " and the page, right-aligned in its column, and two spaces
    for (let k = 2 + refWidth - digits.length[id]; k > 0; k--) mem[l++] = 32;
    for (let k = digits.start[id], e = k + digits.length[id]; k < e; k++) mem[l++] = d[k];
    mem[l++] = 32;
    mem[l++] = 32;
    if (hit) {
      mem.copyWithin(l, hitAt, missAt);
      l += missAt - hitAt;
    } else {
      mem.copyWithin(l, missAt, closeAt);
      l += closeAt - missAt;
    }
    // the evicted page, or "-", padded to its column, and three spaces
    let evicted = 1;
    if (victimId >= 0) {
      evicted = digits.length[victimId];
      for (let k = digits.start[victimId], e = k + evicted; k < e; k++) mem[l++] = d[k];
    } else mem[l++] = 45; // -
    for (let k = evictedWidth - evicted + 3; k > 0; k--) mem[l++] = 32;
    const from = frames ? frames.lineStart : list!.lineStart();
    const to = frames ? frames.lineEnd : list!.textEnd + 2;
    mem.copyWithin(l, from, to);
    l += to - from;
    if (l >= flushAt) {
      stdout.write(mem.subarray(outAt, l));
      l = outAt;
    }
  }
  if (l > outAt) stdout.write(mem.subarray(outAt, l));
}
