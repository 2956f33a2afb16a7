// Issue 12, finding 3: every step and every document has a work budget. Inputs that
// would otherwise run for minutes (or run out of memory) end with an error naming the step
// and the limit, in the scenario runner, the lesson player and `pagewalk validate` alike.
// How fast they end is not asserted here (a busy machine would make that flaky): the tests
// that once ran for minutes or hours get a generous timeout, so a lost budget still fails.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../core/diag.ts';
import { validatePack } from '../../core/lessons/validate.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { WORK_LIMITS, WorkMeter, WorkLimitError } from '../../core/sim/budget.ts';
import { lesson, packOf } from '../fixtures/packs/helpers.ts';

function scenario(steps: unknown[], machine = 'teaching-16', limits = WORK_LIMITS, repeat = 1) {
  const loaded = loadScenario(JSON.stringify({ machine, seed: 1, steps }), 'budget.json');
  if (!loaded.scenario) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  // A long document would be over the loader's size limit: its checked steps are repeated instead.
  const checked = Array.from({ length: repeat }, () => loaded.scenario!.steps).flat();
  return new ScenarioRun({ ...loaded.scenario, steps: checked }, loaded.profile!, { limits });
}

/** A test whose input ran for minutes before the budgets; far more than it needs now. */
const RUNAWAY = 60_000;

const pages = (n: number, distinct: number) => Array.from({ length: n }, (_, i) => (i * 7919) % distinct);

describe('the work meter', () => {
  it('counts per step and per document, and names the limit it stops at', () => {
    const meter = new WorkMeter({ ...WORK_LIMITS, step: { ...WORK_LIMITS.step, references: 10 }, document: { ...WORK_LIMITS.document, references: 25 } });
    meter.spend('references', 10);
    expect(() => meter.spend('references')).toThrow(/more than 10 memory references, the most one step may use/);
    meter.beginStep();
    meter.spend('references', 10);
    meter.beginStep();
    const e = (() => {
      try {
        meter.spend('references', 6);
      } catch (x) {
        return x as WorkLimitError;
      }
    })();
    expect(e).toBeInstanceOf(WorkLimitError);
    expect([e!.kind, e!.scope, e!.limit]).toEqual(['references', 'document', 25]);
    expect(e!.message).toMatch(/more than 25 memory references in all/);
  });
});

describe('reference strings', () => {
  it('a 100,000-reference CLOCK string over 1,024 frames (a 1.7 GB table before) is refused at once', () => {
    const run = scenario([{ 'reference-string': { pages: pages(100_000, 5000), frames: 1024, policy: 'clock' } }]);
    run.runAll();
    const r = run.results[0];
    expect(r.error).toMatch(/102,400,000 entries; the most one step may make is 4,000,000/);
    expect(r.overBudget).toEqual({ kind: 'references', scope: 'step', limit: 4_000_000 });
  }, RUNAWAY);

  it('a lesson of many long strings stops at the document budget, naming it', () => {
    // The budget is lowered so the test does not have to run ten long strings before it is reached.
    const limits = { ...WORK_LIMITS, document: { ...WORK_LIMITS.document, references: 25_000 } };
    const run = scenario([{ 'reference-string': { pages: pages(10_000, 50), frames: 4, policy: 'fifo' } }], 'teaching-16', limits, 6);
    run.runAll();
    const failed = run.results.findIndex((r) => r.error);
    expect(failed).toBe(2);
    expect(run.results[failed].error).toMatch(/more than 25,000 memory references in all, the most one lesson or scenario may use/);
    expect(run.results.slice(2).every((r) => r.overBudget?.scope === 'document')).toBe(true);
  });
});

describe('threads and events', () => {
  it('a document that starts thousands of threads stops at the thread budget', () => {
    const steps: unknown[] = [{ spawn: { name: 'P' } }];
    for (let i = 0; i < 1100; i++) steps.push({ thread: { process: 'P', name: `T${i}` } });
    const run = scenario(steps, 'x86-64');
    run.runAll();
    // The first 1,024 threads are real work within the budget; every one after is refused at once.
    const first = run.results.find((r) => r.overBudget);
    expect(first?.index).toBe(1024);
    expect(first?.error).toMatch(/more than 1,024 new threads in all/);
    expect(run.results.slice(1025).every((r) => r.overBudget?.kind === 'threads')).toBe(true);
  });

  it('a step that records more events than its budget fails instead of growing the trace', () => {
    const steps = [{ spawn: { name: 'P', layout: 'empty' } }, { map: { process: 'P', addr: 0x1000, pages: 8 } }];
    const free = scenario(steps);
    free.runAll();
    const [spawned, mapped] = free.results.map((r) => r.events.length);
    expect(mapped).toBeGreaterThan(spawned);
    const run = scenario(steps, 'teaching-16', { ...WORK_LIMITS, step: { ...WORK_LIMITS.step, events: spawned } });
    run.runAll();
    expect(run.results[0].error).toBeNull();
    expect(run.results[1].overBudget?.kind).toBe('events');
    expect(run.results[1].error).toMatch(new RegExp(`more than ${spawned} trace events, the most one step may use`));
  });
});

describe('pagewalk validate', () => {
  it('reports an over-budget lesson step as an error at its line, quickly', () => {
    // 30,000 references over 200 frames: before the budget, OPT alone took minutes on this.
    const long = pages(30_000, 3000);
    const files = packOf({ 'one.yaml': lesson(`  - title: Too much\n    run:\n      - reference-string: { pages: [${long.join(',')}], frames: 200, policy: opt }\n`) });
    const value = validatePack(files, { instances: 5 });
    const errors = value.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(formatDiagnostic(errors[0])).toMatch(/^lessons\/one\.yaml:9:9: error: step 1 \("Too much"\), run item 1 \(reference-string\) is over its work budget: .*6,000,000 entries/);
    expect(value.pack).toBeNull();
  }, RUNAWAY);
});

describe('the kernel on huge mappings', () => {
  // A 2^44-byte mapping is 2^32 pages of 4 KiB: walking it page by page took hours.
  const HUGE = 2 ** 44;
  const steps = [
    { spawn: { name: 'P' } },
    { mmap: { process: 'P', length: HUGE, addr: 2 ** 40, name: 'big' } },
    { write: { process: 'P', addr: 2 ** 40 + 5, value: 1 } },
    { write: { process: 'P', addr: 2 ** 40 + HUGE - 4096, value: 2 } },
    { fork: { parent: 'P', child: 'C' } },
    { mprotect: { process: 'P', area: 'big', perms: 'r' } },
    { brk: { process: 'C', grow: 4096 } },
    { munmap: { process: 'C', area: 'big' } },
    { exit: { process: 'P' } },
  ];

  it('fork, mprotect, munmap and exit cost what is mapped, not the size of the range', () => {
    const run = scenario(steps, 'x86-64');
    run.runAll();
    expect(run.results.map((r) => r.error)).toEqual(steps.map(() => null));
    expect(run.results[5].summary).toMatch(/2 resident pages updated/);
    expect(run.results[7].summary).toMatch(/\(4,?294,?967,?296 pages\)|\(4294967296 pages\)/);
  }, RUNAWAY);

  it('a step that would handle more pages than its budget fails, naming the limit', () => {
    const limits = { ...WORK_LIMITS, step: { ...WORK_LIMITS.step, pages: 150 } };
    const run = scenario(
      [{ spawn: { name: 'P', layout: 'empty' } }, { map: { process: 'P', addr: 0x100000, pages: 100 } }, { map: { process: 'P', addr: 0x100000 + 100 * 4096, pages: 100 } }, { munmap: { process: 'P', addr: 0x100000, length: 200 * 4096 } }],
      'x86-64',
      limits,
    );
    run.runAll();
    expect(run.results.slice(0, 3).map((r) => r.error)).toEqual([null, null, null]);
    expect(run.results[3].overBudget).toEqual({ kind: 'pages', scope: 'step', limit: 150 });
    expect(run.results[3].error).toMatch(/more than 150 pages handled by the kernel, the most one step may use/);
  });
});
