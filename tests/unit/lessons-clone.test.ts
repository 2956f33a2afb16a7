import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneRun } from '../../core/lessons/clone.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { DenseMemory } from '../../core/sim/memory.ts';
import { BUILTIN_PROFILES } from '../../core/sim/profile.ts';

/** Random scenarios over the standard layout: accesses, fork, exit, mmap, flushes. */
function scenarioText(machine: string, ops: number[][], policy: string): string {
  const p = BUILTIN_PROFILES[machine];
  const ps = 2 ** p.pageBits;
  const L = p.layout;
  const pages = [L.codeBase, L.codeBase + L.codePages * ps, L.codeBase + (L.codePages + L.dataPages) * ps, L.stackTop - ps, L.stackTop - 2 * ps];
  const steps = ['- spawn: P', '- spawn: Q'];
  let children = 0;
  for (const [kind, a, b] of ops) {
    const who = ['P', 'Q', ...Array.from({ length: children }, (_, i) => `C${i}`)][a % (2 + children)];
    const addr = '0x' + (pages[b % pages.length] + (b * 4) % ps).toString(16);
    if (kind < 5) steps.push(`- ${kind % 2 ? 'write' : 'read'}: { process: ${who}, addr: ${addr}${kind % 2 ? `, value: ${b % 256}` : ''} }`);
    else if (kind === 5 && children < 3) steps.push(`- fork: { parent: ${who}, child: C${children++} }`);
    else if (kind === 6) steps.push('- tlb-flush:');
    else steps.push(`- translate: { process: ${who}, addr: ${addr} }`);
  }
  return `machine: ${machine}\nseed: 3\nkernel: { replacement: ${policy}, swapSlots: 8 }\nsteps:\n${steps.map((s) => '  ' + s).join('\n')}\n`;
}

describe('copies of a running machine behave exactly like a replay', () => {
  it('gives the same events and snapshots as replaying, for random scenarios and copy points', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('teaching-16', 'tiny-2level', 'x86-32', 'sv39', 'numa-2node'),
        fc.array(fc.tuple(fc.nat(7), fc.nat(20), fc.nat(40)), { minLength: 2, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom('lru', 'fifo', 'opt', 'clock', 'random'),
        (machine, ops, cut, policy) => {
          const loaded = loadScenario(scenarioText(machine, ops, policy));
          expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const { scenario, profile } = loaded;
          const reference = new ScenarioRun(scenario!, profile!);
          reference.runAll();
          const half = new ScenarioRun(scenario!, profile!);
          const at = cut % (scenario!.steps.length + 1);
          while (half.position < at) half.next();
          const before = JSON.stringify(half.snapshot());
          const copy = cloneRun(half);
          // A recycled copy (memory lent by an earlier copy that ran ahead) must behave the same.
          const spare = cloneRun(half);
          spare.runAll();
          const recycled = cloneRun(half, spare);
          copy.runAll();
          recycled.runAll();
          for (const c of [copy, recycled]) {
            expect(JSON.stringify(c.results)).toBe(JSON.stringify(reference.results));
            expect(JSON.stringify(c.snapshot())).toBe(JSON.stringify(reference.snapshot()));
          }
          // The original is untouched by what its copies did.
          expect(JSON.stringify(half.snapshot())).toBe(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds no frame record anywhere in a machine but in its frames list (copies rely on it for free frames)', () => {
    // Every object reachable from the run, the frames list itself excluded: none may be a
    // free frame's record or its mappings array, which cloneRun copies without memo entries.
    fc.assert(
      fc.property(
        fc.constantFrom('teaching-16', 'tiny-2level', 'x86-32', 'sv39', 'numa-2node'),
        fc.array(fc.tuple(fc.nat(7), fc.nat(20), fc.nat(40)), { minLength: 2, maxLength: 30, size: 'max' }),
        fc.constantFrom('lru', 'fifo', 'opt', 'clock', 'random'),
        (machine, ops, policy) => {
          const loaded = loadScenario(scenarioText(machine, ops, policy));
          const run = new ScenarioRun(loaded.scenario!, loaded.profile!);
          for (const r of [run, cloneRun(run)]) {
            while (r.position < r.scenario.steps.length) {
              r.next();
              const mem = r.machine.mem as DenseMemory;
              const free = new Set<unknown>();
              for (const f of mem.frames) if (f.kind === 'free' && f.file === null && f.mappings.length === 0) free.add(f).add(f.mappings);
              const seen = new Set<unknown>([mem.frames]);
              const stack: unknown[] = [r];
              while (stack.length) {
                const v = stack.pop();
                if (v === null || typeof v !== 'object' || seen.has(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
                seen.add(v);
                expect(free.has(v)).toBe(false);
                if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
                else if (v instanceof Set) for (const x of v) stack.push(x);
                else for (const x of Object.values(v)) stack.push(x);
              }
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps views that share a buffer sharing one in the copy, and copies every typed array', () => {
    const loaded = loadScenario(scenarioText('teaching-16', [[1, 0, 1], [1, 1, 2], [0, 0, 3]], 'lru'));
    const run = new ScenarioRun(loaded.scenario!, loaded.profile!);
    run.runAll();
    for (const copy of [cloneRun(run), cloneRun(run, cloneRun(run))]) {
      const mem = copy.machine.mem as DenseMemory;
      const original = run.machine.mem as DenseMemory;
      // Physical memory is one buffer seen as bytes, words and a DataView, in the copy too.
      expect(mem.words.buffer).toBe(mem.bytes.buffer);
      expect(mem.view.buffer).toBe(mem.bytes.buffer);
      expect(mem.bytes.buffer).not.toBe(original.bytes.buffer);
      mem.bytes[0x41] = 0x5a;
      expect(mem.view.getUint8(0x41)).toBe(0x5a);
      expect(original.bytes[0x41]).not.toBe(0x5a);
      // The TLBs' typed arrays (small ones included) are copies with the same contents.
      const [tlb, tlbCopy] = [run.machine.cpus[0].tlb, copy.machine.cpus[0].tlb] as unknown as Record<string, unknown>[];
      const arrays = Object.keys(tlb).filter((k) => ArrayBuffer.isView(tlb[k]));
      expect(arrays.length).toBeGreaterThan(0);
      for (const k of arrays) {
        expect(tlbCopy[k]).not.toBe(tlb[k]);
        expect(tlbCopy[k]).toEqual(tlb[k]);
      }
    }
  });
});
