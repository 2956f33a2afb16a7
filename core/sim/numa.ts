/*
 * NUMA: nodes with a distance matrix (profile.numa), per-process allocation policies and
 * page migration.
 *
 *   p.numaPolicy   first-touch (the node of the touching CPU, nearest first when full),
 *                  bind (only p.numaNodes) or interleave (round robin over p.numaNodes,
 *                  next one in p.interleaveNext).
 *   frame.node     the node a frame belongs to; an access costs distance[cpuNode][node].
 */
import { SimError } from './errors.ts';
import { hex, t as message } from '../i18n/index.ts';
import type { Machine } from './machine.ts';
import { freeFrame } from './page-alloc.ts';
import { presentFrame, ptePointer, shootdown } from './page-table.ts';
import type { Process } from './process.ts';
import type { NumaPolicy } from './profile.ts';
import { chooseVictim, dropSwapCache, evict } from './swap.ts';

/** Choose the node a new frame should come from for process `p` touching from `cpuNode`. */
export function pickNode(m: Machine, p: Process | null, cpuNode: number): { order: number[]; strict: boolean } {
  const numa = m.profile.numa;
  if (!numa) return { order: [0], strict: false };
  const all = numa.nodes.map((_, i) => i);
  const byDistance = (from: number) => [...all].sort((a, b) => numa.distance[from][a] - numa.distance[from][b] || a - b);
  if (!p) return { order: byDistance(cpuNode), strict: false };
  if (p.numaPolicy === 'bind') return { order: p.numaNodes.length ? p.numaNodes : [cpuNode], strict: true };
  if (p.numaPolicy === 'interleave') {
    const nodes = p.numaNodes.length ? p.numaNodes : all;
    const first = nodes[p.interleaveNext++ % nodes.length];
    return { order: [first, ...byDistance(first).filter((n) => n !== first)], strict: false };
  }
  return { order: byDistance(cpuNode), strict: false };
}

export function setNumaPolicy(m: Machine, pid: number, policy: NumaPolicy, nodes: number[] = []): void {
  const p = m.process(pid);
  const count = m.profile.numa?.nodes.length ?? 1;
  for (const n of nodes) if (n < 0 || n >= count) throw new SimError(message('scenario.sim.noSuchNode', { node: String(n), count }));
  if (policy === 'bind' && nodes.length === 0) throw new SimError(message('scenario.sim.bindNoNode'));
  p.numaPolicy = policy;
  p.numaNodes = nodes;
}

/** Move the page at `va` of p to a frame on `node`: copy, repoint every PTE, shoot down TLBs, free the old frame. */
export function migratePage(m: Machine, pid: number, va: number, node: number): { from: number; to: number } {
  const p = m.process(pid);
  const count = m.profile.numa?.nodes.length ?? 1;
  if (node < 0 || node >= count) throw new SimError(message('scenario.sim.noSuchNode', { node: String(node), count }));
  const vpn = m.vpnOf(va);
  const old = presentFrame(m, p, vpn);
  if (old === null) throw new SimError(message('scenario.sim.migrateNotResident', { addr: hex(va), process: p.name }));
  const f = m.mem.frame(old);
  if (f.kind !== 'anon' && f.kind !== 'file' && f.kind !== 'shm') throw new SimError(message('scenario.sim.migrateKernel', { addr: hex(va) }));
  if (f.node === node) return { from: old, to: old };
  f.pinned = true;
  let to = m.mem.take(node);
  if (to === null) {
    const victim = chooseVictim(m, [node]);
    if (victim !== null) {
      evict(m, victim);
      to = m.mem.take(node);
    }
  }
  f.pinned = false;
  if (to === null) throw new SimError(message('scenario.sim.nodeFull', { node: String(node) }));
  const t = m.mem.frame(to);
  t.kind = f.kind;
  t.owner = f.owner;
  t.file = f.file;
  t.dirty = f.dirty;
  t.loadedAt = f.loadedAt;
  t.lastUsed = f.lastUsed;
  t.referenced = f.referenced;
  t.swapSlot = null;
  m.emit({ type: 'frame-alloc', pfn: to, kind: f.kind, pid: f.owner, node, reason: message('scenario.alloc.migration') });
  m.mem.copyFrame(old, to);
  for (const map of f.mappings) {
    const addr = ptePointer(m, m.process(map.pid), map.vpn, false);
    m.codec.load(m.mem, addr);
    m.codec.setPfn(to);
    m.codec.store(m.mem, addr, m.codec.lo, m.codec.hi);
    shootdown(m, map.pid, map.vpn);
    m.emit({ type: 'migrate', pid: map.pid, vpn: map.vpn, from: old, to, fromNode: f.node, toNode: node });
  }
  t.mappings = f.mappings;
  f.mappings = [];
  if (f.file) {
    m.files.get(f.file.name)?.cache.set(f.file.page, to);
    f.file = null;
  }
  dropSwapCache(m, f);
  freeFrame(m, old);
  return { from: old, to };
}
