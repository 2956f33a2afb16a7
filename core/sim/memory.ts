/*
 * Simulated physical memory: `physFrames * pageSize` bytes plus one record per frame.
 *
 *   bytes      Uint8Array, the real contents; page tables are read from and written to it.
 *   frames[i]  what frame i holds: its kind, NUMA node, the (pid, vpn) pairs that map it
 *              (the reverse map; its length is the frame's reference count), the file or
 *              shared-memory page it caches, the swap slot still holding a copy, the
 *              software dirty flag, and the times used by FIFO and LRU replacement.
 *   free lists one stack per NUMA node, lowest frame numbers handed out first so that
 *              runs are easy to follow.
 *
 * A PTE is handled as two unsigned 32-bit halves (lo, hi) because a 64-bit entry with
 * NX in bit 63 does not fit a JavaScript number; entries are little-endian.
 */
import type { FrameKind } from './events.ts';
import { nodeOfFrame, pageSize, type MachineProfile, type PteLayout } from './profile.ts';

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

export class PhysicalMemory {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** The same bytes as 32-bit words (little-endian hosts), for fast scans of page tables. */
  readonly words: Uint32Array;
  /** Bumped whenever a frame's bytes may have changed through a PTE store or a zero/copy: lets snapshots cache decoded page tables. */
  readonly version: Uint32Array;
  readonly frames: Frame[];
  readonly pageSize: number;
  private readonly freeLists: number[][];

  constructor(readonly profile: MachineProfile) {
    this.pageSize = pageSize(profile);
    this.bytes = new Uint8Array(profile.physFrames * this.pageSize);
    this.view = new DataView(this.bytes.buffer);
    this.words = new Uint32Array(this.bytes.buffer, 0, this.bytes.length >>> 2);
    this.version = new Uint32Array(profile.physFrames);
    this.frames = [];
    const nodes = profile.numa ? profile.numa.nodes.length : 1;
    this.freeLists = Array.from({ length: nodes }, () => []);
    for (let pfn = 0; pfn < profile.physFrames; pfn++) {
      const reserved = pfn < profile.reservedFrames;
      const node = nodeOfFrame(profile, pfn);
      this.frames.push({
        pfn,
        kind: reserved ? 'kernel' : 'free',
        node,
        owner: null,
        mappings: [],
        file: null,
        swapSlot: null,
        dirty: false,
        level: null,
        loadedAt: 0,
        lastUsed: 0,
        referenced: false,
        pinned: reserved,
      });
    }
    // Stacks popped from the end: push highest first so the lowest frame comes out first.
    for (let pfn = profile.physFrames - 1; pfn >= profile.reservedFrames; pfn--) {
      this.freeLists[this.frames[pfn].node].push(pfn);
    }
  }

  /** Frames that hold something (not free), in frame order. */
  framesInUse(): Frame[] {
    return this.frames.filter((f) => f.kind !== 'free');
  }

  freeCount(node?: number): number {
    if (node !== undefined) return this.freeLists[node]?.length ?? 0;
    return this.freeLists.reduce((a, l) => a + l.length, 0);
  }

  /** Take a free frame from `node`; null when that node has none. */
  take(node: number): number | null {
    const list = this.freeLists[node];
    if (!list || list.length === 0) return null;
    return list.pop()!;
  }

  /** Take a specific frame (explicit placement in teaching scenarios); false if not free. */
  takeExact(pfn: number): boolean {
    const f = this.frames[pfn];
    if (!f || f.kind !== 'free') return false;
    const list = this.freeLists[f.node];
    const i = list.indexOf(pfn);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  /** Take `count` physically contiguous free frames (large linear tables); null if none. */
  takeContiguous(count: number): number | null {
    if (count === 1) {
      for (let n = 0; n < this.freeLists.length; n++) {
        const pfn = this.take(n);
        if (pfn !== null) return pfn;
      }
      return null;
    }
    for (let start = this.profile.reservedFrames; start + count <= this.frames.length; start++) {
      let ok = true;
      for (let i = 0; i < count && ok; i++) ok = this.frames[start + i].kind === 'free';
      if (!ok) continue;
      for (let i = 0; i < count; i++) this.takeExact(start + i);
      return start;
    }
    return null;
  }

  /** Return a frame to its node's free list, zeroing its record (not its bytes: like real RAM). */
  release(pfn: number): void {
    this.version[pfn]++;
    const f = this.frames[pfn];
    f.kind = 'free';
    f.owner = null;
    f.mappings = [];
    f.file = null;
    f.swapSlot = null;
    f.dirty = false;
    f.level = null;
    f.pinned = false;
    f.referenced = false;
    const list = this.freeLists[f.node];
    // Keep the list sorted descending so the lowest frame is reused first (deterministic, readable runs).
    let i = list.length;
    while (i > 0 && list[i - 1] < pfn) i--;
    list.splice(i, 0, pfn);
  }

  frameBase(pfn: number): number {
    return pfn * this.pageSize;
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

  /** Read an unsigned little-endian value of 1, 2 or 4 bytes. */
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
      const w = addr >>> 2;
      this.lo = mem.words[w];
      this.hi = mem.words[w + 1];
    } else {
      this.lo = b === 4 ? mem.words[addr >>> 2] : b === 2 ? mem.bytes[addr] | (mem.bytes[addr + 1] << 8) : mem.bytes[addr];
      this.hi = 0;
    }
  }

  store(mem: PhysicalMemory, addr: number, lo: number, hi: number): void {
    mem.version[Math.floor(addr / mem.pageSize)]++;
    const b = this.bytes;
    if (b === 8) {
      mem.view.setUint32(addr, lo >>> 0, true);
      mem.view.setUint32(addr + 4, hi >>> 0, true);
    } else if (b === 4) mem.view.setUint32(addr, lo >>> 0, true);
    else if (b === 2) mem.view.setUint16(addr, lo & 0xffff, true);
    else mem.bytes[addr] = lo & 0xff;
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
