// NUMA placement and cost; translating addresses from a raw memory dump; profile checks.
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, checkProfile, PROFILE_IDS } from '../../core/sim/profile.ts';
import { labelled, runText } from '../helpers/scenario.ts';

describe('NUMA', () => {
  const HEAP = 0x403000; // numa-2node (x86-64 layout): code 0x400000 (2 pages), data, heap

  it('first-touch places a page on the node of the CPU that touched it; remote accesses cost more', () => {
    const run = runText(`
machine: numa-2node
steps:
  - spawn: { name: P, cpu: 0 }
  - thread: { process: P, name: far, cpu: 2 }
  - write: { process: P, addr: ${HEAP}, value: 1, label: local }
  - read: { thread: far, addr: ${HEAP}, label: remote }
`);
    const local = labelled(run, 'local').access!;
    const remote = labelled(run, 'remote').access!;
    expect(local.node).toBe(0);
    expect(local.cost).toBe(10);
    expect(local.remote).toBe(false);
    expect(remote.node).toBe(0);
    expect(remote.cost).toBe(21);
    expect(remote.remote).toBe(true);
  });

  it('interleave spreads consecutive pages across nodes', () => {
    const run = runText(`
machine: numa-2node
steps:
  - spawn: { name: P, cpu: 0 }
  - numa-policy: { process: P, policy: interleave }
  - mmap: { process: P, length: 16384, addr: 0x10000000 }
  - write: { process: P, addr: 0x10000000, value: 1, label: a }
  - write: { process: P, addr: 0x10001000, value: 1, label: b }
  - write: { process: P, addr: 0x10002000, value: 1, label: c }
  - write: { process: P, addr: 0x10003000, value: 1, label: d }
`);
    const nodes = ['a', 'b', 'c', 'd'].map((l) => labelled(run, l).access!.node);
    expect(new Set(nodes)).toEqual(new Set([0, 1]));
    expect(nodes.filter((n) => n === 0)).toHaveLength(2);
  });

  it('bind keeps pages on the chosen node; migration moves a page and its mapping', () => {
    const run = runText(`
machine: numa-2node
steps:
  - spawn: { name: P, cpu: 0 }
  - numa-policy: { process: P, policy: bind, nodes: [1] }
  - write: { process: P, addr: ${HEAP}, value: 77, label: bound }
  - migrate: { process: P, addr: ${HEAP}, node: 0, label: move }
  - read: { process: P, addr: ${HEAP}, label: after }
`);
    expect(labelled(run, 'bound').access!.node).toBe(1);
    const after = labelled(run, 'after').access!;
    expect(after.node).toBe(0);
    expect(after.value).toBe(77);
    expect(after.tlb).toBe('miss'); // migration shot down the stale TLB entry
    expect(labelled(run, 'move').events.some((e) => e.type === 'migrate')).toBe(true);
  });
});

describe('translating from a memory dump (tiny-2level)', () => {
  // Page directory in frame 10: entry 3 → page table in frame 20; entry 4 invalid.
  // Page table in frame 20: entry 5 → data frame 30; entry 6 invalid.
  // VA = pde(5 bits) | pte(5 bits) | offset(5 bits). 0x0CA7 = 00011 00101 00111.
  const dump = [
    `page 10: ${Array.from({ length: 32 }, (_, i) => (i === 3 ? '94' : i === 4 ? '7f' : '00')).join(' ')}`,
    `page 20: ${Array.from({ length: 32 }, (_, i) => (i === 5 ? '9e' : i === 6 ? '1e' : '00')).join(' ')}`,
    `page 30: ${Array.from({ length: 32 }, (_, i) => (i + 0x40).toString(16)).join(' ')}`,
  ].join('\n');
  const run = runText(`
machine: tiny-2level
memory:
  ptbr: 10
  dump: |
${dump
  .split('\n')
  .map((l) => '    ' + l)
  .join('\n')}
steps:
  - translate: { addr: 0x0CA7, label: ok }
  - translate: { addr: 0x1000, label: pde-invalid }
  - translate: { addr: 0x0CC0, label: pte-invalid }
`);

  it('walks both levels and reads the byte', () => {
    const r = labelled(run, 'ok');
    expect(r.translate!.pa).toBe(30 * 32 + 7);
    expect(r.translate!.value).toBe(0x47);
    const w = r.events.filter((e) => e.type === 'walk');
    expect(w.map((e) => e.type === 'walk' && [e.pteAddr, e.pte, e.valid])).toEqual([
      [10 * 32 + 3, '0x94', true],
      [20 * 32 + 5, '0x9e', true],
    ]);
  });

  it('reports which level faults', () => {
    expect(labelled(run, 'pde-invalid').translate!.faultLevel).toBe(0);
    expect(labelled(run, 'pte-invalid').translate!.faultLevel).toBe(1);
    expect(labelled(run, 'pte-invalid').translate!.fault).toBe('not-present');
  });
});

describe('machine profiles', () => {
  it('every built-in profile is consistent', () => {
    for (const id of PROFILE_IDS) expect(checkProfile(BUILTIN_PROFILES[id])).toEqual([]);
  });

  it('names the field and what was expected when a profile is inconsistent', () => {
    const p = structuredClone(BUILTIN_PROFILES['x86-32']);
    p.levels = [10, 9];
    p.pte.write = 0;
    const problems = checkProfile(p);
    expect(problems.map((x) => x.path)).toEqual(expect.arrayContaining(['levels', 'pte.write']));
    expect(problems.find((x) => x.path === 'levels')!.message).toMatch(/must equal vaBits \(32\)/);
  });

  it('builds x86-32 with 10/10/12 and a 4 KiB page directory', () => {
    const p = BUILTIN_PROFILES['x86-32'];
    expect(p.levels).toEqual([10, 10]);
    expect(p.pageBits).toBe(12);
    expect(2 ** p.levels[0] * p.pte.bytes).toBe(4096);
  });
});
