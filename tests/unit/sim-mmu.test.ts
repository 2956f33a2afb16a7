// The MMU and TLB: page walks read real entries from memory; TLB shape, replacement,
// ASIDs versus flushing on a context switch; invalidation when mappings change.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../core/sim/events.ts';
import { createPhysicalMemory, PteCodec } from '../../core/sim/memory.ts';
import { BUILTIN_PROFILES } from '../../core/sim/profile.ts';
import { Rng } from '../../core/sim/rng.ts';
import { Tlb } from '../../core/sim/tlb.ts';
import { labelled, runText } from '../helpers/scenario.ts';

const walks = (events: SimEvent[]) => events.filter((e): e is Extract<SimEvent, { type: 'walk' }> => e.type === 'walk');

describe('page walks', () => {
  for (const id of ['x86-32', 'sv39', 'x86-64']) {
    it(`${id}: reads one entry per level from the frames the previous level names`, () => {
      const prof = BUILTIN_PROFILES[id];
      const r = runText(`
machine: ${id}
steps:
  - spawn: P
  - write: { process: P, addr: ${prof.layout.codeBase + prof.layout.codePages * 4096}, value: 3, label: first }
  - read: { process: P, addr: ${prof.layout.codeBase + prof.layout.codePages * 4096 + 8}, label: again }
`);
      const first = labelled(r, 'first');
      const w = walks(first.events);
      // First attempt faults at some level; the retry walks all levels to the leaf.
      const last = w.slice(-prof.levels.length);
      expect(last.map((e) => e.level)).toEqual(prof.levels.map((_, i) => i));
      for (let i = 1; i < last.length; i++) expect(last[i].tableFrame).toBe(last[i - 1].pfn);
      expect(last[last.length - 1].leaf).toBe(true);
      expect(last[last.length - 1].pfn).toBe(first.access!.pfn);
      // The entry really is in memory at the reported address.
      const m = r.machine;
      for (const e of last) {
        m.codec.load(m.mem, e.pteAddr);
        expect(m.codec.hex()).toBe(e.pte.length === m.codec.hex().length ? m.codec.hex() : e.pte);
        expect(m.codec.pfn()).toBe(e.pfn);
      }
      expect(labelled(r, 'again').access!.tlb).toBe('hit');
    });
  }

  it('reports the level whose entry is invalid', () => {
    const r = runText(`
machine: x86-64
steps:
  - spawn: P
  - fetch: { process: P, addr: 0x400000 }
  - read: { process: P, addr: 0x40000000, label: far }
`);
    const f = labelled(r, 'far').access!.faults[0];
    expect(f.cause).toBe('not-present');
    expect(f.level).toBe(1);
  });

  it('sets the accessed bit on a read and the dirty bit on the first write', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - read: { process: P, addr: 0x3000 }
  - write: { process: P, addr: 0x3000, value: 1, label: w }
`);
    const page = r.snapshot().processes[0].pages.find((p) => p.va === 0x3000)!;
    expect(page.accessed).toBe(true);
    expect(page.dirty).toBe(true);
    expect(labelled(r, 'w').events.some((e) => e.type === 'ad-update' && e.dirty)).toBe(true);
  });

  // The TLB hit path reads the PTE's address from the TLB entry only for a first write through
  // a clean entry; above 2 GiB the TLB keeps those addresses as doubles (tlb.ts).
  it.each([
    ['1 MiB, dense', 256],
    ['4 GiB, sparse', 1_048_576],
  ])('a first write that hits a clean TLB entry sets D in the PTE the walk filled it from (%s)', (_, frames) => {
    const r = runText(
      JSON.stringify({
        machine: { base: 'x86-64', physFrames: frames },
        steps: [
          { spawn: 'P' },
          { mmap: { process: 'P', length: 2 * 4096, addr: 0x10000000 } },
          { read: { process: 'P', addr: 0x10000000, label: 'fill' } },
          // Another page's walk in between, so the MMU's last walk is not the one that filled the entry.
          { read: { process: 'P', addr: 0x10001000 } },
          { write: { process: 'P', addr: 0x10000008, value: 2, label: 'hit' } },
          { write: { process: 'P', addr: 0x10000010, value: 3, label: 'again' } },
        ],
      }),
    );
    const m = r.machine;
    expect(m.mem.layout).toBe(frames > 65_536 ? 'sparse' : 'dense');
    const leaf = walks(labelled(r, 'fill').events).at(-1)!;
    const hit = labelled(r, 'hit');
    expect(hit.access!.tlb).toBe('hit');
    const updates = hit.events.filter((e): e is Extract<SimEvent, { type: 'ad-update' }> => e.type === 'ad-update');
    expect(updates.map((e) => [e.pteAddr, e.dirty])).toEqual([[leaf.pteAddr, true]]);
    m.codec.load(m.mem, leaf.pteAddr);
    expect(m.codec.has(m.profile.pte.dirty, false)).toBe(true);
    // The TLB entry is dirty now: the next write neither walks nor touches the PTE again.
    const again = labelled(r, 'again');
    expect(again.access!.tlb).toBe('hit');
    expect(again.events.some((e) => e.type === 'ad-update' || e.type === 'walk')).toBe(false);
  });
});

describe('PTE codec', () => {
  it.each(['dense', 'sparse'] as const)('round-trips an x86-64 entry with NX in bit 63 and a 40-bit PFN (%s memory)', (layout) => {
    const prof = BUILTIN_PROFILES['x86-64'];
    const mem = createPhysicalMemory(prof, layout);
    const c = new PteCodec(prof.pte);
    c.build({ valid: true, pfn: 0xabcdef123, write: true, user: true, exec: false });
    c.store(mem, 64, c.lo, c.hi);
    const d = new PteCodec(prof.pte);
    d.load(mem, 64);
    expect(d.pfn()).toBe(0xabcdef123);
    expect(d.has(prof.pte.noExec, false)).toBe(true);
    expect(d.hex()).toBe('0x8000abcdef123007');
  });

  it.each(['dense', 'sparse'] as const)('reads the one-byte textbook entry: bit 7 valid, bits 6..0 PFN (%s memory)', (layout) => {
    const prof = BUILTIN_PROFILES['tiny-2level'];
    const mem = createPhysicalMemory(prof, layout);
    mem.write(5, 1, 0x83);
    const c = new PteCodec(prof.pte);
    c.load(mem, 5);
    expect(c.has(prof.pte.valid, true)).toBe(true);
    expect(c.pfn()).toBe(3);
  });
});

describe('TLB', () => {
  it('replaces within a set by LRU, FIFO or seeded random', () => {
    const lru = new Tlb({ entries: 4, ways: 2, policy: 'lru', asid: false }, new Rng(1));
    // vpns 0, 2, 4 share set 0 of 2 sets.
    lru.fill(0, 0, 10, 0, 0);
    lru.fill(0, 2, 12, 0, 0);
    expect(lru.lookup(0, 0)).toBeGreaterThanOrEqual(0); // touch 0
    expect(lru.fill(0, 4, 14, 0, 0)).toBe(2); // LRU evicts 2
    const fifo = new Tlb({ entries: 4, ways: 2, policy: 'fifo', asid: false }, new Rng(1));
    fifo.fill(0, 0, 10, 0, 0);
    fifo.fill(0, 2, 12, 0, 0);
    fifo.lookup(0, 0);
    expect(fifo.fill(0, 4, 14, 0, 0)).toBe(0); // FIFO evicts the oldest fill
    const a = new Tlb({ entries: 8, ways: 8, policy: 'random', asid: false }, new Rng(7));
    const b = new Tlb({ entries: 8, ways: 8, policy: 'random', asid: false }, new Rng(7));
    const seqA: (number | null)[] = [];
    const seqB: (number | null)[] = [];
    for (let v = 0; v < 40; v++) {
      seqA.push(a.fill(0, v, v, 0, 0));
      seqB.push(b.fill(0, v, v, 0, 0));
    }
    expect(seqA).toEqual(seqB);
  });

  it('counts hits and misses', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - read: { process: P, addr: 0x3000 }
  - read: { process: P, addr: 0x3004 }
  - read: { process: P, addr: 0x3008 }
`);
    const s = r.machine.stats;
    expect(s.tlbHits).toBe(2);
    expect(s.tlbMisses).toBe(2); // the first read misses, faults, and misses again on retry
  });

  const switchScenario = (asid: boolean) => `
machine: x86-64
kernel: { asid: ${asid} }
steps:
  - spawn: { name: A, cpu: 0 }
  - spawn: { name: B, cpu: 0 }
  - read: { process: A, addr: 0x402000 }
  - read: { process: B, addr: 0x402000 }
  - read: { process: A, addr: 0x402000, label: back }
`;
  it('flushes on a context switch without ASIDs', () => {
    const r = runText(switchScenario(false));
    const back = labelled(r, 'back');
    expect(back.access!.tlb).toBe('miss');
    expect(back.events.some((e) => e.type === 'tlb-flush')).toBe(true);
  });

  it('keeps entries across a switch with ASIDs', () => {
    const r = runText(switchScenario(true));
    const back = labelled(r, 'back');
    expect(back.access!.tlb).toBe('hit');
    expect(back.events.some((e) => e.type === 'tlb-flush')).toBe(false);
  });

  it('invalidates the entry when copy-on-write makes the page read-only', () => {
    const r = runText(`
machine: teaching-16
steps:
  - spawn: P
  - write: { process: P, addr: 0x3000, value: 1 }
  - fork: { parent: P, child: C, label: fork }
  - write: { process: P, addr: 0x3000, value: 2, label: w }
`);
    expect(labelled(r, 'fork').events.some((e) => e.type === 'tlb-invalidate')).toBe(true);
    expect(labelled(r, 'w').access!.faults[0].cause).toBe('protection');
  });
});
