/*
 * Page tables, as the kernel edits them. They live in simulated physical memory: a
 * table is one frame (or several contiguous frames when a level is wider than a page)
 * of PTEs encoded by the profile's PteCodec, and the MMU (mmu.ts) walks the same bytes.
 *
 *   p.root          frame of the top-level table (CR3 / satp)
 *   p.tableFrames   every frame holding a table of p (root included), freed at exit
 *   leaf PTE        valid, pfn, R/W/X, user, accessed, dirty, global, software COW bit
 *   frame.mappings  reverse map: which (pid, vpn) leaves point at a frame; mapPage adds
 *                   to it and unmapPage/dropMapping remove from it (an anonymous frame
 *                   with no mapping left is freed; one its owner no longer maps passes
 *                   to the next process that does).
 *
 * Any change to a present PTE shoots down the TLB entries that may cache it.
 */
import { permsString, type Perms } from './address-space.ts';
import { t } from '../i18n/index.ts';
import type { Machine } from './machine.ts';
import type { Frame } from './memory.ts';
import { allocFrame, freeFrame } from './page-alloc.ts';
import type { Process } from './process.ts';
import { tableFrames } from './profile.ts';
import { releaseSlot } from './swap.ts';

/** Build an entry's (lo, hi) in the codec for a user or kernel page. */
export function buildLeaf(m: Machine, pfn: number, perms: Perms, user: boolean, cow: boolean, global: boolean): void {
  // PROT_NONE keeps the page resident but out of user reach: a supervisor-only leaf (an
  // all-zero R/W/X leaf would mean "pointer" on RISC-V). Linux uses a software bit instead.
  const none = !perms.read && !perms.write && !perms.exec;
  m.codec.build({
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
export function buildPointer(m: Machine, pfn: number, user: boolean): void {
  if (m.profile.leafRule === 'riscv') m.codec.build({ valid: true, pfn });
  else m.codec.build({ valid: true, pfn, read: true, write: true, exec: true, user });
}

export function allocTable(m: Machine, p: Process, level: number, cpuNode: number): number | null {
  const count = tableFrames(m.profile, level);
  let pfn: number | null;
  if (count === 1) pfn = allocFrame(m, 'page-table', p, cpuNode, () => t('scenario.alloc.pageTable', { level: String(level), process: p.name }));
  else {
    pfn = m.mem.takeContiguous(count);
    if (pfn !== null)
      for (let i = 0; i < count; i++) {
        const f = m.mem.frame(pfn + i);
        f.kind = 'page-table';
        f.owner = p.pid;
        f.pinned = true;
        f.loadedAt = ++m.tick;
        if (m.events) m.emit({ type: 'frame-alloc', pfn: pfn + i, kind: 'page-table', pid: p.pid, node: f.node, reason: t('scenario.alloc.pageTable', { level: String(level), process: p.name }) });
      }
  }
  if (pfn === null) return null;
  for (let i = 0; i < count; i++) {
    m.mem.zeroFrame(pfn + i);
    m.mem.frame(pfn + i).level = level;
    p.tableFrames.add(pfn + i);
  }
  m.emit({ type: 'page-table-alloc', pid: p.pid, level, pfn });
  return pfn;
}

/**
 * Address of the leaf PTE for `vpn` in `p`'s page table, creating missing tables when
 * `create`; -1 if a table is missing (and not created) or memory ran out.
 */
export function ptePointer(m: Machine, p: Process, vpn: number, create: boolean, cpuNode = 0): number {
  const prof = m.profile;
  const va = vpn * m.pageSize;
  const last = prof.levels.length - 1;
  const L = prof.pte;
  let table = p.root;
  const user = prof.layout.kernelBase === null || va < prof.layout.kernelBase;
  for (let level = 0; level < last; level++) {
    const addr = table * m.pageSize + m.mmu.indexAt(va, level) * L.bytes;
    m.codec.load(m.mem, addr);
    if (!m.codec.has(L.valid, true)) {
      if (!create) return -1;
      const next = allocTable(m, p, level + 1, cpuNode);
      if (next === null) return -1;
      buildPointer(m, next, user);
      m.codec.store(m.mem, addr, m.codec.lo, m.codec.hi);
      table = next;
    } else table = m.codec.pfn();
  }
  return table * m.pageSize + m.mmu.indexAt(va, last) * L.bytes;
}

/** Frame mapped at vpn in p, or null if not present. Reads the page table; no side effects. */
export function presentFrame(m: Machine, p: Process, vpn: number): number | null {
  const addr = ptePointer(m, p, vpn, false);
  if (addr < 0) return null;
  m.codec.load(m.mem, addr);
  return m.codec.has(m.profile.pte.valid, true) ? m.codec.pfn() : null;
}

/** Write a leaf PTE mapping vpn → pfn and record the reverse mapping. */
export function mapPage(m: Machine, p: Process, vpn: number, pfn: number, perms: Perms, cpuNode = 0, cow = false): boolean {
  const addr = ptePointer(m, p, vpn, true, cpuNode);
  if (addr < 0) return false;
  const f = m.mem.frame(pfn);
  // The zero page is a kernel frame mapped into user space, read-only; like Linux's (a
  // "special" PTE) it has no reverse map and no mapcount.
  const zero = pfn === m.zeroPfn;
  const kernel = f.kind === 'kernel' && !zero;
  buildLeaf(m, pfn, perms, !kernel, cow, kernel);
  m.codec.store(m.mem, addr, m.codec.lo, m.codec.hi);
  if (!kernel && !zero) f.mappings.push({ pid: p.pid, vpn });
  m.emit({ type: 'map', pid: p.pid, vpn, pfn, perms: permsString(perms) + (cow ? ' cow' : '') });
  return true;
}

/** Remove a mapping from frame `pfn`'s reverse map; free the frame if nothing holds it any more. */
export function dropMapping(m: Machine, pfn: number, pid: number, vpn: number): void {
  const f = m.mem.frame(pfn);
  const i = f.mappings.findIndex((map) => map.pid === pid && map.vpn === vpn);
  if (i >= 0) f.mappings.splice(i, 1);
  if (f.mappings.length === 0 && f.kind === 'anon') freeFrame(m, pfn);
  else passOwnership(f);
}

/**
 * An anonymous frame is owned by a process that maps it. When the owner's last mapping of
 * it goes (exit, munmap, a copy-on-write break) while others still map it, the first of
 * them owns it from then on, so the graph and the Text view name whoever holds it now.
 */
export function passOwnership(f: Frame): void {
  if (f.kind !== 'anon' || f.owner === null || f.mappings.length === 0) return;
  if (!f.mappings.some((x) => x.pid === f.owner)) f.owner = f.mappings[0].pid;
}

/**
 * Clear the PTE for vpn (present or swapped), shoot down TLB entries, release what it
 * held. `shoot` is false when the whole address space goes (exit, exec): the caller
 * flushes the process's TLB entries once instead of page by page.
 */
export function unmapPage(m: Machine, p: Process, vpn: number, shoot = true): void {
  const slot = p.swapped.get(vpn);
  if (slot !== undefined) {
    p.swapped.delete(vpn);
    releaseSlot(m, slot);
    m.emit({ type: 'unmap', pid: p.pid, vpn, pfn: null });
    return;
  }
  const addr = ptePointer(m, p, vpn, false);
  if (addr < 0) return;
  m.codec.load(m.mem, addr);
  if (!m.codec.has(m.profile.pte.valid, true)) return;
  const pfn = m.codec.pfn();
  m.codec.store(m.mem, addr, 0, 0);
  if (shoot) shootdown(m, p.pid, vpn);
  m.emit({ type: 'unmap', pid: p.pid, vpn, pfn });
  const f = m.mem.frame(pfn);
  if (f.kind !== 'kernel') {
    harvestDirty(m, f, addr);
    dropMapping(m, pfn, p.pid, vpn);
  }
}

/** Rewrite the permission bits of a present leaf PTE. */
export function protectPage(m: Machine, p: Process, vpn: number, perms: Perms, cow: boolean): void {
  const addr = ptePointer(m, p, vpn, false);
  if (addr < 0) return;
  m.codec.load(m.mem, addr);
  if (!m.codec.has(m.profile.pte.valid, true)) return;
  const L = m.profile.pte;
  const accessed = m.codec.has(L.accessed, false);
  const dirty = m.codec.has(L.dirty, false);
  const pfn = m.codec.pfn();
  buildLeaf(m, pfn, perms, true, cow, false);
  m.codec.setBit(L.accessed, accessed);
  m.codec.setBit(L.dirty, dirty);
  m.codec.store(m.mem, addr, m.codec.lo, m.codec.hi);
  shootdown(m, p.pid, vpn);
  m.emit({ type: 'protect', pid: p.pid, vpn, perms: permsString(perms) + (cow ? ' cow' : '') });
}

/** Move the hardware dirty bit of a PTE into the frame's software dirty flag. */
export function harvestDirty(m: Machine, f: Frame, pteAddr: number): void {
  m.codec.load(m.mem, pteAddr);
  if (m.codec.has(m.profile.pte.dirty, false)) f.dirty = true;
}

/** Invalidate (pid, vpn) in every CPU's TLB that may hold it (a TLB shootdown). */
export function shootdown(m: Machine, pid: number, vpn: number): void {
  for (const cpu of m.cpus) {
    if (!m.useAsid && cpu.loadedPid !== pid) continue;
    if (cpu.tlb.invalidate(m.asidOf(pid), vpn)) m.emit({ type: 'tlb-invalidate', cpu: cpu.id, asid: m.asidOf(pid), vpn });
  }
}

/**
 * The pages of p in [start, end) (virtual addresses) that hold something, a valid leaf
 * PTE or a swap slot, in increasing order. The walk descends only into valid entries
 * whose span meets the range, so it costs what is mapped, not the size of the range: a
 * 2^46-byte mapping with three pages touched costs three pages. Each page found counts
 * against the step's work budget.
 */
export function mappedPages(m: Machine, p: Process, start: number, end: number): number[] {
  const prof = m.profile;
  const L = prof.pte;
  const last = prof.levels.length - 1;
  const present: number[] = [];
  const walk = (table: number, level: number, base: number): void => {
    const span = m.mmu.spanOf(level);
    const first = Math.max(0, Math.floor((start - base) / span));
    const stop = Math.min(2 ** prof.levels[level] - 1, Math.floor((end - 1 - base) / span));
    for (let i = first; i <= stop; i++) {
      m.codec.load(m.mem, table * m.pageSize + i * L.bytes);
      if (!m.codec.has(L.valid, true)) continue;
      const va = base + i * span;
      if (level === last) present.push(va / m.pageSize);
      else walk(m.codec.pfn(), level + 1, va);
    }
  };
  if (p.root >= 0 && end > start) walk(p.root, 0, 0);
  const first = Math.floor(start / m.pageSize);
  const stop = Math.ceil(end / m.pageSize);
  const swapped = [...p.swapped.keys()].filter((vpn) => vpn >= first && vpn < stop);
  const pages = swapped.length === 0 ? present : [...present, ...swapped].sort((a, b) => a - b);
  m.work?.spend('pages', pages.length);
  return pages;
}

/** Free every page-table frame of p (after its pages are unmapped). */
export function freeTables(m: Machine, p: Process): number {
  let n = 0;
  for (const pfn of [...p.tableFrames].sort((a, b) => a - b)) {
    freeFrame(m, pfn);
    n++;
  }
  p.tableFrames.clear();
  return n;
}
