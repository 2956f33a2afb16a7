// Scenario documents: a bad document gets file:line:col errors naming the field and what
// was expected, never a stack trace and never a partial run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../core/diag.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { scenarioJsonSchema } from '../../core/scenario/schema.ts';

function errors(text: string): string[] {
  const r = loadScenario(text, 'bad.yaml');
  expect(r.scenario).toBeNull();
  return r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('scenario errors', () => {
  it('points at an unknown key with a suggestion', () => {
    const e = errors(`machine: teaching-16
steps:
  - spawn: P
  - read: { procss: P, addr: 0x1000 }
`);
    expect(e[0]).toMatch(/^bad\.yaml:4:13: error: unknown key "procss"/);
    expect(e[0]).toMatch(/did you mean "process"\?/);
  });

  it('names the expected type', () => {
    const e = errors(`machine: teaching-16
steps:
  - spawn: P
  - write:
      process: P
      addr: lots
`);
    expect(e[0]).toMatch(/^bad\.yaml:6:13: error: steps\[1\]\.write\.addr/);
    expect(e.join('\n')).toMatch(/0x1000/);
  });

  it('suggests the operation meant', () => {
    const e = errors(`machine: teaching-16
steps:
  - forkk: { parent: A, child: B }
`);
    expect(e[0]).toMatch(/3:5: error: unknown operation "forkk" \(did you mean "fork"\?\)/);
  });

  it('catches a process used before it exists, before anything runs', () => {
    const e = errors(`machine: teaching-16
steps:
  - spawn: Alice
  - read: { process: Alcie, addr: 0x1000 }
`);
    expect(e[0]).toMatch(/4:22: error: no process named "Alcie" exists at this step \(did you mean "Alice"\?\)/);
  });

  it('reports an unknown machine with the list or a suggestion', () => {
    expect(errors(`machine: x86_64\nsteps: []\n`)[0]).toMatch(/1:10: error: unknown machine "x86_64" \(did you mean "x86-64"\?\)/);
  });

  it('explains an inconsistent custom machine', () => {
    const e = errors(`machine:
  base: x86-32
  levels: [10, 9]
steps: []
`);
    expect(e[0]).toMatch(/3:11: error: machine levels: index bits \(10\+9 = 19\) plus page offset bits \(12\) must equal vaBits \(32\)/);
  });

  it('reports YAML syntax errors with their position', () => {
    const e = errors(`machine: teaching-16\nsteps:\n  - read: { process: P, addr: 0x1000\n`);
    expect(e[0]).toMatch(/^bad\.yaml:\d+:\d+: error: YAML: /);
  });

  it('rejects a step with two operations, and says how to fix it', () => {
    const e = errors(`machine: teaching-16
steps:
  - read:
    process: P
`);
    expect(e[0]).toMatch(/3:5: error: step 1 has 2 keys \(read, process\)/);
  });

  it('checks addresses against the machine’s width', () => {
    const e = errors(`machine: teaching-16
steps:
  - spawn: P
  - read: { process: P, addr: 0x10000 }
`);
    expect(e[0]).toMatch(/outside the 16-bit address space/);
  });

  it('accepts JSON as well as YAML', () => {
    const r = loadScenario(JSON.stringify({ machine: 'sv39', steps: [{ spawn: 'P' }, { read: { process: 'P', addr: '0x10000' } }] }), 'x.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.scenario!.steps).toHaveLength(2);
    expect(r.scenario!.steps[1].args.addr).toBe(0x10000);
  });
});

describe('published JSON Schema', () => {
  it('docs/scenario.schema.json is up to date (run: pagewalk schema scenario > docs/scenario.schema.json)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/scenario.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });
});

describe('JSON documents', () => {
  it('are read with JSON.parse and still point at the exact line and column of a mistake', () => {
    const text = '{\n  "machine": "teaching-16",\n  "steps": [\n    {"spawn": "A"},\n    {"read": {"process": "A", "adr": 4096}}\n  ]\n}\n';
    const r = loadScenario(text, 'x.json');
    expect(r.scenario).toBeNull();
    const d = r.diagnostics.find((x) => x.message.includes('unknown key "adr"'))!;
    expect([d.line, d.col]).toEqual([5, 31]);
  });

  it('accept a reference string of a million pages', () => {
    const pages = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1000);
    const r = loadScenario(JSON.stringify({ machine: 'teaching-16', steps: [{ 'reference-string': { pages, frames: 64, policy: 'opt' } }] }), 'big.json');
    expect(r.diagnostics).toEqual([]);
    expect((r.scenario!.steps[0].args.pages as number[]).length).toBe(1_000_000);
  });

  it('refuse YAML past its limit with a hint to use JSON', () => {
    const r = loadScenario(`machine: teaching-16\nsteps:\n${'  - note: x\n'.repeat(200_000)}`, 'big.yaml');
    expect(r.diagnostics[0].message).toMatch(/file is too large/);
    expect(r.diagnostics[0].hint).toMatch(/as JSON/);
  });

  it('still take YAML flow style that is not strict JSON', () => {
    expect(loadScenario('{machine: teaching-16, steps: [{spawn: A}]}', 'flow.yaml').diagnostics).toEqual([]);
  });
});
