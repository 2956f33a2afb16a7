/*
 * A snapshot is the whole machine as plain JSON: what the graph, the text view, the
 * quiz engine and `pagewalk run --json` all read. Taking one never changes the machine.
 *
 * Page tables are listed per table frame with only their valid (or non-zero) entries, so
 * a four-level x86-64 table of 512 entries costs what it holds, not what it could hold.
 */
import type { FrameKind } from './events.ts';
import { permsString, type AreaKind, type Machine, type Stats } from './machine.ts';
import type { MachineProfile } from './profile.ts';

export interface FrameSnapshot {
  pfn: number;
  kind: FrameKind;
  node: number;
  owner: number | null;
  /** Number of page-table entries that map this frame (Linux's mapcount). */
  refs: number;
  mappings: { pid: number; vpn: number }[];
  file: { name: string; page: number } | null;
  swapSlot: number | null;
  dirty: boolean;
  /** Page-table level held by this frame (0 = root), for page-table frames. */
  level: number | null;
}

export interface AreaSnapshot {
  name: string;
  kind: AreaKind;
  start: number;
  end: number;
  perms: string;
  shared: boolean;
  file: { name: string; page: number } | null;
}

export interface PageSnapshot {
  vpn: number;
  va: number;
  pfn: number;
  perms: string;
  cow: boolean;
  accessed: boolean;
  dirty: boolean;
  user: boolean;
}

export interface ProcessSnapshot {
  pid: number;
  name: string;
  parent: number | null;
  alive: boolean;
  exitReason: string | null;
  asid: number;
  root: number;
  program: string;
  areas: AreaSnapshot[];
  heapStart: number;
  brk: number;
  threads: number[];
  /** Present user pages, in virtual address order. */
  pages: PageSnapshot[];
  swapped: { vpn: number; slot: number }[];
  rss: number;
  pss: number;
  pageTableFrames: number[];
  numaPolicy: string;
  numaNodes: number[];
}

export interface ThreadSnapshot {
  tid: number;
  pid: number;
  name: string;
  cpu: number;
  stackArea: string;
  alive: boolean;
}

export interface TlbEntrySnapshot {
  set: number;
  way: number;
  asid: number;
  vpn: number;
  pfn: number;
  perms: string;
  user: boolean;
  dirty: boolean;
  global: boolean;
}

export interface CpuSnapshot {
  id: number;
  node: number;
  current: number | null;
  loadedPid: number | null;
  tlb: { sets: number; ways: number; entries: TlbEntrySnapshot[]; hits: number; misses: number };
}

export interface PageTableEntrySnapshot {
  index: number;
  pteAddr: number;
  raw: string;
  valid: boolean;
  /** Next table (non-leaf) or page frame (leaf). */
  pfn: number;
  leaf: boolean;
  flags: string;
}

export interface PageTableSnapshot {
  pfn: number;
  pid: number | null;
  level: number;
  /** Virtual address of the first byte this table covers. */
  base: number;
  entries: PageTableEntrySnapshot[];
}

export interface FileSnapshot {
  name: string;
  size: number;
  shm: boolean;
  unlinked: boolean;
  cached: { page: number; pfn: number }[];
  swapped: { page: number; slot: number }[];
}

export interface Snapshot {
  profile: MachineProfile;
  replacement: string;
  asids: boolean;
  frames: FrameSnapshot[];
  freeFrames: number;
  processes: ProcessSnapshot[];
  threads: ThreadSnapshot[];
  cpus: CpuSnapshot[];
  pageTables: PageTableSnapshot[];
  swap: { slots: number; used: { slot: number; refs: number }[] };
  files: FileSnapshot[];
  stats: Stats;
  imageRoot: number | null;
}

/** Describe a PTE's flags as letters: V R W X U G A D C (cow), for the tables the learner reads. */
function flagString(m: Machine): string {
  const L = m.profile.pte;
  const c = m.codec;
  const parts: string[] = [];
  const add = (bit: number | undefined, letter: string, invert = false) => {
    if (bit === undefined) return;
    if (c.has(bit, false) !== invert) parts.push(letter);
  };
  add(L.valid, 'V');
  add(L.read, 'R');
  add(L.write, 'W');
  add(L.exec, 'X');
  add(L.noExec, 'NX');
  add(L.user, 'U');
  add(L.global, 'G');
  add(L.accessed, 'A');
  add(L.dirty, 'D');
  add(L.cow, 'COW');
  return parts.join(' ');
}

function tableSnapshot(m: Machine, pfn: number, pid: number | null, level: number, base: number, out: PageTableSnapshot[]): void {
  const prof = m.profile;
  const L = prof.pte;
  const n = 2 ** prof.levels[level];
  const last = prof.levels.length - 1;
  const span = m.mmu.spanOf(level);
  const entries: PageTableEntrySnapshot[] = [];
  const children: { pfn: number; base: number }[] = [];
  for (let index = 0; index < n; index++) {
    const pteAddr = pfn * m.pageSize + index * L.bytes;
    m.codec.load(m.mem, pteAddr);
    if (m.codec.lo === 0 && m.codec.hi === 0) continue;
    const valid = m.codec.has(L.valid, true);
    const target = m.codec.pfn();
    let leaf = level === last;
    if (prof.leafRule === 'riscv' && valid) leaf = m.codec.has(L.read, false) || m.codec.has(L.write, false) || m.codec.has(L.exec, false);
    entries.push({ index, pteAddr, raw: m.codec.hex(), valid, pfn: target, leaf, flags: flagString(m) });
    if (valid && !leaf && target < prof.physFrames) children.push({ pfn: target, base: base + index * span });
  }
  out.push({ pfn, pid, level, base, entries });
  for (const child of children) tableSnapshot(m, child.pfn, pid, level + 1, child.base, out);
}

function pagesOf(m: Machine, pid: number): PageSnapshot[] {
  const L = m.profile.pte;
  const pages: PageSnapshot[] = [];
  for (const f of m.mem.frames) {
    for (const map of f.mappings) {
      if (map.pid !== pid) continue;
      const addr = m.ptePointer(m.process(pid), map.vpn, false);
      if (addr < 0) continue;
      m.codec.load(m.mem, addr);
      const read = m.codec.has(L.read, true);
      const write = m.codec.has(L.write, true);
      const exec = L.exec !== undefined ? m.codec.has(L.exec, false) : L.noExec !== undefined ? !m.codec.has(L.noExec, false) : true;
      pages.push({
        vpn: map.vpn,
        va: map.vpn * m.pageSize,
        pfn: f.pfn,
        perms: permsString({ read, write, exec }),
        cow: L.cow !== undefined ? m.codec.has(L.cow, false) : false,
        accessed: m.codec.has(L.accessed, false),
        dirty: m.codec.has(L.dirty, false),
        user: m.codec.has(L.user, true),
      });
    }
  }
  return pages.sort((a, b) => a.vpn - b.vpn);
}

export function takeSnapshot(m: Machine): Snapshot {
  const pageTables: PageTableSnapshot[] = [];
  const processes: ProcessSnapshot[] = [];
  for (const p of m.processes.values()) {
    if (p.alive && p.root >= 0) tableSnapshot(m, p.root, p.pid, 0, 0, pageTables);
    processes.push({
      pid: p.pid,
      name: p.name,
      parent: p.parent,
      alive: p.alive,
      exitReason: p.exitReason,
      asid: p.asid,
      root: p.root,
      program: p.program,
      areas: p.areas.map((a) => ({ name: a.name, kind: a.kind, start: a.start, end: a.end, perms: permsString(a.perms), shared: a.shared, file: a.file ? { ...a.file } : null })),
      heapStart: p.heapStart,
      brk: p.brk,
      threads: [...p.threads],
      pages: p.alive ? pagesOf(m, p.pid) : [],
      swapped: [...p.swapped].map(([vpn, slot]) => ({ vpn, slot })).sort((a, b) => a.vpn - b.vpn),
      rss: m.rss(p.pid),
      pss: m.pss(p.pid),
      pageTableFrames: [...p.tableFrames].sort((a, b) => a - b),
      numaPolicy: p.numaPolicy,
      numaNodes: [...p.numaNodes],
    });
  }
  if (m.imageRoot !== null) tableSnapshot(m, m.imageRoot, null, 0, 0, pageTables);
  return {
    profile: m.profile,
    replacement: m.replacement,
    asids: m.useAsid,
    frames: m.mem.frames.map((f) => ({
      pfn: f.pfn,
      kind: f.kind,
      node: f.node,
      owner: f.owner,
      refs: f.mappings.length,
      mappings: f.mappings.map((x) => ({ ...x })),
      file: f.file ? { ...f.file } : null,
      swapSlot: f.swapSlot,
      dirty: f.dirty,
      level: f.level,
    })),
    freeFrames: m.mem.freeCount(),
    processes,
    threads: [...m.threads.values()].map((t) => ({ ...t })),
    cpus: m.cpus.map((c) => ({
      id: c.id,
      node: c.node,
      current: c.current,
      loadedPid: c.loadedPid,
      tlb: {
        sets: c.tlb.sets,
        ways: c.tlb.ways,
        hits: c.tlb.hits,
        misses: c.tlb.misses,
        entries: c.tlb.entries().map((e) => ({
          set: e.set,
          way: e.way,
          asid: e.asid,
          vpn: e.vpn,
          pfn: e.pfn,
          perms: permsString({ read: e.read, write: e.write, exec: e.exec }),
          user: e.user,
          dirty: e.dirty,
          global: e.global,
        })),
      },
    })),
    pageTables,
    swap: {
      slots: m.swap.length,
      used: m.swap.flatMap((s, slot) => (s ? [{ slot, refs: s.refs }] : [])),
    },
    files: [...m.files.values()].map((f) => ({
      name: f.name,
      size: f.size,
      shm: f.tmpfs,
      unlinked: f.unlinked,
      cached: [...f.cache].map(([page, pfn]) => ({ page, pfn })).sort((a, b) => a.page - b.page),
      swapped: [...f.swap].map(([page, slot]) => ({ page, slot })).sort((a, b) => a.page - b.page),
    })),
    stats: { ...m.stats },
    imageRoot: m.imageRoot,
  };
}
