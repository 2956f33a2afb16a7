/*
 * Processes and threads: creation (spawn, fork), exec, exit, threads, and scheduling
 * threads onto CPUs.
 *
 *   m.processes   pid → Process: page-table root frame, ASID, memory areas, program break,
 *                 swapped-out pages (vpn → swap slot), NUMA policy, its page-table frames.
 *   m.threads     tid → Thread: its process, its CPU, the name of its stack area. Threads
 *                 of a process share the page table; each runs on its own CPU.
 *   m.cpus        id → Cpu: NUMA node, running thread, loaded page table (CR3/satp) and
 *                 its TLB. Switching to another address space flushes the TLB unless
 *                 entries are tagged with ASIDs.
 *
 * fork copies the PTEs of private areas that hold anonymous pages, write-protected on both
 * sides (copy-on-write), and copies nothing for shared mappings or pure file mappings: the
 * child faults those in, as Linux does.
 */
import { type Area, addArea, findFree, mapKernel, permsString, standardAreas } from './address-space.ts';
import { SimError } from './errors.ts';
import { t as message } from '../i18n/index.ts';
import { releaseUnusedObjects } from './files.ts';
import type { Machine } from './machine.ts';
import { allocFrame } from './page-alloc.ts';
import { allocTable, freeTables, mappedPages, mapPage, presentFrame, protectPage, ptePointer, unmapPage } from './page-table.ts';
import type { NumaPolicy } from './profile.ts';
import { allocSlot } from './swap.ts';
import type { Tlb } from './tlb.ts';

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

export function newProcess(m: Machine, name: string, parent: number | null, program: string): Process | null {
  const pid = m.nextPid++;
  const p: Process = {
    pid,
    name,
    parent,
    alive: true,
    exitReason: null,
    asid: m.asidOf(pid),
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
  m.processes.set(pid, p);
  m.emit({ type: 'process-create', pid, name, parent });
  const root = allocTable(m, p, 0, 0);
  if (root === null) {
    p.alive = false;
    p.exitReason = message('scenario.exit.noRoot');
    return null;
  }
  p.root = root;
  return p;
}

export function addThread(m: Machine, p: Process, name: string, stackArea: string, cpu: number | null): Thread {
  const tid = m.nextTid++;
  const t: Thread = { tid, pid: p.pid, name, cpu: cpu ?? leastBusyCpu(m), stackArea, alive: true };
  if (t.cpu < 0 || t.cpu >= m.cpus.length) throw new SimError(message('scenario.sim.noSuchCpu', { cpu: String(t.cpu), count: m.cpus.length }));
  m.threads.set(tid, t);
  p.threads.push(tid);
  m.emit({ type: 'thread-create', pid: p.pid, tid, name, cpu: t.cpu });
  return t;
}

export function leastBusyCpu(m: Machine): number {
  const load = m.cpus.map(() => 0);
  for (const t of m.threads.values()) if (t.alive) load[t.cpu]++;
  let best = 0;
  for (let i = 1; i < load.length; i++) if (load[i] < load[best]) best = i;
  return best;
}

/** Create a process running `program` with the standard layout, or an empty address space. */
export function spawn(m: Machine, name: string, options: { program?: string; layout?: 'standard' | 'empty'; cpu?: number | null } = {}): Process {
  const program = options.program ?? name;
  const p = newProcess(m, name, null, program);
  if (!p) throw new SimError(message('scenario.sim.oomCreate', { process: name }));
  if (options.layout === 'empty') {
    p.program = '';
    if (!mapKernel(m, p)) throw new SimError(message('scenario.sim.oomKernel', { process: name }));
    addThread(m, p, name, '', options.cpu ?? null);
  } else {
    if (!standardAreas(m, p, program)) throw new SimError(message('scenario.sim.oomKernel', { process: name }));
    addThread(m, p, name, 'stack', options.cpu ?? null);
  }
  return p;
}

/**
 * fork(): a new process with a copy of the parent's address space. Private areas holding
 * anonymous pages get their PTEs copied read-only on both sides (copy-on-write); shared
 * areas and pure file mappings are not copied (the child faults them in, as Linux does).
 * Swapped-out pages are shared through their swap slot.
 */
export function fork(m: Machine, parentPid: number, childName: string, forkingTid?: number): Process {
  const parent = m.process(parentPid);
  if (!parent.alive) throw new SimError(message('scenario.sim.processExited', { process: parent.name }));
  const forker = forkingTid !== undefined ? m.thread(forkingTid) : m.mainThread(parentPid);
  const child = newProcess(m, childName, parent.pid, parent.program);
  if (!child) throw new SimError(message('scenario.sim.oomFork', { process: parent.name }));
  child.heapStart = parent.heapStart;
  child.brk = parent.brk;
  child.numaPolicy = parent.numaPolicy;
  child.numaNodes = [...parent.numaNodes];
  for (const a of parent.areas) {
    if (a.kind === 'kernel') continue; // mapped afresh below, as every address space gets it
    child.areas.push({ ...a, perms: { ...a.perms }, file: a.file ? { ...a.file } : null });
    m.emit({ type: 'area-create', pid: child.pid, name: a.name, start: a.start, end: a.end, perms: permsString(a.perms) + (a.shared ? ' shared' : ' private') });
  }
  const cpuNode = m.cpus[forker.cpu].node;
  for (const a of parent.areas) {
    if (a.kind === 'kernel') continue;
    const copyPtes = !a.shared && (a.file === null || a.hasAnon);
    if (!copyPtes) continue;
    for (const vpn of mappedPages(m, parent, a.start, a.end)) {
      const slot = parent.swapped.get(vpn);
      if (slot !== undefined) {
        if (a.perms.write && m.profile.pte.write === undefined) {
          const copy = allocSlot(m);
          if (copy === null) {
            exit(m, child.pid, message('scenario.exit.swapFork'));
            throw new SimError(message('scenario.sim.swapFork', { process: parent.name }));
          }
          m.swap[copy]!.data.set(m.swap[slot]!.data);
          m.swap[copy]!.refs = 1;
          child.swapped.set(vpn, copy);
        } else {
          child.swapped.set(vpn, slot);
          m.swap[slot]!.refs++;
        }
        continue;
      }
      const pfn = presentFrame(m, parent, vpn);
      if (pfn === null) continue;
      if (a.perms.write && m.profile.pte.write === undefined) {
        // No write bit in the PTE, so the hardware cannot trap the first write: copy now (early-Unix fork).
        if (!copyForChild(m, parent, child, vpn, pfn, a, cpuNode)) {
          exit(m, child.pid, message('scenario.exit.oomFork'));
          throw new SimError(message('scenario.sim.oomForkFrames', { process: parent.name }));
        }
        continue;
      }
      const cow = a.perms.write;
      if (cow) protectPage(m, parent, vpn, { ...a.perms, write: false }, true);
      if (!mapPage(m, child, vpn, pfn, cow ? { ...a.perms, write: false } : a.perms, cpuNode, cow)) {
        exit(m, child.pid, message('scenario.exit.oomFork'));
        throw new SimError(message('scenario.sim.oomForkTables', { process: parent.name }));
      }
      if (cow && pfn !== m.zeroPfn) m.emit({ type: 'cow-share', parent: parent.pid, child: child.pid, vpn, pfn, refs: m.mem.frame(pfn).mappings.length });
    }
  }
  mapKernel(m, child);
  // Only the forking thread is duplicated; its stack keeps its name in the child.
  addThread(m, child, childName, forker.stackArea, null);
  return child;
}

/** Eager fork copy of one page for machines whose PTEs cannot express read-only. */
export function copyForChild(m: Machine, parent: Process, child: Process, vpn: number, pfn: number, a: Area, cpuNode: number): boolean {
  if (ptePointer(m, child, vpn, true, cpuNode) < 0) return false;
  const src = m.mem.frame(pfn);
  src.pinned = true;
  const copy = allocFrame(m, 'anon', child, cpuNode, () => message('scenario.alloc.forkCopy', { process: child.name }));
  src.pinned = false;
  if (copy === null) return false;
  m.mem.copyFrame(pfn, copy);
  m.stats.cowCopies++;
  m.emit({ type: 'cow-copy', pid: child.pid, vpn, from: pfn, to: copy });
  return mapPage(m, child, vpn, copy, a.perms, cpuNode);
}

/** exec(): throw away the address space and load `program` with a fresh standard layout. */
export function exec(m: Machine, pid: number, program: string): Process {
  const p = m.process(pid);
  if (!p.alive) throw new SimError(message('scenario.sim.processExited', { process: p.name }));
  tearDown(m, p);
  for (const tid of p.threads) {
    const t = m.threads.get(tid)!;
    if (t.alive && tid !== p.threads[0]) {
      t.alive = false;
      m.emit({ type: 'thread-exit', pid, tid });
    }
  }
  p.threads = p.threads.filter((tid) => m.threads.get(tid)!.alive).slice(0, 1);
  p.program = program;
  const root = allocTable(m, p, 0, 0);
  if (root === null) {
    exit(m, pid, message('scenario.exit.oomExec'));
    return p;
  }
  p.root = root;
  if (!standardAreas(m, p, program)) exit(m, pid, message('scenario.exit.oomExec'));
  if (p.threads[0] !== undefined) m.threads.get(p.threads[0])!.stackArea = 'stack';
  return p;
}

/** Unmap every page and free every page table of p. Returns frames freed. */
export function tearDown(m: Machine, p: Process): number {
  let freed = 0;
  const before = m.mem.freeCount();
  for (const a of [...p.areas]) {
    for (const vpn of mappedPages(m, p, a.start, a.end)) unmapPage(m, p, vpn, false);
    m.emit({ type: 'area-remove', pid: p.pid, name: a.name, start: a.start, end: a.end });
  }
  for (const [vpn] of p.swapped) unmapPage(m, p, vpn, false);
  p.areas = [];
  releaseUnusedObjects(m);
  freed += freeTables(m, p);
  p.root = -1;
  // The address space is gone: no TLB may keep translations for it (with ASIDs they may
  // sit on CPUs that have since switched away, so flush that ASID everywhere).
  for (const cpu of m.cpus) {
    if (cpu.loadedPid !== p.pid && !m.useAsid) continue;
    if (cpu.tlb.flush(m.asidOf(p.pid)) > 0) m.emit({ type: 'tlb-flush', cpu: cpu.id, asid: m.useAsid ? p.pid : null, reason: message('scenario.flush.tornDown', { process: p.name }) });
  }
  return m.mem.freeCount() - before;
}

/** exit(): the process ends; every frame only it used returns to the free list. */
export function exit(m: Machine, pid: number, reason = 'exited'): number {
  const p = m.process(pid);
  if (!p.alive) return 0;
  const freed = tearDown(m, p);
  for (const tid of p.threads) {
    const t = m.threads.get(tid)!;
    if (t.alive) {
      t.alive = false;
      m.emit({ type: 'thread-exit', pid, tid });
    }
    for (const cpu of m.cpus) if (cpu.current === tid) cpu.current = null;
  }
  for (const cpu of m.cpus) if (cpu.loadedPid === pid) cpu.loadedPid = null;
  p.alive = false;
  p.exitReason = reason;
  m.emit({ type: 'process-exit', pid, name: p.name, reason, framesFreed: freed });
  return freed;
}

/** A new thread in p: same page table, its own stack (an anonymous mapping) and its own CPU. */
export function createThread(m: Machine, pid: number, name: string, cpu: number | null = null): Thread {
  const p = m.process(pid);
  if (!p.alive) throw new SimError(message('scenario.sim.processExited', { process: p.name }));
  const L = m.profile.layout;
  const stackName = `stack:${name}`;
  const start = findFree(m, p, L.stackPages * m.pageSize);
  if (start === null) throw new SimError(message('scenario.sim.noStackRoom', { process: p.name }));
  addArea(m, p, { name: stackName, kind: 'stack', start, end: start + L.stackPages * m.pageSize, perms: { read: true, write: true, exec: false }, shared: false, file: null, growsDown: false, hasAnon: false });
  return addThread(m, p, name, stackName, cpu);
}

/** Put thread `tid` on its CPU; switching address space flushes the TLB unless ASIDs tag it. */
export function contextSwitch(m: Machine, tid: number): void {
  const t = m.thread(tid);
  const cpu = m.cpus[t.cpu];
  if (cpu.current === tid) return;
  const from = cpu.current;
  let flushed = false;
  if (cpu.loadedPid !== t.pid) {
    if (!m.useAsid && cpu.loadedPid !== null) {
      cpu.tlb.flush(null);
      flushed = true;
      m.emit({ type: 'tlb-flush', cpu: cpu.id, asid: null, reason: message('scenario.flush.noAsid') });
    }
    cpu.loadedPid = t.pid;
  }
  cpu.current = tid;
  m.emit({ type: 'context-switch', cpu: cpu.id, fromTid: from, toTid: tid, flushed });
}

/** Move a thread to another CPU (it runs there from its next access). */
export function moveThread(m: Machine, tid: number, cpuId: number): void {
  const t = m.thread(tid);
  if (cpuId < 0 || cpuId >= m.cpus.length) throw new SimError(message('scenario.sim.noSuchCpu', { cpu: String(cpuId), count: m.cpus.length }));
  const old = m.cpus[t.cpu];
  if (old.current === tid) old.current = null;
  t.cpu = cpuId;
}

export function flushTlb(m: Machine, cpuId: number | null): void {
  for (const cpu of m.cpus) {
    if (cpuId !== null && cpu.id !== cpuId) continue;
    cpu.tlb.flush(null, true);
    m.emit({ type: 'tlb-flush', cpu: cpu.id, asid: null, reason: message('scenario.flush.explicit') });
  }
}
