/*
 * The machine: CPUs with their TLBs, physical memory, and the kernel's state. The kernel's
 * code is split by concept, as teaching kernels split theirs; each file opens with the
 * data it works on:
 *
 *   page-alloc.ts     the frame allocator
 *   page-table.ts     page tables in physical memory, the reverse map, TLB shootdowns
 *   address-space.ts  memory areas (VMAs), the standard layout, mmap/munmap/mprotect/brk
 *   process.ts        processes and threads, fork/exec/exit, scheduling onto CPUs
 *   fault.ts          the access path and the page-fault handler
 *   swap.ts           swap slots, the swap cache, replacement policies, eviction
 *   files.ts          files, the page cache, shared-memory objects
 *   numa.ts           NUMA allocation policies and page migration
 *   inspect.ts        side-effect-free probes and textbook set-ups
 *   accounting.ts     RSS and PSS as Linux reports them
 *
 * The Machine object holds all state and offers every operation as a method (each one
 * calls the function of that name in its concept file), so callers need only this file.
 * The kernel follows Linux where that is observable; deliberate simplifications are
 * listed in docs/scenarios.md.
 */
import type { WorkMeter } from './budget.ts';
import type { AccessOp, FaultCause, FaultResolution, FrameKind, SimEvent } from './events.ts';
import { createPhysicalMemory, type PhysicalMemory, PteCodec, type Frame } from './memory.ts';
import { Mmu } from './mmu.ts';
import { checkProfile, nodeOfCpu, pageSize, type MachineProfile, type NumaPolicy, type ReplacementPolicy } from './profile.ts';
import { Rng } from './rng.ts';
import { Tlb } from './tlb.ts';
import { SimError } from './errors.ts';
import { t as message } from '../i18n/index.ts';
import { allocFrame, freeFrame } from './page-alloc.ts';
import { ptePointer, presentFrame, mapPage, unmapPage } from './page-table.ts';
import { mmap, munmap, mprotect, brk } from './address-space.ts';
import { spawn, fork, exec, exit, createThread, contextSwitch, moveThread, flushTlb } from './process.ts';
import { access, generalProtection, handlePageFault, demandZero, copyOnWrite, setZeroPage } from './fault.ts';
import { swapIn, chooseVictim, evict } from './swap.ts';
import { createFile, shmCreate, shmUnlink } from './files.ts';
import { setNumaPolicy, migratePage } from './numa.ts';
import { populate, probe, reachableFrames, loadImage, translateImage } from './inspect.ts';
import { residentSizes, rss, pss, smaps, type ProcessSmaps } from './accounting.ts';

import type { Area, AreaKind, Perms } from './address-space.ts';
import type { Cpu, Process, Thread } from './process.ts';
import type { SimFile } from './files.ts';
import type { SwapSlot } from './swap.ts';
import type { AccessResult } from './fault.ts';

export { SimError } from './errors.ts';
export { NO_PERMS, parsePerms, permsString, type Area, type AreaKind, type Perms } from './address-space.ts';
export type { Cpu, Process, Thread } from './process.ts';
export type { SimFile } from './files.ts';
export type { SwapSlot } from './swap.ts';
export type { AccessResult } from './fault.ts';
export { ROLLUP_FIELDS, SMAPS_FIELDS, type AreaSmaps, type ProcessSmaps, type SmapsCounts, type SmapsRollup } from './accounting.ts';

export interface KernelOptions {
  seed: number;
  replacement?: ReplacementPolicy;
  swapSlots?: number;
  asid?: boolean;
  /** Linux's shared zero page: a read of a never-written private anonymous page maps it read-only (default off). */
  zeroPage?: boolean;
  /** Physical memory layout (memory.ts); by default dense up to 65,536 frames and 64 MiB, sparse above. Tests ask for either. */
  memory?: 'dense' | 'sparse';
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
  /** General-protection faults: accesses to non-canonical addresses. */
  generalProtectionFaults: number;
  localAccesses: number;
  remoteAccesses: number;
  accessCost: number;
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
    generalProtectionFaults: 0,
    localAccesses: 0,
    remoteAccesses: 0,
    accessCost: 0,
  };
  /** Events of the operation in progress; null turns tracing off (benchmarks). */
  events: SimEvent[] | null = [];
  /** For OPT replacement: how far in the future (pid, vpn) is next used; Infinity if never. */
  nextUse: ((pid: number, vpn: number) => number) | null = null;
  /** The shared zero page's frame while the zero-page option is on (one frame of zeros, never written), else null. */
  zeroPfn: number | null = null;
  /** Whether reads of never-written private anonymous pages map the zero page now. */
  zeroPage = false;
  /** The work budget of the step in progress (budget.ts); the kernel counts pages it handles against it. Null: unmetered. */
  work: WorkMeter | null = null;
  /** Root frame for raw-image translation (page-table base register), when loaded from a memory dump. */
  imageRoot: number | null = null;
  /** Kernel-internal counters, used by the concept files: next ids (processes, threads, unnamed shmem objects), the logical clock (FIFO/LRU times), the CLOCK hand. */
  nextPid = 1;
  anonSharedObjects = 0;
  nextTid = 1;
  tick = 0;
  clockHand = 0;

  constructor(profile: MachineProfile, options: KernelOptions) {
    const problems = checkProfile(profile);
    if (problems.length) throw new SimError(message('scenario.sim.badProfile', { problems: problems.map((p) => message('scenario.sim.badProfileItem', { path: p.path, message: p.message })).join(message('scenario.sim.listJoin')) }));
    this.profile = profile;
    this.pageSize = pageSize(profile);
    this.rng = new Rng(options.seed);
    this.replacement = options.replacement ?? profile.replacement;
    this.useAsid = options.asid ?? profile.tlb.asid;
    this.mem = createPhysicalMemory(profile, options.memory);
    this.codec = new PteCodec(profile.pte);
    this.mmu = new Mmu(profile, this.mem, this.codec);
    this.swap = new Array(options.swapSlots ?? profile.swapSlots).fill(null);
    this.cpus = [];
    for (let id = 0; id < profile.cpus; id++) {
      this.cpus.push({ id, node: nodeOfCpu(profile, id), current: null, loadedPid: null, tlb: new Tlb(profile.tlb, this.rng, this.mem.size) });
    }
    if (options.zeroPage) this.setZeroPage(true);
  }

  /** Turn the shared zero page on or off (fault.ts explains what it changes). */
  setZeroPage(on: boolean): void {
    setZeroPage(this, on);
  }

  // ---------------------------------------------------------------- events and lookups

  emit(e: SimEvent): void {
    if (this.events) this.events.push(e);
  }

  process(pid: number): Process {
    const p = this.processes.get(pid);
    if (!p) throw new SimError(message('scenario.sim.noPid', { pid: String(pid) }));
    return p;
  }

  thread(tid: number): Thread {
    const t = this.threads.get(tid);
    if (!t) throw new SimError(message('scenario.sim.noTid', { tid: String(tid) }));
    return t;
  }

  mainThread(pid: number): Thread {
    const p = this.process(pid);
    if (!p.alive) throw new SimError(message('scenario.sim.notRunning', { process: p.name, reason: p.exitReason ?? message('scenario.sim.hasExited') }));
    const tid = p.threads.find((t) => this.threads.get(t)?.alive);
    if (tid === undefined) throw new SimError(message('scenario.sim.noLiveThread', { process: p.name }));
    return this.thread(tid);
  }

  findArea(p: Process, va: number): Area | null {
    for (const a of p.areas) if (va >= a.start && va < a.end) return a;
    return null;
  }

  vpnOf(va: number): number {
    return Math.floor(va / this.pageSize);
  }

  asidOf(pid: number): number {
    return this.useAsid ? pid : 0;
  }

  // ---------------------------------------------------------------- frames (page-alloc.ts)

  /**
   * Allocate a frame (evicting a page if memory is full). Returns null when nothing can
   * be freed: the caller then kills the process (out of memory).
   */
  allocFrame(kind: FrameKind, p: Process | null, cpuNode: number, reason: () => string, exact: number | null = null): number | null {
    return allocFrame(this, kind, p, cpuNode, reason, exact);
  }

  freeFrame(pfn: number): void {
    freeFrame(this, pfn);
  }

  // ---------------------------------------------------------------- page tables (page-table.ts)

  /**
   * Address of the leaf PTE for `vpn` in `p`'s page table, creating missing tables when
   * `create`; -1 if a table is missing (and not created) or memory ran out.
   */
  ptePointer(p: Process, vpn: number, create: boolean, cpuNode = 0): number {
    return ptePointer(this, p, vpn, create, cpuNode);
  }

  /** Frame mapped at vpn in p, or null if not present. Reads the page table; no side effects. */
  presentFrame(p: Process, vpn: number): number | null {
    return presentFrame(this, p, vpn);
  }

  /** Write a leaf PTE mapping vpn → pfn and record the reverse mapping. */
  mapPage(p: Process, vpn: number, pfn: number, perms: Perms, cpuNode = 0, cow = false): boolean {
    return mapPage(this, p, vpn, pfn, perms, cpuNode, cow);
  }

  /**
   * Clear the PTE for vpn (present or swapped), shoot down TLB entries, release what it
   * held. `shoot` is false when the whole address space goes (exit, exec): the caller
   * flushes the process's TLB entries once instead of page by page.
   */
  unmapPage(p: Process, vpn: number, shoot = true): void {
    unmapPage(this, p, vpn, shoot);
  }

  // ---------------------------------------------------------------- memory areas (address-space.ts)

  /**
   * mmap(): a new area, anonymous or backed by `file`, private or shared. Nothing is made
   * resident: pages arrive on first touch.
   */
  mmap(pid: number, o: { length: number; perms: Perms; shared: boolean; file?: string | null; offset?: number; addr?: number | null; name?: string; kind?: AreaKind }): Area {
    return mmap(this, pid, o);
  }

  /** munmap(): remove every page and area piece in [addr, addr+length). */
  munmap(pid: number, addr: number, length: number): number {
    return munmap(this, pid, addr, length);
  }

  /** mprotect(): change the permissions of [addr, addr+length); present PTEs follow (COW pages stay read-only). */
  mprotect(pid: number, addr: number, length: number, perms: Perms): number {
    return mprotect(this, pid, addr, length, perms);
  }

  /** brk(): move the program break; the heap area grows or shrinks with it. */
  brk(pid: number, newBreak: number): number {
    return brk(this, pid, newBreak);
  }

  // ---------------------------------------------------------------- processes, threads and scheduling (process.ts)

  /** Create a process running `program` with the standard layout, or an empty address space. */
  spawn(name: string, options: { program?: string; layout?: 'standard' | 'empty'; cpu?: number | null } = {}): Process {
    return spawn(this, name, options);
  }

  /**
   * fork(): a new process with a copy of the parent's address space. Private areas holding
   * anonymous pages get their PTEs copied read-only on both sides (copy-on-write); shared
   * areas and pure file mappings are not copied (the child faults them in, as Linux does).
   * Swapped-out pages are shared through their swap slot.
   */
  fork(parentPid: number, childName: string, forkingTid?: number): Process {
    return fork(this, parentPid, childName, forkingTid);
  }

  /** exec(): throw away the address space and load `program` with a fresh standard layout. */
  exec(pid: number, program: string): Process {
    return exec(this, pid, program);
  }

  /** exit(): the process ends; every frame only it used returns to the free list. */
  exit(pid: number, reason = 'exited'): number {
    return exit(this, pid, reason);
  }

  /** A new thread in p: same page table, its own stack (an anonymous mapping) and its own CPU. */
  createThread(pid: number, name: string, cpu: number | null = null): Thread {
    return createThread(this, pid, name, cpu);
  }

  /** Put thread `tid` on its CPU; switching address space flushes the TLB unless ASIDs tag it. */
  contextSwitch(tid: number): void {
    contextSwitch(this, tid);
  }

  /** Move a thread to another CPU (it runs there from its next access). */
  moveThread(tid: number, cpuId: number): void {
    moveThread(this, tid, cpuId);
  }

  flushTlb(cpuId: number | null): void {
    flushTlb(this, cpuId);
  }

  // ---------------------------------------------------------------- the access path and the fault handler (fault.ts)

  /**
   * One memory access by thread `tid`: the MMU translates, the kernel handles any fault
   * and the access is retried, as on real hardware. `size` bytes (1, 2 or 4) are read
   * or written. A fault the kernel cannot resolve kills the process (segmentation fault).
   */
  access(tid: number, va: number, op: AccessOp, o: { value?: number; size?: number; user?: boolean } = {}): AccessResult {
    return access(this, tid, va, op, o);
  }

  /** An access to a non-canonical address: a general-protection fault (fault.ts). */
  generalProtection(tid: number, va: number, op: AccessOp): AccessResult {
    return generalProtection(this, tid, va, op);
  }

  /**
   * The page-fault handler. Decides from the memory areas (not from the PTE alone) whether
   * the access is legal, then makes the page present: demand-zero, read from the file or
   * page cache, break copy-on-write, swap in, or grow the stack. Anything else is a
   * segmentation fault that ends the process.
   */
  handlePageFault(p: Process, t: Thread, va: number, op: AccessOp, cause: FaultCause, user: boolean, exactFrame: number | null = null): FaultResolution {
    return handlePageFault(this, p, t, va, op, cause, user, exactFrame);
  }

  /** First touch of an anonymous page: a fresh zeroed frame. */
  demandZero(p: Process, area: Area, vpn: number, cpuNode: number, exactFrame: number | null = null): FaultResolution {
    return demandZero(this, p, area, vpn, cpuNode, exactFrame);
  }

  /**
   * Copy-on-write: a write hit a present, read-only page in a writable private area.
   * If another mapping (or the page cache) still uses the frame, copy it to a new frame;
   * if this was the last user, just make the page writable again.
   */
  copyOnWrite(p: Process, t: Thread, area: Area, vpn: number): FaultResolution {
    return copyOnWrite(this, p, t, area, vpn);
  }

  // ---------------------------------------------------------------- swapping and replacement (swap.ts)

  /** Bring a swapped-out page back: from the swap cache if another process already did, else from its slot. */
  swapIn(p: Process, t: Thread, area: Area, vpn: number, slot: number, op: AccessOp): FaultResolution {
    return swapIn(this, p, t, area, vpn, slot, op);
  }

  /** Pick the frame to evict with the current replacement policy; null if none can be. */
  chooseVictim(nodes: number[] | null): number | null {
    return chooseVictim(this, nodes);
  }

  /**
   * Evict the page in frame `pfn`: unmap it everywhere, save its contents (anonymous and
   * shared-memory pages to swap, dirty file pages back to the file) and free the frame.
   */
  evict(pfn: number): void {
    evict(this, pfn);
  }

  // ---------------------------------------------------------------- files and shared memory (files.ts)

  /** Create or replace a file on the simulated disk. */
  createFile(name: string, size: number, content?: Uint8Array | string, tmpfs = false): SimFile {
    return createFile(this, name, size, content, tmpfs);
  }

  /** shm_open + ftruncate: a named shared-memory object (a tmpfs file). */
  shmCreate(name: string, size: number): SimFile {
    return shmCreate(this, name, size);
  }

  /** shm_unlink: remove the name; pages go once no process maps them. */
  shmUnlink(name: string): void {
    shmUnlink(this, name);
  }

  // ---------------------------------------------------------------- NUMA (numa.ts)

  setNumaPolicy(pid: number, policy: NumaPolicy, nodes: number[] = []): void {
    setNumaPolicy(this, pid, policy, nodes);
  }

  /** Move the page at `va` of p to a frame on `node`: copy, repoint every PTE, shoot down TLBs, free the old frame. */
  migratePage(pid: number, va: number, node: number): { from: number; to: number } {
    return migratePage(this, pid, va, node);
  }

  // ---------------------------------------------------------------- teaching helpers (inspect.ts)

  /**
   * Make the page at `va` resident now, as a first touch would, optionally in a chosen
   * frame (so a lesson can reproduce a textbook figure exactly).
   */
  populate(pid: number, va: number, frame: number | null, op: AccessOp = 'read'): FaultResolution | 'present' {
    return populate(this, pid, va, frame, op);
  }

  /**
   * Look up va in p without side effects (no TLB fill, no accessed bit, no fault
   * handling): what the page table says right now.
   */
  probe(pid: number, va: number): { present: boolean; pfn: number | null; pa: number | null; swapSlot: number | null; area: Area | null; perms: Perms } {
    return probe(this, pid, va);
  }

  /** Whether a user-mode access by p could reach physical frame pfn through any virtual address. */
  reachableFrames(pid: number): Set<number> {
    return reachableFrames(this, pid);
  }

  /** Load a raw memory image (the "translate these addresses from this dump" exercise). */
  loadImage(image: Map<number, number>, root: number): void {
    loadImage(this, image, root);
  }

  /** Walk the loaded image's page table for va, as the hardware would with this base register. */
  translateImage(va: number): { ok: boolean; pa: number | null; value: number | null; fault: FaultCause | null; level: number | null } {
    return translateImage(this, va);
  }

  // ---------------------------------------------------------------- accounting (accounting.ts)

  /** /proc/PID/smaps and smaps_rollup of every live process (accounting.ts). */
  smaps(): Map<number, ProcessSmaps> {
    return smaps(this);
  }

  /**
   * Resident and proportional set sizes of every process, in bytes, in one pass over the
   * frames: RSS counts each user page a process maps (kernel pages excluded, as in
   * /proc/PID/status); PSS divides each page by the number of mappings sharing it (smaps Pss).
   */
  residentSizes(): Map<number, { rss: number; pss: number }> {
    return residentSizes(this);
  }

  rss(pid: number): number {
    return rss(this, pid);
  }

  pss(pid: number): number {
    return pss(this, pid);
  }
}
