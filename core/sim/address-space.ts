/*
 * Address spaces: the memory areas (Linux's VMAs) of a process and the system calls
 * that change them (mmap, munmap, mprotect, brk), plus the standard layout a new
 * program gets.
 *
 *   p.areas      sorted by start; each Area is [start, end) with permissions, shared or
 *                private, an optional backing file (name, file page of `start`), whether
 *                it grows down (the stack), and hasAnon (Linux's anon_vma: a private area
 *                that holds anonymous pages, whose PTEs fork must copy).
 *   layout       code and data are private mappings of the program file; heap and stack
 *                are anonymous; the kernel area is mapped supervisor-only and global into
 *                every process.
 *
 * The page-fault handler (fault.ts) decides from these areas, not from the PTEs alone,
 * whether an access is legal.
 */
import { SimError } from './errors.ts';
import { hex, t } from '../i18n/index.ts';
import { copyPage } from './fault.ts';
import { anonymousSharedObject, programFile, releaseUnusedObjects, writeBack } from './files.ts';
import type { Machine } from './machine.ts';
import { harvestDirty, mappedPages, mapPage, presentFrame, protectPage, ptePointer, unmapPage } from './page-table.ts';
import type { Process } from './process.ts';

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

export const NO_PERMS: Perms = { read: false, write: false, exec: false };

export function permsString(p: Perms): string {
  return (p.read ? 'r' : '-') + (p.write ? 'w' : '-') + (p.exec ? 'x' : '-');
}

export function parsePerms(s: string): Perms {
  return { read: s.includes('r'), write: s.includes('w'), exec: s.includes('x') };
}

/** Lay out a new address space: code, data, heap, stack, kernel. */
export function standardAreas(m: Machine, p: Process, program: string): boolean {
  const L = m.profile.layout;
  const ps = m.pageSize;
  programFile(m, program);
  const codeEnd = L.codeBase + L.codePages * ps;
  const dataEnd = codeEnd + L.dataPages * ps;
  const heapEnd = dataEnd + L.heapPages * ps;
  const add = (a: Omit<Area, 'hasAnon'>) => {
    if (a.end > a.start) addArea(m, p, { ...a, hasAnon: false });
  };
  add({ name: 'code', kind: 'code', start: L.codeBase, end: codeEnd, perms: { read: true, write: false, exec: true }, shared: false, file: { name: program, page: 0 }, growsDown: false });
  add({ name: 'data', kind: 'data', start: codeEnd, end: dataEnd, perms: { read: true, write: true, exec: false }, shared: false, file: { name: program, page: L.codePages }, growsDown: false });
  add({ name: 'heap', kind: 'heap', start: dataEnd, end: heapEnd, perms: { read: true, write: true, exec: false }, shared: false, file: null, growsDown: false });
  p.heapStart = dataEnd;
  p.brk = heapEnd;
  add({ name: 'stack', kind: 'stack', start: L.stackTop - L.stackPages * ps, end: L.stackTop, perms: { read: true, write: true, exec: false }, shared: false, file: null, growsDown: true });
  return mapKernel(m, p);
}

/** Map the kernel's pages (supervisor-only, global) into p, as every process has them. */
export function mapKernel(m: Machine, p: Process): boolean {
  const L = m.profile.layout;
  if (L.kernelBase === null || L.kernelPages === 0) return true;
  const ps = m.pageSize;
  addArea(m, p, { name: 'kernel', kind: 'kernel', start: L.kernelBase, end: L.kernelBase + L.kernelPages * ps, perms: { read: true, write: true, exec: true }, shared: true, file: null, growsDown: false, hasAnon: false });
  for (let i = 0; i < L.kernelPages; i++) {
    const pfn = Math.min(i, m.profile.reservedFrames - 1);
    if (!mapPage(m, p, m.vpnOf(L.kernelBase) + i, pfn, { read: true, write: true, exec: true }, 0)) return false;
  }
  return true;
}

export function addArea(m: Machine, p: Process, a: Area): void {
  p.areas.push(a);
  p.areas.sort((x, y) => x.start - y.start);
  m.emit({ type: 'area-create', pid: p.pid, name: a.name, start: a.start, end: a.end, perms: permsString(a.perms) + (a.shared ? ' shared' : ' private') });
}

/** Highest free, page-aligned range of `length` bytes below the mmap top; null if none. */
export function findFree(m: Machine, p: Process, length: number): number | null {
  let top = m.profile.layout.mmapTop;
  const sorted = [...p.areas].sort((a, b) => b.start - a.start);
  for (;;) {
    const start = top - length;
    if (start < 0) return null;
    const clash = sorted.find((a) => a.start < top && a.end > start);
    if (!clash) return start;
    top = clash.start;
  }
}

export function overlaps(m: Machine, p: Process, start: number, end: number): Area | null {
  return p.areas.find((a) => a.start < end && a.end > start) ?? null;
}

/** Split the area containing `va` so that an area boundary falls exactly at `va`. */
export function splitAt(m: Machine, p: Process, va: number): void {
  const a = m.findArea(p, va);
  if (!a || a.start === va) return;
  const tail: Area = { ...a, perms: { ...a.perms }, start: va, file: a.file ? { name: a.file.name, page: a.file.page + (va - a.start) / m.pageSize } : null };
  a.end = va;
  p.areas.push(tail);
  p.areas.sort((x, y) => x.start - y.start);
}

/**
 * mmap(): a new area, anonymous or backed by `file`, private or shared. Nothing is made
 * resident: pages arrive on first touch.
 */
export function mmap(m: Machine, pid: number, o: { length: number; perms: Perms; shared: boolean; file?: string | null; offset?: number; addr?: number | null; name?: string; kind?: AreaKind }): Area {
  const p = m.process(pid);
  if (!p.alive) throw new SimError(t('scenario.sim.processExited', { process: p.name }));
  const ps = m.pageSize;
  if (o.length <= 0) throw new SimError(t('scenario.sim.mmapLength'));
  const length = Math.ceil(o.length / ps) * ps;
  const offset = o.offset ?? 0;
  if (offset % ps !== 0) throw new SimError(t('scenario.sim.mmapOffset', { offset: String(offset), pageSize: String(ps) }));
  if (o.file) {
    const f = m.files.get(o.file);
    if (!f || f.unlinked) throw new SimError(t('scenario.sim.noFile', { file: o.file }));
  }
  let start: number | null;
  if (o.addr !== undefined && o.addr !== null) {
    if (o.addr % ps !== 0) throw new SimError(t('scenario.sim.unaligned', { call: 'mmap', addr: hex(o.addr) }));
    start = o.addr;
    const limit = m.profile.layout.kernelBase ?? 2 ** m.profile.vaBits;
    if (start < 0 || start + length > limit) throw new SimError(t('scenario.sim.pastUserSpace', { addr: hex(start), length: String(length) }));
    const clash = overlaps(m, p, start, start + length);
    if (clash) throw new SimError(t('scenario.sim.overlaps', { start: hex(start), end: hex(start + length), area: clash.name }));
  } else {
    start = findFree(m, p, length);
    if (start === null) throw new SimError(t('scenario.sim.noFreeRange', { length: String(length), process: p.name }));
  }
  const kind = o.kind ?? (o.file?.startsWith('shm:') ? 'shm' : 'mmap');
  // MAP_SHARED|MAP_ANONYMOUS: Linux backs the area with an unnamed shmem object (a tmpfs
  // file with no name), so that a forked child, which gets no PTEs for shared areas,
  // faults in the very same frames.
  const file = o.file ? { name: o.file, page: offset / ps } : o.shared ? { name: anonymousSharedObject(m, length).name, page: 0 } : null;
  const area: Area = {
    name: o.name ?? (o.file ? `${o.file}@0x${start.toString(16)}` : `anon@0x${start.toString(16)}`),
    kind,
    start,
    end: start + length,
    perms: o.perms,
    shared: o.shared,
    file,
    growsDown: false,
    hasAnon: false,
  };
  addArea(m, p, area);
  return area;
}

/** munmap(): remove every page and area piece in [addr, addr+length). */
export function munmap(m: Machine, pid: number, addr: number, length: number): number {
  const p = m.process(pid);
  const ps = m.pageSize;
  if (addr % ps !== 0) throw new SimError(t('scenario.sim.unaligned', { call: 'munmap', addr: hex(addr) }));
  const end = addr + Math.ceil(length / ps) * ps;
  const kb = m.profile.layout.kernelBase;
  if (kb !== null && end > kb) throw new SimError(t('scenario.sim.unmapKernel'));
  splitAt(m, p, addr);
  splitAt(m, p, end);
  let pages = 0;
  for (const a of p.areas.filter((a) => a.start >= addr && a.end <= end)) {
    for (const vpn of mappedPages(m, p, a.start, a.end)) {
      writeBackIfShared(m, p, a, vpn);
      unmapPage(m, p, vpn);
    }
    pages += m.vpnOf(a.end) - m.vpnOf(a.start);
    p.areas.splice(p.areas.indexOf(a), 1);
    m.emit({ type: 'area-remove', pid: p.pid, name: a.name, start: a.start, end: a.end });
  }
  releaseUnusedObjects(m);
  return pages;
}

/** Unmapping a dirty page of a shared file mapping writes it back first (msync semantics). */
export function writeBackIfShared(m: Machine, p: Process, a: Area, vpn: number): void {
  if (!a.shared || !a.file) return;
  const pfn = presentFrame(m, p, vpn);
  if (pfn === null) return;
  const f = m.mem.frame(pfn);
  const addr = ptePointer(m, p, vpn, false);
  harvestDirty(m, f, addr);
  if (f.dirty) writeBack(m, f);
}

/** mprotect(): change the permissions of [addr, addr+length); present PTEs follow (COW pages stay read-only). */
export function mprotect(m: Machine, pid: number, addr: number, length: number, perms: Perms): number {
  const p = m.process(pid);
  const ps = m.pageSize;
  if (addr % ps !== 0) throw new SimError(t('scenario.sim.unaligned', { call: 'mprotect', addr: hex(addr) }));
  const end = addr + Math.ceil(length / ps) * ps;
  const hole = firstUnmapped(p, addr, end);
  if (hole !== null) throw new SimError(t('scenario.sim.notMapped', { addr: hex(hole), process: p.name }));
  splitAt(m, p, addr);
  splitAt(m, p, end);
  let pages = 0;
  for (const a of p.areas.filter((a) => a.start >= addr && a.end <= end)) {
    if (a.kind === 'kernel') throw new SimError(t('scenario.sim.protectKernel'));
    a.perms = perms;
    for (const vpn of mappedPages(m, p, a.start, a.end)) {
      const pfn = presentFrame(m, p, vpn);
      if (pfn === null) continue;
      const f = m.mem.frame(pfn);
      const mustCow = !a.shared && perms.write && (f.mappings.length > 1 || f.kind !== 'anon');
      if (mustCow && m.profile.pte.write === undefined) {
        // No write bit to trap the first write with: take the private copy now.
        if (copyPage(m, p, vpn, a, pfn, 0) === null) throw new SimError(t('scenario.sim.oomPrivateCopy'));
      } else protectPage(m, p, vpn, mustCow ? { ...perms, write: false } : perms, mustCow);
      pages++;
    }
  }
  return pages;
}

/** The lowest address in [start, end) that no area of p covers, or null if the areas cover it all. */
function firstUnmapped(p: Process, start: number, end: number): number | null {
  let at = start;
  for (const a of [...p.areas].sort((x, y) => x.start - y.start)) {
    if (a.end <= at) continue;
    if (a.start > at) return at;
    at = a.end;
    if (at >= end) return null;
  }
  return at < end ? at : null;
}

/** brk(): move the program break; the heap area grows or shrinks with it. */
export function brk(m: Machine, pid: number, newBreak: number): number {
  const p = m.process(pid);
  const ps = m.pageSize;
  const heap = p.areas.find((a) => a.kind === 'heap');
  if (!heap) throw new SimError(t('scenario.sim.noHeap', { process: p.name }));
  if (newBreak < p.heapStart) throw new SimError(t('scenario.sim.breakBelowHeap', { addr: hex(p.heapStart) }));
  const newEnd = Math.ceil(newBreak / ps) * ps;
  if (newEnd > heap.end) {
    const clash = overlaps(m, p, heap.end, newEnd);
    if (clash) throw new SimError(t('scenario.sim.heapClash', { area: clash.name, addr: hex(clash.start) }));
  }
  if (heap.end > newEnd) for (const vpn of mappedPages(m, p, newEnd, heap.end)) unmapPage(m, p, vpn);
  m.emit({ type: 'brk', pid, oldBreak: p.brk, newBreak });
  heap.end = Math.max(newEnd, heap.start);
  p.brk = newBreak;
  return newBreak;
}
