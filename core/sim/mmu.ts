/*
 * The MMU: what the hardware does for every memory access.
 *
 *   translate = TLB lookup → (on a miss) walk → permission check → accessed/dirty update
 *               → physical address, or a fault for the kernel to handle.
 *
 * The walk reads real entries out of simulated physical memory, one per level, starting
 * at the root table's frame (CR3 / satp / the page-table base register). Results are
 * left in fields of the Mmu object (pa, pfn, fault, faultLevel, ...) instead of a
 * returned object, so that the benchmark's inner loop allocates nothing when no trace
 * is being recorded (`events === null`).
 */
import type { AccessOp, FaultCause, SimEvent } from './events.ts';
import type { PhysicalMemory, PteCodec } from './memory.ts';
import type { MachineProfile } from './profile.ts';
import * as bits from './tlb.ts';
import type { Tlb } from './tlb.ts';

// Local copies of the TLB flag bits: when this module runs as CommonJS (tsx, the CLI and
// the benchmark) every use of an imported binding is a getter call, measurable in the hot path.
const TLB_DIRTY = bits.TLB_DIRTY;
const TLB_EXEC = bits.TLB_EXEC;
const TLB_GLOBAL = bits.TLB_GLOBAL;
const TLB_READ = bits.TLB_READ;
const TLB_USER = bits.TLB_USER;
const TLB_WRITE = bits.TLB_WRITE;

export class Mmu {
  // Outcome of the last translate/walk.
  pa = 0;
  pfn = 0;
  fault: FaultCause | null = null;
  faultLevel: number | null = null;
  /** Physical address of the leaf PTE reached by the last walk (or of the entry that faulted).
   * A TLB hit sets it only when it needs the PTE: a first write through a clean entry. */
  leafPteAddr = -1;
  /** TLB_* permission bits of the leaf, folded across levels where the profile says so. */
  perms = 0;
  // The fields below are set once, in the constructor. They are `declare`d rather than declared
  // as class fields, which would first define each as undefined: V8 would then keep them as
  // "any value" and check for a boxed number on every read in translate (tlb.ts says more).
  declare readonly profile: MachineProfile;
  declare readonly mem: PhysicalMemory;
  declare readonly codec: PteCodec;
  declare readonly pageSize: number;
  private declare readonly levelDiv: number[];
  private declare readonly levelSize: number[];
  /** 1 / levelDiv and levelSize - 1: index = floor(va * inv) & mask (ToInt32 wraps exactly below 2^53). */
  private declare readonly levelInv: number[];
  private declare readonly levelMask: number[];
  private declare readonly invPage: number;
  private declare readonly riscv: boolean;
  private declare readonly vaLimit: number;

  constructor(profile: MachineProfile, mem: PhysicalMemory, codec: PteCodec) {
    this.profile = profile;
    this.mem = mem;
    this.codec = codec;
    this.pageSize = 2 ** profile.pageBits;
    this.vaLimit = 2 ** profile.vaBits;
    this.invPage = 1 / this.pageSize;
    this.riscv = profile.leafRule === 'riscv';
    this.levelDiv = [];
    this.levelSize = [];
    this.levelInv = [];
    this.levelMask = [];
    let below = profile.pageBits;
    for (let l = profile.levels.length - 1; l >= 0; l--) {
      this.levelDiv[l] = 2 ** below;
      this.levelInv[l] = 2 ** -below;
      this.levelSize[l] = 2 ** profile.levels[l];
      this.levelMask[l] = 2 ** profile.levels[l] - 1;
      below += profile.levels[l];
    }
  }

  /** Index into the level-`level` table for virtual address `va`. */
  indexAt(va: number, level: number): number {
    return Math.floor(va * this.levelInv[level]) & this.levelMask[level];
  }

  /** Virtual address covered by entry `index` of a level-`level` table whose range starts at `base`. */
  spanOf(level: number): number {
    return this.levelDiv[level];
  }

  /**
   * Translate as the hardware does for an access from user (`user` true) or kernel mode.
   * Returns true with `pa` set, or false with `fault` and `faultLevel` set.
   *
   * This is the TLB hit path; a miss goes to `tlbMiss`. Keeping the hit path this short
   * lets the JIT inline it into its callers, so the address is not boxed on every access.
   */
  translate(
    tlb: Tlb,
    cpu: number,
    asid: number,
    root: number,
    va: number,
    op: AccessOp,
    user: boolean,
    events: SimEvent[] | null,
  ): boolean {
    this.fault = null;
    this.faultLevel = null;
    // Callers pass whole numbers (the scenario schemas and the API check them); only the range is checked here.
    if (va < 0 || va >= this.vaLimit) {
      this.fault = 'out-of-range';
      return false;
    }
    const vpn = Math.floor(va * this.invPage);
    const slot = tlb.lookup(asid, vpn);
    if (slot < 0) return this.tlbMiss(tlb, cpu, asid, root, va, vpn, op, user, events);
    const flags = tlb.flags[slot];
    this.pfn = tlb.pfn[slot];
    this.perms = flags;
    if (events) events.push({ type: 'tlb-hit', cpu, asid, vpn, pfn: this.pfn, set: tlb.setOf(vpn) });
    // The common case, every bit the access needs is set, costs one test; else permitted() says why not.
    const needs = (user ? TLB_USER : 0) | (op === 'read' ? TLB_READ : op === 'write' ? TLB_WRITE : TLB_EXEC);
    if ((flags & needs) !== needs && !this.permitted(flags, op, user)) return false;
    // First write through a clean entry: hardware sets D in the PTE (x86 re-walks; same effect).
    if (op === 'write' && (flags & TLB_DIRTY) === 0) this.markDirty(tlb, slot, events);
    this.pa = this.pfn * this.pageSize + (va - vpn * this.pageSize);
    return true;
  }

  private markDirty(tlb: Tlb, slot: number, events: SimEvent[] | null): void {
    this.leafPteAddr = tlb.pteAddr[slot];
    this.setAccessedDirty(this.leafPteAddr, true, events);
    tlb.flags[slot] |= TLB_DIRTY;
  }

  /** A TLB miss: walk the tables, check the permissions, set accessed/dirty, and fill the TLB. */
  private tlbMiss(tlb: Tlb, cpu: number, asid: number, root: number, va: number, vpn: number, op: AccessOp, user: boolean, events: SimEvent[] | null): boolean {
    if (events) events.push({ type: 'tlb-miss', cpu, asid, vpn, set: tlb.setOf(vpn) });
    if (!this.walk(root, va, events)) return false;
    if (!this.permitted(this.perms, op, user)) return false;
    const dirty = this.setAccessedDirty(this.leafPteAddr, op === 'write', events);
    const flags = this.perms | (dirty ? TLB_DIRTY : 0);
    const evicted = tlb.fill(asid, vpn, this.pfn, flags, this.leafPteAddr);
    if (events) events.push({ type: 'tlb-fill', cpu, asid, vpn, pfn: this.pfn, set: tlb.setOf(vpn), evictedVpn: evicted });
    this.pa = this.pfn * this.pageSize + (va - vpn * this.pageSize);
    return true;
  }

  /**
   * Walk the page table rooted at frame `root` for `va`, reading one entry per level.
   * No permission check and no accessed/dirty update: `translate` adds those. Sets
   * pfn, perms and leafPteAddr on success; fault and faultLevel otherwise.
   */
  walk(root: number, va: number, events: SimEvent[] | null): boolean {
    const p = this.profile;
    const L = p.pte;
    const codec = this.codec;
    const ps = this.pageSize;
    const last = p.levels.length - 1;
    this.fault = null;
    this.faultLevel = null;
    if (va < 0 || va >= this.vaLimit || !Number.isInteger(va)) {
      this.fault = 'out-of-range';
      return false;
    }
    let table = root;
    let write = true;
    let userOk = true;
    for (let level = 0; level <= last; level++) {
      const index = Math.floor(va * this.levelInv[level]) & this.levelMask[level];
      const pteAddr = table * ps + index * L.bytes;
      if (pteAddr + L.bytes > this.mem.size || table < 0) {
        this.fault = 'bad-entry';
        this.faultLevel = level;
        return false;
      }
      codec.load(this.mem, pteAddr);
      const valid = codec.has(L.valid, true);
      const pfn = codec.pfn();
      let leaf = level === last;
      if (this.riscv && valid) {
        leaf = codec.has(L.read, false) || codec.has(L.write, false) || codec.has(L.exec, false);
      }
      if (events)
        events.push({
          type: 'walk',
          level,
          tableFrame: table,
          index,
          pteAddr,
          pte: codec.hex(),
          valid,
          pfn: valid ? pfn : null,
          leaf: valid && leaf,
        });
      this.leafPteAddr = pteAddr;
      if (!valid) {
        this.fault = 'not-present';
        this.faultLevel = level;
        return false;
      }
      if (pfn >= p.physFrames) {
        this.fault = 'bad-entry';
        this.faultLevel = level;
        return false;
      }
      if (p.hierarchicalPermissions || leaf) {
        write = write && codec.has(L.write, true);
        userOk = userOk && codec.has(L.user, true);
      }
      if (leaf) {
        if (level !== last) {
          // A superpage leaf: the kernel never builds these, so treat it as a malformed table.
          this.fault = 'bad-entry';
          this.faultLevel = level;
          return false;
        }
        const read = codec.has(L.read, true);
        const exec = L.exec !== undefined ? codec.has(L.exec, false) : L.noExec !== undefined ? !codec.has(L.noExec, false) : true;
        this.perms =
          (read ? TLB_READ : 0) |
          (write ? TLB_WRITE : 0) |
          (userOk ? TLB_USER : 0) |
          (exec ? TLB_EXEC : 0) |
          (codec.has(L.global, false) ? TLB_GLOBAL : 0);
        this.pfn = pfn;
        return true;
      }
      table = pfn;
    }
    return false;
  }

  /** Check TLB_* permission bits against an access; sets `fault` when refused. */
  permitted(flags: number, op: AccessOp, user: boolean): boolean {
    if (user && (flags & TLB_USER) === 0) {
      this.fault = 'user-kernel';
      return false;
    }
    if (
      (op === 'read' && (flags & TLB_READ) === 0) ||
      (op === 'write' && (flags & TLB_WRITE) === 0) ||
      (op === 'exec' && (flags & TLB_EXEC) === 0)
    ) {
      this.fault = 'protection';
      return false;
    }
    return true;
  }

  /**
   * Set the accessed bit (and dirty on a write) in the leaf PTE if the layout has them.
   * Returns whether the entry is now dirty (true when the layout has no dirty bit, so the
   * TLB never needs to come back for it).
   */
  setAccessedDirty(pteAddr: number, write: boolean, events: SimEvent[] | null): boolean {
    const L = this.profile.pte;
    if (L.accessed === undefined && L.dirty === undefined) return true;
    const codec = this.codec;
    codec.load(this.mem, pteAddr);
    const hadA = codec.has(L.accessed, true);
    const hadD = codec.has(L.dirty, true);
    const needD = write && !hadD;
    if (!hadA || needD) {
      codec.setBit(L.accessed, true);
      if (write) codec.setBit(L.dirty, true);
      codec.store(this.mem, pteAddr, codec.lo, codec.hi);
      if (events) events.push({ type: 'ad-update', pteAddr, accessed: true, dirty: codec.has(L.dirty, true) });
    }
    return L.dirty === undefined ? true : hadD || write;
  }
}
