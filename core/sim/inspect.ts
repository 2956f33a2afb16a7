/*
 * Teaching helpers: look at the machine without disturbing it, or set it up as a
 * textbook figure does.
 *
 *   populate()          make a page resident now (optionally in a chosen frame)
 *   probe()             what the page table says about an address, with no side effects
 *   reachableFrames()   every frame a user-mode access by a process could reach
 *   loadImage()         a raw memory dump with a page-table base register
 *                       (m.imageRoot), for "translate these addresses" exercises
 */
import { type Area, NO_PERMS, type Perms } from './address-space.ts';
import { SimError } from './errors.ts';
import { hex, t as message } from '../i18n/index.ts';
import type { AccessOp, FaultCause, FaultResolution } from './events.ts';
import { handlePageFault } from './fault.ts';
import type { Machine } from './machine.ts';
import { presentFrame } from './page-table.ts';
import { TLB_EXEC, TLB_READ, TLB_WRITE } from './tlb.ts';

/**
 * Make the page at `va` resident now, as a first touch would, optionally in a chosen
 * frame (so a lesson can reproduce a textbook figure exactly).
 */
export function populate(m: Machine, pid: number, va: number, frame: number | null, op: AccessOp = 'read'): FaultResolution | 'present' {
  const p = m.process(pid);
  const t = m.mainThread(pid);
  const vpn = m.vpnOf(va);
  if (presentFrame(m, p, vpn) !== null) {
    if (frame !== null && presentFrame(m, p, vpn) !== frame) throw new SimError(message('scenario.sim.alreadyResident', { addr: hex(va), pfn: String(presentFrame(m, p, vpn)) }));
    return 'present';
  }
  if (frame !== null && (frame < 0 || frame >= m.profile.physFrames)) throw new SimError(message('scenario.sim.noSuchFrame', { pfn: String(frame), frames: m.profile.physFrames }));
  return handlePageFault(m, p, t, va, op, 'not-present', true, frame);
}

/**
 * Look up va in p without side effects (no TLB fill, no accessed bit, no fault
 * handling): what the page table says right now.
 */
export function probe(m: Machine, pid: number, va: number): { present: boolean; pfn: number | null; pa: number | null; swapSlot: number | null; area: Area | null; perms: Perms } {
  const p = m.process(pid);
  const area = m.findArea(p, va);
  const vpn = m.vpnOf(va);
  const slot = p.swapped.get(vpn) ?? null;
  if (!p.alive || p.root < 0) return { present: false, pfn: null, pa: null, swapSlot: slot, area, perms: NO_PERMS };
  const ok = m.mmu.walk(p.root, va, null);
  if (!ok) return { present: false, pfn: null, pa: null, swapSlot: slot, area, perms: NO_PERMS };
  const flags = m.mmu.perms;
  return {
    present: true,
    pfn: m.mmu.pfn,
    pa: m.mmu.pfn * m.pageSize + (va % m.pageSize),
    swapSlot: null,
    area,
    perms: { read: (flags & TLB_READ) !== 0, write: (flags & TLB_WRITE) !== 0, exec: (flags & TLB_EXEC) !== 0 },
  };
}

/** Whether a user-mode access by p could reach physical frame pfn through any virtual address. */
export function reachableFrames(m: Machine, pid: number): Set<number> {
  const p = m.process(pid);
  const out = new Set<number>();
  if (!p.alive || p.root < 0) return out;
  const walkTable = (table: number, level: number, base: number): void => {
    const prof = m.profile;
    const L = prof.pte;
    const n = 2 ** prof.levels[level];
    const span = m.mmu.spanOf(level);
    for (let i = 0; i < n; i++) {
      m.codec.load(m.mem, table * m.pageSize + i * L.bytes);
      if (!m.codec.has(L.valid, true)) continue;
      const pfn = m.codec.pfn();
      const leaf = level === prof.levels.length - 1;
      if (leaf) {
        if (m.codec.has(L.user, true)) out.add(pfn);
      } else walkTable(pfn, level + 1, base + i * span);
    }
  };
  walkTable(p.root, 0, 0);
  return out;
}

/** Load a raw memory image (the "translate these addresses from this dump" exercise). */
export function loadImage(m: Machine, image: Map<number, number>, root: number): void {
  m.mem.clear(); // a new image replaces the previous one entirely
  for (const [pa, byte] of image) {
    if (pa < 0 || pa >= m.mem.size) throw new SimError(message('scenario.sim.imageByteOutside', { addr: hex(pa) }));
    m.mem.write(pa, 1, byte);
  }
  // The dump owns every frame; a sparse memory makes records only for frames holding bytes.
  m.mem.claimAll('image');
  if (root < 0 || root >= m.profile.physFrames) throw new SimError(message('scenario.sim.rootOutside', { pfn: String(root) }));
  m.imageRoot = root;
}

/** Walk the loaded image's page table for va, as the hardware would with this base register. */
export function translateImage(m: Machine, va: number): { ok: boolean; pa: number | null; value: number | null; fault: FaultCause | null; level: number | null } {
  if (m.imageRoot === null) throw new SimError(message('scenario.sim.noImage'));
  const ok = m.mmu.walk(m.imageRoot, va, m.events);
  if (!ok) {
    m.emit({ type: 'fault', pid: null, tid: null, va, op: 'read', cause: m.mmu.fault!, level: m.mmu.faultLevel });
    return { ok: false, pa: null, value: null, fault: m.mmu.fault, level: m.mmu.faultLevel };
  }
  const pa = m.mmu.pfn * m.pageSize + (va % m.pageSize);
  const value = m.mem.read(pa, 1);
  m.emit({ type: 'translate', pid: null, tid: null, va, pa, op: 'read' });
  m.emit({ type: 'memory-read', pa, bytes: 1, value });
  return { ok: true, pa, value, fault: null, level: null };
}
