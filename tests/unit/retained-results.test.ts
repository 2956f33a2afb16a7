// A long interactive session keeps a bounded number of step results (the sandbox's
// ScenarioRun `retain`), while what the learner sees — the log of the last 300 results, a
// command's events, the machine after undo — is exactly what keeping every result gave.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo } from '../../core/api.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { SANDBOX_RETAINED_RESULTS, SandboxSession } from '../../core/scenario/sandbox.ts';
import { parseSandboxLine } from '../../core/scenario/command.ts';
import { PagewalkService } from '../../core/service.ts';

const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: false, canOpenFolders: false, notices: [] };

function service() {
  const data = new Map<string, unknown>();
  const storage = { read: async (k: string) => structuredClone(data.get(k)), write: async (k: string, v: unknown) => void data.set(k, structuredClone(v)) };
  return new PagewalkService(storage, { list: async () => [] }, { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => true });
}

/** The saved session run as `pagewalk run` runs it: every result kept. */
function replayAll(yaml: string): ScenarioRun {
  const loaded = loadScenario(yaml, 'saved.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const run = new ScenarioRun(loaded.scenario!, loaded.profile!);
  run.runAll();
  return run;
}

describe('results retained by an interactive session', () => {
  it('a run with retain keeps between retain and twice as many, numbered as if all were kept', () => {
    const loaded = loadScenario(JSON.stringify({ machine: 'teaching-16', steps: [{ spawn: 'A' }, { mmap: { process: 'A', length: 0x4000, addr: 0x4000 } }] }), 'r.json');
    const all = new ScenarioRun(loaded.scenario!, loaded.profile!);
    const kept = new ScenarioRun(loaded.scenario!, loaded.profile!, { retain: 50 });
    all.runAll();
    kept.runAll();
    for (let i = 0; i < 1234; i++) {
      const step = { op: i % 2 ? ('write' as const) : ('read' as const), args: { process: 'A', addr: 0x4000 + ((i * 7) % 4) * 0x1000, value: i & 0xff } };
      expect(kept.apply(step)).toEqual(all.apply(step));
      expect(kept.results.length).toBeLessThanOrEqual(100);
      expect(kept.results.length).toBeGreaterThanOrEqual(Math.min(50, kept.applied));
    }
    expect(kept.applied).toBe(all.results.length);
    expect(kept.resultsDropped + kept.results.length).toBe(kept.applied);
    expect(kept.results).toEqual(all.results.slice(kept.resultsDropped));
    expect(kept.results.at(-1)!.index).toBe(1235);
    expect(() => new ScenarioRun(loaded.scenario!, loaded.profile!, { retain: 0 })).toThrow(RangeError);
  });

  it('the sandbox stays bounded over thousands of steps and shows the same log, events and machine', async () => {
    const svc = service();
    const id = (await svc.openSandbox('x86-64')).sessionId;
    const lines = ['spawn A', 'spawn B', 'mmap A 0x10000 rw at=0x10000000', 'mmap B 0x10000 rw at=0x20000000'];
    // 3 × 2,000 steps in three commands, then single steps: past the retained count several times.
    for (let k = 0; k < 3; k++) lines.push(`repeat 1000 write A 0x1000${k}000 ${k + 1}; read B 0x2000${k}000`);
    for (let k = 0; k < 5; k++) lines.push(`read A 0x1000${k}008`);
    let lastEvents: unknown[] = [];
    for (const line of lines) {
      const out = await svc.sandboxCommand(id, line);
      expect(out.error, line).toBeNull();
      lastEvents = out.view.events;
      if (line.startsWith('repeat')) expect(out.view.events.length, line).toBeGreaterThan(2000);
    }
    const view = await svc.currentView(id);
    const all = replayAll(await svc.sandboxScenario(id));
    expect(all.results.length).toBe(4 + 6000 + 5);
    expect(view.log).toEqual(all.results.slice(-300));
    expect(view.log[0].index).toBe(all.results.length - 300);
    expect(lastEvents).toEqual(all.results.at(-1)!.events);
    expect(view.sandbox!.resultEnds.at(-1)).toBe(all.results.length);
    expect(JSON.stringify(view.snapshot)).toBe(JSON.stringify(all.snapshot()));

    // Undo back into the repeats, then a new command: still the log `pagewalk run` would give.
    const undone = await svc.sandboxGoTo(id, lines.length - 6);
    const shorter = replayAll(await svc.sandboxScenario(id));
    expect(undone.log).toEqual(shorter.results.slice(-300));
    const again = await svc.sandboxCommand(id, 'repeat 700 read A 0x10000000; write B 0x20000000 9');
    expect(again.error).toBeNull();
    const longer = replayAll(await svc.sandboxScenario(id));
    expect(again.view.log).toEqual(longer.results.slice(-300));
    expect(again.view.events).toEqual(longer.results.slice(-1400).flatMap((r) => r.events));
  });

  it('keeps at most twice SANDBOX_RETAINED_RESULTS results however long the session', () => {
    const box = new SandboxSession('teaching-16');
    const parse = (line: string) => {
      const p = parseSandboxLine(line);
      if (p.kind !== 'step') throw new Error(`not a step: ${line}`);
      return p.step;
    };
    for (const line of ['spawn A', 'mmap A 0x4000 rw at=0x4000']) expect(box.addStep(line, parse(line)).error).toBeNull();
    let most = 0;
    for (let k = 0; k < 4; k++) {
      const line = 'repeat 10000 write A 0x4000 1; read A 0x5000';
      expect(box.addStep(line, parse(line)).error).toBeNull();
      most = Math.max(most, box.run.results.length);
    }
    expect(box.run.applied).toBe(2 + 4 * 20_000);
    expect(most).toBeLessThanOrEqual(2 * SANDBOX_RETAINED_RESULTS);
    expect(box.run.results.at(-1)!.index).toBe(box.run.applied - 1);
  });
});
