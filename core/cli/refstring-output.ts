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
 * A resident list kept as the text a line prints for it, with what follows it on the line:
 * `     [6, 3, 2] <- Lastin  Replaced:` in the homework's trace (", " between pages, a short
 * list right-aligned in 12 columns), `[6 3 2]` and the newline in the table (" " between
 * pages). The list's text starts at a fixed place in `mem`, after "[" (and the spaces a
 * short list is padded with), and the closing words follow its last entry (written again
 * whenever the list changes), so a line copies all of it with one copyWithin.
 */
class BracketedList {
  private readonly ids: Int32Array;
  size = 0;
  /** Where the text of the entries ends (the closing words follow). */
  textEnd: number;
  /** Bytes between two entries: ", " or " ". */
  private readonly sepLen: number;

  constructor(
    capacity: number,
    private readonly digits: PageDigits,
    private readonly mem: Uint8Array,
    /** Where the first entry's digits go; "[" is before it, and alignTo - 2 spaces before that. */
    readonly textAt: number,
    private readonly closeAt: number,
    private readonly closeLen: number,
    separator: ', ' | ' ',
    /** The columns "[…]" is right-aligned in (0: not aligned). */
    private readonly alignTo: number,
  ) {
    this.ids = new Int32Array(capacity);
    this.sepLen = separator.length;
    if (alignTo > 2) mem.fill(32, textAt - 1 - (alignTo - 2), textAt - 1);
    mem[textAt - 1] = 91; // [
    this.textEnd = textAt;
    this.close();
  }

  /** The bytes a line takes from here: the padding a short list needs, "[", the entries, the closing words. */
  get lineStart(): number {
    const inner = this.textEnd - this.textAt;
    return this.textAt - 1 - (inner + 2 < this.alignTo ? this.alignTo - 2 - inner : 0);
  }
  get lineEnd(): number {
    return this.textEnd + this.closeLen;
  }

  private close(): void {
    this.mem.copyWithin(this.textEnd, this.closeAt, this.closeAt + this.closeLen);
  }

  /** The most recently used or loaded page (the list's last entry), or -1. */
  get last(): number {
    return this.size ? this.ids[this.size - 1] : -1;
  }

  /**
   * Take page `id` out of the list, with one of the separators beside it. A victim is the oldest
   * entry, at the front; a page hit under LRU was usually used lately, near the end:
   * `fromEnd` searches from there. A push always follows (the victim's replacement, or the
   * page hit under LRU moving to the end), so the closing words are written by the push.
   */
  remove(id: number, fromEnd = false): void {
    const lengths = this.digits.length;
    const ids = this.ids;
    const sep = this.sepLen;
    let i: number;
    let off: number; // where entry i's digits start
    if (fromEnd) {
      i = this.size - 1;
      off = this.textEnd - lengths[ids[i]];
      while (ids[i] !== id) off -= lengths[ids[--i]] + sep;
    } else {
      i = 0;
      off = this.textAt;
      while (ids[i] !== id) off += lengths[ids[i++]] + sep;
    }
    let from = off;
    let to = off + lengths[id];
    if (i < this.size - 1) to += sep; // the separator after it
    else if (i > 0) from -= sep; // the last entry: the separator before it
    this.mem.copyWithin(from, to, this.textEnd);
    this.textEnd -= to - from;
    ids.copyWithin(i, i + 1, this.size);
    this.size--;
  }

  push(id: number): void {
    const mem = this.mem;
    let l = this.textEnd;
    if (this.size) {
      if (this.sepLen === 2) mem[l++] = 44; // ,
      mem[l++] = 32;
    }
    const d = this.digits.bytes;
    for (let k = this.digits.start[id], e = k + this.digits.length[id]; k < e; k++) mem[l++] = d[k];
    this.textEnd = l;
    this.ids[this.size++] = id;
    this.close();
  }
}

/**
 * paging-policy.py -c's trace lines, one call of `line()` per reference.
 *
 * Memory layout: one buffer holds, in order,
 *   words     the fixed parts of a line ("Access: ", "  MISS FirstIn -> ", "] <- Lastin  Replaced:")
 *   tail      " [Hits:12 Misses:30]\n", its counters counted up in place
 *   prefixes  "Access: 6  HIT  FirstIn -> " and "Access: 6  MISS FirstIn -> " for each of the
 *             first PREFIXED_PAGES distinct pages
 *   list      the resident list with its brackets and closing words (BracketedList)
 *   out       the block of lines being filled
 * A line is then three or four copyWithin calls inside that buffer and the victim's digits:
 * a call costs about as much as copying eight bytes in a JavaScript loop, and a long list
 * is copied at memcpy speed. The work of a line is a small method rather than the body of
 * one long loop, so the JIT optimises it early and whole, a few milliseconds into a run.
 */
class HomeworkTrace {
  private readonly mem: Buffer;
  private readonly digits = new PageDigits();
  private readonly list: BracketedList;
  private readonly recency: boolean;
  private readonly access: number;
  private readonly accessLen: number;
  private readonly hitMid: number;
  private readonly hitMidLen: number;
  private readonly missMid: number;
  private readonly missMidLen: number;
  private readonly hitsWord: Buffer;
  private readonly missesWord: Buffer;
  private readonly tailAt: number;
  private tailLen = 0;
  private hits = 0;
  private misses = 0;
  /** Where the counters' last digits are in the tail. */
  private hitsLast = 0;
  private missesLast = 0;
  private readonly prefixesAt: number;
  private readonly prefixMax: number;
  /** Each prepared page's "Access: 6" length (0: not prepared yet). */
  private readonly prefixLen: Int32Array;
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
    const close = at[3];
    const closeLen = words[3].length;
    [this.access, this.hitMid, this.missMid] = at;
    [this.accessLen, this.hitMidLen, this.missMidLen] = words.map((w) => w.length);
    this.tailAt = wordsEnd;
    const tailMax = this.hitsWord.length + this.missesWord.length + 2 * 16 + 2;
    // Two prefixes a page: "Access: " and up to ten digits, then the longer of the two middles.
    this.prefixMax = this.accessLen + 10 + Math.max(this.hitMidLen, this.missMidLen);
    this.prefixesAt = this.tailAt + tailMax;
    const prefixed = Math.min(PREFIXED_PAGES, r.length);
    this.prefixLen = new Int32Array(prefixed);
    const listAt = this.prefixesAt + 2 * prefixed * this.prefixMax + 11;
    // The list's entries (at most ten digits and ", " each) and the closing words.
    this.outAt = listAt + r.frameCount * 12 + closeLen;
    const lineMax = this.prefixMax + (this.outAt - listAt) + 11 + 10 + tailMax;
    this.flushAt = this.outAt + Math.max(BLOCK, lineMax);
    this.mem = Buffer.allocUnsafe(this.flushAt + lineMax);
    let k = 0;
    for (const w of words) k += w.copy(this.mem, k);
    this.list = new BracketedList(r.frameCount, this.digits, this.mem, listAt, close, closeLen, ', ', 12);
    this.renderTail();
    this.l = this.outAt;
  }

  private renderTail(): void {
    const mem = this.mem;
    let at = this.tailAt + this.hitsWord.copy(mem, this.tailAt);
    at += mem.write(String(this.hits), at, 'latin1');
    this.hitsLast = at - 1;
    at += this.missesWord.copy(mem, at);
    at += mem.write(String(this.misses), at, 'latin1');
    this.missesLast = at - 1;
    mem[at++] = 93; // ]
    mem[at++] = 10;
    this.tailLen = at - this.tailAt;
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
    const victimId = victim >= 0 ? this.digits.id(victim) : -1;
    if (hit) {
      this.hits++;
      if (!this.countUp(this.hitsLast)) this.renderTail();
      if (this.recency && list.last !== id) {
        list.remove(id, true);
        list.push(id);
      }
    } else {
      this.misses++;
      if (!this.countUp(this.missesLast)) this.renderTail();
      if (victimId >= 0) list.remove(victimId);
      list.push(id);
    }
    let l = this.l;
    if (id < this.prefixLen.length) {
      const at = this.prefixOf(id);
      const from = hit ? at : at + this.prefixMax;
      const len = this.prefixLen[id] + (hit ? this.hitMidLen : this.missMidLen);
      mem.copyWithin(l, from, from + len);
      l += len;
    } else {
      mem.copyWithin(l, this.access, this.access + this.accessLen);
      l = this.putDigits(id, l + this.accessLen);
      const mid = hit ? this.hitMid : this.missMid;
      const midLen = hit ? this.hitMidLen : this.missMidLen;
      mem.copyWithin(l, mid, mid + midLen);
      l += midLen;
    }
    const from = list.lineStart;
    const to = list.lineEnd;
    mem.copyWithin(l, from, to);
    l += to - from;
    if (victimId >= 0) l = this.putDigits(victimId, l);
    else mem[l++] = 45; // -
    mem.copyWithin(l, this.tailAt, this.tailAt + this.tailLen);
    l += this.tailLen;
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
  const textBytes = r.frameCount * 11 + 2;
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
  const list = order === 'ostep' ? new BracketedList(r.frameCount, digits, mem, textAt, closeAt, 2, ' ', 0) : null;
  let l = outAt;
  for (let i = 0; i < r.length; i++) {
    const page = h.pages[i];
    const id = digits.id(page);
    const hit = h.hit[i] === 1;
    const victim = h.victim[i];
    const victimId = victim >= 0 ? digits.id(victim) : -1;
    if (frames) {
      if (!hit) frames.set(h.slot[i], id);
    } else if (hit) {
      if (recency && list!.last !== id) {
        list!.remove(id, true);
        list!.push(id);
      }
    } else {
      if (victimId >= 0) list!.remove(victimId);
      list!.push(id);
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
    const from = frames ? frames.lineStart : list!.lineStart;
    const to = frames ? frames.lineEnd : list!.lineEnd;
    mem.copyWithin(l, from, to);
    l += to - from;
    if (l >= flushAt) {
      stdout.write(mem.subarray(outAt, l));
      l = outAt;
    }
  }
  if (l > outAt) stdout.write(mem.subarray(outAt, l));
}
