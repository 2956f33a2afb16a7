/*
 * A snapshot is the whole machine as plain JSON: what the graph, the text view, the
 * quiz engine and `pagewalk run --json` all read. Taking one never changes the machine.
 *
 * Page tables are listed per table frame with only their valid (or non-zero) entries, so
 * a four-level x86-64 table of 512 entries costs what it holds, not what it could hold.
 */
import type { FrameKind } from './events.ts';
import { permsString, type AreaKind, type AreaSmaps, type Machine, type SmapsRollup, type Stats } from './machine.ts';
import { DenseMemory } from './memory.ts';
import type { MachineProfile } from './profile.ts';
import type { TlbEntryView } from './tlb.ts';


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
  /** Bytes: the Rss and Pss of smaps_rollup. */
  rss: number;
  pss: number;
  /** /proc/PID/smaps: one entry per memory area (the kernel area is not one), in address order; bytes. */
  smaps: AreaSmaps[];
  /** /proc/PID/smaps_rollup: the sum over the areas, plus Pss_Anon, Pss_File, Pss_Shmem; bytes. */
  smapsRollup: SmapsRollup;
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

/** A valid TLB entry: which set and way, the tag (ASID, page) and what it caches. */
export type TlbEntrySnapshot = TlbEntryView;

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
  /** Decoded leaf permissions (meaningful for leaves), copy-on-write, accessed, dirty and user bits. */
  perms: string;
  cow: boolean;
  accessed: boolean;
  dirty: boolean;
  user: boolean;
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
  /**
   * Physical frames, in frame order: every frame when `framesListed` is 'all' (machines up
   * to LIST_EVERY_FRAME_UP_TO frames), only the frames in use when 'in-use' (bigger ones). Read
   * `totalFrames` for the size of memory, never `frames.length`; a frame missing from an
   * 'in-use' list is free.
   */
  frames: FrameSnapshot[];
  totalFrames: number;
  framesListed: 'all' | 'in-use';
  freeFrames: number;
  processes: ProcessSnapshot[];
  threads: ThreadSnapshot[];
  cpus: CpuSnapshot[];
  pageTables: PageTableSnapshot[];
  swap: { slots: number; used: { slot: number; refs: number }[] };
  files: FileSnapshot[];
  stats: Stats;
  imageRoot: number | null;
  /**
   * With a memory image (a dump exercise): the bytes of every page that is not all zeros,
   * as hex ("74 79 b7 …"), so the app can show the raw dump beside the question. Null otherwise.
   */
  image: { page: number; bytes: string }[] | null;
  /** Frame of the shared zero page (kernel option zeroPage), mapped read-only by pages that were only read; null when off. */
  zeroPage: number | null;
}

/** Frame pfn of a snapshot, whichever way its frames are listed; undefined when an 'in-use' list leaves it out (it is free) or it does not exist. */
export function frameAt(s: Pick<Snapshot, 'frames' | 'framesListed'>, pfn: number): FrameSnapshot | undefined {
  const frames = s.frames;
  if (s.framesListed === 'all') return frames[pfn];
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (frames[mid].pfn < pfn) lo = mid + 1;
    else hi = mid;
  }
  return frames[lo]?.pfn === pfn ? frames[lo] : undefined;
}

/** A decoded table, cached per frame until the frame's version changes. */
interface DecodedTable {
  version: number;
  /** Shared between snapshots: never mutate. */
  entries: PageTableEntrySnapshot[];
}

const NO_MAPPINGS: { pid: number; vpn: number }[] = Object.freeze([]) as unknown as { pid: number; vpn: number }[];

const EMPTY_ROLLUP: SmapsRollup = Object.freeze({ size: 0, rss: 0, pss: 0, pssDirty: 0, sharedClean: 0, sharedDirty: 0, privateClean: 0, privateDirty: 0, referenced: 0, anonymous: 0, swap: 0, swapPss: 0, pssAnon: 0, pssFile: 0, pssShmem: 0 });

const tableCache = new WeakMap<Machine, Map<number, DecodedTable>>();

/** Letters for a PTE's set flags (V R W X NX U G A D COW), for the tables the learner reads. */
function flagString(m: Machine): string {
  const L = m.profile.pte;
  const c = m.codec;
  let s = '';
  if (c.has(L.valid, false)) s += 'V ';
  if (L.read !== undefined && c.has(L.read, false)) s += 'R ';
  if (L.write !== undefined && c.has(L.write, false)) s += 'W ';
  if (L.exec !== undefined && c.has(L.exec, false)) s += 'X ';
  if (L.noExec !== undefined && c.has(L.noExec, false)) s += 'NX ';
  if (L.user !== undefined && c.has(L.user, false)) s += 'U ';
  if (L.global !== undefined && c.has(L.global, false)) s += 'G ';
  if (L.accessed !== undefined && c.has(L.accessed, false)) s += 'A ';
  if (L.dirty !== undefined && c.has(L.dirty, false)) s += 'D ';
  if (L.cow !== undefined && c.has(L.cow, false)) s += 'COW ';
  return s.trimEnd();
}

function decodeTable(m: Machine, pfn: number, level: number): DecodedTable {
  let cache = tableCache.get(m);
  if (!cache) {
    cache = new Map();
    tableCache.set(m, cache);
  }
  const version = m.mem.versionOf(pfn);
  const hit = cache.get(pfn);
  if (hit && hit.version === version) return hit;
  const prof = m.profile;
  const L = prof.pte;
  const n = 2 ** prof.levels[level];
  const last = prof.levels.length - 1;
  const entries: DecodedTable['entries'] = [];
  const base0 = pfn * m.pageSize;
  const mem = m.mem;
  const wordsPerEntry = L.bytes / 4;
  for (let index = 0; index < n; index++) {
    const pteAddr = base0 + index * L.bytes;
    // Most entries are zero: skip them with a plain word test before decoding anything.
    if (wordsPerEntry >= 1) {
      if (mem.load32(pteAddr) === 0 && (wordsPerEntry === 1 || mem.load32(pteAddr + 4) === 0)) continue;
    } else if (mem.read(pteAddr, L.bytes) === 0) continue;
    const c = m.codec;
    c.load(m.mem, pteAddr);
    const valid = c.has(L.valid, true);
    let leaf = level === last;
    if (prof.leafRule === 'riscv' && valid) leaf = c.has(L.read, false) || c.has(L.write, false) || c.has(L.exec, false);
    const read = c.has(L.read, true);
    const write = c.has(L.write, true);
    const exec = L.exec !== undefined ? c.has(L.exec, false) : L.noExec !== undefined ? !c.has(L.noExec, false) : true;
    entries.push({
      index,
      pteAddr,
      raw: c.hex(),
      valid,
      pfn: c.pfn(),
      leaf,
      flags: flagString(m),
      perms: permsString({ read, write, exec }),
      cow: L.cow !== undefined ? c.has(L.cow, false) : false,
      accessed: c.has(L.accessed, false),
      dirty: c.has(L.dirty, false),
      user: c.has(L.user, true),
    });
  }
  const decoded = { version, entries };
  cache.set(pfn, decoded);
  return decoded;
}

/** Walk a page-table tree from its root, listing every table and every present page it maps. */
function walkTree(m: Machine, root: number, pid: number | null, tables: PageTableSnapshot[], pages: PageSnapshot[] | null): void {
  visitTable(m, root, 0, 0, pid, tables, pages);
}

function visitTable(m: Machine, pfn: number, level: number, base: number, pid: number | null, tables: PageTableSnapshot[], pages: PageSnapshot[] | null): void {
  const decoded = decodeTable(m, pfn, level);
  const span = m.mmu.spanOf(level);
  tables.push({ pfn, pid, level, base, entries: decoded.entries });
  for (const e of decoded.entries) {
    if (!e.valid) continue;
    const va = base + e.index * span;
    if (!e.leaf) {
      if (e.pfn < m.profile.physFrames) visitTable(m, e.pfn, level + 1, va, pid, tables, pages);
    } else if (pages && (m.mem.frame(e.pfn)?.kind !== 'kernel' || e.pfn === m.zeroPfn)) {
      // A user page the hardware keeps from user mode (PROT_NONE) is resident but offers no access.
      pages.push({ vpn: va / m.pageSize, va, pfn: e.pfn, perms: e.user ? e.perms : '---', cow: e.cow, accessed: e.accessed, dirty: e.dirty, user: e.user });
    }
  }
}

/**
 * Machines up to this many frames list every frame, free ones included (teaching-sized
 * machines, where a learner looks at each frame); bigger ones list the frames in use, so a
 * snapshot, its keyframes and their patches cost what is in use, not what is installed.
 */
export const LIST_EVERY_FRAME_UP_TO = 4096;

function listsEveryFrame(m: Machine): boolean {
  return m.mem instanceof DenseMemory && m.mem.frameCount <= LIST_EVERY_FRAME_UP_TO;
}

/** Every frame on a teaching-sized memory; only the frames in use on a bigger one. */
function frameSnapshots(m: Machine): FrameSnapshot[] {
  const frames = listsEveryFrame(m) ? (m.mem as DenseMemory).frameRecords() : m.mem.framesInUse();
  const out: FrameSnapshot[] = new Array(frames.length);
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    const n = f.mappings.length;
    let mappings = NO_MAPPINGS;
    if (n) {
      mappings = new Array(n);
      for (let j = 0; j < n; j++) mappings[j] = { pid: f.mappings[j].pid, vpn: f.mappings[j].vpn };
    }
    out[i] = {
      pfn: f.pfn,
      kind: f.kind,
      node: f.node,
      owner: f.owner,
      refs: n,
      mappings,
      file: f.file ? { name: f.file.name, page: f.file.page } : null,
      swapSlot: f.swapSlot,
      dirty: f.dirty,
      level: f.level,
    };
  }
  return out;
}

export function takeSnapshot(m: Machine): Snapshot {
  const pageTables: PageTableSnapshot[] = [];
  const processes: ProcessSnapshot[] = [];
  const accounting = m.smaps();
  for (const p of m.processes.values()) {
    const pages: PageSnapshot[] = [];
    if (p.alive && p.root >= 0) walkTree(m, p.root, p.pid, pageTables, pages);
    processes.push({
      pid: p.pid,
      name: p.name,
      parent: p.parent,
      alive: p.alive,
      exitReason: p.exitReason,
      asid: p.asid,
      root: p.root,
      program: p.program,
      areas: p.areas.map((a) => ({ name: a.name, kind: a.kind, start: a.start, end: a.end, perms: permsString(a.perms), shared: a.shared, file: a.file ? { name: a.file.name, page: a.file.page } : null })),
      heapStart: p.heapStart,
      brk: p.brk,
      threads: [...p.threads],
      pages,
      swapped: [...p.swapped].map(([vpn, slot]) => ({ vpn, slot })).sort((a, b) => a.vpn - b.vpn),
      rss: accounting.get(p.pid)?.rollup.rss ?? 0,
      pss: accounting.get(p.pid)?.rollup.pss ?? 0,
      smaps: accounting.get(p.pid)?.areas ?? [],
      smapsRollup: accounting.get(p.pid)?.rollup ?? EMPTY_ROLLUP,
      pageTableFrames: [...p.tableFrames].sort((a, b) => a - b),
      numaPolicy: p.numaPolicy,
      numaNodes: [...p.numaNodes],
    });
  }
  if (m.imageRoot !== null) walkTree(m, m.imageRoot, null, pageTables, null);
  return {
    profile: m.profile,
    replacement: m.replacement,
    asids: m.useAsid,
    frames: frameSnapshots(m),
    totalFrames: m.mem.frameCount,
    framesListed: listsEveryFrame(m) ? 'all' : 'in-use',
    freeFrames: m.mem.freeCount(),
    processes,
    threads: [...m.threads.values()].map((t) => ({ tid: t.tid, pid: t.pid, name: t.name, cpu: t.cpu, stackArea: t.stackArea, alive: t.alive })),
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
        entries: c.tlb.entries(),
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
    image: m.imageRoot !== null ? imagePages(m) : null,
    zeroPage: m.zeroPfn,
  };
}

/** The memory image's non-zero pages, as the dump prints them. */
function imagePages(m: Machine): { page: number; bytes: string }[] {
  const out: { page: number; bytes: string }[] = [];
  for (const f of m.mem.framesInUse()) {
    const pfn = f.pfn;
    if (!m.mem.hasContents(pfn)) continue;
    const page = m.mem.peekFrame(pfn);
    out.push({ page: pfn, bytes: Array.from(page, (b) => b.toString(16).padStart(2, '0')).join(' ') });
  }
  return out;
}
