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

/** Bytes to standard output, a block at a time. */
class ByteSink {
  private buf = Buffer.allocUnsafe(BLOCK);
  len = 0;

  room(n: number): void {
    if (this.len + n > this.buf.length) this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  /** Bytes prepared once (a fixed part of every line), copied without a loop per character. */
  put(bytes: Buffer): void {
    this.len += bytes.copy(this.buf, this.len);
  }

  /** Any text, as UTF-8 (translated words). */
  text(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.room(bytes.length);
    this.put(bytes);
  }

  ascii(s: string): void {
    this.room(s.length);
    const b = this.buf;
    let l = this.len;
    for (let i = 0; i < s.length; i++) b[l++] = s.charCodeAt(i);
    this.len = l;
  }

  /** A non-negative integer in decimal (room must have been made). */
  int(n: number): void {
    const b = this.buf;
    if (n < 10) {
      b[this.len++] = 48 + n;
      return;
    }
    // Values here are below 2^31, so | 0 divides exactly.
    let digits = 0;
    for (let m = n; m > 0; m = (m / 10) | 0) digits++;
    let l = this.len + digits;
    this.len = l;
    for (let m = n; m > 0; m = (m / 10) | 0) b[--l] = 48 + (m % 10);
  }

  /** Raw access for the hot loops below. */
  get bytes(): Buffer {
    return this.buf;
  }

  flush(): void {
    if (this.len === 0) return;
    // Written before write() returns (core/cli/stdout.ts), so the block can be filled again.
    stdout.write(this.buf.subarray(0, this.len));
    this.len = 0;
  }
}

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
    const small = page < SMALL_PAGES;
    if (small && this.small[page] !== 0) return this.small[page] - 1;
    let id = small ? undefined : this.idOf.get(page);
    if (id !== undefined) return id;
    id = this.start.length;
    if (small) this.small[page] = id + 1;
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
 * The resident list as the homework keeps it: appended on load, the victim removed, and
 * for LRU/MRU a hit moves the page to the end. Kept as page ids.
 */
class HomeworkList {
  readonly ids: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
  }
  remove(id: number): void {
    const a = this.ids;
    let i = 0;
    while (a[i] !== id) i++;
    a.copyWithin(i, i + 1, this.size);
    this.size--;
  }
  push(id: number): void {
    this.ids[this.size++] = id;
  }
}

/**
 * The homework's list kept also as the text Python prints inside the brackets, each page
 * followed by ", " (the last two bytes are dropped when printing), so a trace line copies
 * the list with one memcpy and a change to the list moves bytes with one memmove.
 */
class RenderedList {
  private readonly ids: Int32Array;
  size = 0;
  textLen = 0;
  /** `text`: where the list's text is kept (capacity × 12 bytes: ten digits and ", " a page). */
  constructor(
    capacity: number,
    private readonly digits: PageDigits,
    readonly text: Uint8Array,
  ) {
    this.ids = new Int32Array(capacity);
  }
  /**
   * Take page `id` out of the list. A victim is the oldest entry, at the front; a page hit
   * under LRU was usually used lately, near the end: `fromEnd` searches from there.
   */
  remove(id: number, fromEnd = false): void {
    const lengths = this.digits.length;
    let i: number;
    let off: number;
    if (fromEnd) {
      i = this.size - 1;
      off = this.textLen;
      for (;;) {
        off -= lengths[this.ids[i]] + 2;
        if (this.ids[i] === id) break;
        i--;
      }
    } else {
      i = 0;
      off = 0;
      while (this.ids[i] !== id) off += lengths[this.ids[i++]] + 2;
    }
    const w = lengths[id] + 2;
    this.text.copyWithin(off, off + w, this.textLen);
    this.textLen -= w;
    this.ids.copyWithin(i, i + 1, this.size);
    this.size--;
  }
  push(id: number): void {
    this.ids[this.size++] = id;
    const d = this.digits.bytes;
    const t = this.text;
    let l = this.textLen;
    for (let k = this.digits.start[id], e = k + this.digits.length[id]; k < e; k++) t[l++] = d[k];
    t[l++] = 44;
    t[l++] = 32;
    this.textLen = l;
  }
}

/**
 * paging-policy.py -c's trace (unless `trace` is false) and its FINALSTATS line.
 *
 * Memory layout: one buffer holds, in order,
 *   words  the fixed parts of a line ("Access: ", "  MISS FirstIn -> ", "] <- Lastin Replaced:")
 *   tail   " [Hits:12 Misses:30]\n", its counters counted up in place
 *   list   the resident list's text, kept up to date by RenderedList
 *   out    the block of lines being filled
 * A line is then a handful of copyWithin calls inside that buffer (a call costs about as
 * much as copying eight bytes in a JavaScript loop, and a long list copies at memcpy speed)
 * and a few digits of the page numbers.
 */
export function writeOstepTrace(r: ReferenceResult, trace: boolean): void {
  const h = r.history;
  if (trace && h && r.length > 0) {
    const [left, right] = leftRight(r.policy);
    const recency = r.policy === 'lru' || r.policy === 'mru';
    const digits = new PageDigits();
    const hitText = t('shell.cli.refstring.ostep.hit');
    const missText = t('shell.cli.refstring.ostep.miss');
    const wordWidth = Math.max(displayWidth(hitText), displayWidth(missText));
    const utf8 = (s: string) => Buffer.from(s, 'utf8');
    const words = [
      utf8(`${t('shell.cli.refstring.ostep.access')} `),
      utf8(`  ${padEnd(hitText, wordWidth)} ${left} -> `),
      utf8(`  ${padEnd(missText, wordWidth)} ${left} -> `),
      utf8(' '.repeat(11) + '['), // the list is right-aligned in 12 columns: "[1, 2, 3]" is padded on the left
      utf8(`] <- ${right} ${t('shell.cli.refstring.ostep.replaced')}`),
    ];
    const hitsWord = utf8(` [${t('shell.cli.refstring.ostep.hits')}`);
    const missesWord = utf8(` ${t('shell.cli.refstring.ostep.misses')}`);
    const wordAt: number[] = [];
    let wordsEnd = 0;
    for (const w of words) {
      wordAt.push(wordsEnd);
      wordsEnd += w.length;
    }
    const [access, hitMid, missMid, padOpen, close] = wordAt;
    const accessLen = words[0].length;
    const hitMidLen = words[1].length;
    const missMidLen = words[2].length;
    const closeLen = words[4].length;
    const tailAt = wordsEnd;
    const tailMax = hitsWord.length + missesWord.length + 2 * 16 + 2;
    // The list region holds each resident page's digits (at most 10) and ", ".
    const listAt = tailAt + tailMax;
    const listBytes = r.frameCount * 12;
    const outAt = listAt + listBytes;
    const lineMax = wordsEnd + tailMax + listBytes + 2 * 12;
    const flushAt = outAt + Math.max(BLOCK, lineMax);
    const mem = Buffer.allocUnsafe(flushAt + lineMax);
    let k = 0;
    for (const w of words) k += w.copy(mem, k);
    const list = new RenderedList(r.frameCount, digits, mem.subarray(listAt, outAt));

    // The tail, with the positions of the counters' last digits.
    let hits = 0;
    let misses = 0;
    let tailLen = 0;
    let hitsLast = 0;
    let missesLast = 0;
    const renderTail = () => {
      let at = tailAt + hitsWord.copy(mem, tailAt);
      at += mem.write(String(hits), at, 'latin1');
      hitsLast = at - 1;
      at += missesWord.copy(mem, at);
      at += mem.write(String(misses), at, 'latin1');
      missesLast = at - 1;
      mem[at++] = 93; // ]
      mem[at++] = 10;
      tailLen = at - tailAt;
    };
    /** Count up the decimal digits ending at `last`; false when a new digit is needed (9 → 10). */
    const countUp = (last: number): boolean => {
      let i = last;
      while (mem[i] === 57) mem[i--] = 48;
      if (mem[i] < 48 || mem[i] > 57) return false;
      mem[i]++;
      return true;
    };
    renderTail();

    let l = outAt;
    for (let i = 0; i < r.length; i++) {
      const page = h.pages[i];
      const id = digits.id(page);
      const hit = h.hit[i] === 1;
      const victim = h.victim[i];
      if (hit) {
        hits++;
        if (!countUp(hitsLast)) renderTail();
        if (recency) {
          list.remove(id, true);
          list.push(id);
        }
      } else {
        misses++;
        if (!countUp(missesLast)) renderTail();
        if (victim >= 0) list.remove(digits.id(victim));
        list.push(id);
      }
      mem.copyWithin(l, access, access + accessLen);
      l += accessLen;
      let d = digits.bytes;
      for (let j = digits.start[id], e = j + digits.length[id]; j < e; j++) mem[l++] = d[j];
      if (hit) {
        mem.copyWithin(l, hitMid, hitMid + hitMidLen);
        l += hitMidLen;
      } else {
        mem.copyWithin(l, missMid, missMid + missMidLen);
        l += missMidLen;
      }
      const inner = list.textLen - 2;
      const padded = inner < 10 ? 10 - inner : 0;
      mem.copyWithin(l, padOpen + 11 - padded, padOpen + 12);
      l += padded + 1;
      mem.copyWithin(l, listAt, listAt + inner);
      l += inner;
      mem.copyWithin(l, close, close + closeLen);
      l += closeLen;
      if (victim >= 0) {
        const v = digits.id(victim);
        d = digits.bytes;
        for (let j = digits.start[v], e = j + digits.length[v]; j < e; j++) mem[l++] = d[j];
      } else mem[l++] = 45; // -
      mem.copyWithin(l, tailAt, tailAt + tailLen);
      l += tailLen;
      if (l >= flushAt) {
        stdout.write(mem.subarray(outAt, l));
        l = outAt;
      }
    }
    if (l > outAt) stdout.write(mem.subarray(outAt, l));
  }
  writeText(`\n${t('shell.cli.refstring.ostep.final', { hits: String(r.hits), misses: String(r.faults), rate: pythonFixed2((100 * r.hits) / (r.hits + r.faults)) })}\n`);
}

/** The textbook table: one line per reference, frames in slot order or the resident list in the homework's order. */
export function writeTable(r: ReferenceResult, order: 'slots' | 'ostep'): void {
  const h = r.history!;
  const out = new ByteSink();
  const digits = new PageDigits();
  const recency = r.policy === 'lru' || r.policy === 'mru';
  const frames = new Int32Array(r.frameCount).fill(-1); // page id per slot
  const list = new HomeworkList(r.frameCount);
  // Column widths: the homework's (4 and 7) or the translated words', whichever is wider.
  const hitText = t('shell.cli.refstring.table.hit');
  const missText = t('shell.cli.refstring.table.miss');
  const resultWidth = Math.max(4, displayWidth(hitText), displayWidth(missText), displayWidth(t('shell.cli.refstring.table.result')) - 4);
  const evictedWidth = Math.max(7, displayWidth(t('shell.cli.refstring.table.evicted')));
  const refWidth = Math.max(3, displayWidth(t('shell.cli.refstring.table.ref')));
  const hitBytes = Buffer.from(padEnd(hitText, resultWidth) + '    ', 'utf8');
  const missBytes = Buffer.from(padEnd(missText, resultWidth) + '    ', 'utf8');
  const header = `  ${' '.repeat(refWidth - displayWidth(t('shell.cli.refstring.table.ref')))}${t('shell.cli.refstring.table.ref')}  ${padEnd(t('shell.cli.refstring.table.result'), resultWidth + 4)}${padEnd(t('shell.cli.refstring.table.evicted'), evictedWidth + 3)}${order === 'ostep' ? t('shell.cli.refstring.table.resident') : t('shell.cli.refstring.table.frames')}`;
  out.text(header.replace(/ +$/, '') + '\n');
  for (let t = 0; t < r.length; t++) {
    const page = h.pages[t];
    const id = digits.id(page);
    const hit = h.hit[t] === 1;
    const victim = h.victim[t];
    if (!hit) frames[h.slot[t]] = id;
    if (order === 'ostep') {
      if (hit) {
        if (recency) {
          list.remove(id);
          list.push(id);
        }
      } else {
        if (victim >= 0) list.remove(digits.id(victim));
        list.push(id);
      }
    }
    const shown = order === 'ostep' ? list.ids.subarray(0, list.size) : frames;
    out.room(48 + hitBytes.length + missBytes.length + refWidth + evictedWidth + shown.length * 12);
    const p = String(page);
    out.ascii(`  ${p.length < refWidth ? ' '.repeat(refWidth - p.length) : ''}${p}  `);
    out.put(hit ? hitBytes : missBytes);
    const v = victim < 0 ? '-' : String(victim);
    out.ascii(v.length < evictedWidth ? v + ' '.repeat(evictedWidth - v.length) : v);
    out.ascii('   [');
    const b = out.bytes;
    const d = digits.bytes;
    let l = out.len;
    for (let i = 0; i < shown.length; i++) {
      if (i) b[l++] = 32;
      const id2 = shown[i];
      if (id2 < 0) b[l++] = 45; // -
      else for (let k = digits.start[id2], e = k + digits.length[id2]; k < e; k++) b[l++] = d[k];
    }
    b[l++] = 93;
    b[l++] = 10;
    out.len = l;
  }
  out.flush();
}
