/*
 * Simulated physical memory: `physFrames` frames of `pageSize` bytes, plus one record per frame.
 *
 *   frame(pfn)   what frame pfn holds: its kind, NUMA node, the (pid, vpn) pairs that map it
 *                (the reverse map; its length is the frame's reference count), the file or
 *                shared-memory page it caches, the swap slot still holding a copy, the
 *                software dirty flag, and the times used by FIFO and LRU replacement.
 *   contents     the real bytes; page tables are read from and written to them.
 *   free frames  per NUMA node, lowest frame numbers handed out first so runs are easy to follow.
 *
 * Two layouts, chosen by size, give the same answers:
 *
 *   DenseMemory   (≤ 65,536 frames and ≤ 64 MiB, every teaching machine) one Uint8Array
 *                 for all bytes, one record per frame made up front, a sorted stack of free
 *                 frames per node. Cheapest per access.
 *   SparseMemory  (GiB machines, millions of frames) a frame's record and bytes exist from
 *                 its first use: records in a Map (and a list sorted by frame number), bytes
 *                 in one small array per frame, never-written frames read as zeros. A
 *                 node's free frames are "everything from the watermark `next` up", plus
 *                 the frames released below it (a sorted list), minus frames above the
 *                 watermark taken by number. So load, fork, fault, snapshot and memory
 *                 grow with the frames used, not the frames that exist.
 *
 * Callers never see the layout: they use frame(), framesInUse(), the take/release calls
 * and the byte accessors below. A PTE is handled as two unsigned 32-bit halves (lo, hi)
 * because a 64-bit entry with NX in bit 63 does not fit a JavaScript number; entries are
 * little-endian. Physical addresses can pass 2^32 on big machines, so no bitwise
 * arithmetic touches them outside the dense layout.
 */
import type { FrameKind } from './events.ts';
import { nodeOfFrame, pageSize, type MachineProfile, type PteLayout } from './profile.ts';

/** The largest machine kept in one array: 65,536 frames and 64 MiB. */
export const DENSE_FRAME_LIMIT = 65536;
export const DENSE_BYTE_LIMIT = 64 * 1024 * 1024;

/** Which layout a machine of this size gets unless a caller asks for one (tests compare both). */
export function defaultMemoryLayout(profile: MachineProfile): 'dense' | 'sparse' {
  return profile.physFrames <= DENSE_FRAME_LIMIT && profile.physFrames * pageSize(profile) <= DENSE_BYTE_LIMIT ? 'dense' : 'sparse';
}

export interface Mapping {
  pid: number;
  vpn: number;
}

export interface FileRef {
  /** File name, or `shm:NAME` for a shared-memory object. */
  name: string;
  page: number;
}

export interface Frame {
  pfn: number;
  kind: FrameKind;
  node: number;
  /** Process that owns a page-table or private page; null for shared, file and kernel frames. */
  owner: number | null;
  mappings: Mapping[];
  file: FileRef | null;
  swapSlot: number | null;
  dirty: boolean;
  /** Level of a page-table frame (0 = root). */
  level: number | null;
  loadedAt: number;
  lastUsed: number;
  /** Software reference bit for CLOCK on layouts without an accessed bit. */
  referenced: boolean;
  /** Pinned frames (page tables, kernel) are never chosen for eviction. */
  pinned: boolean;
}

function newFrame(pfn: number, node: number, kind: FrameKind, pinned: boolean): Frame {
  return { pfn, kind, node, owner: null, mappings: [], file: null, swapSlot: null, dirty: false, level: null, loadedAt: 0, lastUsed: 0, referenced: false, pinned };
}

/** Forget what a frame held (not its bytes: like real RAM). */
function clearRecord(f: Frame): void {
  f.kind = 'free';
  f.owner = null;
  f.mappings = [];
  f.file = null;
  f.swapSlot = null;
  f.dirty = false;
  f.level = null;
  f.pinned = false;
  f.referenced = false;
}

/** Where pfn belongs in a list sorted descending: the first index whose entry is not above it. */
function placeDescending(list: number[], pfn: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] > pfn) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Insert into a list sorted descending (popped from the end: lowest first). */
function insertDescending(list: number[], pfn: number): void {
  list.splice(placeDescending(list, pfn), 0, pfn);
}

/** Index of pfn in a list sorted descending, or -1. */
function indexDescending(list: number[], pfn: number): number {
  const at = placeDescending(list, pfn);
  return at < list.length && list[at] === pfn ? at : -1;
}

export abstract class PhysicalMemory {
  readonly pageSize: number;
  readonly frameCount: number;
  /** Bytes of physical memory (may pass 2^32). */
  readonly size: number;
  abstract readonly layout: 'dense' | 'sparse';

  constructor(readonly profile: MachineProfile) {
    this.pageSize = pageSize(profile);
    this.frameCount = profile.physFrames;
    this.size = profile.physFrames * this.pageSize;
  }

  /** The record of frame pfn (undefined outside memory, as an array read would be). */
  abstract frame(pfn: number): Frame;
  /** Frames that hold something (not free), in frame order. */
  abstract framesInUse(): Frame[];
  abstract freeCount(node?: number): number;
  /** Whether frame pfn is free (on its node's free list). */
  abstract isFree(pfn: number): boolean;
  /** Take the lowest free frame of `node`; null when that node has none. */
  abstract take(node: number): number | null;
  /** Take a specific frame (explicit placement in teaching scenarios); false if not free. */
  abstract takeExact(pfn: number): boolean;
  /** Return a frame to its node's free list, clearing its record (not its bytes: like real RAM). */
  abstract release(pfn: number): void;
  /** Every frame becomes `kind`, pinned and taken (a raw memory image owns all of memory). */
  abstract claimAll(kind: FrameKind): void;
  /** Set every byte of memory to zero. */
  abstract clear(): void;
  /** How many frame records and frames' bytes exist now (all of them on a dense memory): what the memory costs. */
  abstract materialised(): { records: number; contents: number };
  /** Contents version of frame pfn, bumped by PTE stores, zeroing and copying: lets snapshots cache decoded page tables. */
  abstract versionOf(pfn: number): number;
  abstract bump(pfn: number): void;
  /** The bytes of frame pfn, writable (a sparse frame gets its bytes now). */
  abstract frameBytes(pfn: number): Uint8Array;
  /** The bytes of frame pfn to read only; a never-written sparse frame gives a shared page of zeros. */
  abstract peekFrame(pfn: number): Uint8Array;
  /** Whether frame pfn may hold a non-zero byte (false: it reads as zeros). */
  abstract hasContents(pfn: number): boolean;
  abstract zeroFrame(pfn: number): void;
  abstract copyFrame(from: number, to: number): void;
  /** Read an unsigned little-endian value of 1, 2 or 4 bytes. */
  abstract read(pa: number, bytes: number): number;
  abstract write(pa: number, bytes: number, value: number): void;
  /** The aligned 32-bit word at pa (pa a multiple of 4). */
  abstract load32(pa: number): number;
  abstract store32(pa: number, value: number): void;

  frameBase(pfn: number): number {
    return pfn * this.pageSize;
  }

  /** Take `count` physically contiguous free frames (large linear tables); null if none. */
  takeContiguous(count: number): number | null {
    if (count === 1) {
      const nodes = this.profile.numa ? this.profile.numa.nodes.length : 1;
      for (let n = 0; n < nodes; n++) {
        const pfn = this.take(n);
        if (pfn !== null) return pfn;
      }
      return null;
    }
    for (let start = this.profile.reservedFrames; start + count <= this.frameCount; start++) {
      let ok = true;
      for (let i = 0; i < count && ok; i++) ok = this.isFree(start + i);
      if (!ok) continue;
      for (let i = 0; i < count; i++) this.takeExact(start + i);
      return start;
    }
    return null;
  }

  /** Copy `data` into frame pfn at byte `at`. */
  setFrameBytes(pfn: number, data: Uint8Array, at = 0): void {
    this.frameBytes(pfn).set(data, at);
  }
}

export function createPhysicalMemory(profile: MachineProfile, layout: 'dense' | 'sparse' = defaultMemoryLayout(profile)): PhysicalMemory {
  return layout === 'dense' ? new DenseMemory(profile) : new SparseMemory(profile);
}

/** Every byte in one array, every record made up front (machines up to 64 MiB). */
export class DenseMemory extends PhysicalMemory {
  readonly layout = 'dense';
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** The same bytes as 32-bit words (little-endian hosts), for fast scans of page tables. */
  readonly words: Uint32Array;
  readonly version: Uint32Array;
  readonly frames: Frame[];
  private readonly freeLists: number[][];

  constructor(profile: MachineProfile) {
    super(profile);
    this.bytes = new Uint8Array(this.size);
    this.view = new DataView(this.bytes.buffer);
    this.words = new Uint32Array(this.bytes.buffer, 0, this.bytes.length >>> 2);
    this.version = new Uint32Array(profile.physFrames);
    this.frames = [];
    const nodes = profile.numa ? profile.numa.nodes.length : 1;
    this.freeLists = Array.from({ length: nodes }, () => []);
    for (let pfn = 0; pfn < profile.physFrames; pfn++) {
      const reserved = pfn < profile.reservedFrames;
      this.frames.push(newFrame(pfn, nodeOfFrame(profile, pfn), reserved ? 'kernel' : 'free', reserved));
    }
    // Stacks popped from the end: push highest first so the lowest frame comes out first.
    for (let pfn = profile.physFrames - 1; pfn >= profile.reservedFrames; pfn--) {
      this.freeLists[this.frames[pfn].node].push(pfn);
    }
  }

  frame(pfn: number): Frame {
    return this.frames[pfn];
  }

  framesInUse(): Frame[] {
    return this.frames.filter((f) => f.kind !== 'free');
  }

  /** Every frame's record, free ones included (only the dense layout has them all). */
  frameRecords(): readonly Frame[] {
    return this.frames;
  }

  freeCount(node?: number): number {
    if (node !== undefined) return this.freeLists[node]?.length ?? 0;
    return this.freeLists.reduce((a, l) => a + l.length, 0);
  }

  isFree(pfn: number): boolean {
    const f = this.frames[pfn];
    return f !== undefined && f.kind === 'free' && indexDescending(this.freeLists[f.node], pfn) >= 0;
  }

  take(node: number): number | null {
    const list = this.freeLists[node];
    if (!list || list.length === 0) return null;
    return list.pop()!;
  }

  takeExact(pfn: number): boolean {
    const f = this.frames[pfn];
    if (!f || f.kind !== 'free') return false;
    const list = this.freeLists[f.node];
    const i = indexDescending(list, pfn);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  release(pfn: number): void {
    this.version[pfn]++;
    clearRecord(this.frames[pfn]);
    // Keep the list sorted descending so the lowest frame is reused first (deterministic, readable runs).
    insertDescending(this.freeLists[this.frames[pfn].node], pfn);
  }

  claimAll(kind: FrameKind): void {
    for (const f of this.frames) {
      f.kind = kind;
      f.pinned = true;
      this.version[f.pfn]++;
    }
    for (const list of this.freeLists) list.length = 0;
  }

  clear(): void {
    this.bytes.fill(0);
    for (let pfn = 0; pfn < this.frameCount; pfn++) this.version[pfn]++;
  }

  materialised(): { records: number; contents: number } {
    return { records: this.frameCount, contents: this.frameCount };
  }

  versionOf(pfn: number): number {
    return this.version[pfn];
  }

  bump(pfn: number): void {
    this.version[pfn]++;
  }

  frameBytes(pfn: number): Uint8Array {
    return this.bytes.subarray(pfn * this.pageSize, (pfn + 1) * this.pageSize);
  }

  peekFrame(pfn: number): Uint8Array {
    return this.frameBytes(pfn);
  }

  hasContents(pfn: number): boolean {
    const ps = this.pageSize;
    const b = this.bytes;
    for (let i = pfn * ps, end = i + ps; i < end; i++) if (b[i] !== 0) return true;
    return false;
  }

  zeroFrame(pfn: number): void {
    this.version[pfn]++;
    const base = pfn * this.pageSize;
    this.bytes.fill(0, base, base + this.pageSize);
  }

  copyFrame(from: number, to: number): void {
    this.version[to]++;
    const ps = this.pageSize;
    this.bytes.copyWithin(to * ps, from * ps, from * ps + ps);
  }

  read(pa: number, bytes: number): number {
    if (bytes === 1) return this.bytes[pa];
    if (bytes === 2) return this.view.getUint16(pa, true);
    return this.view.getUint32(pa, true);
  }

  write(pa: number, bytes: number, value: number): void {
    if (bytes === 1) this.bytes[pa] = value & 0xff;
    else if (bytes === 2) this.view.setUint16(pa, value & 0xffff, true);
    else this.view.setUint32(pa, value >>> 0, true);
  }

  load32(pa: number): number {
    return this.words[pa >>> 2];
  }

  store32(pa: number, value: number): void {
    this.words[pa >>> 2] = value;
  }

  /**
   * Copy the bytes of every frame in use into `into` (a buffer of the same size), or all of
   * memory when `whole`: how a lesson's quiz copy reuses a spare machine's buffer (clone.ts).
   */
  copyInUseInto(into: Uint8Array, whole: boolean): void {
    if (whole) {
      into.set(this.bytes);
      return;
    }
    const ps = this.pageSize;
    const frames = this.frames;
    for (let i = 0; i < frames.length; ) {
      if (frames[i].kind === 'free') {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < frames.length && frames[j].kind !== 'free') j++;
      into.set(this.bytes.subarray(i * ps, j * ps), i * ps);
      i = j;
    }
  }
}

/** A frame's bytes in the sparse layout: the same storage as bytes and as words. */
interface FrameContents {
  bytes: Uint8Array;
  words: Uint32Array;
}

/** One NUMA node's free frames: [next, end) minus takenAbove, plus released (sorted descending). */
interface NodeFreeFrames {
  next: number;
  end: number;
  released: number[];
  takenAbove: Set<number>;
}

/** Records and bytes made on first use (GiB machines, millions of frames). */
export class SparseMemory extends PhysicalMemory {
  readonly layout = 'sparse';
  private readonly records = new Map<number, Frame>();
  /** The records, in frame order (frames are mostly first used in order, so inserts append). */
  private readonly ordered: Frame[] = [];
  private readonly contents = new Map<number, FrameContents>();
  private readonly versions = new Map<number, number>();
  private readonly nodes: NodeFreeFrames[];
  /** Kind (and pinning) of a frame never touched: free, or the image's kind once a dump owns memory. */
  private untouched: FrameKind = 'free';
  private readonly zeros: Uint8Array;
  private readonly invPage: number;

  constructor(profile: MachineProfile) {
    super(profile);
    this.zeros = new Uint8Array(this.pageSize);
    this.invPage = 1 / this.pageSize;
    const counts = profile.numa ? profile.numa.nodes.map((n) => n.frames) : [profile.physFrames];
    this.nodes = [];
    let start = 0;
    for (const count of counts) {
      const end = start + count;
      this.nodes.push({ next: Math.min(end, Math.max(start, profile.reservedFrames)), end, released: [], takenAbove: new Set() });
      start = end;
    }
    // Reserved (kernel) frames are in use from the start, so their records exist now.
    for (let pfn = 0; pfn < profile.reservedFrames; pfn++) this.frame(pfn);
  }

  frame(pfn: number): Frame {
    const have = this.records.get(pfn);
    if (have !== undefined) return have;
    if (!(pfn >= 0 && pfn < this.frameCount && Number.isInteger(pfn))) return undefined as unknown as Frame; // as an out-of-range array read
    const kind: FrameKind = pfn < this.profile.reservedFrames ? 'kernel' : this.untouched;
    const f = newFrame(pfn, nodeOfFrame(this.profile, pfn), kind, kind !== 'free');
    this.records.set(pfn, f);
    const list = this.ordered;
    if (list.length === 0 || list[list.length - 1].pfn < pfn) list.push(f);
    else {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid].pfn < pfn) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, f);
    }
    return f;
  }

  framesInUse(): Frame[] {
    return this.ordered.filter((f) => f.kind !== 'free');
  }

  private nodeFree(n: NodeFreeFrames): number {
    return n.released.length + (n.end - n.next) - n.takenAbove.size;
  }

  freeCount(node?: number): number {
    if (node !== undefined) {
      const n = this.nodes[node];
      return n ? this.nodeFree(n) : 0;
    }
    let total = 0;
    for (const n of this.nodes) total += this.nodeFree(n);
    return total;
  }

  private nodeOf(pfn: number): NodeFreeFrames | undefined {
    for (const n of this.nodes) if (pfn < n.end) return n;
    return undefined;
  }

  isFree(pfn: number): boolean {
    const n = this.nodeOf(pfn);
    if (!n || pfn < 0) return false;
    if (pfn >= n.next) return !n.takenAbove.has(pfn);
    return indexDescending(n.released, pfn) >= 0;
  }

  take(node: number): number | null {
    const n = this.nodes[node];
    if (!n) return null;
    if (n.released.length > 0) return n.released.pop()!;
    while (n.next < n.end && n.takenAbove.has(n.next)) n.takenAbove.delete(n.next++);
    if (n.next >= n.end) return null;
    const pfn = n.next++;
    this.frame(pfn);
    return pfn;
  }

  takeExact(pfn: number): boolean {
    const n = this.nodeOf(pfn);
    if (!n || pfn < 0 || !Number.isInteger(pfn)) return false;
    if (pfn >= n.next) {
      if (n.takenAbove.has(pfn)) return false;
      if (pfn === n.next) n.next++;
      else n.takenAbove.add(pfn);
    } else {
      const i = indexDescending(n.released, pfn);
      if (i < 0) return false;
      n.released.splice(i, 1);
    }
    this.frame(pfn);
    return true;
  }

  release(pfn: number): void {
    this.bump(pfn);
    clearRecord(this.frame(pfn));
    const n = this.nodeOf(pfn)!;
    // A frame taken by number above the watermark just rejoins the untouched range.
    if (!n.takenAbove.delete(pfn)) insertDescending(n.released, pfn);
  }

  claimAll(kind: FrameKind): void {
    this.untouched = kind;
    // Frames holding bytes get their records now, so the frames in use are the ones with contents.
    for (const pfn of this.contents.keys()) this.frame(pfn);
    for (const f of this.ordered) {
      f.kind = kind;
      f.pinned = true;
      this.bump(f.pfn);
    }
    for (const n of this.nodes) {
      n.next = n.end;
      n.released.length = 0;
      n.takenAbove.clear();
    }
  }

  clear(): void {
    for (const pfn of this.contents.keys()) this.bump(pfn);
    this.contents.clear();
  }

  materialised(): { records: number; contents: number } {
    return { records: this.records.size, contents: this.contents.size };
  }

  versionOf(pfn: number): number {
    return this.versions.get(pfn) ?? 0;
  }

  bump(pfn: number): void {
    this.versions.set(pfn, (this.versions.get(pfn) ?? 0) + 1);
  }

  private contentsOf(pfn: number): FrameContents {
    let c = this.contents.get(pfn);
    if (c === undefined) {
      // Whole 32-bit words, so entries can be read as words even on pages smaller than 4 bytes.
      const buffer = new ArrayBuffer(Math.max(4, Math.ceil(this.pageSize / 4) * 4));
      c = { bytes: new Uint8Array(buffer, 0, this.pageSize), words: new Uint32Array(buffer) };
      this.contents.set(pfn, c);
    }
    return c;
  }

  frameBytes(pfn: number): Uint8Array {
    return this.contentsOf(pfn).bytes;
  }

  peekFrame(pfn: number): Uint8Array {
    return this.contents.get(pfn)?.bytes ?? this.zeros;
  }

  hasContents(pfn: number): boolean {
    const c = this.contents.get(pfn);
    return c !== undefined && c.bytes.some((b) => b !== 0);
  }

  zeroFrame(pfn: number): void {
    this.bump(pfn);
    this.contents.get(pfn)?.bytes.fill(0);
  }

  copyFrame(from: number, to: number): void {
    this.bump(to);
    const src = this.contents.get(from);
    if (src) this.contentsOf(to).bytes.set(src.bytes);
    else this.contents.get(to)?.bytes.fill(0);
  }

  private pfnOf(pa: number): number {
    return Math.floor(pa * this.invPage);
  }

  read(pa: number, bytes: number): number {
    const pfn = this.pfnOf(pa);
    const c = this.contents.get(pfn);
    if (c === undefined) return 0;
    const off = pa - pfn * this.pageSize;
    const b = c.bytes;
    if (bytes === 1) return b[off];
    if (bytes === 2) return b[off] | (b[off + 1] << 8);
    return (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24)) >>> 0;
  }

  write(pa: number, bytes: number, value: number): void {
    const pfn = this.pfnOf(pa);
    const b = this.contentsOf(pfn).bytes;
    const off = pa - pfn * this.pageSize;
    b[off] = value & 0xff;
    if (bytes >= 2) b[off + 1] = (value >>> 8) & 0xff;
    if (bytes === 4) {
      b[off + 2] = (value >>> 16) & 0xff;
      b[off + 3] = (value >>> 24) & 0xff;
    }
  }

  load32(pa: number): number {
    const pfn = this.pfnOf(pa);
    const c = this.contents.get(pfn);
    return c === undefined ? 0 : c.words[(pa - pfn * this.pageSize) >>> 2];
  }

  store32(pa: number, value: number): void {
    const pfn = this.pfnOf(pa);
    this.contentsOf(pfn).words[(pa - pfn * this.pageSize) >>> 2] = value;
  }
}

/*
 * PTE codec: reading, testing and building entries of a given layout from (lo, hi) halves.
 * `lo`/`hi` of the last `load` are kept on the codec to avoid allocating in the walk loop.
 */
export class PteCodec {
  lo = 0;
  hi = 0;
  readonly bytes: number;
  private readonly pfnLoBits: number;
  private readonly pfnLoMask: number;
  private readonly pfnHiMask: number;
  private readonly pfnHiScale: number;

  constructor(readonly layout: PteLayout) {
    this.bytes = layout.bytes;
    this.pfnLoBits = Math.max(0, Math.min(32, layout.pfnShift + layout.pfnBits) - layout.pfnShift);
    this.pfnLoMask = mask(layout.pfnShift >= 32 ? layout.pfnBits : this.pfnLoBits);
    this.pfnHiMask = mask(Math.max(0, layout.pfnBits - this.pfnLoBits));
    this.pfnHiScale = 2 ** this.pfnLoBits;
  }

  load(mem: PhysicalMemory, addr: number): void {
    // Entries are naturally aligned (tables start on frame boundaries), so 4- and 8-byte
    // entries are whole 32-bit words. Little-endian, as on x86 and RISC-V hosts.
    const b = this.bytes;
    if (b === 8) {
      this.lo = mem.load32(addr);
      this.hi = mem.load32(addr + 4);
    } else {
      this.lo = b === 4 ? mem.load32(addr) : mem.read(addr, b);
      this.hi = 0;
    }
  }

  store(mem: PhysicalMemory, addr: number, lo: number, hi: number): void {
    mem.bump(Math.floor(addr / mem.pageSize));
    const b = this.bytes;
    if (b === 8) {
      mem.store32(addr, lo >>> 0);
      mem.store32(addr + 4, hi >>> 0);
    } else if (b === 4) mem.store32(addr, lo >>> 0);
    else mem.write(addr, b, lo);
  }

  /** Whether `bit` is set in the loaded entry; an absent bit (undefined) reads as `absent`. */
  has(bit: number | undefined, absent: boolean): boolean {
    if (bit === undefined) return absent;
    return bit < 32 ? ((this.lo >>> bit) & 1) === 1 : ((this.hi >>> (bit - 32)) & 1) === 1;
  }

  pfn(): number {
    const shift = this.layout.pfnShift;
    if (shift >= 32) return ((this.hi >>> (shift - 32)) & this.pfnLoMask) >>> 0;
    const loPart = ((this.lo >>> shift) & this.pfnLoMask) >>> 0;
    if (this.pfnHiMask === 0) return loPart;
    return loPart + ((this.hi & this.pfnHiMask) >>> 0) * this.pfnHiScale;
  }

  /** Hex string of the loaded entry, zero-padded to its width. */
  hex(): string {
    const digits = this.bytes * 2;
    if (this.bytes === 8) return '0x' + (this.hi >>> 0).toString(16).padStart(8, '0') + (this.lo >>> 0).toString(16).padStart(8, '0');
    return '0x' + (this.lo >>> 0).toString(16).padStart(digits, '0');
  }

  /** Build (lo, hi) for an entry; returns them through the codec's lo/hi fields. */
  build(fields: { valid: boolean; pfn: number; read?: boolean; write?: boolean; exec?: boolean; user?: boolean; accessed?: boolean; dirty?: boolean; cow?: boolean; global?: boolean }): void {
    this.lo = 0;
    this.hi = 0;
    const L = this.layout;
    const set = (bit: number | undefined, on: boolean | undefined) => {
      if (bit === undefined || !on) return;
      if (bit < 32) this.lo = (this.lo | (1 << bit)) >>> 0;
      else this.hi = (this.hi | (1 << (bit - 32))) >>> 0;
    };
    set(L.valid, fields.valid);
    set(L.read, fields.read);
    set(L.write, fields.write);
    set(L.exec, fields.exec);
    set(L.noExec, fields.exec === false);
    set(L.user, fields.user);
    set(L.accessed, fields.accessed);
    set(L.dirty, fields.dirty);
    set(L.cow, fields.cow);
    set(L.global, fields.global);
    this.setPfn(fields.pfn);
  }

  setPfn(pfn: number): void {
    const { pfnShift, pfnBits } = this.layout;
    if (pfnShift >= 32) {
      this.hi = ((this.hi & ~(mask(pfnBits) << (pfnShift - 32))) | ((pfn & mask(pfnBits)) << (pfnShift - 32))) >>> 0;
      return;
    }
    const loBits = this.pfnLoBits;
    const loMask = loBits >= 32 ? 0xffffffff : mask(loBits);
    const loVal = pfn % 2 ** loBits;
    this.lo = ((this.lo & ~((loMask << pfnShift) >>> 0)) | ((loVal & loMask) << pfnShift)) >>> 0;
    const hiBits = pfnBits - loBits;
    if (hiBits > 0) {
      const hiVal = Math.floor(pfn / 2 ** loBits) & mask(hiBits);
      this.hi = ((this.hi & ~mask(hiBits)) | hiVal) >>> 0;
    }
  }

  setBit(bit: number | undefined, on: boolean): void {
    if (bit === undefined) return;
    if (bit < 32) this.lo = (on ? this.lo | (1 << bit) : this.lo & ~(1 << bit)) >>> 0;
    else this.hi = (on ? this.hi | (1 << (bit - 32)) : this.hi & ~(1 << (bit - 32))) >>> 0;
  }
}

function mask(bits: number): number {
  return bits >= 32 ? 0xffffffff : (2 ** bits - 1) >>> 0;
}
