/*
 * The access path and the page-fault handler.
 *
 *   access()           the MMU translates (TLB, then the page walk); on a fault the kernel
 *                      handles it and the access is retried, as on real hardware.
 *   handlePageFault()  decides from the memory areas whether the access is legal, then
 *                      resolves it: demand-zero, file read or page-cache hit (files.ts),
 *                      copy-on-write break, swap-in (swap.ts), stack growth; anything else
 *                      is a segmentation fault that ends the process.
 *   AccessResult       what one access did: TLB outcome, each fault and its resolution,
 *                      physical address and frame, value read or written, NUMA cost.
 *
 * A write to a copy-on-write page whose frame has no other user reuses it in place.
 */
import { overlaps, type Area } from './address-space.ts';
import { formatDocumentAddress, formatVa, nonCanonicalReason } from './address.ts';
import { SimError } from './errors.ts';
import type { AccessOp, FaultCause, FaultResolution } from './events.ts';
import { hex, t as message } from '../i18n/index.ts';
import { pageCacheFrame } from './files.ts';
import type { Machine } from './machine.ts';
import { allocFrame, freeFrame } from './page-alloc.ts';
import { harvestDirty, mapPage, passOwnership, presentFrame, protectPage, ptePointer, shootdown } from './page-table.ts';
import { type Process, type Thread, contextSwitch, exit } from './process.ts';
import { dropSwapCache, swapIn } from './swap.ts';

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

/**
 * One memory access by thread `tid`: the MMU translates, the kernel handles any fault
 * and the access is retried, as on real hardware. `size` bytes (1, 2 or 4) are read
 * or written. A fault the kernel cannot resolve kills the process (segmentation fault).
 */
export function access(m: Machine, tid: number, va: number, op: AccessOp, o: { value?: number; size?: number; user?: boolean } = {}): AccessResult {
  const t = m.thread(tid);
  const p = m.process(t.pid);
  const size = o.size ?? 1;
  const user = o.user ?? true;
  const result: AccessResult = { pid: p.pid, tid, cpu: t.cpu, va, op, ok: false, pa: null, pfn: null, tlb: 'none', faults: [], value: null, segfault: null, node: null, cost: null, remote: false };
  if (!t.alive || !p.alive) throw new SimError(message('scenario.sim.threadNotRunning', { thread: t.name, process: p.name }));
  const ps = m.pageSize;
  if (va % ps + size > ps) throw new SimError(message('scenario.sim.crossesPage', { size: String(size), va: formatVa(m.profile, va) }));
  contextSwitch(m, tid);
  const cpu = m.cpus[t.cpu];
  m.stats.accesses++;
  for (let attempt = 0; attempt < 4; attempt++) {
    const hits = cpu.tlb.hits;
    const ok = m.mmu.translate(cpu.tlb, cpu.id, p.asid, p.root, va, op, user, m.events);
    if (attempt === 0 && cpu.tlb.enabled && m.mmu.fault !== 'out-of-range') result.tlb = cpu.tlb.hits > hits ? 'hit' : 'miss';
    if (cpu.tlb.hits > hits) m.stats.tlbHits++;
    else if (cpu.tlb.enabled && m.mmu.fault !== 'out-of-range') m.stats.tlbMisses++;
    if (ok) {
      const pa = m.mmu.pa;
      const f = m.mem.frame(m.mmu.pfn);
      m.emit({ type: 'translate', pid: p.pid, tid, va, pa, op });
      result.ok = true;
      result.pa = pa;
      result.pfn = m.mmu.pfn;
      f.lastUsed = ++m.tick;
      f.referenced = true;
      if (op === 'write') {
        m.mem.write(pa, size, o.value ?? 0);
        f.dirty = true;
        result.value = m.mem.read(pa, size);
        m.emit({ type: 'memory-write', pa, bytes: size, value: result.value });
      } else {
        result.value = m.mem.read(pa, size);
        m.emit({ type: 'memory-read', pa, bytes: size, value: result.value });
      }
      result.node = f.node;
      if (m.profile.numa) {
        const cost = m.profile.numa.distance[cpu.node][f.node];
        result.cost = cost;
        result.remote = f.node !== cpu.node;
        if (result.remote) m.stats.remoteAccesses++;
        else m.stats.localAccesses++;
        m.stats.accessCost += cost;
        m.emit({ type: 'numa-access', cpu: cpu.id, cpuNode: cpu.node, memNode: f.node, cost, remote: result.remote });
      }
      return result;
    }
    const cause = m.mmu.fault!;
    const level = m.mmu.faultLevel;
    m.emit({ type: 'fault', pid: p.pid, tid, va, op, cause, level });
    m.stats.pageFaults++;
    const resolution = handlePageFault(m, p, t, va, op, cause, user);
    result.faults.push({ cause, level, resolution });
    if (resolution === 'segfault') {
      result.segfault = p.exitReason;
      return result;
    }
  }
  throw new SimError(message('scenario.sim.keptFaulting', { va: formatVa(m.profile, va) }));
}

/**
 * An access to a non-canonical address (x86-64, Sv39): the CPU raises a general-protection
 * fault before it looks at the TLB or the page table, so this is not a page fault. In user
 * mode the kernel sends SIGSEGV; the process ends. `va` is the address as the document
 * wrote it (see address.ts).
 */
export function generalProtection(m: Machine, tid: number, va: number, op: AccessOp): AccessResult {
  const t = m.thread(tid);
  const p = m.process(t.pid);
  if (!t.alive || !p.alive) throw new SimError(message('scenario.sim.threadNotRunning', { thread: t.name, process: p.name }));
  contextSwitch(m, tid);
  m.stats.accesses++;
  m.stats.generalProtectionFaults++;
  const result: AccessResult = { pid: p.pid, tid, cpu: t.cpu, va, op, ok: false, pa: null, pfn: null, tlb: 'none', faults: [{ cause: 'non-canonical', level: null, resolution: 'segfault' }], value: null, segfault: null, node: null, cost: null, remote: false };
  m.emit({ type: 'fault', pid: p.pid, tid, va, op, cause: 'non-canonical', level: null });
  segfault(m, p, t, va, op, message('scenario.segv.nonCanonical', { va: formatDocumentAddress(va), why: nonCanonicalReason(m.profile) }));
  result.segfault = p.exitReason;
  return result;
}

/**
 * The page-fault handler. Decides from the memory areas (not from the PTE alone) whether
 * the access is legal, then makes the page present: demand-zero, read from the file or
 * page cache, break copy-on-write, swap in, or grow the stack. Anything else is a
 * segmentation fault that ends the process.
 */
export function handlePageFault(m: Machine, p: Process, t: Thread, va: number, op: AccessOp, cause: FaultCause, user: boolean, exactFrame: number | null = null): FaultResolution {
  const ps = m.pageSize;
  const vpn = m.vpnOf(va);
  const cpuNode = m.cpus[t.cpu].node;
  const kb = m.profile.layout.kernelBase;
  if (cause === 'out-of-range') return segfault(m, p, t, va, op, message('scenario.segv.outOfRange', { va: formatVa(m.profile, va), bits: String(m.profile.vaBits) }));
  if (cause === 'bad-entry') return segfault(m, p, t, va, op, message('scenario.segv.badEntry'));
  if (cause === 'user-kernel' || (user && kb !== null && va >= kb)) {
    const a = kb === null || va < kb ? m.findArea(p, va) : null;
    if (a && !a.perms.read && !a.perms.write && !a.perms.exec) return segfault(m, p, t, va, op, message('scenario.segv.protNone', { op, area: a.name }));
    return segfault(m, p, t, va, op, message('scenario.segv.kernelMemory', { va: formatVa(m.profile, va) }));
  }
  let area = m.findArea(p, va);
  let grew = false;
  if (!area) {
    const stack = p.areas.find((a) => a.kind === 'stack' && a.growsDown && a.start > va);
    const L = m.profile.layout;
    if (stack && va >= stack.end - L.stackMaxPages * ps && !overlaps(m, p, vpn * ps, stack.start)) {
      resolved(m, p, va, 'stack-growth', () => message('scenario.detail.stackGrows', { addr: hex(vpn * ps) }));
      stack.start = vpn * ps;
      area = stack;
      grew = true;
    } else return segfault(m, p, t, va, op, message('scenario.segv.noArea', { va: formatVa(m.profile, va) }));
  }
  if (op === 'write' && !area.perms.write) return segfault(m, p, t, va, op, message('scenario.segv.readOnly', { area: area.name }));
  if (op === 'exec' && !area.perms.exec) return segfault(m, p, t, va, op, message('scenario.segv.noExec', { area: area.name }));
  if (op === 'read' && !area.perms.read) return segfault(m, p, t, va, op, message('scenario.segv.noRead', { area: area.name }));
  if (cause === 'protection') {
    if (op === 'write') return copyOnWrite(m, p, t, area, vpn);
    return segfault(m, p, t, va, op, message('scenario.segv.protectionBits', { op }));
  }
  // Build any missing page-table levels first (as Linux's handle_mm_fault does), so that
  // a frame allocated below for the page itself can no longer be evicted to make room for them.
  if (ptePointer(m, p, vpn, true, cpuNode) < 0) return oom(m, p, message('scenario.oom.pageTable'));
  // Not present.
  const slot = p.swapped.get(vpn);
  if (slot !== undefined) return swapIn(m, p, t, area, vpn, slot, op);
  if (area.file) return filePage(m, p, t, area, vpn, op, exactFrame);
  if (m.zeroPage && op !== 'write' && !area.shared && exactFrame === null) return zeroPageFault(m, p, area, vpn, cpuNode);
  const r = demandZero(m, p, area, vpn, cpuNode, exactFrame);
  return grew && r === 'demand-zero' ? 'stack-growth' : r;
}

/**
 * Record how a fault was resolved. The detail is put in words (in the current locale) only
 * when events are being recorded, so a run without a trace formats no text.
 */
function resolved(m: Machine, p: Process, va: number, resolution: FaultResolution, detail: () => string): void {
  if (m.events) m.emit({ type: 'fault-resolved', pid: p.pid, va, resolution, detail: detail() });
}

export function segfault(m: Machine, p: Process, t: Thread, va: number, op: AccessOp, reason: string): FaultResolution {
  m.stats.segfaults++;
  m.emit({ type: 'segfault', pid: p.pid, tid: t.tid, va, op, reason });
  exit(m, p.pid, message('scenario.exit.segfault', { reason }));
  return 'segfault';
}

export function oom(m: Machine, p: Process, why: string): FaultResolution {
  m.emit({ type: 'oom-kill', pid: p.pid, reason: why });
  exit(m, p.pid, message('scenario.exit.oom', { why }));
  return 'segfault';
}

/** First touch of an anonymous page: a fresh zeroed frame. */
export function demandZero(m: Machine, p: Process, area: Area, vpn: number, cpuNode: number, exactFrame: number | null = null): FaultResolution {
  const pfn = allocFrame(m, 'anon', p, cpuNode, () => message('scenario.alloc.demandZero', { process: p.name }), exactFrame);
  if (pfn === null) return oom(m, p, message('scenario.oom.demandZero'));
  m.mem.zeroFrame(pfn);
  m.mem.frame(pfn).pinned = true;
  const ok = mapPage(m, p, vpn, pfn, area.perms, cpuNode);
  m.mem.frame(pfn).pinned = false;
  if (!ok) {
    freeFrame(m, pfn);
    return oom(m, p, message('scenario.oom.pageTable'));
  }
  area.hasAnon = true;
  m.stats.minorFaults++;
  resolved(m, p, vpn * m.pageSize, 'demand-zero', () => message('scenario.detail.zeroed', { pfn: String(pfn) }));
  return 'demand-zero';
}

/**
 * The shared zero page (kernel option, off by default). Linux maps a read of a never-written
 * private anonymous page to one frame of zeros shared by everyone, read-only and without a
 * reverse map, so it costs no memory and does not count in RSS; the first write then takes
 * a copy-on-write fault that gives the page its own zeroed frame.
 */
export function zeroPageFault(m: Machine, p: Process, area: Area, vpn: number, cpuNode: number): FaultResolution {
  if (!mapPage(m, p, vpn, m.zeroPfn!, { ...area.perms, write: false }, cpuNode, area.perms.write)) return oom(m, p, message('scenario.oom.pageTable'));
  m.stats.minorFaults++;
  resolved(m, p, vpn * m.pageSize, 'zero-page', () => message('scenario.detail.zeroPage', { pfn: String(m.zeroPfn) }));
  return 'zero-page';
}

/**
 * Turn the zero page on (taking a kernel frame for it) or off (reads get their own frame
 * again; pages already mapped to it stay until written). Machines whose PTEs have no write
 * bit cannot write-protect it, so they cannot have one.
 */
export function setZeroPage(m: Machine, on: boolean): void {
  if (!on) {
    m.zeroPage = false;
    return;
  }
  if (m.profile.pte.write === undefined) throw new SimError(message('scenario.sim.zeroPageNoWriteBit', { machine: m.profile.name }));
  m.zeroPage = true;
  if (m.zeroPfn === null) {
    const pfn = allocFrame(m, 'kernel', null, 0, () => message('scenario.alloc.zeroPage'));
    if (pfn === null) throw new SimError(message('scenario.sim.zeroPageOom'));
    m.mem.zeroFrame(pfn);
    m.zeroPfn = pfn;
  }
}

/**
 * A file-backed (or shared-memory) page. Shared: map the page-cache frame itself.
 * Private: map it read-only; a write gets a private copy at once (Linux's do_cow_fault).
 */
export function filePage(m: Machine, p: Process, t: Thread, area: Area, vpn: number, op: AccessOp, exactFrame: number | null): FaultResolution {
  const cpuNode = m.cpus[t.cpu].node;
  const file = m.files.get(area.file!.name);
  if (!file) return segfault(m, p, t, vpn * m.pageSize, op, message('scenario.segv.fileGone', { file: area.file!.name }));
  const page = area.file!.page + (vpn - m.vpnOf(area.start));
  if (!file.tmpfs && page * m.pageSize >= Math.max(file.size, 1))
    return segfault(m, p, t, vpn * m.pageSize, op, message('scenario.segv.busError', { page: String(page), file: file.name }));
  const got = pageCacheFrame(m, file, page, p, cpuNode, op === 'write' && !area.shared ? null : exactFrame);
  if (!got) return oom(m, p, message('scenario.oom.filePage', { page: String(page), file: file.name }));
  const resolution: FaultResolution = file.tmpfs ? (got.hit ? 'minor' : 'shm-zero') : got.hit ? 'page-cache-hit' : 'file-read';
  if (got.hit || file.tmpfs) m.stats.minorFaults++;
  else m.stats.majorFaults++;
  if (area.shared) {
    if (!mapPage(m, p, vpn, got.pfn, area.perms, cpuNode)) return oom(m, p, message('scenario.oom.pageTable'));
  } else if (op === 'write' || (area.perms.write && m.profile.pte.write === undefined)) {
    // Private copy now: on a write, or whenever the PTE has no write bit to trap a later write.
    m.mem.frame(got.pfn).pinned = true;
    const copy = allocFrame(m, 'anon', p, cpuNode, () => message('scenario.alloc.privateCopy', { page: String(page), file: file.name }), exactFrame);
    m.mem.frame(got.pfn).pinned = false;
    if (copy === null) return oom(m, p, message('scenario.oom.privateCopy'));
    m.mem.copyFrame(got.pfn, copy);
    if (!mapPage(m, p, vpn, copy, area.perms, cpuNode)) return oom(m, p, message('scenario.oom.pageTable'));
    area.hasAnon = true;
    m.stats.cowCopies++;
    m.emit({ type: 'cow-copy', pid: p.pid, vpn, from: got.pfn, to: copy });
  } else {
    const cow = area.perms.write;
    if (!mapPage(m, p, vpn, got.pfn, { ...area.perms, write: false }, cpuNode, cow)) return oom(m, p, message('scenario.oom.pageTable'));
  }
  resolved(m, p, vpn * m.pageSize, resolution, () => message('scenario.detail.filePage', { file: file.tmpfs ? file.name.slice(4) : file.name, page: String(page), pfn: String(got.pfn) }));
  return resolution;
}

/**
 * Copy-on-write: a write hit a present, read-only page in a writable private area.
 * If another mapping (or the page cache) still uses the frame, copy it to a new frame;
 * if this was the last user, just make the page writable again.
 */
export function copyOnWrite(m: Machine, p: Process, t: Thread, area: Area, vpn: number): FaultResolution {
  const cpuNode = m.cpus[t.cpu].node;
  const old = presentFrame(m, p, vpn);
  if (old === null) return segfault(m, p, t, vpn * m.pageSize, 'write', message('scenario.segv.writeNotPresent'));
  const f = m.mem.frame(old);
  if (area.shared) {
    // A shared writable area whose PTE is read-only (after mprotect): just restore write.
    protectPage(m, p, vpn, area.perms, false);
    resolved(m, p, vpn * m.pageSize, 'minor', () => message('scenario.detail.writeEnabled'));
    m.stats.minorFaults++;
    return 'minor';
  }
  const exclusive = f.kind === 'anon' && f.mappings.length === 1 && (f.swapSlot === null || (m.swap[f.swapSlot]?.refs ?? 0) === 0);
  if (exclusive) {
    protectPage(m, p, vpn, area.perms, false);
    if (f.swapSlot !== null) dropSwapCache(m, f);
    m.emit({ type: 'cow-reuse', pid: p.pid, vpn, pfn: old });
    resolved(m, p, vpn * m.pageSize, 'cow-reuse', () => message('scenario.detail.cowReuse', { pfn: String(old) }));
    m.stats.minorFaults++;
    return 'cow-reuse';
  }
  const copy = copyPage(m, p, vpn, area, old, cpuNode);
  if (copy === null) return oom(m, p, message('scenario.oom.cowCopy'));
  m.stats.minorFaults++;
  resolved(m, p, vpn * m.pageSize, 'cow-copy', () => (old === m.zeroPfn ? message('scenario.detail.zeroPageCopy', { pfn: String(copy) }) : message('scenario.detail.copied', { from: String(old), to: String(copy) })));
  return 'cow-copy';
}

/** Give p a private copy of the page at vpn (now in frame `old`), mapped with the area's permissions. */
export function copyPage(m: Machine, p: Process, vpn: number, area: Area, old: number, cpuNode: number): number | null {
  const f = m.mem.frame(old);
  const pinned = f.pinned;
  f.pinned = true;
  const copy = allocFrame(m, 'anon', p, cpuNode, () => message('scenario.alloc.cowCopy', { process: p.name }));
  f.pinned = pinned;
  if (copy === null) return null;
  m.mem.copyFrame(old, copy);
  const addr = ptePointer(m, p, vpn, false);
  harvestDirty(m, f, addr);
  m.codec.store(m.mem, addr, 0, 0);
  shootdown(m, p.pid, vpn);
  const i = f.mappings.findIndex((map) => map.pid === p.pid && map.vpn === vpn);
  if (i >= 0) f.mappings.splice(i, 1);
  passOwnership(f);
  mapPage(m, p, vpn, copy, area.perms, cpuNode);
  area.hasAnon = true;
  if (f.mappings.length === 0 && f.kind === 'anon' && (f.swapSlot === null || (m.swap[f.swapSlot]?.refs ?? 0) === 0)) freeFrame(m, old);
  m.stats.cowCopies++;
  m.emit({ type: 'cow-copy', pid: p.pid, vpn, from: old, to: copy });
  return copy;
}
