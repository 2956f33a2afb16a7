/*
 * The frame allocator: hands out physical frames and takes them back.
 *
 *   m.mem.frame(pfn)   one Frame per physical frame (memory.ts): kind (free, anon, file,
 *                       shm, page-table, kernel), owner pid, reverse map (pid, vpn) of
 *                       every PTE mapping it, dirty/referenced bits, load and use times
 *                       (for FIFO/LRU), swap-cache slot, NUMA node.
 *   free lists          one per NUMA node, kept by PhysicalMemory.
 *
 * allocFrame picks the node by the process's NUMA policy (numa.ts), and when no frame is
 * free asks the replacement policy (swap.ts) for a victim to evict. Page tables always
 * come from the local node, as in Linux.
 */
import { SimError } from './errors.ts';
import { frameKindWord, type FrameKind } from './events.ts';
import { t } from '../i18n/index.ts';
import type { Machine } from './machine.ts';
import { pickNode } from './numa.ts';
import type { Process } from './process.ts';
import { chooseVictim, evict } from './swap.ts';

/**
 * Allocate a frame (evicting a page if memory is full). Returns null when nothing can
 * be freed: the caller then kills the process (out of memory).
 */
export function allocFrame(m: Machine, kind: FrameKind, p: Process | null, cpuNode: number, reason: () => string, exact: number | null = null): number | null {
  let pfn: number | null = null;
  if (exact !== null) {
    if (!m.mem.takeExact(exact)) {
      const f = m.mem.frame(exact);
      if (!f) throw new SimError(t('scenario.sim.noSuchFrame', { pfn: String(exact), frames: m.profile.physFrames }));
      if (f.pinned || (f.kind !== 'anon' && f.kind !== 'file' && f.kind !== 'shm'))
        throw new SimError(f.kind === 'page-table' ? t('scenario.sim.frameHoldsTable', { pfn: String(exact) }) : t('scenario.sim.frameNotFree', { pfn: String(exact), kind: frameKindWord(f.kind) }));
      evict(m, exact);
      m.mem.takeExact(exact);
    }
    pfn = exact;
  } else {
    // Page tables always come from the local node (as in Linux); the policy applies to data pages.
    const { order, strict } = pickNode(m, kind === 'page-table' ? null : p, cpuNode);
    for (const n of order) {
      pfn = m.mem.take(n);
      if (pfn !== null) break;
    }
    if (pfn === null) {
      const victim = chooseVictim(m, strict ? order : null);
      if (victim === null) return null;
      const node = m.mem.frame(victim).node;
      evict(m, victim);
      pfn = m.mem.take(node);
      if (pfn === null) return null;
    }
  }
  const f = m.mem.frame(pfn);
  f.kind = kind;
  f.owner = kind === 'anon' || kind === 'page-table' ? (p?.pid ?? null) : null;
  f.loadedAt = ++m.tick;
  f.lastUsed = m.tick;
  f.pinned = kind === 'page-table' || kind === 'kernel';
  f.dirty = false;
  f.referenced = true;
  if (m.events) m.emit({ type: 'frame-alloc', pfn, kind, pid: p?.pid ?? null, node: f.node, reason: reason() });
  return pfn;
}

export function freeFrame(m: Machine, pfn: number): void {
  const f = m.mem.frame(pfn);
  if (f.swapSlot !== null) {
    m.swapCache.delete(f.swapSlot);
  }
  if (f.file) {
    const file = m.files.get(f.file.name);
    if (file && file.cache.get(f.file.page) === pfn) file.cache.delete(f.file.page);
  }
  m.emit({ type: 'frame-free', pfn, kind: f.kind });
  m.mem.release(pfn);
}
