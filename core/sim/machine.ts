/*
 * The machine and its kernel: CPUs with their TLBs, physical memory, processes, threads,
 * memory areas, files, shared memory, swap.
 *
 *   processes   pid → Process: page-table root frame, ASID, memory areas (VMAs), program
 *               break, swapped-out pages (vpn → swap slot), NUMA policy.
 *   threads     tid → Thread: its process, its CPU, its stack area. Threads of a process
 *               share the page table; each runs on its own CPU with that CPU's TLB.
 *   files       name → SimFile: bytes on "disk", and the page cache (page → frame).
 *               Shared-memory objects are files on a tmpfs (`shm:NAME`): never written
 *               back, swapped instead.
 *   swap        slot → { refs, data }: a slot is referenced by every PTE-less page that
 *               lives there (fork shares them); `swapCache` maps a slot still holding a
 *               copy to the frame it was read into.
 *
 * The kernel follows Linux where that is observable: code and initialised data are
 * private file mappings of the program (demand-paged, code frames shared between
 * processes running the same program); heap and stack are anonymous; fork copies the
 * page-table entries of private areas that hold anonymous pages and write-protects them
 * (copy-on-write), and copies nothing for shared mappings (the child faults them in);
 * a write to a copy-on-write page whose frame has no other user reuses it instead of
 * copying. Deliberate simplifications are listed in docs/scenarios.md.
 */
import type { AccessOp, FaultCause, FaultResolution, FrameKind, SimEvent } from './events.ts';
import { PhysicalMemory, PteCodec, type Frame } from './memory.ts';
import { Mmu } from './mmu.ts';
import { checkProfile, nodeOfCpu, pageSize, tableFrames, type MachineProfile, type NumaPolicy, type ReplacementPolicy } from './profile.ts';
import { Rng } from './rng.ts';
import { TLB_EXEC, TLB_READ, TLB_WRITE, Tlb } from './tlb.ts';

export interface Perms {
  read: boolean;
  write: boolean;
  exec: boolean;
}

export type AreaKind = 'code' | 'data' | 'heap' | 'stack' | 'mmap' | 'shm' | 'kernel';

export interface Area {
  name: string;
  kind: AreaKind;
  start: number;
  end: number;
  perms: Perms;
  shared: boolean;
  /** Backing file and the file page that `start` maps. */
  file: { name: string; page: number } | null;
  growsDown: boolean;
  /** Linux's anon_vma: this private area has (had) anonymous pages, so fork copies its PTEs. */
  hasAnon: boolean;
}

export interface Process {
  pid: number;
  name: string;
  parent: number | null;
  alive: boolean;
  exitReason: string | null;
  asid: number;
  root: number;
  program: string;
  areas: Area[];
  heapStart: number;
  brk: number;
  threads: number[];
  swapped: Map<number, number>;
  numaPolicy: NumaPolicy;
  numaNodes: number[];
  interleaveNext: number;
  /** Page-table frames this process owns (root included). */
  tableFrames: Set<number>;
}

export interface Thread {
  tid: number;
  pid: number;
  name: string;
  cpu: number;
  stackArea: string;
  alive: boolean;
}

export interface Cpu {
  id: number;
  node: number;
  current: number | null;
  /** Process whose page table is loaded (CR3/satp), kept across idle periods. */
  loadedPid: number | null;
  tlb: Tlb;
}

export interface SimFile {
  name: string;
  size: number;
  data: Uint8Array;
  tmpfs: boolean;
  cache: Map<number, number>;
  /** tmpfs pages pushed to swap: page → slot. */
  swap: Map<number, number>;
  unlinked: boolean;
}

export interface SwapSlot {
  refs: number;
  data: Uint8Array;
}

export interface AccessResult {
  pid: number;
  tid: number;
  cpu: number;
  va: number;
  op: AccessOp;
  ok: boolean;
  pa: number | null;
  pfn: number | null;
  /** Outcome of the first TLB lookup ('none' when the TLB is disabled or the address was invalid). */
  tlb: 'hit' | 'miss' | 'none';
  faults: { cause: FaultCause; level: number | null; resolution: FaultResolution }[];
  value: number | null;
  segfault: string | null;
  node: number | null;
  cost: number | null;
  remote: boolean;
}

export interface KernelOptions {
  seed: number;
  replacement?: ReplacementPolicy;
  swapSlots?: number;
  asid?: boolean;
}

export interface Stats {
  accesses: number;
  tlbHits: number;
  tlbMisses: number;
  pageFaults: number;
  minorFaults: number;
  majorFaults: number;
  cowCopies: number;
  swapOuts: number;
  swapIns: number;
  writeBacks: number;
  segfaults: number;
  localAccesses: number;
  remoteAccesses: number;
  accessCost: number;
}

export class SimError extends Error {}

const NO_PERMS: Perms = { read: false, write: false, exec: false };

export function permsString(p: Perms): string {
  return (p.read ? 'r' : '-') + (p.write ? 'w' : '-') + (p.exec ? 'x' : '-');
}

export function parsePerms(s: string): Perms {
  return { read: s.includes('r'), write: s.includes('w'), exec: s.includes('x') };
}

export class Machine {
  readonly profile: MachineProfile;
  readonly mem: PhysicalMemory;
  readonly codec: PteCodec;
  readonly mmu: Mmu;
  readonly cpus: Cpu[];
  readonly processes = new Map<number, Process>();
  readonly threads = new Map<number, Thread>();
  readonly files = new Map<string, SimFile>();
  readonly swap: (SwapSlot | null)[];
  readonly swapCache = new Map<number, number>();
  readonly rng: Rng;
  readonly pageSize: number;
  replacement: ReplacementPolicy;
  readonly useAsid: boolean;
  stats: Stats = {
    accesses: 0,
    tlbHits: 0,
    tlbMisses: 0,
    pageFaults: 0,
    minorFaults: 0,
    majorFaults: 0,
    cowCopies: 0,
    swapOuts: 0,
    swapIns: 0,
    writeBacks: 0,
    segfaults: 0,
    localAccesses: 0,
    remoteAccesses: 0,
    accessCost: 0,
  };
  /** Events of the operation in progress; null turns tracing off (benchmarks). */
  events: SimEvent[] | null = [];
  /** For OPT replacement: how far in the future (pid, vpn) is next used; Infinity if never. */
  nextUse: ((pid: number, vpn: number) => number) | null = null;
  /** Root frame for raw-image translation (page-table base register), when loaded from a memory dump. */
  imageRoot: number | null = null;
  private nextPid = 1;
  private nextTid = 1;
  private tick = 0;
  private clockHand = 0;

  constructor(profile: MachineProfile, options: KernelOptions) {
    const problems = checkProfile(profile);
    if (problems.length) throw new SimError(`inconsistent machine profile: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.profile = profile;
    this.pageSize = pageSize(profile);
    this.rng = new Rng(options.seed);
    this.replacement = options.replacement ?? profile.replacement;
    this.useAsid = options.asid ?? profile.tlb.asid;
    this.mem = new PhysicalMemory(profile);
    this.codec = new PteCodec(profile.pte);
    this.mmu = new Mmu(profile, this.mem, this.codec);
    this.swap = new Array(options.swapSlots ?? profile.swapSlots).fill(null);
    this.cpus = [];
    for (let id = 0; id < profile.cpus; id++) {
      this.cpus.push({ id, node: nodeOfCpu(profile, id), current: null, loadedPid: null, tlb: new Tlb(profile.tlb, this.rng) });
    }
  }

  // ---------------------------------------------------------------- events

  private emit(e: SimEvent): void {
    if (this.events) this.events.push(e);
  }

  // ---------------------------------------------------------------- lookups

  process(pid: number): Process {
    const p = this.processes.get(pid);
    if (!p) throw new SimError(`no process ${pid}`);
    return p;
  }

  thread(tid: number): Thread {
    const t = this.threads.get(tid);
    if (!t) throw new SimError(`no thread ${tid}`);
    return t;
  }

  mainThread(pid: number): Thread {
    const p = this.process(pid);
    if (!p.alive) throw new SimError(`${p.name} is not running (${p.exitReason ?? 'it has exited'})`);
    const tid = p.threads.find((t) => this.threads.get(t)?.alive);
    if (tid === undefined) throw new SimError(`process ${p.name} has no live thread`);
    return this.thread(tid);
  }

  findArea(p: Process, va: number): Area | null {
    for (const a of p.areas) if (va >= a.start && va < a.end) return a;
    return null;
  }

  vpnOf(va: number): number {
    return Math.floor(va / this.pageSize);
  }

  private asidOf(pid: number): number {
    return this.useAsid ? pid : 0;
  }

  // ---------------------------------------------------------------- frames

  /** Choose the node a new frame should come from for process `p` touching from `cpuNode`. */
  private pickNode(p: Process | null, cpuNode: number): { order: number[]; strict: boolean } {
    const numa = this.profile.numa;
    if (!numa) return { order: [0], strict: false };
    const all = numa.nodes.map((_, i) => i);
    const byDistance = (from: number) => [...all].sort((a, b) => numa.distance[from][a] - numa.distance[from][b] || a - b);
    if (!p) return { order: byDistance(cpuNode), strict: false };
    if (p.numaPolicy === 'bind') return { order: p.numaNodes.length ? p.numaNodes : [cpuNode], strict: true };
    if (p.numaPolicy === 'interleave') {
      const nodes = p.numaNodes.length ? p.numaNodes : all;
      const first = nodes[p.interleaveNext++ % nodes.length];
      return { order: [first, ...byDistance(first).filter((n) => n !== first)], strict: false };
    }
    return { order: byDistance(cpuNode), strict: false };
  }

  /**
   * Allocate a frame (evicting a page if memory is full). Returns null when nothing can
   * be freed: the caller then kills the process (out of memory).
   */
  allocFrame(kind: FrameKind, p: Process | null, cpuNode: number, reason: string, exact: number | null = null): number | null {
    let pfn: number | null = null;
    if (exact !== null) {
      if (!this.mem.takeExact(exact)) {
        const f = this.mem.frames[exact];
        if (!f) throw new SimError(`frame ${exact} does not exist (physical memory has ${this.profile.physFrames} frames)`);
        if (f.pinned || (f.kind !== 'anon' && f.kind !== 'file' && f.kind !== 'shm'))
          throw new SimError(`frame ${exact} is not free (it holds ${f.kind === 'page-table' ? 'a page table' : f.kind})`);
        this.evict(exact);
        this.mem.takeExact(exact);
      }
      pfn = exact;
    } else {
      // Page tables always come from the local node (as in Linux); the policy applies to data pages.
      const { order, strict } = this.pickNode(kind === 'page-table' ? null : p, cpuNode);
      for (const n of order) {
        pfn = this.mem.take(n);
        if (pfn !== null) break;
      }
      if (pfn === null) {
        const victim = this.chooseVictim(strict ? order : null);
        if (victim === null) return null;
        const node = this.mem.frames[victim].node;
        this.evict(victim);
        pfn = this.mem.take(node);
        if (pfn === null) return null;
      }
    }
    const f = this.mem.frames[pfn];
    f.kind = kind;
    f.owner = kind === 'anon' || kind === 'page-table' ? (p?.pid ?? null) : null;
    f.loadedAt = ++this.tick;
    f.lastUsed = this.tick;
    f.pinned = kind === 'page-table' || kind === 'kernel';
    f.dirty = false;
    f.referenced = true;
    this.emit({ type: 'frame-alloc', pfn, kind, pid: p?.pid ?? null, node: f.node, reason });
    return pfn;
  }

  freeFrame(pfn: number): void {
    const f = this.mem.frames[pfn];
    if (f.swapSlot !== null) {
      this.swapCache.delete(f.swapSlot);
    }
    if (f.file) {
      const file = this.files.get(f.file.name);
      if (file && file.cache.get(f.file.page) === pfn) file.cache.delete(f.file.page);
    }
    this.emit({ type: 'frame-free', pfn, kind: f.kind });
    this.mem.release(pfn);
  }

  // ---------------------------------------------------------------- page tables

  /** Build an entry's (lo, hi) in the codec for a user or kernel page. */
  private buildLeaf(pfn: number, perms: Perms, user: boolean, cow: boolean, global: boolean): void {
    // PROT_NONE keeps the page resident but out of user reach: a supervisor-only leaf (an
    // all-zero R/W/X leaf would mean "pointer" on RISC-V). Linux uses a software bit instead.
    const none = !perms.read && !perms.write && !perms.exec;
    this.codec.build({
      valid: true,
      pfn,
      read: perms.read || perms.write || perms.exec || none,
      write: perms.write,
      exec: perms.exec,
      user: user && !none,
      cow,
      global,
    });
  }

  /** Entry pointing to a next-level table: permissive, the leaf decides (x86 folds them; RISC-V has none). */
  private buildPointer(pfn: number, user: boolean): void {
    if (this.profile.leafRule === 'riscv') this.codec.build({ valid: true, pfn });
    else this.codec.build({ valid: true, pfn, read: true, write: true, exec: true, user });
  }

  private allocTable(p: Process, level: number, cpuNode: number): number | null {
    const count = tableFrames(this.profile, level);
    let pfn: number | null;
    if (count === 1) pfn = this.allocFrame('page-table', p, cpuNode, `level-${level} page table of ${p.name}`);
    else {
      pfn = this.mem.takeContiguous(count);
      if (pfn !== null)
        for (let i = 0; i < count; i++) {
          const f = this.mem.frames[pfn + i];
          f.kind = 'page-table';
          f.owner = p.pid;
          f.pinned = true;
          f.loadedAt = ++this.tick;
          this.emit({ type: 'frame-alloc', pfn: pfn + i, kind: 'page-table', pid: p.pid, node: f.node, reason: `level-${level} page table of ${p.name}` });
        }
    }
    if (pfn === null) return null;
    for (let i = 0; i < count; i++) {
      this.mem.zeroFrame(pfn + i);
      this.mem.frames[pfn + i].level = level;
      p.tableFrames.add(pfn + i);
    }
    this.emit({ type: 'page-table-alloc', pid: p.pid, level, pfn });
    return pfn;
  }

  /**
   * Address of the leaf PTE for `vpn` in `p`'s page table, creating missing tables when
   * `create`; -1 if a table is missing (and not created) or memory ran out.
   */
  ptePointer(p: Process, vpn: number, create: boolean, cpuNode = 0): number {
    const prof = this.profile;
    const va = vpn * this.pageSize;
    const last = prof.levels.length - 1;
    const L = prof.pte;
    let table = p.root;
    const user = prof.layout.kernelBase === null || va < prof.layout.kernelBase;
    for (let level = 0; level < last; level++) {
      const addr = table * this.pageSize + this.mmu.indexAt(va, level) * L.bytes;
      this.codec.load(this.mem, addr);
      if (!this.codec.has(L.valid, true)) {
        if (!create) return -1;
        const next = this.allocTable(p, level + 1, cpuNode);
        if (next === null) return -1;
        this.buildPointer(next, user);
        this.codec.store(this.mem, addr, this.codec.lo, this.codec.hi);
        table = next;
      } else table = this.codec.pfn();
    }
    return table * this.pageSize + this.mmu.indexAt(va, last) * L.bytes;
  }

  /** Frame mapped at vpn in p, or null if not present. Reads the page table; no side effects. */
  presentFrame(p: Process, vpn: number): number | null {
    const addr = this.ptePointer(p, vpn, false);
    if (addr < 0) return null;
    this.codec.load(this.mem, addr);
    return this.codec.has(this.profile.pte.valid, true) ? this.codec.pfn() : null;
  }

  /** Write a leaf PTE mapping vpn → pfn and record the reverse mapping. */
  mapPage(p: Process, vpn: number, pfn: number, perms: Perms, cpuNode = 0, cow = false): boolean {
    const addr = this.ptePointer(p, vpn, true, cpuNode);
    if (addr < 0) return false;
    const f = this.mem.frames[pfn];
    const kernel = f.kind === 'kernel';
    this.buildLeaf(pfn, perms, !kernel, cow, kernel);
    this.codec.store(this.mem, addr, this.codec.lo, this.codec.hi);
    if (!kernel) f.mappings.push({ pid: p.pid, vpn });
    this.emit({ type: 'map', pid: p.pid, vpn, pfn, perms: permsString(perms) + (cow ? ' cow' : '') });
    return true;
  }

  /** Remove a mapping from frame `pfn`'s reverse map; free the frame if nothing holds it any more. */
  private dropMapping(pfn: number, pid: number, vpn: number): void {
    const f = this.mem.frames[pfn];
    const i = f.mappings.findIndex((m) => m.pid === pid && m.vpn === vpn);
    if (i >= 0) f.mappings.splice(i, 1);
    if (f.mappings.length === 0 && f.kind === 'anon') this.freeFrame(pfn);
  }

  /**
   * Clear the PTE for vpn (present or swapped), shoot down TLB entries, release what it
   * held. `shoot` is false when the whole address space goes (exit, exec): the caller
   * flushes the process's TLB entries once instead of page by page.
   */
  unmapPage(p: Process, vpn: number, shoot = true): void {
    const slot = p.swapped.get(vpn);
    if (slot !== undefined) {
      p.swapped.delete(vpn);
      this.releaseSlot(slot);
      this.emit({ type: 'unmap', pid: p.pid, vpn, pfn: null });
      return;
    }
    const addr = this.ptePointer(p, vpn, false);
    if (addr < 0) return;
    this.codec.load(this.mem, addr);
    if (!this.codec.has(this.profile.pte.valid, true)) return;
    const pfn = this.codec.pfn();
    this.codec.store(this.mem, addr, 0, 0);
    if (shoot) this.shootdown(p.pid, vpn);
    this.emit({ type: 'unmap', pid: p.pid, vpn, pfn });
    const f = this.mem.frames[pfn];
    if (f.kind !== 'kernel') {
      this.harvestDirty(f, addr);
      this.dropMapping(pfn, p.pid, vpn);
    }
  }

  /** Rewrite the permission bits of a present leaf PTE. */
  private protectPage(p: Process, vpn: number, perms: Perms, cow: boolean): void {
    const addr = this.ptePointer(p, vpn, false);
    if (addr < 0) return;
    this.codec.load(this.mem, addr);
    if (!this.codec.has(this.profile.pte.valid, true)) return;
    const L = this.profile.pte;
    const accessed = this.codec.has(L.accessed, false);
    const dirty = this.codec.has(L.dirty, false);
    const pfn = this.codec.pfn();
    this.buildLeaf(pfn, perms, true, cow, false);
    this.codec.setBit(L.accessed, accessed);
    this.codec.setBit(L.dirty, dirty);
    this.codec.store(this.mem, addr, this.codec.lo, this.codec.hi);
    this.shootdown(p.pid, vpn);
    this.emit({ type: 'protect', pid: p.pid, vpn, perms: permsString(perms) + (cow ? ' cow' : '') });
  }

  /** Move the hardware dirty bit of a PTE into the frame's software dirty flag. */
  private harvestDirty(f: Frame, pteAddr: number): void {
    this.codec.load(this.mem, pteAddr);
    if (this.codec.has(this.profile.pte.dirty, false)) f.dirty = true;
  }

  /** Invalidate (pid, vpn) in every CPU's TLB that may hold it (a TLB shootdown). */
  private shootdown(pid: number, vpn: number): void {
    for (const cpu of this.cpus) {
      if (!this.useAsid && cpu.loadedPid !== pid) continue;
      if (cpu.tlb.invalidate(this.asidOf(pid), vpn)) this.emit({ type: 'tlb-invalidate', cpu: cpu.id, asid: this.asidOf(pid), vpn });
    }
  }

  /** Free every page-table frame of p (after its pages are unmapped). */
  private freeTables(p: Process): number {
    let n = 0;
    for (const pfn of [...p.tableFrames].sort((a, b) => a - b)) {
      this.freeFrame(pfn);
      n++;
    }
    p.tableFrames.clear();
    return n;
  }

  // ---------------------------------------------------------------- files

  /** Create or replace a file on the simulated disk. */
  createFile(name: string, size: number, content?: Uint8Array | string, tmpfs = false): SimFile {
    const data = new Uint8Array(size);
    if (typeof content === 'string') data.set(new TextEncoder().encode(content).subarray(0, size));
    else if (content) data.set(content.subarray(0, size));
    const file: SimFile = { name, size, data, tmpfs, cache: new Map(), swap: new Map(), unlinked: false };
    this.files.set(name, file);
    return file;
  }

  /** The program file a process runs; created on first use with deterministic contents. */
  private programFile(program: string): SimFile {
    const existing = this.files.get(program);
    if (existing) return existing;
    const L = this.profile.layout;
    const size = (L.codePages + L.dataPages) * this.pageSize;
    const data = new Uint8Array(size);
    let h = 0;
    for (let i = 0; i < program.length; i++) h = (h * 31 + program.charCodeAt(i)) & 0xff;
    const codeBytes = L.codePages * this.pageSize;
    for (let i = 0; i < codeBytes; i++) data[i] = (0x90 + ((i * 7 + h) % 16)) & 0xff;
    for (let i = codeBytes; i < size; i++) data[i] = (i - codeBytes) % 4 === 0 ? ((i - codeBytes) / 4 + 1) & 0xff : 0;
    return this.createFile(program, size, data);
  }

  // ---------------------------------------------------------------- processes

  /** Lay out a new address space: code, data, heap, stack, kernel. */
  private standardAreas(p: Process, program: string): boolean {
    const L = this.profile.layout;
    const ps = this.pageSize;
    this.programFile(program);
    const codeEnd = L.codeBase + L.codePages * ps;
    const dataEnd = codeEnd + L.dataPages * ps;
    const heapEnd = dataEnd + L.heapPages * ps;
    const add = (a: Omit<Area, 'hasAnon'>) => {
      if (a.end > a.start) this.addArea(p, { ...a, hasAnon: false });
    };
    add({ name: 'code', kind: 'code', start: L.codeBase, end: codeEnd, perms: { read: true, write: false, exec: true }, shared: false, file: { name: program, page: 0 }, growsDown: false });
    add({ name: 'data', kind: 'data', start: codeEnd, end: dataEnd, perms: { read: true, write: true, exec: false }, shared: false, file: { name: program, page: L.codePages }, growsDown: false });
    add({ name: 'heap', kind: 'heap', start: dataEnd, end: heapEnd, perms: { read: true, write: true, exec: false }, shared: false, file: null, growsDown: false });
    p.heapStart = dataEnd;
    p.brk = heapEnd;
    add({ name: 'stack', kind: 'stack', start: L.stackTop - L.stackPages * ps, end: L.stackTop, perms: { read: true, write: true, exec: false }, shared: false, file: null, growsDown: true });
    return this.mapKernel(p);
  }

  /** Map the kernel's pages (supervisor-only, global) into p, as every process has them. */
  private mapKernel(p: Process): boolean {
    const L = this.profile.layout;
    if (L.kernelBase === null || L.kernelPages === 0) return true;
    const ps = this.pageSize;
    this.addArea(p, { name: 'kernel', kind: 'kernel', start: L.kernelBase, end: L.kernelBase + L.kernelPages * ps, perms: { read: true, write: true, exec: true }, shared: true, file: null, growsDown: false, hasAnon: false });
    for (let i = 0; i < L.kernelPages; i++) {
      const pfn = Math.min(i, this.profile.reservedFrames - 1);
      if (!this.mapPage(p, this.vpnOf(L.kernelBase) + i, pfn, { read: true, write: true, exec: true }, 0)) return false;
    }
    return true;
  }

  private addArea(p: Process, a: Area): void {
    p.areas.push(a);
    p.areas.sort((x, y) => x.start - y.start);
    this.emit({ type: 'area-create', pid: p.pid, name: a.name, start: a.start, end: a.end, perms: permsString(a.perms) + (a.shared ? ' shared' : ' private') });
  }

  private newProcess(name: string, parent: number | null, program: string): Process | null {
    const pid = this.nextPid++;
    const p: Process = {
      pid,
      name,
      parent,
      alive: true,
      exitReason: null,
      asid: this.asidOf(pid),
      root: -1,
      program,
      areas: [],
      heapStart: 0,
      brk: 0,
      threads: [],
      swapped: new Map(),
      numaPolicy: 'first-touch',
      numaNodes: [],
      interleaveNext: 0,
      tableFrames: new Set(),
    };
    this.processes.set(pid, p);
    this.emit({ type: 'process-create', pid, name, parent });
    const root = this.allocTable(p, 0, 0);
    if (root === null) {
      p.alive = false;
      p.exitReason = 'out of memory: no frame for the page-table root';
      return null;
    }
    p.root = root;
    return p;
  }

  private addThread(p: Process, name: string, stackArea: string, cpu: number | null): Thread {
    const tid = this.nextTid++;
    const t: Thread = { tid, pid: p.pid, name, cpu: cpu ?? this.leastBusyCpu(), stackArea, alive: true };
    if (t.cpu < 0 || t.cpu >= this.cpus.length) throw new SimError(`CPU ${t.cpu} does not exist (this machine has ${this.cpus.length})`);
    this.threads.set(tid, t);
    p.threads.push(tid);
    this.emit({ type: 'thread-create', pid: p.pid, tid, name, cpu: t.cpu });
    return t;
  }

  private leastBusyCpu(): number {
    const load = this.cpus.map(() => 0);
    for (const t of this.threads.values()) if (t.alive) load[t.cpu]++;
    let best = 0;
    for (let i = 1; i < load.length; i++) if (load[i] < load[best]) best = i;
    return best;
  }

  /** Create a process running `program` with the standard layout, or an empty address space. */
  spawn(name: string, options: { program?: string; layout?: 'standard' | 'empty'; cpu?: number | null } = {}): Process {
    const program = options.program ?? name;
    const p = this.newProcess(name, null, program);
    if (!p) throw new SimError(`out of memory: cannot create process ${name}`);
    if (options.layout === 'empty') {
      p.program = '';
      if (!this.mapKernel(p)) throw new SimError(`out of memory: cannot map the kernel into ${name}`);
      this.addThread(p, name, '', options.cpu ?? null);
    } else {
      if (!this.standardAreas(p, program)) throw new SimError(`out of memory: cannot map the kernel into ${name}`);
      this.addThread(p, name, 'stack', options.cpu ?? null);
    }
    return p;
  }

  /**
   * fork(): a new process with a copy of the parent's address space. Private areas holding
   * anonymous pages get their PTEs copied read-only on both sides (copy-on-write); shared
   * areas and pure file mappings are not copied (the child faults them in, as Linux does).
   * Swapped-out pages are shared through their swap slot.
   */
  fork(parentPid: number, childName: string, forkingTid?: number): Process {
    const parent = this.process(parentPid);
    if (!parent.alive) throw new SimError(`process ${parent.name} has exited`);
    const forker = forkingTid !== undefined ? this.thread(forkingTid) : this.mainThread(parentPid);
    const child = this.newProcess(childName, parent.pid, parent.program);
    if (!child) throw new SimError(`out of memory: cannot fork ${parent.name}`);
    child.heapStart = parent.heapStart;
    child.brk = parent.brk;
    child.numaPolicy = parent.numaPolicy;
    child.numaNodes = [...parent.numaNodes];
    for (const a of parent.areas) {
      child.areas.push({ ...a, perms: { ...a.perms }, file: a.file ? { ...a.file } : null });
      this.emit({ type: 'area-create', pid: child.pid, name: a.name, start: a.start, end: a.end, perms: permsString(a.perms) + (a.shared ? ' shared' : ' private') });
    }
    const cpuNode = this.cpus[forker.cpu].node;
    for (const a of parent.areas) {
      if (a.kind === 'kernel') continue;
      const copyPtes = !a.shared && (a.file === null || a.hasAnon);
      if (!copyPtes) continue;
      for (let vpn = this.vpnOf(a.start); vpn < this.vpnOf(a.end); vpn++) {
        const slot = parent.swapped.get(vpn);
        if (slot !== undefined) {
          if (a.perms.write && this.profile.pte.write === undefined) {
            const copy = this.allocSlot();
            if (copy === null) {
              this.exit(child.pid, 'out of swap during fork');
              throw new SimError(`out of swap space: fork of ${parent.name} could not copy a swapped-out page`);
            }
            this.swap[copy]!.data.set(this.swap[slot]!.data);
            this.swap[copy]!.refs = 1;
            child.swapped.set(vpn, copy);
          } else {
            child.swapped.set(vpn, slot);
            this.swap[slot]!.refs++;
          }
          continue;
        }
        const pfn = this.presentFrame(parent, vpn);
        if (pfn === null) continue;
        if (a.perms.write && this.profile.pte.write === undefined) {
          // No write bit in the PTE, so the hardware cannot trap the first write: copy now (early-Unix fork).
          if (!this.copyForChild(parent, child, vpn, pfn, a, cpuNode)) {
            this.exit(child.pid, 'out of memory during fork');
            throw new SimError(`out of memory: fork of ${parent.name} ran out of frames`);
          }
          continue;
        }
        const cow = a.perms.write;
        if (cow) this.protectPage(parent, vpn, { ...a.perms, write: false }, true);
        if (!this.mapPage(child, vpn, pfn, cow ? { ...a.perms, write: false } : a.perms, cpuNode, cow)) {
          this.exit(child.pid, 'out of memory during fork');
          throw new SimError(`out of memory: fork of ${parent.name} ran out of frames for page tables`);
        }
        if (cow) this.emit({ type: 'cow-share', parent: parent.pid, child: child.pid, vpn, pfn, refs: this.mem.frames[pfn].mappings.length });
      }
    }
    this.mapKernel(child);
    // Only the forking thread is duplicated; its stack keeps its name in the child.
    this.addThread(child, childName, forker.stackArea, null);
    return child;
  }

  /** Eager fork copy of one page for machines whose PTEs cannot express read-only. */
  private copyForChild(parent: Process, child: Process, vpn: number, pfn: number, a: Area, cpuNode: number): boolean {
    if (this.ptePointer(child, vpn, true, cpuNode) < 0) return false;
    const src = this.mem.frames[pfn];
    src.pinned = true;
    const copy = this.allocFrame('anon', child, cpuNode, `fork copy for ${child.name}`);
    src.pinned = false;
    if (copy === null) return false;
    this.mem.copyFrame(pfn, copy);
    this.stats.cowCopies++;
    this.emit({ type: 'cow-copy', pid: child.pid, vpn, from: pfn, to: copy });
    return this.mapPage(child, vpn, copy, a.perms, cpuNode);
  }

  /** exec(): throw away the address space and load `program` with a fresh standard layout. */
  exec(pid: number, program: string): Process {
    const p = this.process(pid);
    if (!p.alive) throw new SimError(`process ${p.name} has exited`);
    this.tearDown(p);
    for (const tid of p.threads) {
      const t = this.threads.get(tid)!;
      if (t.alive && tid !== p.threads[0]) {
        t.alive = false;
        this.emit({ type: 'thread-exit', pid, tid });
      }
    }
    p.threads = p.threads.filter((tid) => this.threads.get(tid)!.alive).slice(0, 1);
    p.program = program;
    const root = this.allocTable(p, 0, 0);
    if (root === null) {
      this.exit(pid, 'out of memory during exec');
      return p;
    }
    p.root = root;
    if (!this.standardAreas(p, program)) this.exit(pid, 'out of memory during exec');
    if (p.threads[0] !== undefined) this.threads.get(p.threads[0])!.stackArea = 'stack';
    return p;
  }

  /** Unmap every page and free every page table of p. Returns frames freed. */
  private tearDown(p: Process): number {
    let freed = 0;
    const before = this.mem.freeCount();
    for (const a of [...p.areas]) {
      for (let vpn = this.vpnOf(a.start); vpn < this.vpnOf(a.end); vpn++) this.unmapPage(p, vpn, false);
      this.emit({ type: 'area-remove', pid: p.pid, name: a.name, start: a.start, end: a.end });
    }
    for (const [vpn] of p.swapped) this.unmapPage(p, vpn, false);
    p.areas = [];
    freed += this.freeTables(p);
    p.root = -1;
    // The address space is gone: no TLB may keep translations for it (with ASIDs they may
    // sit on CPUs that have since switched away, so flush that ASID everywhere).
    for (const cpu of this.cpus) {
      if (cpu.loadedPid !== p.pid && !this.useAsid) continue;
      if (cpu.tlb.flush(this.asidOf(p.pid)) > 0) this.emit({ type: 'tlb-flush', cpu: cpu.id, asid: this.useAsid ? p.pid : null, reason: `address space of ${p.name} torn down` });
    }
    return this.mem.freeCount() - before;
  }

  /** exit(): the process ends; every frame only it used returns to the free list. */
  exit(pid: number, reason = 'exited'): number {
    const p = this.process(pid);
    if (!p.alive) return 0;
    const freed = this.tearDown(p);
    for (const tid of p.threads) {
      const t = this.threads.get(tid)!;
      if (t.alive) {
        t.alive = false;
        this.emit({ type: 'thread-exit', pid, tid });
      }
      for (const cpu of this.cpus) if (cpu.current === tid) cpu.current = null;
    }
    for (const cpu of this.cpus) if (cpu.loadedPid === pid) cpu.loadedPid = null;
    p.alive = false;
    p.exitReason = reason;
    this.emit({ type: 'process-exit', pid, name: p.name, reason, framesFreed: freed });
    return freed;
  }

  /** A new thread in p: same page table, its own stack (an anonymous mapping) and its own CPU. */
  createThread(pid: number, name: string, cpu: number | null = null): Thread {
    const p = this.process(pid);
    if (!p.alive) throw new SimError(`process ${p.name} has exited`);
    const L = this.profile.layout;
    const stackName = `stack:${name}`;
    const start = this.findFree(p, L.stackPages * this.pageSize);
    if (start === null) throw new SimError(`no room in ${p.name}'s address space for another stack`);
    this.addArea(p, { name: stackName, kind: 'stack', start, end: start + L.stackPages * this.pageSize, perms: { read: true, write: true, exec: false }, shared: false, file: null, growsDown: false, hasAnon: false });
    return this.addThread(p, name, stackName, cpu);
  }

  // ---------------------------------------------------------------- memory areas

  /** Highest free, page-aligned range of `length` bytes below the mmap top; null if none. */
  private findFree(p: Process, length: number): number | null {
    let top = this.profile.layout.mmapTop;
    const sorted = [...p.areas].sort((a, b) => b.start - a.start);
    for (;;) {
      const start = top - length;
      if (start < 0) return null;
      const clash = sorted.find((a) => a.start < top && a.end > start);
      if (!clash) return start;
      top = clash.start;
    }
  }

  private overlaps(p: Process, start: number, end: number): Area | null {
    return p.areas.find((a) => a.start < end && a.end > start) ?? null;
  }

  /** Split the area containing `va` so that an area boundary falls exactly at `va`. */
  private splitAt(p: Process, va: number): void {
    const a = this.findArea(p, va);
    if (!a || a.start === va) return;
    const tail: Area = { ...a, perms: { ...a.perms }, start: va, file: a.file ? { name: a.file.name, page: a.file.page + (va - a.start) / this.pageSize } : null };
    a.end = va;
    p.areas.push(tail);
    p.areas.sort((x, y) => x.start - y.start);
  }

  /**
   * mmap(): a new area, anonymous or backed by `file`, private or shared. Nothing is made
   * resident: pages arrive on first touch.
   */
  mmap(
    pid: number,
    o: { length: number; perms: Perms; shared: boolean; file?: string | null; offset?: number; addr?: number | null; name?: string; kind?: AreaKind },
  ): Area {
    const p = this.process(pid);
    if (!p.alive) throw new SimError(`process ${p.name} has exited`);
    const ps = this.pageSize;
    if (o.length <= 0) throw new SimError('mmap length must be positive');
    const length = Math.ceil(o.length / ps) * ps;
    const offset = o.offset ?? 0;
    if (offset % ps !== 0) throw new SimError(`mmap offset ${offset} is not a multiple of the page size (${ps})`);
    if (o.file) {
      const f = this.files.get(o.file);
      if (!f || f.unlinked) throw new SimError(`no file named "${o.file}"`);
    }
    let start: number | null;
    if (o.addr !== undefined && o.addr !== null) {
      if (o.addr % ps !== 0) throw new SimError(`mmap address 0x${o.addr.toString(16)} is not page-aligned`);
      start = o.addr;
      const limit = this.profile.layout.kernelBase ?? 2 ** this.profile.vaBits;
      if (start + length > limit) throw new SimError(`0x${start.toString(16)}+${length} runs past the end of user space`);
      const clash = this.overlaps(p, start, start + length);
      if (clash) throw new SimError(`0x${start.toString(16)}–0x${(start + length).toString(16)} overlaps the ${clash.name} area`);
    } else {
      start = this.findFree(p, length);
      if (start === null) throw new SimError(`no free ${length}-byte range in ${p.name}'s address space`);
    }
    const kind = o.kind ?? (o.file?.startsWith('shm:') ? 'shm' : 'mmap');
    const area: Area = {
      name: o.name ?? (o.file ? `${o.file}@0x${start.toString(16)}` : `anon@0x${start.toString(16)}`),
      kind,
      start,
      end: start + length,
      perms: o.perms,
      shared: o.shared,
      file: o.file ? { name: o.file, page: offset / ps } : null,
      growsDown: false,
      hasAnon: false,
    };
    this.addArea(p, area);
    return area;
  }

  /** munmap(): remove every page and area piece in [addr, addr+length). */
  munmap(pid: number, addr: number, length: number): number {
    const p = this.process(pid);
    const ps = this.pageSize;
    if (addr % ps !== 0) throw new SimError(`munmap address 0x${addr.toString(16)} is not page-aligned`);
    const end = addr + Math.ceil(length / ps) * ps;
    const kb = this.profile.layout.kernelBase;
    if (kb !== null && end > kb) throw new SimError('cannot unmap kernel space');
    this.splitAt(p, addr);
    this.splitAt(p, end);
    let pages = 0;
    for (const a of p.areas.filter((a) => a.start >= addr && a.end <= end)) {
      for (let vpn = this.vpnOf(a.start); vpn < this.vpnOf(a.end); vpn++) {
        this.writeBackIfShared(p, a, vpn);
        this.unmapPage(p, vpn);
        pages++;
      }
      p.areas.splice(p.areas.indexOf(a), 1);
      this.emit({ type: 'area-remove', pid: p.pid, name: a.name, start: a.start, end: a.end });
    }
    return pages;
  }

  /** Unmapping a dirty page of a shared file mapping writes it back first (msync semantics). */
  private writeBackIfShared(p: Process, a: Area, vpn: number): void {
    if (!a.shared || !a.file) return;
    const pfn = this.presentFrame(p, vpn);
    if (pfn === null) return;
    const f = this.mem.frames[pfn];
    const addr = this.ptePointer(p, vpn, false);
    this.harvestDirty(f, addr);
    if (f.dirty) this.writeBack(f);
  }

  /** mprotect(): change the permissions of [addr, addr+length); present PTEs follow (COW pages stay read-only). */
  mprotect(pid: number, addr: number, length: number, perms: Perms): number {
    const p = this.process(pid);
    const ps = this.pageSize;
    if (addr % ps !== 0) throw new SimError(`mprotect address 0x${addr.toString(16)} is not page-aligned`);
    const end = addr + Math.ceil(length / ps) * ps;
    for (let va = addr; va < end; va += ps) {
      if (!this.findArea(p, va)) throw new SimError(`0x${va.toString(16)} is not mapped in ${p.name} (mprotect needs a mapped range)`);
    }
    this.splitAt(p, addr);
    this.splitAt(p, end);
    let pages = 0;
    for (const a of p.areas.filter((a) => a.start >= addr && a.end <= end)) {
      if (a.kind === 'kernel') throw new SimError('cannot change kernel pages');
      a.perms = perms;
      for (let vpn = this.vpnOf(a.start); vpn < this.vpnOf(a.end); vpn++) {
        const pfn = this.presentFrame(p, vpn);
        if (pfn === null) continue;
        const f = this.mem.frames[pfn];
        const mustCow = !a.shared && perms.write && (f.mappings.length > 1 || f.kind !== 'anon');
        if (mustCow && this.profile.pte.write === undefined) {
          // No write bit to trap the first write with: take the private copy now.
          if (this.copyPage(p, vpn, a, pfn, 0) === null) throw new SimError('out of memory: no frame for a private copy');
        } else this.protectPage(p, vpn, mustCow ? { ...perms, write: false } : perms, mustCow);
        pages++;
      }
    }
    return pages;
  }

  /** brk(): move the program break; the heap area grows or shrinks with it. */
  brk(pid: number, newBreak: number): number {
    const p = this.process(pid);
    const ps = this.pageSize;
    const heap = p.areas.find((a) => a.kind === 'heap');
    if (!heap) throw new SimError(`${p.name} has no heap`);
    if (newBreak < p.heapStart) throw new SimError(`the break cannot go below the start of the heap (0x${p.heapStart.toString(16)})`);
    const newEnd = Math.ceil(newBreak / ps) * ps;
    if (newEnd > heap.end) {
      const clash = this.overlaps(p, heap.end, newEnd);
      if (clash) throw new SimError(`the heap cannot grow into the ${clash.name} area at 0x${clash.start.toString(16)}`);
    }
    for (let vpn = this.vpnOf(newEnd); vpn < this.vpnOf(heap.end); vpn++) this.unmapPage(p, vpn);
    this.emit({ type: 'brk', pid, oldBreak: p.brk, newBreak });
    heap.end = Math.max(newEnd, heap.start);
    p.brk = newBreak;
    return newBreak;
  }

  // ---------------------------------------------------------------- shared memory

  /** shm_open + ftruncate: a named shared-memory object (a tmpfs file). */
  shmCreate(name: string, size: number): SimFile {
    const key = `shm:${name}`;
    if (this.files.has(key) && !this.files.get(key)!.unlinked) throw new SimError(`shared-memory object "${name}" already exists`);
    return this.createFile(key, size, undefined, true);
  }

  /** shm_unlink: remove the name; pages go once no process maps them. */
  shmUnlink(name: string): void {
    const f = this.files.get(`shm:${name}`);
    if (!f || f.unlinked) throw new SimError(`no shared-memory object named "${name}"`);
    f.unlinked = true;
    for (const [page, pfn] of [...f.cache]) {
      if (this.mem.frames[pfn].mappings.length === 0) {
        f.cache.delete(page);
        this.freeFrame(pfn);
      }
    }
    for (const [, slot] of f.swap) this.releaseSlot(slot);
    f.swap.clear();
  }

  // ---------------------------------------------------------------- scheduling

  /** Put thread `tid` on its CPU; switching address space flushes the TLB unless ASIDs tag it. */
  contextSwitch(tid: number): void {
    const t = this.thread(tid);
    const cpu = this.cpus[t.cpu];
    if (cpu.current === tid) return;
    const from = cpu.current;
    let flushed = false;
    if (cpu.loadedPid !== t.pid) {
      if (!this.useAsid && cpu.loadedPid !== null) {
        cpu.tlb.flush(null);
        flushed = true;
        this.emit({ type: 'tlb-flush', cpu: cpu.id, asid: null, reason: 'context switch without ASIDs' });
      }
      cpu.loadedPid = t.pid;
    }
    cpu.current = tid;
    this.emit({ type: 'context-switch', cpu: cpu.id, fromTid: from, toTid: tid, flushed });
  }

  /** Move a thread to another CPU (it runs there from its next access). */
  moveThread(tid: number, cpuId: number): void {
    const t = this.thread(tid);
    if (cpuId < 0 || cpuId >= this.cpus.length) throw new SimError(`CPU ${cpuId} does not exist (this machine has ${this.cpus.length})`);
    const old = this.cpus[t.cpu];
    if (old.current === tid) old.current = null;
    t.cpu = cpuId;
  }

  flushTlb(cpuId: number | null): void {
    for (const cpu of this.cpus) {
      if (cpuId !== null && cpu.id !== cpuId) continue;
      cpu.tlb.flush(null, true);
      this.emit({ type: 'tlb-flush', cpu: cpu.id, asid: null, reason: 'explicit flush' });
    }
  }

  // ---------------------------------------------------------------- the access path

  /**
   * One memory access by thread `tid`: the MMU translates, the kernel handles any fault
   * and the access is retried, as on real hardware. `size` bytes (1, 2 or 4) are read
   * or written. A fault the kernel cannot resolve kills the process (segmentation fault).
   */
  access(tid: number, va: number, op: AccessOp, o: { value?: number; size?: number; user?: boolean } = {}): AccessResult {
    const t = this.thread(tid);
    const p = this.process(t.pid);
    const size = o.size ?? 1;
    const user = o.user ?? true;
    const result: AccessResult = { pid: p.pid, tid, cpu: t.cpu, va, op, ok: false, pa: null, pfn: null, tlb: 'none', faults: [], value: null, segfault: null, node: null, cost: null, remote: false };
    if (!t.alive || !p.alive) throw new SimError(`thread ${t.name} of ${p.name} is not running`);
    const ps = this.pageSize;
    if (va % ps + size > ps) throw new SimError(`a ${size}-byte access at 0x${va.toString(16)} would cross a page boundary`);
    this.contextSwitch(tid);
    const cpu = this.cpus[t.cpu];
    this.stats.accesses++;
    for (let attempt = 0; attempt < 4; attempt++) {
      const hits = cpu.tlb.hits;
      const ok = this.mmu.translate(cpu.tlb, cpu.id, p.asid, p.root, va, op, user, this.events);
      if (attempt === 0 && cpu.tlb.enabled && this.mmu.fault !== 'out-of-range') result.tlb = cpu.tlb.hits > hits ? 'hit' : 'miss';
      if (cpu.tlb.hits > hits) this.stats.tlbHits++;
      else if (cpu.tlb.enabled && this.mmu.fault !== 'out-of-range') this.stats.tlbMisses++;
      if (ok) {
        const pa = this.mmu.pa;
        const f = this.mem.frames[this.mmu.pfn];
        this.emit({ type: 'translate', pid: p.pid, tid, va, pa, op });
        result.ok = true;
        result.pa = pa;
        result.pfn = this.mmu.pfn;
        f.lastUsed = ++this.tick;
        f.referenced = true;
        if (op === 'write') {
          this.mem.write(pa, size, o.value ?? 0);
          f.dirty = true;
          result.value = this.mem.read(pa, size);
          this.emit({ type: 'memory-write', pa, bytes: size, value: result.value });
        } else {
          result.value = this.mem.read(pa, size);
          this.emit({ type: 'memory-read', pa, bytes: size, value: result.value });
        }
        result.node = f.node;
        if (this.profile.numa) {
          const cost = this.profile.numa.distance[cpu.node][f.node];
          result.cost = cost;
          result.remote = f.node !== cpu.node;
          if (result.remote) this.stats.remoteAccesses++;
          else this.stats.localAccesses++;
          this.stats.accessCost += cost;
          this.emit({ type: 'numa-access', cpu: cpu.id, cpuNode: cpu.node, memNode: f.node, cost, remote: result.remote });
        }
        return result;
      }
      const cause = this.mmu.fault!;
      const level = this.mmu.faultLevel;
      this.emit({ type: 'fault', pid: p.pid, tid, va, op, cause, level });
      this.stats.pageFaults++;
      const resolution = this.handlePageFault(p, t, va, op, cause, user);
      result.faults.push({ cause, level, resolution });
      if (resolution === 'segfault') {
        result.segfault = p.exitReason;
        return result;
      }
    }
    throw new SimError(`access to 0x${va.toString(16)} kept faulting (kernel bug)`);
  }

  /**
   * The page-fault handler. Decides from the memory areas (not from the PTE alone) whether
   * the access is legal, then makes the page present: demand-zero, read from the file or
   * page cache, break copy-on-write, swap in, or grow the stack. Anything else is a
   * segmentation fault that ends the process.
   */
  handlePageFault(p: Process, t: Thread, va: number, op: AccessOp, cause: FaultCause, user: boolean, exactFrame: number | null = null): FaultResolution {
    const ps = this.pageSize;
    const vpn = this.vpnOf(va);
    const cpuNode = this.cpus[t.cpu].node;
    const kb = this.profile.layout.kernelBase;
    if (cause === 'out-of-range') return this.segfault(p, t, va, op, `address 0x${va.toString(16)} is outside the ${this.profile.vaBits}-bit address space`);
    if (cause === 'bad-entry') return this.segfault(p, t, va, op, 'the page table holds an entry the MMU cannot use');
    if (cause === 'user-kernel' || (user && kb !== null && va >= kb)) {
      const a = kb === null || va < kb ? this.findArea(p, va) : null;
      if (a && !a.perms.read && !a.perms.write && !a.perms.exec) return this.segfault(p, t, va, op, `${op} of the inaccessible ${a.name} area (PROT_NONE)`);
      return this.segfault(p, t, va, op, `user code touched kernel memory at 0x${va.toString(16)} (the page is supervisor-only)`);
    }
    let area = this.findArea(p, va);
    let grew = false;
    if (!area) {
      const stack = p.areas.find((a) => a.kind === 'stack' && a.growsDown && a.start > va);
      const L = this.profile.layout;
      if (stack && va >= stack.end - L.stackMaxPages * ps && !this.overlaps(p, vpn * ps, stack.start)) {
        this.emit({ type: 'fault-resolved', pid: p.pid, va, resolution: 'stack-growth', detail: `stack grows down to 0x${(vpn * ps).toString(16)}` });
        stack.start = vpn * ps;
        area = stack;
        grew = true;
      } else return this.segfault(p, t, va, op, `no memory area contains 0x${va.toString(16)}`);
    }
    if (op === 'write' && !area.perms.write) return this.segfault(p, t, va, op, `write to the read-only ${area.name} area`);
    if (op === 'exec' && !area.perms.exec) return this.segfault(p, t, va, op, `execute in the non-executable ${area.name} area`);
    if (op === 'read' && !area.perms.read) return this.segfault(p, t, va, op, `read of the inaccessible ${area.name} area`);
    if (cause === 'protection') {
      if (op === 'write') return this.copyOnWrite(p, t, area, vpn);
      return this.segfault(p, t, va, op, `${op} not permitted by the page's protection bits`);
    }
    // Build any missing page-table levels first (as Linux's handle_mm_fault does), so that
    // a frame allocated below for the page itself can no longer be evicted to make room for them.
    if (this.ptePointer(p, vpn, true, cpuNode) < 0) return this.oom(p, 'no frame for a page table');
    // Not present.
    const slot = p.swapped.get(vpn);
    if (slot !== undefined) return this.swapIn(p, t, area, vpn, slot, op);
    if (area.file) return this.filePage(p, t, area, vpn, op, exactFrame);
    const r = this.demandZero(p, area, vpn, cpuNode, exactFrame);
    return grew && r === 'demand-zero' ? 'stack-growth' : r;
  }

  private segfault(p: Process, t: Thread, va: number, op: AccessOp, reason: string): FaultResolution {
    this.stats.segfaults++;
    this.emit({ type: 'segfault', pid: p.pid, tid: t.tid, va, op, reason });
    this.exit(p.pid, `segmentation fault: ${reason}`);
    return 'segfault';
  }

  private oom(p: Process, why: string): FaultResolution {
    this.emit({ type: 'oom-kill', pid: p.pid, reason: why });
    this.exit(p.pid, `killed: out of memory (${why})`);
    return 'segfault';
  }

  /** First touch of an anonymous page: a fresh zeroed frame. */
  demandZero(p: Process, area: Area, vpn: number, cpuNode: number, exactFrame: number | null = null): FaultResolution {
    const pfn = this.allocFrame('anon', p, cpuNode, `demand-zero page for ${p.name}`, exactFrame);
    if (pfn === null) return this.oom(p, 'no frame for a demand-zero page');
    this.mem.zeroFrame(pfn);
    this.mem.frames[pfn].pinned = true;
    const ok = this.mapPage(p, vpn, pfn, area.perms, cpuNode);
    this.mem.frames[pfn].pinned = false;
    if (!ok) {
      this.freeFrame(pfn);
      return this.oom(p, 'no frame for a page table');
    }
    area.hasAnon = true;
    this.stats.minorFaults++;
    this.emit({ type: 'fault-resolved', pid: p.pid, va: vpn * this.pageSize, resolution: 'demand-zero', detail: `zeroed frame ${pfn}` });
    return 'demand-zero';
  }

  /** The page-cache frame holding `page` of `file`, reading it from disk (or swap, for tmpfs) if needed. */
  private pageCacheFrame(file: SimFile, page: number, p: Process, cpuNode: number, exactFrame: number | null): { pfn: number; hit: boolean } | null {
    const cached = file.cache.get(page);
    if (cached !== undefined) return { pfn: cached, hit: true };
    const pfn = this.allocFrame(file.tmpfs ? 'shm' : 'file', p, cpuNode, `page ${page} of ${file.name}`, exactFrame);
    if (pfn === null) return null;
    const f = this.mem.frames[pfn];
    f.file = { name: file.name, page };
    file.cache.set(page, pfn);
    const slot = file.swap.get(page);
    const base = this.mem.frameBase(pfn);
    if (slot !== undefined) {
      this.mem.bytes.set(this.swap[slot]!.data, base);
      file.swap.delete(page);
      this.releaseSlot(slot);
      this.stats.swapIns++;
      this.emit({ type: 'swap-in', pfn, slot });
    } else {
      this.mem.zeroFrame(pfn);
      const from = page * this.pageSize;
      if (from < file.size) this.mem.bytes.set(file.data.subarray(from, Math.min(file.size, from + this.pageSize)), base);
      if (!file.tmpfs) this.emit({ type: 'file-read', pfn, file: file.name, page });
    }
    return { pfn, hit: false };
  }

  /**
   * A file-backed (or shared-memory) page. Shared: map the page-cache frame itself.
   * Private: map it read-only; a write gets a private copy at once (Linux's do_cow_fault).
   */
  private filePage(p: Process, t: Thread, area: Area, vpn: number, op: AccessOp, exactFrame: number | null): FaultResolution {
    const cpuNode = this.cpus[t.cpu].node;
    const file = this.files.get(area.file!.name);
    if (!file) return this.segfault(p, t, vpn * this.pageSize, op, `the file ${area.file!.name} is gone`);
    const page = area.file!.page + (vpn - this.vpnOf(area.start));
    if (!file.tmpfs && page * this.pageSize >= Math.max(file.size, 1))
      return this.segfault(p, t, vpn * this.pageSize, op, `bus error: page ${page} is beyond the end of ${file.name}`);
    const got = this.pageCacheFrame(file, page, p, cpuNode, op === 'write' && !area.shared ? null : exactFrame);
    if (!got) return this.oom(p, `no frame for page ${page} of ${file.name}`);
    const resolution: FaultResolution = file.tmpfs ? (got.hit ? 'minor' : 'shm-zero') : got.hit ? 'page-cache-hit' : 'file-read';
    if (got.hit || file.tmpfs) this.stats.minorFaults++;
    else this.stats.majorFaults++;
    if (area.shared) {
      if (!this.mapPage(p, vpn, got.pfn, area.perms, cpuNode)) return this.oom(p, 'no frame for a page table');
    } else if (op === 'write' || (area.perms.write && this.profile.pte.write === undefined)) {
      // Private copy now: on a write, or whenever the PTE has no write bit to trap a later write.
      this.mem.frames[got.pfn].pinned = true;
      const copy = this.allocFrame('anon', p, cpuNode, `private copy of page ${page} of ${file.name}`, exactFrame);
      this.mem.frames[got.pfn].pinned = false;
      if (copy === null) return this.oom(p, 'no frame for a private copy');
      this.mem.copyFrame(got.pfn, copy);
      if (!this.mapPage(p, vpn, copy, area.perms, cpuNode)) return this.oom(p, 'no frame for a page table');
      area.hasAnon = true;
      this.stats.cowCopies++;
      this.emit({ type: 'cow-copy', pid: p.pid, vpn, from: got.pfn, to: copy });
    } else {
      const cow = area.perms.write;
      if (!this.mapPage(p, vpn, got.pfn, { ...area.perms, write: false }, cpuNode, cow)) return this.oom(p, 'no frame for a page table');
    }
    this.emit({ type: 'fault-resolved', pid: p.pid, va: vpn * this.pageSize, resolution, detail: `${file.tmpfs ? file.name.slice(4) : file.name} page ${page} in frame ${got.pfn}` });
    return resolution;
  }

  /**
   * Copy-on-write: a write hit a present, read-only page in a writable private area.
   * If another mapping (or the page cache) still uses the frame, copy it to a new frame;
   * if this was the last user, just make the page writable again.
   */
  copyOnWrite(p: Process, t: Thread, area: Area, vpn: number): FaultResolution {
    const cpuNode = this.cpus[t.cpu].node;
    const old = this.presentFrame(p, vpn);
    if (old === null) return this.segfault(p, t, vpn * this.pageSize, 'write', 'write fault on a page that is not present');
    const f = this.mem.frames[old];
    if (area.shared) {
      // A shared writable area whose PTE is read-only (after mprotect): just restore write.
      this.protectPage(p, vpn, area.perms, false);
      this.emit({ type: 'fault-resolved', pid: p.pid, va: vpn * this.pageSize, resolution: 'minor', detail: 'write enabled' });
      this.stats.minorFaults++;
      return 'minor';
    }
    const exclusive = f.kind === 'anon' && f.mappings.length === 1 && (f.swapSlot === null || (this.swap[f.swapSlot]?.refs ?? 0) === 0);
    if (exclusive) {
      this.protectPage(p, vpn, area.perms, false);
      if (f.swapSlot !== null) this.dropSwapCache(f);
      this.emit({ type: 'cow-reuse', pid: p.pid, vpn, pfn: old });
      this.emit({ type: 'fault-resolved', pid: p.pid, va: vpn * this.pageSize, resolution: 'cow-reuse', detail: `frame ${old} has no other user: made writable in place` });
      this.stats.minorFaults++;
      return 'cow-reuse';
    }
    const copy = this.copyPage(p, vpn, area, old, cpuNode);
    if (copy === null) return this.oom(p, 'no frame for a copy-on-write copy');
    this.stats.minorFaults++;
    this.emit({ type: 'fault-resolved', pid: p.pid, va: vpn * this.pageSize, resolution: 'cow-copy', detail: `copied frame ${old} to frame ${copy}` });
    return 'cow-copy';
  }

  /** Give p a private copy of the page at vpn (now in frame `old`), mapped with the area's permissions. */
  private copyPage(p: Process, vpn: number, area: Area, old: number, cpuNode: number): number | null {
    const f = this.mem.frames[old];
    f.pinned = true;
    const copy = this.allocFrame('anon', p, cpuNode, `copy-on-write copy for ${p.name}`);
    f.pinned = false;
    if (copy === null) return null;
    this.mem.copyFrame(old, copy);
    const addr = this.ptePointer(p, vpn, false);
    this.harvestDirty(f, addr);
    this.codec.store(this.mem, addr, 0, 0);
    this.shootdown(p.pid, vpn);
    const i = f.mappings.findIndex((m) => m.pid === p.pid && m.vpn === vpn);
    if (i >= 0) f.mappings.splice(i, 1);
    this.mapPage(p, vpn, copy, area.perms, cpuNode);
    area.hasAnon = true;
    if (f.mappings.length === 0 && f.kind === 'anon' && (f.swapSlot === null || (this.swap[f.swapSlot]?.refs ?? 0) === 0)) this.freeFrame(old);
    this.stats.cowCopies++;
    this.emit({ type: 'cow-copy', pid: p.pid, vpn, from: old, to: copy });
    return copy;
  }

  // ---------------------------------------------------------------- swapping

  private allocSlot(): number | null {
    const i = this.swap.indexOf(null);
    if (i < 0) return null;
    this.swap[i] = { refs: 0, data: new Uint8Array(this.pageSize) };
    return i;
  }

  private releaseSlot(slot: number): void {
    const s = this.swap[slot];
    if (!s) return;
    s.refs--;
    if (s.refs <= 0) {
      this.swap[slot] = null;
      const cached = this.swapCache.get(slot);
      if (cached !== undefined) {
        this.swapCache.delete(slot);
        const f = this.mem.frames[cached];
        if (f.swapSlot === slot) f.swapSlot = null;
      }
    }
  }

  private dropSwapCache(f: Frame): void {
    if (f.swapSlot === null) return;
    this.swapCache.delete(f.swapSlot);
    f.swapSlot = null;
  }

  /** Bring a swapped-out page back: from the swap cache if another process already did, else from its slot. */
  swapIn(p: Process, t: Thread, area: Area, vpn: number, slot: number, op: AccessOp): FaultResolution {
    const cpuNode = this.cpus[t.cpu].node;
    let pfn = this.swapCache.get(slot) ?? null;
    const s = this.swap[slot]!;
    if (pfn === null) {
      pfn = this.allocFrame('anon', p, cpuNode, `swap-in of slot ${slot} for ${p.name}`);
      if (pfn === null) return this.oom(p, 'no frame to swap a page into');
      this.mem.bytes.set(s.data, this.mem.frameBase(pfn));
      this.stats.swapIns++;
      this.stats.majorFaults++;
      this.emit({ type: 'swap-in', pfn, slot });
      const f = this.mem.frames[pfn];
      f.swapSlot = slot;
      this.swapCache.set(slot, pfn);
    } else this.stats.minorFaults++;
    const f = this.mem.frames[pfn];
    p.swapped.delete(vpn);
    const othersWaiting = s.refs - 1;
    const exclusive = othersWaiting === 0 && f.mappings.length === 0;
    f.pinned = true;
    const mapped = this.mapPage(p, vpn, pfn, exclusive || area.shared || !area.perms.write ? area.perms : { ...area.perms, write: false }, cpuNode, !exclusive && !area.shared && area.perms.write);
    f.pinned = false;
    this.releaseSlot(slot);
    if (!mapped) return this.oom(p, 'no frame for a page table');
    f.dirty = false;
    if (exclusive && op === 'write') this.dropSwapCache(f);
    this.emit({ type: 'fault-resolved', pid: p.pid, va: vpn * this.pageSize, resolution: 'swap-in', detail: `slot ${slot} → frame ${pfn}` });
    return 'swap-in';
  }

  /** Evictable frames: user pages not pinned (page tables and the kernel are never evicted). */
  private candidates(nodes: number[] | null): Frame[] {
    return this.mem.frames.filter((f) => (f.kind === 'anon' || f.kind === 'file' || f.kind === 'shm') && !f.pinned && (nodes === null || nodes.includes(f.node)) && this.canEvict(f));
  }

  private canEvict(f: Frame): boolean {
    if (f.kind === 'file') return true;
    // Anonymous and tmpfs pages need a swap slot unless the swap cache still holds a clean copy.
    if (f.swapSlot !== null && !f.dirty) return true;
    return this.swap.includes(null);
  }

  /** Pick the frame to evict with the current replacement policy; null if none can be. */
  chooseVictim(nodes: number[] | null): number | null {
    const cands = this.candidates(nodes);
    if (cands.length === 0) return null;
    switch (this.replacement) {
      case 'fifo':
        return cands.reduce((a, b) => (b.loadedAt < a.loadedAt ? b : a)).pfn;
      case 'lru':
        return cands.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a)).pfn;
      case 'mru':
        return cands.reduce((a, b) => (b.lastUsed > a.lastUsed ? b : a)).pfn;
      case 'random':
        return cands[this.rng.int(cands.length)].pfn;
      case 'opt': {
        if (!this.nextUse) return cands.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a)).pfn;
        const dist = (f: Frame) => (f.mappings.length === 0 ? Infinity : Math.min(...f.mappings.map((m) => this.nextUse!(m.pid, m.vpn))));
        let best = cands[0];
        let bestD = dist(best);
        for (const f of cands.slice(1)) {
          const d = dist(f);
          if (d > bestD) {
            best = f;
            bestD = d;
          }
        }
        return best.pfn;
      }
      case 'clock':
        return this.clockSweep(new Set(cands.map((f) => f.pfn)));
    }
  }

  /**
   * CLOCK (second chance): sweep frames in order from the hand; a frame whose accessed
   * bit is set gets it cleared and is skipped once; the first one found clear is the victim.
   */
  private clockSweep(allowed: Set<number>): number {
    const n = this.mem.frames.length;
    for (let step = 0; step < 2 * n + 1; step++) {
      const pfn = this.clockHand;
      this.clockHand = (this.clockHand + 1) % n;
      if (!allowed.has(pfn)) continue;
      const f = this.mem.frames[pfn];
      if (this.testAndClearAccessed(f)) continue;
      return pfn;
    }
    return [...allowed][0];
  }

  /** Read and clear the referenced state of a frame: the A bit in every PTE mapping it (or the software bit). */
  private testAndClearAccessed(f: Frame): boolean {
    const A = this.profile.pte.accessed;
    let was = false;
    if (A !== undefined) {
      for (const m of f.mappings) {
        const addr = this.ptePointer(this.process(m.pid), m.vpn, false);
        if (addr < 0) continue;
        this.codec.load(this.mem, addr);
        if (this.codec.has(A, false)) {
          was = true;
          this.codec.setBit(A, false);
          this.codec.store(this.mem, addr, this.codec.lo, this.codec.hi);
          // The TLB caches the translation; drop it so the next access walks and sets A again.
          this.shootdown(m.pid, m.vpn);
        }
      }
      if (f.mappings.length === 0) was = f.referenced;
    } else was = f.referenced;
    f.referenced = false;
    return was;
  }

  /** Write a dirty file page back to its file on disk. */
  private writeBack(f: Frame): void {
    if (!f.file) return;
    const file = this.files.get(f.file.name);
    if (!file || file.tmpfs) return;
    const from = f.file.page * this.pageSize;
    if (from < file.size) {
      const len = Math.min(this.pageSize, file.size - from);
      file.data.set(this.mem.bytes.subarray(this.mem.frameBase(f.pfn), this.mem.frameBase(f.pfn) + len), from);
    }
    f.dirty = false;
    this.stats.writeBacks++;
    this.emit({ type: 'write-back', pfn: f.pfn, file: file.name, page: f.file.page });
  }

  /**
   * Evict the page in frame `pfn`: unmap it everywhere, save its contents (anonymous and
   * shared-memory pages to swap, dirty file pages back to the file) and free the frame.
   */
  evict(pfn: number): void {
    const f = this.mem.frames[pfn];
    const mappings = [...f.mappings];
    this.emit({ type: 'evict', pfn, policy: this.replacement, kind: f.kind, mappings });
    for (const m of mappings) {
      const p = this.process(m.pid);
      const addr = this.ptePointer(p, m.vpn, false);
      if (addr >= 0) {
        this.harvestDirty(f, addr);
        this.codec.store(this.mem, addr, 0, 0);
      }
      this.shootdown(m.pid, m.vpn);
      this.emit({ type: 'unmap', pid: m.pid, vpn: m.vpn, pfn });
    }
    f.mappings = [];
    if (f.kind === 'file') {
      if (f.dirty) this.writeBack(f);
      this.emit({ type: 'page-cache-drop', pfn, file: f.file!.name, page: f.file!.page });
      this.freeFrame(pfn);
      return;
    }
    let slot: number;
    let written = false;
    if (f.swapSlot !== null && !f.dirty && this.swap[f.swapSlot]) slot = f.swapSlot;
    else {
      this.dropSwapCache(f);
      slot = this.allocSlot()!;
      this.swap[slot]!.data.set(this.mem.bytes.subarray(this.mem.frameBase(pfn), this.mem.frameBase(pfn) + this.pageSize));
      written = true;
    }
    const s = this.swap[slot]!;
    if (f.kind === 'shm') {
      const file = this.files.get(f.file!.name)!;
      file.swap.set(f.file!.page, slot);
      s.refs++;
    }
    for (const m of mappings) {
      if (f.kind === 'anon') {
        this.process(m.pid).swapped.set(m.vpn, slot);
        s.refs++;
      }
    }
    this.stats.swapOuts++;
    this.emit({ type: 'swap-out', pfn, slot, written });
    this.swapCache.delete(slot);
    f.swapSlot = null;
    if (s.refs === 0) this.swap[slot] = null;
    this.freeFrame(pfn);
  }

  // ---------------------------------------------------------------- NUMA

  setNumaPolicy(pid: number, policy: NumaPolicy, nodes: number[] = []): void {
    const p = this.process(pid);
    const count = this.profile.numa?.nodes.length ?? 1;
    for (const n of nodes) if (n < 0 || n >= count) throw new SimError(`node ${n} does not exist (this machine has ${count})`);
    if (policy === 'bind' && nodes.length === 0) throw new SimError('bind needs at least one node');
    p.numaPolicy = policy;
    p.numaNodes = nodes;
  }

  /** Move the page at `va` of p to a frame on `node`: copy, repoint every PTE, shoot down TLBs, free the old frame. */
  migratePage(pid: number, va: number, node: number): { from: number; to: number } {
    const p = this.process(pid);
    const count = this.profile.numa?.nodes.length ?? 1;
    if (node < 0 || node >= count) throw new SimError(`node ${node} does not exist (this machine has ${count})`);
    const vpn = this.vpnOf(va);
    const old = this.presentFrame(p, vpn);
    if (old === null) throw new SimError(`0x${va.toString(16)} is not resident in ${p.name}, so there is nothing to migrate`);
    const f = this.mem.frames[old];
    if (f.kind !== 'anon' && f.kind !== 'file' && f.kind !== 'shm') throw new SimError(`0x${va.toString(16)} is a kernel page; only user pages can be migrated`);
    if (f.node === node) return { from: old, to: old };
    f.pinned = true;
    let to = this.mem.take(node);
    if (to === null) {
      const victim = this.chooseVictim([node]);
      if (victim !== null) {
        this.evict(victim);
        to = this.mem.take(node);
      }
    }
    f.pinned = false;
    if (to === null) throw new SimError(`node ${node} has no free frame`);
    const t = this.mem.frames[to];
    t.kind = f.kind;
    t.owner = f.owner;
    t.file = f.file;
    t.dirty = f.dirty;
    t.loadedAt = f.loadedAt;
    t.lastUsed = f.lastUsed;
    t.referenced = f.referenced;
    t.swapSlot = null;
    this.emit({ type: 'frame-alloc', pfn: to, kind: f.kind, pid: f.owner, node, reason: 'page migration' });
    this.mem.copyFrame(old, to);
    for (const m of f.mappings) {
      const addr = this.ptePointer(this.process(m.pid), m.vpn, false);
      this.codec.load(this.mem, addr);
      this.codec.setPfn(to);
      this.codec.store(this.mem, addr, this.codec.lo, this.codec.hi);
      this.shootdown(m.pid, m.vpn);
      this.emit({ type: 'migrate', pid: m.pid, vpn: m.vpn, from: old, to, fromNode: f.node, toNode: node });
    }
    t.mappings = f.mappings;
    f.mappings = [];
    if (f.file) {
      this.files.get(f.file.name)?.cache.set(f.file.page, to);
      f.file = null;
    }
    this.dropSwapCache(f);
    this.freeFrame(old);
    return { from: old, to };
  }

  // ---------------------------------------------------------------- teaching helpers

  /**
   * Make the page at `va` resident now, as a first touch would, optionally in a chosen
   * frame (so a lesson can reproduce a textbook figure exactly).
   */
  populate(pid: number, va: number, frame: number | null, op: AccessOp = 'read'): FaultResolution | 'present' {
    const p = this.process(pid);
    const t = this.mainThread(pid);
    const vpn = this.vpnOf(va);
    if (this.presentFrame(p, vpn) !== null) {
      if (frame !== null && this.presentFrame(p, vpn) !== frame) throw new SimError(`0x${va.toString(16)} is already resident in frame ${this.presentFrame(p, vpn)}`);
      return 'present';
    }
    if (frame !== null && (frame < 0 || frame >= this.profile.physFrames)) throw new SimError(`frame ${frame} does not exist (physical memory has ${this.profile.physFrames} frames)`);
    return this.handlePageFault(p, t, va, op, 'not-present', true, frame);
  }

  /**
   * Look up va in p without side effects (no TLB fill, no accessed bit, no fault
   * handling): what the page table says right now.
   */
  probe(pid: number, va: number): { present: boolean; pfn: number | null; pa: number | null; swapSlot: number | null; area: Area | null; perms: Perms } {
    const p = this.process(pid);
    const area = this.findArea(p, va);
    const vpn = this.vpnOf(va);
    const slot = p.swapped.get(vpn) ?? null;
    if (!p.alive || p.root < 0) return { present: false, pfn: null, pa: null, swapSlot: slot, area, perms: NO_PERMS };
    const ok = this.mmu.walk(p.root, va, null);
    if (!ok) return { present: false, pfn: null, pa: null, swapSlot: slot, area, perms: NO_PERMS };
    const flags = this.mmu.perms;
    return {
      present: true,
      pfn: this.mmu.pfn,
      pa: this.mmu.pfn * this.pageSize + (va % this.pageSize),
      swapSlot: null,
      area,
      perms: { read: (flags & TLB_READ) !== 0, write: (flags & TLB_WRITE) !== 0, exec: (flags & TLB_EXEC) !== 0 },
    };
  }

  /** Whether a user-mode access by p could reach physical frame pfn through any virtual address. */
  reachableFrames(pid: number): Set<number> {
    const p = this.process(pid);
    const out = new Set<number>();
    if (!p.alive || p.root < 0) return out;
    const walkTable = (table: number, level: number, base: number): void => {
      const prof = this.profile;
      const L = prof.pte;
      const n = 2 ** prof.levels[level];
      const span = this.mmu.spanOf(level);
      for (let i = 0; i < n; i++) {
        this.codec.load(this.mem, table * this.pageSize + i * L.bytes);
        if (!this.codec.has(L.valid, true)) continue;
        const pfn = this.codec.pfn();
        const leaf = level === prof.levels.length - 1;
        if (leaf) {
          if (this.codec.has(L.user, true)) out.add(pfn);
        } else walkTable(pfn, level + 1, base + i * span);
      }
    };
    walkTable(p.root, 0, 0);
    return out;
  }

  /** Load a raw memory image (the "translate these addresses from this dump" exercise). */
  loadImage(image: Map<number, number>, root: number): void {
    for (const [pa, byte] of image) {
      if (pa < 0 || pa >= this.mem.bytes.length) throw new SimError(`image byte at 0x${pa.toString(16)} lies outside physical memory`);
      this.mem.bytes[pa] = byte;
    }
    for (const f of this.mem.frames) {
      f.kind = 'image';
      f.pinned = true;
      this.mem.version[f.pfn]++;
    }
    while (this.mem.freeCount() > 0) for (let n = 0; n < (this.profile.numa?.nodes.length ?? 1); n++) this.mem.take(n);
    if (root < 0 || root >= this.profile.physFrames) throw new SimError(`page-table base frame ${root} lies outside physical memory`);
    this.imageRoot = root;
  }

  /** Walk the loaded image's page table for va, as the hardware would with this base register. */
  translateImage(va: number): { ok: boolean; pa: number | null; value: number | null; fault: FaultCause | null; level: number | null } {
    if (this.imageRoot === null) throw new SimError('no memory image loaded');
    const ok = this.mmu.walk(this.imageRoot, va, this.events);
    if (!ok) {
      this.emit({ type: 'fault', pid: null, tid: null, va, op: 'read', cause: this.mmu.fault!, level: this.mmu.faultLevel });
      return { ok: false, pa: null, value: null, fault: this.mmu.fault, level: this.mmu.faultLevel };
    }
    const pa = this.mmu.pfn * this.pageSize + (va % this.pageSize);
    const value = this.mem.bytes[pa];
    this.emit({ type: 'translate', pid: null, tid: null, va, pa, op: 'read' });
    this.emit({ type: 'memory-read', pa, bytes: 1, value });
    return { ok: true, pa, value, fault: null, level: null };
  }

  // ---------------------------------------------------------------- accounting

  /**
   * Resident and proportional set sizes of every process, in bytes, in one pass over the
   * frames: RSS counts each user page a process maps (kernel pages excluded, as in
   * /proc/PID/status); PSS divides each page by the number of mappings sharing it (smaps Pss).
   */
  residentSizes(): Map<number, { rss: number; pss: number }> {
    const out = new Map<number, { rss: number; pss: number }>();
    for (const f of this.mem.frames) {
      const n = f.mappings.length;
      for (const m of f.mappings) {
        const r = out.get(m.pid) ?? { rss: 0, pss: 0 };
        r.rss += this.pageSize;
        r.pss += this.pageSize / n;
        out.set(m.pid, r);
      }
    }
    return out;
  }

  rss(pid: number): number {
    return this.residentSizes().get(pid)?.rss ?? 0;
  }

  pss(pid: number): number {
    return this.residentSizes().get(pid)?.pss ?? 0;
  }
}
