// Custom machines without ceremony: change a built-in profile's sizes and a valid process
// layout is derived; memory-image exercises need no layout; a document may hold several
// memory images; `translate` takes a machine document; `run` takes several files.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../core/scenario/load.ts';
import { BUILTIN_PROFILES, checkProfile, defaultLayout } from '../../core/sim/profile.ts';
import { labelled, runText } from '../helpers/scenario.ts';

const CLI = join(__dirname, '../../bin/pagewalk.mjs');
const pagewalk = (...args: string[]) => {
  try {
    return { code: 0, out: execFileSync('node', [CLI, ...args], { encoding: 'utf8' }) };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout + x.stderr };
  }
};

describe('a built-in machine with other sizes', () => {
  it('gets a layout derived from its sizes: one level, 16 KiB of address space, 4 KiB pages, 64 KiB of memory', () => {
    const r = runText(`
machine: { base: linear-32, vaBits: 14, pageBits: 12, levels: [2], physFrames: 16 }
steps:
  - spawn: P
  - write: { process: P, addr: 0x1000, value: 1, label: w }
  - read: { process: P, addr: 0x3000, label: r }
`);
    expect(labelled(r, 'w').access!.ok).toBe(true);
    expect(labelled(r, 'r').access!.faults[0].resolution).toBe('demand-zero');
    expect(r.snapshot().processes[0].areas.map((a) => a.name)).toEqual(['code', 'data', 'heap', 'stack']);
  });

  it('derives layouts that pass the profile check for many sizes, kernel page included when there is room', () => {
    for (const vaBits of [8, 10, 12, 14, 16, 20, 32]) {
      for (const pageBits of [5, 8, 10, 12]) {
        if (pageBits >= vaBits - 1) continue;
        const sizes = { vaBits, pageBits, canonical: false };
        for (const kernel of [true, false]) {
          const layout = defaultLayout(sizes, kernel);
          const p = { ...structuredClone(BUILTIN_PROFILES['teaching-16']), vaBits, pageBits, levels: [vaBits - pageBits], layout };
          expect(checkProfile(p).filter((x) => x.path.startsWith('layout')), `${vaBits}/${pageBits}`).toEqual([]);
          if (kernel && 2 ** (vaBits - pageBits) >= 8) expect(layout.kernelBase).toBe(2 ** vaBits - 2 ** pageBits);
        }
      }
    }
  });

  it('keeps a layout the author gives', () => {
    const l = loadScenario(`machine: { base: teaching-16, vaBits: 14, levels: [2], layout: { codeBase: 0, dataPages: 1, heapPages: 0, stackTop: 0x4000, mmapTop: 0x3000, stackMaxPages: 1, kernelBase: null, kernelPages: 0 } }\nsteps: []\n`, 'x.yaml');
    expect(l.diagnostics).toEqual([]);
    expect(l.profile?.layout.heapPages).toBe(0);
  });
});

describe('memory images', () => {
  it('need no layout', () => {
    const l = loadScenario(`machine: { base: tiny-2level, vaBits: 12, levels: [4, 3] }\nmemory: { ptbr: 1, pages: { "1": "81" } }\nsteps:\n  - translate: { addr: 0 }\n`, 'x.yaml');
    expect(l.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('may come several to a document, one per exercise, each translate naming its own', () => {
    const r = runText(`
machine: tiny-2level
images:
  - { name: q1, ptbr: 10, pages: { "10": "00 00 00 94", "20": "00 00 00 9e" } }
  - { name: q2, ptbr: 11, pages: { "11": "94" } }
steps:
  - translate: { addr: 0x0c60, image: q1, label: a }
  - translate: { addr: 0x0000, image: q2, label: b }
  - translate: { addr: 0x0c60, image: q1, label: c }
`);
    expect(labelled(r, 'a').translate!.pa).toBe(0x3c0);
    expect(labelled(r, 'b').translate!.fault).toBe('not-present'); // q2's frame 20 is empty: q1 is gone
    expect(labelled(r, 'c').translate!.pa).toBe(0x3c0);
    const bad = loadScenario(`machine: tiny-2level\nimages: [{ name: q1, ptbr: 1, pages: {} }]\nsteps:\n  - translate: { addr: 0, image: q9 }\n`, 'x.yaml');
    expect(bad.diagnostics.some((d) => /no memory image named "q9"/.test(d.message))).toBe(true);
  });
});

describe('the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pagewalk-'));

  it('translate --image takes a document with several images, and --machine a machine file', () => {
    const r = pagewalk('translate', '0x0000', '--image', join(__dirname, '../fixtures/images.yaml'), '--exercise', 'q2');
    expect(r.out).toMatch(/table in frame 11/);
    const machineFile = join(dir, 'm.yaml');
    writeFileSync(machineFile, 'base: linear-32\nvaBits: 14\npageBits: 12\nlevels: [2]\nphysFrames: 16\n');
    const t = pagewalk('translate', '0x3004', '--machine', machineFile);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/demand-zero/);
  });

  it('run takes several files, one after the other', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, 'title: first\nmachine: teaching-16\nsteps:\n  - spawn: P\n');
    writeFileSync(b, 'title: second\nmachine: teaching-16\nsteps:\n  - spawn: Q\n');
    const r = pagewalk('run', a, b);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/first[\s\S]*spawned P[\s\S]*second[\s\S]*spawned Q/);
    const j = JSON.parse(pagewalk('run', a, b, '--json').out);
    expect(j.map((x: { file: string }) => x.file)).toEqual([a, b]);
  });
});
