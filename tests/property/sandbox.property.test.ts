// Every saved sandbox session replays to the same state: random sessions of typed commands
// (undo and redo, refused and mistaken commands included) → "Save as scenario" YAML →
// loaded and run as `pagewalk run` does → the same final snapshot as the sandbox shows.
// The same session, reopened from storage (a reload), is the same machine too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo } from '../../core/api.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { PagewalkService } from '../../core/service.ts';
import { BUILTIN_PROFILES } from '../../core/sim/profile.ts';

const MACHINES = ['teaching-16', 'tiny-2level', 'x86-32', 'sv39', 'x86-64', 'numa-2node'] as const;
const NAMES = ['A', 'B', 'C', 'T'];

function memoryStorage() {
  const data = new Map<string, unknown>();
  return { read: async (k: string) => structuredClone(data.get(k)), write: async (k: string, v: unknown) => void data.set(k, structuredClone(v)) };
}

const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: false, canOpenFolders: false, notices: [] };
const newService = (storage: ReturnType<typeof memoryStorage>) => new PagewalkService(storage, { list: async () => [] }, { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => true });

/** Addresses worth typing on this machine: the start of every standard area, the mmap region, a page past each. */
function addresses(machine: (typeof MACHINES)[number]): string[] {
  const p = BUILTIN_PROFILES[machine];
  const L = p.layout;
  const ps = 2 ** p.pageBits;
  const code = L.codeBase;
  const data = code + L.codePages * ps;
  const heap = data + L.dataPages * ps;
  const stack = L.stackTop - ps;
  const mmap = L.mmapTop - 4 * ps;
  return [code, data, heap, heap + ps, stack, mmap, mmap + ps].map((a) => '0x' + a.toString(16));
}

function commands(machine: (typeof MACHINES)[number]): fc.Arbitrary<string[]> {
  const ps = 2 ** BUILTIN_PROFILES[machine].pageBits;
  // Mostly the processes that the session starts with, so that most commands run.
  const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('A', 'B') }, { weight: 1, arbitrary: fc.constantFrom(...NAMES) });
  const addr = fc.constantFrom(...addresses(machine));
  const value = fc.integer({ min: 0, max: 255 });
  const line = fc.oneof(
    { weight: 4, arbitrary: name.map((n) => `spawn ${n}`) },
    { weight: 3, arbitrary: fc.tuple(name, name).map(([a, b]) => `fork ${a} ${b}`) },
    { weight: 6, arbitrary: fc.tuple(name, addr, value).map(([n, a, v]) => `write ${n} ${a} ${v}`) },
    { weight: 4, arbitrary: fc.tuple(name, addr).map(([n, a]) => `read ${n} ${a}`) },
    { weight: 2, arbitrary: fc.tuple(name, addr, fc.integer({ min: 1, max: 4 })).map(([n, a, k]) => `write ${n} ${a} 9 pages=${k}`) },
    { weight: 1, arbitrary: fc.tuple(name, addr).map(([n, a]) => `read ${n} ${a}..0x${(Number(a) + 2 * ps).toString(16)}`) },
    { weight: 1, arbitrary: name.map((n) => `exit ${n}`) },
    { weight: 1, arbitrary: fc.tuple(name, name).map(([p, t]) => `thread ${p} ${t}`) },
    { weight: 2, arbitrary: fc.tuple(name, fc.constantFrom('rw', 'r', 'rw shared')).map(([n, f]) => `mmap ${n} ${ps * 2} ${f}`) },
    { weight: 1, arbitrary: fc.tuple(name, addr).map(([n, a]) => `munmap ${n} ${a} ${ps}`) },
    { weight: 1, arbitrary: fc.constantFrom('file notes.txt 8192 hello', 'file data.bin 100') },
    { weight: 1, arbitrary: fc.tuple(name, fc.constantFrom('notes.txt', 'data.bin', 'A', 'nope'), fc.boolean()).map(([n, f, s]) => `mmap ${n} ${ps} r${s ? 'w shared' : ''} file=${f}`) },
    { weight: 1, arbitrary: fc.constantFrom('shm-create buf 8192', 'shm-unlink buf') },
    { weight: 1, arbitrary: name.map((n) => `shm-map ${n} buf`) },
    { weight: 1, arbitrary: fc.tuple(name).map(([n]) => `brk ${n} +${ps}`) },
    { weight: 1, arbitrary: fc.constantFrom('kernel-option zero-page on', 'kernel-option zero-page off', 'report', 'report A smaps', 'flush') },
    { weight: 1, arbitrary: fc.tuple(name, addr, fc.integer({ min: 1, max: 3 })).map(([n, a, k]) => `repeat ${k} write ${n} ${a} 1; read ${n} ${a}`) },
    { weight: 1, arbitrary: fc.tuple(name, addr).map(([n, a]) => `translate ${n} ${a}`) },
    { weight: 3, arbitrary: fc.constantFrom('undo', 'redo') },
    { weight: 1, arbitrary: fc.constantFrom('frok A B', 'write A', 'mmap A 4096 wat') },
  );
  return fc.array(line, { minLength: 4, maxLength: 30, size: 'max' }).map((rest) => ['spawn A', ...rest]);
}

const sessions = fc.constantFrom(...MACHINES).chain((machine) => fc.tuple(fc.constant(machine), commands(machine)));

describe('saved sandbox sessions', () => {
  it('replay with `pagewalk run` to the machine the sandbox shows, and reopen to it after a reload', async () => {
    await fc.assert(
      fc.asyncProperty(sessions, async ([machine, lines]) => {
        const storage = memoryStorage();
        const svc = newService(storage);
        const id = (await svc.openSandbox(machine)).sessionId;
        for (const line of lines) await svc.sandboxCommand(id, line);
        const live = await svc.currentView(id);
        const yaml = await svc.sandboxScenario(id);

        const loaded = loadScenario(yaml, 'sandbox-session.yaml');
        expect(loaded.diagnostics.filter((d) => d.severity === 'error'), yaml).toEqual([]);
        const run = new ScenarioRun(loaded.scenario!, loaded.profile!);
        run.runAll();
        expect(run.results.filter((r) => r.error).map((r) => r.summary), yaml).toEqual([]);
        expect(JSON.stringify(run.snapshot()), yaml).toBe(JSON.stringify(live.snapshot));
        expect(yaml).not.toMatch(/addr: [1-9]\d*\n/);

        if (process.env.SBX_RUNS) console.log("applied", live.sandbox!.position, "of", lines.length, "steps", live.log.length);
        const reopened = await newService(storage).openSandbox(null);
        expect(reopened.sandbox!.problem).toBeNull();
        expect(reopened.sandbox!.position).toBe(live.sandbox!.position);
        expect(JSON.stringify(reopened.snapshot)).toBe(JSON.stringify(live.snapshot));
      }),
      { numRuns: Number(process.env.SBX_RUNS ?? 120), seed: process.env.SBX_RUNS ? undefined : 15 },
    );
  }, 120_000);
});
