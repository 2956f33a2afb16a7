// The OSTEP homework reproduced number for number: each fixture is the verbatim output of
// the unmodified paging-policy.py (tests/fixtures/ostep/make-fixtures.sh lists the
// commands), and `pagewalk refstring --ostep` given the same arguments must print the
// same trace lines and final statistics.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ostep } from '../../core/cli/ostep.ts';
import { refstring } from '../../core/cli/refstring.ts';
import { printed } from '../helpers/printed.ts';
import { linearInstance, linearScenario, multilevelInstance, multilevelScenario, solveMultilevel } from '../../core/scenario/ostep-homework.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { PythonRandom } from '../../core/sim/mt19937.ts';
import { ostepReferenceString, parseReferenceString } from '../../core/sim/reference-input.ts';
import { referenceSteps, runReferenceString } from '../../core/sim/replacement.ts';

const FIXTURES = join(__dirname, '..', 'fixtures', 'ostep');

function runCli(args: string[], cmd = refstring): string {
  let status = -1;
  const { out } = printed(() => (status = cmd.run(args)));
  expect(status).toBe(0);
  return out;
}

const traceLines = (text: string) => text.split('\n').filter((l) => l.startsWith('Access:') || l.startsWith('FINALSTATS'));

afterEach(() => vi.restoreAllMocks());

describe('paging-policy.py, reproduced', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.startsWith('paging-policy-') && f.endsWith('.txt'));
  it('has fixtures for every homework policy', () => {
    const policies = new Set(files.map((f) => f.split('-')[2]));
    expect([...policies].sort()).toEqual(['CLOCK', 'FIFO', 'LRU', 'MRU', 'OPT', 'RAND', 'UNOPT']);
  });
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(join(FIXTURES, f), 'utf8');
      const command = text.split('\n')[0];
      const args = command.replace(/^# python3 \S+paging-policy\.py /, '').split(' ');
      const want = traceLines(text);
      expect(want.length).toBeGreaterThan(10);
      expect(traceLines(runCli(['--ostep', ...args]))).toEqual(want);
    });
  }
});

describe('the homework’s building blocks', () => {
  it('draws the homework’s random reference string from the seed (-s 0 -n 10 -m 10)', () => {
    // paging-policy.py -s 0 -n 10 -m 10 prints "Access: 8", "Access: 7", "Access: 4", …
    const text = readFileSync(join(FIXTURES, 'paging-policy-FIFO-s0.txt'), 'utf8');
    const pages = text.split('\n').filter((l) => l.startsWith('Access:')).map((l) => Number(l.split(/\s+/)[1]));
    expect(Array.from(ostepReferenceString(30, 8, new PythonRandom(0)))).toEqual(pages);
  });

  it('breaks OPT ties among pages never used again by slot, or as the homework does', () => {
    // After 4, 5, 6 are loaded into 3 frames and none is used again, a 7 must evict one.
    const pages = [4, 5, 6, 7];
    const bySlot = runReferenceString(pages, 3, 'opt');
    const homework = runReferenceString(pages, 3, 'opt', { optTies: 'ostep' });
    expect(referenceSteps(bySlot)[3].evicted).toBe(4); // lowest slot
    expect(referenceSteps(homework)[3].evicted).toBe(6); // the most recently loaded
    expect(referenceSteps(runReferenceString(pages, 3, 'unopt', { optTies: 'ostep' }))[3].evicted).toBe(4); // UNOPT: the earliest loaded
  });

  it('UNOPT evicts the page used soonest', () => {
    const r = referenceSteps(runReferenceString([1, 2, 3, 1, 2, 3], 2, 'unopt'));
    expect(r[2].evicted).toBe(1);
    expect(r.map((s) => s.evicted)).toEqual([null, null, 1, 2, 3, 2]); // every reference faults; at the end 1 and 2 tie (never used again): the lowest slot goes
  });

  it('reads the homework’s one-per-line files and comma lists, and points at a bad token', () => {
    expect(Array.from(parseReferenceString('3\n1\r\n4\n'))).toEqual([3, 1, 4]);
    expect(Array.from(parseReferenceString('1,2, 3 4'))).toEqual([1, 2, 3, 4]);
    expect(() => parseReferenceString('1\n2\n3x\n')).toThrow(/"3x" is not a page number/);
    try {
      parseReferenceString('1\n2\n 3x\n');
    } catch (e) {
      expect(e).toMatchObject({ line: 3, col: 2 });
    }
    expect(() => parseReferenceString('1,2,3', 2)).toThrow(/more than 2 references/);
  });

  it('refuses a reference that is not a page number, whichever array holds the string', () => {
    expect(() => runReferenceString(Int32Array.of(4, -1, 2), 2, 'fifo')).toThrow('reference 2: "-1" is not a page number (0..2147483647)');
    expect(() => runReferenceString([4, 2, 1.5], 2, 'fifo')).toThrow('reference 3: "1.5" is not a page number');
    expect(() => runReferenceString([4, 2 ** 31], 2, 'lru')).toThrow('reference 2: "2147483648" is not a page number');
    // a parsed string is the history's page column as it is, and stays unchanged by the run
    const parsed = parseReferenceString('7,1,7,3,1');
    const r = runReferenceString(parsed, 2, 'lru');
    expect(Array.from(r.history!.pages)).toEqual([7, 1, 7, 3, 1]);
    expect(Array.from(parsed)).toEqual([7, 1, 7, 3, 1]);
  });

  it('lists the resident set in the homework’s order besides the slot order', () => {
    const [, , , , last] = referenceSteps(runReferenceString([1, 2, 3, 1, 4], 3, 'lru'));
    expect(last.frames).toEqual([1, 4, 3]); // slot order, as textbook tables draw it
    expect(last.resident).toEqual([3, 1, 4]); // least to most recently used, as paging-policy.py prints it
  });
});

describe('paging-linear-translate.py and paging-multilevel-translate.py, reproduced', () => {
  const files = readdirSync(FIXTURES).filter((f) => /^paging-(linear|multilevel)-/.test(f) && f.endsWith('.txt'));
  it('has fixtures for both generators, with and without answers', () => {
    expect(files.filter((f) => f.includes('linear')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((f) => f.includes('multilevel')).length).toBeGreaterThanOrEqual(3);
  });
  for (const f of files) {
    it(`${f}: the same page table or dump, addresses and answers, line for line`, () => {
      const [command, ...rest] = readFileSync(join(FIXTURES, f), 'utf8').split('\n');
      const which = f.includes('linear') ? 'linear' : 'multilevel';
      const args = command.replace(/^# python3 \S+\.py /, '').split(' ');
      expect(runCli([which, ...args], ostep)).toBe(rest.join('\n'));
    });
  }

  it('poses the linear problem as a scenario whose translate steps the simulator answers', () => {
    const inst = linearInstance({ seed: 1, asize: 16384, psize: 65536, pagesize: 4096, num: 5, used: 50, addresses: null });
    // The homework's table for seed 1: only page 1 is valid, in frame 12.
    expect(inst.table).toEqual([-1, 12, -1, -1]);
    const { scenario, profile, diagnostics } = loadScenario(JSON.stringify(linearScenario(inst)), 'l.json');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const run = new ScenarioRun(scenario!, profile!);
    run.runAll();
    expect(run.results.map((r) => r.translate?.pa ?? null)).toEqual([0xccc4, null, null, null, null]);
  });

  it('poses the two-level problem on the tiny-2level machine, and faults where the homework does', () => {
    const inst = multilevelInstance(0, 64, 10);
    expect(inst.pdbr).toBe(108);
    expect(multilevelScenario(inst).machine).toBe('tiny-2level');
    const answers = solveMultilevel(inst);
    expect(answers.map((a) => (a.pa === null ? `fault@${a.faultLevel}` : 'ok'))).toContain('ok');
    expect(answers.every((a) => a.walk.length === (a.faultLevel === 0 ? 1 : 2))).toBe(true);
  });

  it('refuses what the homework refuses, with a plain message', () => {
    expect(() => linearInstance({ seed: 0, asize: 65536, psize: 16384, pagesize: 4096, num: 5, used: 50, addresses: null })).toThrow(/bigger than the address space/);
    expect(() => linearInstance({ seed: 0, asize: 16384, psize: 65536, pagesize: 4096, num: 5, used: 50, addresses: [20000] })).toThrow(/outside the 16384-byte address space/);
    expect(() => multilevelInstance(0, 200, 1)).toThrow(/physical memory \(128 pages\) is full/);
  });
});
