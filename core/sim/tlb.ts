/*
 * Translation lookaside buffer: `entries` slots arranged as `entries / ways` sets of
 * `ways` ways. A virtual page number picks its set by `vpn mod sets`; within the set the
 * tag is (asid, vpn). Each slot caches the frame number, the permission bits of the leaf
 * PTE (folded with every level's bits on x86), whether the entry is already dirty, and
 * where the leaf PTE lives so a first write can set its dirty bit, as hardware does.
 *
 * Slots are struct-of-arrays (typed arrays) so a lookup does not allocate: the hot loop
 * of the MMU runs tens of millions of times a second in the benchmark.
 *
 * Replacement within a set: LRU (oldest use), FIFO (oldest fill) or seeded random.
 */
import type { TlbShape } from './profile.ts';
import type { Rng } from './rng.ts';

export const TLB_WRITE = 1;
export const TLB_USER = 2;
export const TLB_EXEC = 4;
export const TLB_DIRTY = 8;
export const TLB_GLOBAL = 16;
export const TLB_READ = 32;

export interface TlbEntryView {
  set: number;
  way: number;
  asid: number;
  vpn: number;
  pfn: number;
  /** "rwx" letters of what the cached translation allows, '-' for what it does not. */
  perms: string;
  user: boolean;
  dirty: boolean;
  global: boolean;
}

const PERMS = ['---', 'r--', '-w-', 'rw-', '--x', 'r-x', '-wx', 'rwx'];

export class Tlb {
  hits = 0;
  misses = 0;
  private clock = 0;
  // The fields below are set once, in the constructor, and `declare`d so that no class field
  // defines them as undefined first. A field V8 has seen holding undefined and then a number
  // or an array is kept as "any value": every read in the hit path would then check for a
  // small integer or a boxed number and re-check the typed array's shape. Set first with
  // their real values, they stay small integers, booleans and typed arrays of one kind.
  declare readonly shape: TlbShape;
  private declare readonly rng: Rng;
  declare readonly sets: number;
  declare readonly ways: number;
  declare readonly valid: Uint8Array;
  declare readonly asid: Int32Array;
  declare readonly vpn: Float64Array;
  /** Frame numbers fit 31 bits, and so do PTE addresses on machines up to 2 GiB, so they are
   * kept as int32: reading a double here would make every translation box a heap number.
   * Bigger (sparse) machines keep PTE addresses as doubles. */
  declare readonly pfn: Int32Array;
  declare readonly flags: Uint8Array;
  declare readonly pteAddr: Int32Array | Float64Array;
  /** LRU: time of last use; FIFO: time of fill. */
  private declare readonly stamp: Float64Array;
  /** sets - 1 when the set count is a power of two (index by mask), else -1 (index by modulo). */
  private declare readonly setMask: number;
  /** Whether a hit refreshes the entry's stamp (LRU replacement). */
  private declare readonly lru: boolean;

  constructor(
    shape: TlbShape,
    rng: Rng,
    /** Bytes of physical memory: above 2 GiB a PTE address needs more than 31 bits. */
    physBytes = 0,
  ) {
    this.shape = shape;
    this.rng = rng;
    const n = shape.entries;
    this.ways = n === 0 ? 1 : shape.ways;
    this.sets = n === 0 ? 0 : n / shape.ways;
    this.setMask = this.sets > 0 && (this.sets & (this.sets - 1)) === 0 ? this.sets - 1 : -1;
    this.lru = shape.policy === 'lru';
    this.valid = new Uint8Array(n);
    this.asid = new Int32Array(n);
    this.vpn = new Float64Array(n);
    this.pfn = new Int32Array(n);
    this.flags = new Uint8Array(n);
    this.pteAddr = physBytes > 2 ** 31 ? new Float64Array(n) : new Int32Array(n);
    this.stamp = new Float64Array(n);
  }

  get enabled(): boolean {
    return this.sets > 0;
  }

  setOf(vpn: number): number {
    if (this.sets === 0) return 0;
    return this.setMask >= 0 ? vpn & this.setMask : vpn % this.sets;
  }

  /** Slot holding (asid, vpn), or -1. Global entries match any ASID. Counts hit/miss and refreshes LRU. */
  lookup(asid: number, vpn: number): number {
    const sets = this.sets;
    if (sets === 0) {
      this.misses++;
      return -1;
    }
    const first = (this.setMask >= 0 ? vpn & this.setMask : vpn % sets) * this.ways;
    const end = first + this.ways;
    const vpns = this.vpn;
    for (let i = first; i < end; i++) {
      // The page number is the most selective part of the tag, so it is compared first.
      if (vpns[i] !== vpn || this.valid[i] === 0) continue;
      if (this.asid[i] !== asid && (this.flags[i] & TLB_GLOBAL) === 0) continue;
      this.hits++;
      if (this.lru) this.stamp[i] = ++this.clock;
      return i;
    }
    this.misses++;
    return -1;
  }

  /** Install a translation; returns the vpn it displaced (or null if a free or same slot was used). */
  fill(asid: number, vpn: number, pfn: number, flags: number, pteAddr: number): number | null {
    if (this.sets === 0) return null;
    const base = this.setOf(vpn) * this.ways;
    let slot = -1;
    for (let w = 0; w < this.ways && slot < 0; w++) {
      const i = base + w;
      if (this.valid[i] === 1 && this.vpn[i] === vpn && this.asid[i] === asid) slot = i;
    }
    for (let w = 0; w < this.ways && slot < 0; w++) if (this.valid[base + w] === 0) slot = base + w;
    let evicted: number | null = null;
    if (slot < 0) {
      if (this.shape.policy === 'random') slot = base + this.rng.int(this.ways);
      else {
        slot = base;
        for (let w = 1; w < this.ways; w++) if (this.stamp[base + w] < this.stamp[slot]) slot = base + w;
      }
      evicted = this.vpn[slot];
    }
    this.valid[slot] = 1;
    this.asid[slot] = asid;
    this.vpn[slot] = vpn;
    this.pfn[slot] = pfn;
    this.flags[slot] = flags;
    this.pteAddr[slot] = pteAddr;
    this.stamp[slot] = ++this.clock;
    return evicted;
  }

  /** Drop the entry for (asid, vpn) if present; true if one was dropped. */
  invalidate(asid: number, vpn: number): boolean {
    if (this.sets === 0) return false;
    const base = this.setOf(vpn) * this.ways;
    let dropped = false;
    for (let w = 0; w < this.ways; w++) {
      const i = base + w;
      if (this.valid[i] === 1 && this.vpn[i] === vpn && (this.asid[i] === asid || (this.flags[i] & TLB_GLOBAL) !== 0)) {
        this.valid[i] = 0;
        dropped = true;
      }
    }
    return dropped;
  }

  /**
   * Flush the entries of one ASID, or of every ASID when `asid` is null. Global entries
   * (kernel pages) survive unless `includeGlobal`, as they survive a CR3 reload on x86.
   */
  flush(asid: number | null = null, includeGlobal = false): number {
    let n = 0;
    for (let i = 0; i < this.valid.length; i++) {
      if (this.valid[i] === 0) continue;
      if (!includeGlobal && (this.flags[i] & TLB_GLOBAL) !== 0) continue;
      if (asid !== null && this.asid[i] !== asid) continue;
      this.valid[i] = 0;
      n++;
    }
    return n;
  }

  /** The valid entries, in slot order (as snapshots and the text view list them). */
  entries(): TlbEntryView[] {
    const out: TlbEntryView[] = [];
    for (let i = 0; i < this.valid.length; i++) {
      if (this.valid[i] === 0) continue;
      const f = this.flags[i];
      out.push({
        set: Math.floor(i / this.ways),
        way: i % this.ways,
        asid: this.asid[i],
        vpn: this.vpn[i],
        pfn: this.pfn[i],
        perms: PERMS[(f & TLB_READ ? 1 : 0) | (f & TLB_WRITE ? 2 : 0) | (f & TLB_EXEC ? 4 : 0)],
        user: (f & TLB_USER) !== 0,
        dirty: (f & TLB_DIRTY) !== 0,
        global: (f & TLB_GLOBAL) !== 0,
      });
    }
    return out;
  }

}
