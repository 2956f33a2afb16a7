// Canonical addresses: x86-64 translates 48 bits and Sv39 39 bits of a 64-bit address; the
// bits above must copy the top translated bit. The kernel half is the sign-extended top
// half (0xffff800000000000, 0xffffffc000000000); anything else is a general-protection
// fault raised before the TLB or the page table is consulted — not a page fault.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../core/scenario/load.ts';
import { formatTrace } from '../../core/scenario/trace.ts';
import { formatVa, machineAddress } from '../../core/sim/address.ts';
import { BUILTIN_PROFILES } from '../../core/sim/profile.ts';
import { labelled, runText } from '../helpers/scenario.ts';

const x86 = BUILTIN_PROFILES['x86-64'];
const sv39 = BUILTIN_PROFILES.sv39;

describe('canonical addresses', () => {
  it('turns document addresses into the machine form, refusing non-canonical ones', () => {
    expect(machineAddress(x86, 0x7fff_ffff_f000)).toBe(0x7fff_ffff_f000);
    expect(machineAddress(x86, -(2 ** 47))).toBe(2 ** 47); // 0xffff800000000000
    expect(machineAddress(x86, 2 ** 47)).toBeNull(); // 0x0000800000000000
    expect(machineAddress(x86, -(2 ** 47) - 1)).toBeNull(); // 0xffff7fffffffffff
    expect(machineAddress(sv39, 2 ** 38)).toBeNull(); // 0x4000000000
    expect(machineAddress(sv39, -(2 ** 38))).toBe(2 ** 38); // 0xffffffc000000000
    expect(formatVa(x86, 2 ** 47 + 0x1234)).toBe('0xffff800000001234');
    expect(formatVa(sv39, 2 ** 38)).toBe('0xffffffc000000000');
    expect(formatVa(BUILTIN_PROFILES['teaching-16'], 0xf000)).toBe('0xf000');
  });

  const run = runText(`
machine: x86-64
steps:
  - spawn: A
  - spawn: B
  - read: { process: A, addr: 0xffff800000000ff4, mode: kernel, label: kernel }
  - read: { process: A, addr: 0xffff800000000000, label: user-kernel }
  - read: { process: B, addr: 0x800000000000, label: gp }
`);

  it('reaches the kernel page at its real, sign-extended address (exact to the byte)', () => {
    const k = labelled(run, 'kernel').access!;
    expect(k.ok).toBe(true);
    expect(k.pa).toBe(0xff4);
  });

  it('keeps the kernel half supervisor-only: a user read there is a page fault (user-kernel)', () => {
    const u = labelled(run, 'user-kernel').access!;
    expect(u.faults.map((f) => f.cause)).toEqual(['user-kernel']);
    expect(u.segfault).toMatch(/0xffff800000000000/);
  });

  it('raises a general-protection fault for 0x800000000000: no TLB lookup, no walk, no page fault', () => {
    const gp = labelled(run, 'gp');
    expect(gp.access!.tlb).toBe('none');
    expect(gp.access!.faults).toEqual([{ cause: 'non-canonical', level: null, resolution: 'segfault' }]);
    expect(gp.events.some((e) => e.type === 'walk' || e.type === 'tlb-miss')).toBe(false);
    expect(gp.access!.segfault).toMatch(/general-protection fault: 0x800000000000 is not a canonical address/);
    expect(run.machine.stats.generalProtectionFaults).toBe(1);
    expect(run.machine.stats.pageFaults).toBe(1); // only the user-kernel one
  });

  it('prints the kernel area and addresses in full 64-bit form', () => {
    const text = formatTrace(run.results, true, run.profile);
    expect(text).toMatch(/area kernel 0xffff800000000000–0xffff800000001000/);
    expect(text).toMatch(/general-protection fault \(read 0x800000000000\)/);
  });

  it('does the same on RISC-V Sv39 with its 39-bit split', () => {
    const r = runText(`
machine: sv39
steps:
  - spawn: A
  - spawn: B
  - read: { process: A, addr: 0xffffffc000000010, mode: kernel, label: kernel }
  - read: { process: B, addr: 0x4000000000, label: gp }
`);
    expect(labelled(r, 'kernel').access!.pa).toBe(0x10);
    expect(labelled(r, 'gp').access!.faults[0].cause).toBe('non-canonical');
  });

  it('accepts addresses written as strings in JSON, exactly', () => {
    const loaded = loadScenario(JSON.stringify({ machine: 'x86-64', steps: [{ spawn: 'A' }, { read: { process: 'A', addr: '0xffff800000000fff', mode: 'kernel' } }] }), 'x.json');
    expect(loaded.scenario!.steps[1].args.addr).toBe(-(2 ** 47) + 0xfff);
  });

  it('refuses a non-canonical address for mmap, and reports it from translate', () => {
    const r = runText(`
machine: x86-64
steps:
  - spawn: A
  - mmap: { process: A, length: 4096, addr: 0x900000000000, label: m }
  - translate: { process: A, addr: 0x900000000000, label: t }
`);
    expect(labelled(r, 'm').error).toMatch(/not a canonical address/);
    expect(labelled(r, 't').translate!.fault).toBe('non-canonical');
  });

  it('checks that a canonical machine keeps the kernel in the upper half', () => {
    const bad = loadScenario(`machine: { base: x86-64, layout: { kernelBase: 0x4000_0000_0000 } }\nsteps: []\n`, 'x.yaml');
    expect(bad.diagnostics.some((d) => /upper half/.test(d.message))).toBe(true);
    const ok = loadScenario(`machine: { base: x86-64, layout: { kernelBase: 0xffff_c000_0000_0000 } }\nsteps: []\n`, 'x.yaml');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.profile!.layout.kernelBase).toBe(0xc000_0000_0000);
  });

  it('leaves machines without canonical addresses as they were', () => {
    const bad = loadScenario(`machine: teaching-16\nsteps:\n  - spawn: A\n  - read: { process: A, addr: 0x10000 }\n`, 'x.yaml');
    expect(bad.diagnostics.some((d) => /outside the 16-bit address space/.test(d.message))).toBe(true);
  });
});
