/*
 * Accounting as Linux prints it, computed here and nowhere else: the snapshot, the CLI,
 * the quiz engine and the app all read these numbers.
 *
 *   smaps         per process, per memory area (Linux's VMA; the kernel area is not one),
 *                 the fields of /proc/PID/smaps, in bytes:
 *                   Size           the area's length
 *                   Rss            resident pages this area maps
 *                   Pss            each resident page divided by its mapcount (how many
 *                                  page-table entries map it now); Pss_Dirty: of dirty pages
 *                   Shared_/Private_Clean/Dirty
 *                                  shared when the page is mapped more than once now,
 *                                  private otherwise; dirty when the page is (its
 *                                  dirty flag, which every write sets)
 *                   Referenced     resident pages whose accessed bit (or referenced flag) is set
 *                   Anonymous      resident anonymous pages (heap, stack, private copies;
 *                                  never page-cache or shared-memory pages)
 *                   Swap, SwapPss  swapped-out pages of the area; SwapPss divides each by
 *                                  the number of references to its swap slot (shared-memory
 *                                  areas count their object's swapped pages in Swap only)
 *   smaps_rollup  the sum of those over the process's areas, plus Pss_Anon, Pss_File and
 *                 Pss_Shmem (Pss split by the kind of page).
 *
 * One pass over the frames in use and their reverse maps (frame.mappings), so the cost
 * grows with the memory in use, not with the memory that exists.
 */
import type { Area } from './address-space.ts';
import type { Machine } from './machine.ts';

export interface SmapsCounts {
  size: number;
  rss: number;
  pss: number;
  pssDirty: number;
  sharedClean: number;
  sharedDirty: number;
  privateClean: number;
  privateDirty: number;
  referenced: number;
  anonymous: number;
  swap: number;
  swapPss: number;
}

/** One area's smaps entry: its range and permissions as the header line prints them. */
export interface AreaSmaps extends SmapsCounts {
  area: string;
  start: number;
  end: number;
  /** Permissions and sharing, as smaps prints them: "rw-p", "r--s". */
  perms: string;
  /** What smaps prints after the inode: a file name, [heap], [stack], or nothing. */
  pathname: string;
}

export interface SmapsRollup extends SmapsCounts {
  pssAnon: number;
  pssFile: number;
  pssShmem: number;
}

export interface ProcessSmaps {
  areas: AreaSmaps[];
  rollup: SmapsRollup;
}

/** The smaps fields in the order Linux prints them: [label as printed, key]. */
export const SMAPS_FIELDS: readonly (readonly [string, keyof SmapsCounts])[] = [
  ['Size', 'size'],
  ['Rss', 'rss'],
  ['Pss', 'pss'],
  ['Pss_Dirty', 'pssDirty'],
  ['Shared_Clean', 'sharedClean'],
  ['Shared_Dirty', 'sharedDirty'],
  ['Private_Clean', 'privateClean'],
  ['Private_Dirty', 'privateDirty'],
  ['Referenced', 'referenced'],
  ['Anonymous', 'anonymous'],
  ['Swap', 'swap'],
  ['SwapPss', 'swapPss'],
];

/** The extra lines of smaps_rollup. */
export const ROLLUP_FIELDS: readonly (readonly [string, keyof SmapsRollup])[] = [
  ['Pss_Anon', 'pssAnon'],
  ['Pss_File', 'pssFile'],
  ['Pss_Shmem', 'pssShmem'],
];


/** The name smaps prints for an area. */
function pathnameOf(a: Area): string {
  if (a.kind === 'heap') return '[heap]';
  if (a.kind === 'stack') return a.name === 'stack' ? '[stack]' : '';
  if (!a.file) return '';
  if (a.file.name.startsWith('shm:anon-shared#')) return '/dev/zero (deleted)';
  if (a.file.name.startsWith('shm:')) return `/dev/shm/${a.file.name.slice(4)}`;
  return a.file.name;
}

/** Index of the area of `areas` (sorted by start) containing va, or -1. */
function areaIndex(areas: Area[], va: number): number {
  let lo = 0;
  let hi = areas.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = areas[mid];
    if (va < a.start) hi = mid - 1;
    else if (va >= a.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** smaps of every live process (pid → its areas and rollup). */
export function smaps(m: Machine): Map<number, ProcessSmaps> {
  const ps = m.pageSize;
  const out = new Map<number, ProcessSmaps>();
  const areasOf = new Map<number, { areas: Area[]; entries: AreaSmaps[]; pssBy: { anon: number; file: number; shmem: number } }>();
  for (const p of m.processes.values()) {
    if (!p.alive) continue;
    const areas = p.areas.filter((a) => a.kind !== 'kernel');
    const entries: AreaSmaps[] = new Array(areas.length);
    for (let i = 0; i < areas.length; i++) {
      const a = areas[i];
      entries[i] = {
        area: a.name,
        start: a.start,
        end: a.end,
        perms: (a.perms.read ? 'r' : '-') + (a.perms.write ? 'w' : '-') + (a.perms.exec ? 'x' : '-') + (a.shared ? 's' : 'p'),
        pathname: pathnameOf(a),
        size: a.end - a.start,
        rss: 0,
        pss: 0,
        pssDirty: 0,
        sharedClean: 0,
        sharedDirty: 0,
        privateClean: 0,
        privateDirty: 0,
        referenced: 0,
        anonymous: 0,
        swap: 0,
        swapPss: 0,
      };
    }
    areasOf.set(p.pid, { areas, entries, pssBy: { anon: 0, file: 0, shmem: 0 } });
  }
  // Resident pages, from the reverse maps.
  for (const f of m.mem.framesInUse()) {
    const n = f.mappings.length;
    if (n === 0) continue;
    const share = ps / n;
    for (const map of f.mappings) {
      const of = areasOf.get(map.pid);
      if (!of) continue;
      const i = areaIndex(of.areas, map.vpn * ps);
      if (i < 0) continue;
      const e = of.entries[i];
      // The frame's flags are the page's state (PageDirty, PageReferenced): every write
      // through any mapping sets dirty, every access sets referenced, and CLOCK clears
      // referenced together with the PTEs' accessed bits; a write-back cleans the page, as
      // Linux's page_mkclean does. So no page-table entry needs reading here.
      const dirty = f.dirty;
      e.rss += ps;
      e.pss += share;
      if (dirty) e.pssDirty += share;
      if (n >= 2) {
        if (dirty) e.sharedDirty += ps;
        else e.sharedClean += ps;
      } else if (dirty) e.privateDirty += ps;
      else e.privateClean += ps;
      if (f.referenced) e.referenced += ps;
      if (f.kind === 'anon') {
        e.anonymous += ps;
        of.pssBy.anon += share;
      } else if (f.kind === 'shm') of.pssBy.shmem += share;
      else of.pssBy.file += share;
    }
  }
  // Swapped-out pages: anonymous ones through the process's swap entries, shared-memory
  // ones through their object (which may be swapped while no process has a PTE for them).
  for (const p of m.processes.values()) {
    const of = areasOf.get(p.pid);
    if (!of) continue;
    for (const [vpn, slot] of p.swapped) {
      const i = areaIndex(of.areas, vpn * ps);
      if (i < 0) continue;
      const refs = m.swap[slot]?.refs ?? 1;
      of.entries[i].swap += ps;
      of.entries[i].swapPss += ps / Math.max(1, refs);
    }
    for (let i = 0; i < of.areas.length; i++) {
      const a = of.areas[i];
      if (!a.file || !a.file.name.startsWith('shm:')) continue;
      const file = m.files.get(a.file.name);
      if (!file || file.swap.size === 0) continue;
      const first = a.file.page;
      const last = first + (a.end - a.start) / ps;
      for (const page of file.swap.keys()) if (page >= first && page < last) of.entries[i].swap += ps;
    }
    const rollup: SmapsRollup = { size: 0, rss: 0, pss: 0, pssDirty: 0, sharedClean: 0, sharedDirty: 0, privateClean: 0, privateDirty: 0, referenced: 0, anonymous: 0, swap: 0, swapPss: 0, pssAnon: of.pssBy.anon, pssFile: of.pssBy.file, pssShmem: of.pssBy.shmem };
    for (const e of of.entries) {
      rollup.size += e.size;
      rollup.rss += e.rss;
      rollup.pss += e.pss;
      rollup.pssDirty += e.pssDirty;
      rollup.sharedClean += e.sharedClean;
      rollup.sharedDirty += e.sharedDirty;
      rollup.privateClean += e.privateClean;
      rollup.privateDirty += e.privateDirty;
      rollup.referenced += e.referenced;
      rollup.anonymous += e.anonymous;
      rollup.swap += e.swap;
      rollup.swapPss += e.swapPss;
    }
    out.set(p.pid, { areas: of.entries, rollup });
  }
  return out;
}

/**
 * Resident and proportional set sizes of every process, in bytes: the Rss and Pss lines
 * of smaps_rollup (kernel pages excluded, as in /proc/PID/status).
 */
export function residentSizes(m: Machine): Map<number, { rss: number; pss: number }> {
  const out = new Map<number, { rss: number; pss: number }>();
  for (const [pid, s] of smaps(m)) out.set(pid, { rss: s.rollup.rss, pss: s.rollup.pss });
  return out;
}

export function rss(m: Machine, pid: number): number {
  return residentSizes(m).get(pid)?.rss ?? 0;
}

export function pss(m: Machine, pid: number): number {
  return residentSizes(m).get(pid)?.pss ?? 0;
}
