import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../core/cli/main.ts';
import { unpackArchive } from '../../core/lessons/archive.ts';
import { validatePack } from '../../core/lessons/validate.ts';
import { EXAMPLE_PACK, FAILING_PARAMS_QUIZ, lesson, packOf, readFolder, show } from '../fixtures/packs/helpers.ts';

const SETUP = `  - title: Start
    run:
      - spawn: { name: A, layout: empty }
      - spawn: { name: B, layout: empty }
      - map: { process: A, addr: 0x1000, frame: 8 }
      - map: { process: B, addr: 0x1000, frame: 10 }
`;

function validate(quiz: string, instances = 50): string {
  const r = validatePack(packOf({ 'a.yaml': lesson(`${SETUP}    quiz:\n${quiz}`) }), { instances });
  return show(r.diagnostics);
}

describe('every quiz is tried on many random instances', () => {
  it('accepts the example pack and the generated benchmark lessons', () => {
    expect(show(validatePack(readFolder(EXAMPLE_PACK)).diagnostics)).toBe('');
  });

  it('finds options of which two are right, or none', () => {
    const m = validate(`      id: q
      kind: choice
      options: [8, "0x8", 10]
      prompt: Which frame?
      observe: { what: frame, access: { process: A, addr: 0x1000 } }
`);
    expect(m).toMatch(/lessons\/a\.yaml:14:7: error: quiz "q" \(50 of 50 instances, e\.g\. instance 0\): 2 options are right \("frame 8", "frame 8"\)/);
    expect(m).toMatch(/option "frame 8" appears twice/);
    const none = validate(`      id: q
      kind: choice
      options: [8, 12]
      params:
        who: { choice: [A, B] }
      prompt: "Which frame does {{who}} use?"
      observe: { what: frame, access: { process: "{{who}}", addr: 0x1000 } }
`);
    expect(none).toMatch(/error: quiz "q" \(\d+ of 50 instances, e\.g\. instance \d+ \(who=B\)\): none of the options is right: the machine gives frame 10|none of the options is right: the machine gives 10/);
  });

  it('finds instances with no answer, naming their parameters', () => {
    const m = validate(`      id: q
      kind: address
      params:
        page: { choice: [0x1000, 0x5000] }
      prompt: "A reads {{hex page}}"
      observe: { what: physical-address, access: { process: A, addr: "{{hex page}}" } }
      explanation: "{{pa}}"
`);
    expect(m).toMatch(/error: quiz "q" \(\d+ of 50 instances, e\.g\. instance \d+ \(page=0x5000\)\): no answer: the access reaches no physical address \(segmentation fault: no memory area contains 0x5000\)/);
  });

  it('finds setup steps and templated values that fail for some parameters', () => {
    const m = validate(FAILING_PARAMS_QUIZ);
    expect(m).toMatch(/lessons\/a\.yaml:20:11: error: quiz "q" \(\d+ of 50 instances, e\.g\. instance \d+ \(f=2, op=read\)\): setup step 1 \(map\) failed: frame 2 is not free \(it holds a page table\)/);
    expect(m).toMatch(/lessons\/a\.yaml:22:77: error: quiz "q" \(\d+ of 50 instances, e\.g\. instance \d+ \(f=\d+, op=jump\)\): op must be read, write or fetch \(got "jump"\)/);
  });

  it('warns when the parameters never change the answer, and when distractors run out', () => {
    const m = validate(`      id: q
      kind: choice
      distractors: 3
      params:
        off: { range: [0, 0xfff] }
      prompt: "Does A's read of {{hex 0x1000 + off}} hit the TLB?"
      observe: { what: tlb, access: { process: A, addr: "{{hex 0x1000 + off}}" } }
`);
    expect(m).toMatch(/warning: quiz "q": every instance has the same answer \(miss\), so learners can memorise it/);
    expect(m).toMatch(/error: quiz "q" \(50 of 50 instances, e\.g\. instance 0 \(off=0x[0-9a-f]+\)\): only 1 distinct wrong option could be generated \(asked for 3\)/);
  });

  it('respects the number of instances asked for', () => {
    const m = validate(
      `      id: q
      kind: address
      params:
        page: { choice: [0x1000, 0x5000] }
      prompt: "A reads {{hex page}}"
      observe: { what: physical-address, access: { process: A, addr: "{{hex page}}" } }
`,
      7,
    );
    expect(m).toMatch(/\(\d of 7 instances/);
  });
});

describe('pagewalk validate and pagewalk pack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pagewalk-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function cli(...args: string[]): { status: number; out: string; err: string } {
    let out = '';
    let err = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      return { status: main(args), out, err };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  it('validates a folder: exit 0 and a summary', () => {
    const r = cli('validate', EXAMPLE_PACK, '--instances', '10');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/example\.first-steps 1\.0\.0: 3 lessons, 13 quizzes × 10 instances: 0 errors, 0 warnings/);
  });

  it('reports errors as PATH/FILE:LINE:COL and exits 1', () => {
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, 'lessons'), { recursive: true });
    for (const [f, text] of packOf({ 'a.yaml': lesson(`  - title: x\n    run:\n      - spwan: A\n`) })) writeFileSync(join(bad, f), text);
    const r = cli('validate', bad);
    expect(r.status).toBe(1);
    expect(r.err).toContain(`${bad}/lessons/a.yaml:9:9: error: unknown operation "spwan" (did you mean "spawn"?)`);
    expect(r.out).toMatch(/1 error/);
    const p = cli('pack', bad, '-o', join(dir, 'bad.pagewalk'));
    expect(p.status).toBe(1);
    expect(p.err).toMatch(/not packed: 1 error/);
    expect(existsSync(join(dir, 'bad.pagewalk'))).toBe(false);
    const json = cli('validate', bad, '--json');
    expect(JSON.parse(json.out).diagnostics[0]).toMatchObject({ line: 9, col: 9, severity: 'error' });
  });

  it('packs a folder into an archive that validates and unpacks to the same files', () => {
    const target = join(dir, 'example.pagewalk');
    const r = cli('pack', EXAMPLE_PACK, '-o', target, '--instances', '5');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/wrote .*example\.pagewalk \(example\.first-steps 1\.0\.0, 5 files/);
    expect(cli('validate', target, '--instances', '5').status).toBe(0);
    const files = unpackArchive(new Uint8Array(readFileSync(target))).files;
    const original = readFolder(EXAMPLE_PACK);
    expect([...files.keys()].sort()).toEqual([...original.keys()].sort());
    expect(files.get('pack.yaml')).toBe(new TextDecoder().decode(original.get('pack.yaml') as Uint8Array));
  });

  it('packs a folder that holds one pack folder (pagewalk pack lessons) as that pack, named after it', () => {
    const outer = join(dir, 'outer');
    mkdirSync(outer);
    cpSync(EXAMPLE_PACK, join(outer, 'first-steps'), { recursive: true });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = cli('pack', outer, '--instances', '5');
      expect(r.status).toBe(0);
      expect(r.out).toMatch(/wrote first-steps\.pagewalk \(example\.first-steps 1\.0\.0, 5 files/);
    } finally {
      process.chdir(cwd);
    }
    const files = unpackArchive(new Uint8Array(readFileSync(join(dir, 'first-steps.pagewalk')))).files;
    expect([...files.keys()].sort()).toEqual([...readFolder(EXAMPLE_PACK).keys()].sort());
    // and a problem in it is reported at the file's real path
    const lessonFile = [...files.keys()].find((f) => f.startsWith('lessons/'))!;
    writeFileSync(join(outer, 'first-steps', lessonFile), 'title: [unclosed\n');
    const v = cli('validate', outer);
    expect(v.status).toBe(1);
    expect(v.err).toContain(`${outer}/first-steps/${lessonFile}:2:1: error: YAML:`);
  });

  it('treats a bad command line as a usage error (exit 2)', () => {
    expect(cli('validate').status).toBe(2);
    expect(cli('validate', join(dir, 'missing')).err).toMatch(/no such folder or file/);
    expect(cli('validate', EXAMPLE_PACK, '--instances', '0').status).toBe(2);
    expect(cli('pack', join(EXAMPLE_PACK, 'pack.yaml')).err).toMatch(/is not a folder/);
  });

  it('prints the lesson-pack JSON Schema', () => {
    const r = cli('schema', 'lesson-pack');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out).$id).toBe('https://pagewalk.invalid/lesson-pack.schema.json');
  });
});

describe('instance counts', () => {
  it('reports how many instances were built and how many of them were actually simulated', async () => {
    const { benchmarkPack } = await import('../fixtures/packs/generate.ts');
    const counts = { instances: 0, simulated: 0 };
    validatePack(benchmarkPack(2), { instances: 30, counts });
    expect(counts.instances).toBe(2 * 10 * 30);
    expect(counts.simulated).toBeGreaterThan(0);
    expect(counts.simulated).toBeLessThanOrEqual(counts.instances);
  });
});
