/*
 * Swapping and page replacement.
 *
 *   m.swap[slot]      { refs, data } or null: a slot is referenced by every PTE-less page
 *                     that lives there (fork shares them) and by tmpfs pages pushed out.
 *   p.swapped         vpn → slot for each swapped-out page of a process.
 *   m.swapCache       slot → frame for a slot whose contents are also in a frame (after a
 *                     swap-in that others still share, or a clean re-read); such a frame
 *                     can be evicted again without writing.
 *   m.replacement     the policy that picks a victim: FIFO (loadedAt), LRU/MRU (lastUsed),
 *                     OPT (m.nextUse), CLOCK (accessed bits swept from m.clockHand), seeded
 *                     RANDOM. Page tables and kernel frames are never evicted.
 */
import type { Area } from './address-space.ts';
import type { AccessOp, FaultResolution } from './events.ts';
import { t as message } from '../i18n/index.ts';
import { oom } from './fault.ts';
import { writeBack } from './files.ts';
import type { Machine } from './machine.ts';
import type { Frame } from './memory.ts';
import { allocFrame, freeFrame } from './page-alloc.ts';
import { harvestDirty, mapPage, ptePointer, shootdown } from './page-table.ts';
import type { Process, Thread } from './process.ts';

export interface SwapSlot {
  refs: number;
  data: Uint8Array;
}

export function allocSlot(m: Machine): number | null {
  const i = m.swap.indexOf(null);
  if (i < 0) return null;
  m.swap[i] = { refs: 0, data: new Uint8Array(m.pageSize) };
  return i;
}

export function releaseSlot(m: Machine, slot: number): void {
  const s = m.swap[slot];
  if (!s) return;
  s.refs--;
  if (s.refs <= 0) {
    m.swap[slot] = null;
    const cached = m.swapCache.get(slot);
    if (cached !== undefined) {
      m.swapCache.delete(slot);
      const f = m.mem.frame(cached);
      if (f.swapSlot === slot) f.swapSlot = null;
    }
  }
}

export function dropSwapCache(m: Machine, f: Frame): void {
  if (f.swapSlot === null) return;
  m.swapCache.delete(f.swapSlot);
  f.swapSlot = null;
}

/** Bring a swapped-out page back: from the swap cache if another process already did, else from its slot. */
export function swapIn(m: Machine, p: Process, t: Thread, area: Area, vpn: number, slot: number, op: AccessOp): FaultResolution {
  const cpuNode = m.cpus[t.cpu].node;
  let pfn = m.swapCache.get(slot) ?? null;
  const s = m.swap[slot]!;
  if (pfn === null) {
    pfn = allocFrame(m, 'anon', p, cpuNode, () => message('scenario.alloc.swapIn', { slot: String(slot), process: p.name }));
    if (pfn === null) return oom(m, p, message('scenario.oom.swapIn'));
    m.mem.setFrameBytes(pfn, s.data);
    m.stats.swapIns++;
    m.stats.majorFaults++;
    m.emit({ type: 'swap-in', pfn, slot });
    const f = m.mem.frame(pfn);
    f.swapSlot = slot;
    m.swapCache.set(slot, pfn);
  } else m.stats.minorFaults++;
  const f = m.mem.frame(pfn);
  p.swapped.delete(vpn);
  const othersWaiting = s.refs - 1;
  const exclusive = othersWaiting === 0 && f.mappings.length === 0;
  f.pinned = true;
  const mapped = mapPage(m, p, vpn, pfn, exclusive || area.shared || !area.perms.write ? area.perms : { ...area.perms, write: false }, cpuNode, !exclusive && !area.shared && area.perms.write);
  f.pinned = false;
  releaseSlot(m, slot);
  if (!mapped) return oom(m, p, message('scenario.oom.pageTable'));
  f.dirty = false;
  if (exclusive && op === 'write') dropSwapCache(m, f);
  if (m.events) m.emit({ type: 'fault-resolved', pid: p.pid, va: vpn * m.pageSize, resolution: 'swap-in', detail: message('scenario.detail.swapIn', { slot: String(slot), pfn: String(pfn) }) });
  return 'swap-in';
}

/** Evictable frames: user pages not pinned (page tables and the kernel are never evicted). */
export function candidates(m: Machine, nodes: number[] | null): Frame[] {
  return m.mem.framesInUse().filter((f) => (f.kind === 'anon' || f.kind === 'file' || f.kind === 'shm') && !f.pinned && (nodes === null || nodes.includes(f.node)) && canEvict(m, f));
}

export function canEvict(m: Machine, f: Frame): boolean {
  if (f.kind === 'file') return true;
  // Anonymous and tmpfs pages need a swap slot unless the swap cache still holds a clean copy.
  if (f.swapSlot !== null && !f.dirty) return true;
  return m.swap.includes(null);
}

/** Pick the frame to evict with the current replacement policy; null if none can be. */
export function chooseVictim(m: Machine, nodes: number[] | null): number | null {
  const cands = candidates(m, nodes);
  if (cands.length === 0) return null;
  // Looking at every candidate frame is work too: a full machine evicting on every access adds up.
  m.work?.spend('pages', cands.length);
  switch (m.replacement) {
    case 'fifo':
      return cands.reduce((a, b) => (b.loadedAt < a.loadedAt ? b : a)).pfn;
    case 'lru':
      return cands.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a)).pfn;
    case 'mru':
      return cands.reduce((a, b) => (b.lastUsed > a.lastUsed ? b : a)).pfn;
    case 'random':
      return cands[m.rng.int(cands.length)].pfn;
    case 'opt': {
      if (!m.nextUse) return cands.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a)).pfn;
      const dist = (f: Frame) => (f.mappings.length === 0 ? Infinity : Math.min(...f.mappings.map((map) => m.nextUse!(map.pid, map.vpn))));
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
      return clockSweep(m, cands);
  }
}

/**
 * CLOCK (second chance): sweep the candidate frames in frame order from the hand; a frame
 * whose accessed bit is set gets it cleared and is skipped once; the first one found clear
 * is the victim, and the hand moves past it. Only candidates are visited (`cands` is in
 * frame order), which is the same sweep as stepping over every frame and skipping the
 * others, without touching the millions of frames of a big machine.
 */
export function clockSweep(m: Machine, cands: Frame[]): number {
  const n = cands.length;
  let start = 0;
  while (start < n && cands[start].pfn < m.clockHand) start++;
  for (let step = 0; step < 2 * n; step++) {
    const f = cands[(start + step) % n];
    if (testAndClearAccessed(m, f)) continue;
    m.clockHand = (f.pfn + 1) % m.mem.frameCount;
    return f.pfn;
  }
  return cands[0].pfn;
}

/** Read and clear the referenced state of a frame: the A bit in every PTE mapping it (or the software bit). */
export function testAndClearAccessed(m: Machine, f: Frame): boolean {
  const A = m.profile.pte.accessed;
  let was = false;
  if (A !== undefined) {
    for (const map of f.mappings) {
      const addr = ptePointer(m, m.process(map.pid), map.vpn, false);
      if (addr < 0) continue;
      m.codec.load(m.mem, addr);
      if (m.codec.has(A, false)) {
        was = true;
        m.codec.setBit(A, false);
        m.codec.store(m.mem, addr, m.codec.lo, m.codec.hi);
        // The TLB caches the translation; drop it so the next access walks and sets A again.
        shootdown(m, map.pid, map.vpn);
      }
    }
    if (f.mappings.length === 0) was = f.referenced;
  } else was = f.referenced;
  f.referenced = false;
  return was;
}

/**
 * Evict the page in frame `pfn`: unmap it everywhere, save its contents (anonymous and
 * shared-memory pages to swap, dirty file pages back to the file) and free the frame.
 */
export function evict(m: Machine, pfn: number): void {
  const f = m.mem.frame(pfn);
  const mappings = [...f.mappings];
  m.emit({ type: 'evict', pfn, policy: m.replacement, kind: f.kind, mappings });
  for (const map of mappings) {
    const p = m.process(map.pid);
    const addr = ptePointer(m, p, map.vpn, false);
    if (addr >= 0) {
      harvestDirty(m, f, addr);
      m.codec.store(m.mem, addr, 0, 0);
    }
    shootdown(m, map.pid, map.vpn);
    m.emit({ type: 'unmap', pid: map.pid, vpn: map.vpn, pfn });
  }
  f.mappings = [];
  if (f.kind === 'file') {
    if (f.dirty) writeBack(m, f);
    m.emit({ type: 'page-cache-drop', pfn, file: f.file!.name, page: f.file!.page });
    freeFrame(m, pfn);
    return;
  }
  let slot: number;
  let written = false;
  if (f.swapSlot !== null && !f.dirty && m.swap[f.swapSlot]) slot = f.swapSlot;
  else {
    dropSwapCache(m, f);
    slot = allocSlot(m)!;
    m.swap[slot]!.data.set(m.mem.peekFrame(pfn));
    written = true;
  }
  const s = m.swap[slot]!;
  if (f.kind === 'shm') {
    const file = m.files.get(f.file!.name)!;
    file.swap.set(f.file!.page, slot);
    s.refs++;
  }
  for (const map of mappings) {
    if (f.kind === 'anon') {
      m.process(map.pid).swapped.set(map.vpn, slot);
      s.refs++;
    }
  }
  m.stats.swapOuts++;
  m.emit({ type: 'swap-out', pfn, slot, written });
  m.swapCache.delete(slot);
  f.swapSlot = null;
  if (s.refs === 0) m.swap[slot] = null;
  freeFrame(m, pfn);
}
