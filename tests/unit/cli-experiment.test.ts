// `pagewalk experiment` as an instructor scripts it: every example document and every
// kind from the command line, CSV that a spreadsheet reads, errors with positions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentJsonSchema } from '../../core/experiments/schema.ts';
import { EXPERIMENT_KINDS } from '../../core/experiments/types.ts';

const BIN = join(__dirname, '..', '..', 'bin', 'pagewalk.mjs');
const EXAMPLES = join(__dirname, '..', '..', 'docs', 'examples', 'experiments');

function pagewalk(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const csvRows = (text: string) => text.trim().split('\n').map((l) => l.split(','));

describe('pagewalk experiment', () => {
  it('belady.yaml prints FIFO 9 faults at 3 frames and 10 at 4 as CSV', () => {
    const r = pagewalk('experiment', join(EXAMPLES, 'belady.yaml'), '--csv');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [head, ...rows] = csvRows(r.out);
    expect(head.slice(0, 4)).toEqual(['policy', 'frames', 'faults', 'hits']);
    expect(rows).toHaveLength(14);
    expect(rows.find((x) => x[0] === 'fifo' && x[1] === '3')?.slice(2, 4)).toEqual(['9', '3']);
    expect(rows.find((x) => x[0] === 'fifo' && x[1] === '4')?.slice(2, 4)).toEqual(['10', '2']);
    expect(rows.filter((x) => x[0] === 'lru').map((x) => x[2])).toEqual(['12', '12', '10', '8', '5', '5', '5']);
  });

  it('runs one example document per kind, each printing a table, a plot and notes', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    const kinds = new Set<string>();
    for (const f of files) {
      const doc = readFileSync(join(EXAMPLES, f), 'utf8');
      kinds.add(/^kind: (\S+)/m.exec(doc)![1]);
      const r = pagewalk('experiment', join(EXAMPLES, f));
      expect(r.err, f).toBe('');
      expect(r.code, f).toBe(0);
      expect(r.out, f).toMatch(/\n\s*\S+ \|/); // the plot's y axis
      expect(r.out, f).toContain('   * = several');
    }
    expect([...kinds].sort()).toEqual([...EXPERIMENT_KINDS].sort());
  }, 120_000);

  it('prints CSV for every kind from the command line, with the parameters as options', () => {
    const cases: [string, string[], string][] = [
      ['replacement', ['--trace', '1,2,3,4,1,2,5,1,2,3,4,5', '--policies', 'fifo', '--frames', '3..4'], 'fifo,3,9,3'],
      ['working-set', ['--generate', 'loop', '--length', '800', '--pages', '8', '--policies', 'lru', '--frames', '7,8'], 'lru,8,8,792'],
      ['tlb', ['--pattern', 'loop', '--pages', '64', '--accesses', '1024', '--entries', '32..64x2', '--ways', 'full'], 'fully associative,64,256,1024,960,64'],
      ['page-tables', ['--machines', 'x86-32', '--layouts', 'sparse', '--pages', '1,2'], 'x86-32,sparse,x86-32 sparse,2,'],
      ['numa', ['--threads', '2', '--passes', '1', '--policies', 'interleave'], 'interleave,1,0.5,'],
      ['fork', ['--pages', '16', '--written', '0..1+0.5'], '0.5,8,8,'],
    ];
    for (const [kind, args, line] of cases) {
      const r = pagewalk('experiment', kind, ...args, '--csv');
      expect(r.err, kind).toBe('');
      expect(r.code, kind).toBe(0);
      expect(r.out.split('\n').some((l) => l.startsWith(line)), `${kind}: ${r.out}`).toBe(true);
    }
  }, 120_000);

  it('prints JSON with the columns, the plot and the notes', () => {
    const r = pagewalk('experiment', 'replacement', '--frames', '3,4', '--policies', 'fifo', '--json');
    const t = JSON.parse(r.out);
    expect(t.columns.map((c: { key: string }) => c.key).slice(0, 4)).toEqual(['policy', 'frames', 'faults', 'hits']);
    expect(t.plot).toMatchObject({ x: 'frames', series: 'policy' });
    expect(t.notes[0]).toContain("Belady's anomaly");
    expect(t.spec.trace).toEqual([1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]);
  });

  it('is deterministic: the same document gives the same bytes', () => {
    const f = join(EXAMPLES, 'replacement-zipf.yaml');
    expect(pagewalk('experiment', f, '--csv').out).toBe(pagewalk('experiment', f, '--csv').out);
  }, 60_000);

  it('reports mistakes in a document as FILE:LINE:COL and runs nothing (exit 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-exp-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'kind: replacement\npolicies: [fifo, lur]\nframs: 3\n');
    const r = pagewalk('experiment', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${file}:2:18: error: policies[1]: must be one of`);
    expect(r.err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: error: unknown key "frams".*did you mean "frames"`));
  });

  it('says what is wrong with options, with the usage (exit 2)', () => {
    for (const [args, says] of [
      [['replacement', '--frams', '3'], 'replacement has no parameter --frams'],
      [['tlb', '--pattern', 'diagonal'], '--pattern diagonal: must be one of stride'],
      [['nosuch'], 'nosuch: no such file (nor an experiment kind'],
      [['replacement', '--csv', '--json'], 'give --csv or --json, not both'],
      [['replacement', '--frames', '9..2'], 'frames: "to" (2) is below "from" (9)'],
    ] as const) {
      const r = pagewalk('experiment', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(says);
      expect(r.err).not.toMatch(/at \S+\.ts:\d+/);
    }
  });

  it('publishes the JSON Schema (regenerate: pagewalk schema experiment > docs/experiment.schema.json)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'experiment.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(experimentJsonSchema())));
    expect(pagewalk('schema', 'experiment').out).toContain('"$id": "https://pagewalk.invalid/experiment.schema.json"');
  });
});
