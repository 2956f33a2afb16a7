// Issue 12: the command line with hostile input. Control characters in a pack's titles,
// notes or keys are printed as visible escapes (a pack cannot clear the screen and print
// a fake "OK"), and an over-budget document fails quickly with a clear message.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../core/cli/terminal.ts';

const BIN = join(__dirname, '..', '..', 'bin', 'pagewalk.mjs');
const pagewalk = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const CLEAR = '\u001b[2J\u001b[H';

describe('terminal output', () => {
  it('escapes every control character but newline and tab', () => {
    expect(terminalSafe(`a${CLEAR}b\rc\u0007d\u009be\u2028f\tg\nh`)).toBe('a\\x1b[2J\\x1b[Hb\\x0dc\\x07d\\x9be\\u2028f\tg\nh');
  });

  it('pagewalk run prints a note with escape sequences as visible text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-esc-'));
    const file = join(dir, 'note.yaml');
    writeFileSync(file, `title: "Hi${CLEAR.replace(/\u001b/g, '\\e')}OK: 0 errors"\nmachine: teaching-16\nsteps:\n  - note: "x\\e[2Jy"\n`);
    const r = pagewalk('run', file);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('x\\x1b[2Jy');
  }, 60_000);

  it('pagewalk validate quotes an unknown key with control characters as visible text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-esc-'));
    writeFileSync(join(dir, 'pack.yaml'), `id: esc.pack\ntitle: T\nversion: 1.0.0\nauthors: [A]\nlicense: MIT\nlanguage: en\ndescription: D\nminAppVersion: 0.1.0\n"\\e[2J\\e[HOK: 0 errors": 1\nlessons: []\n`);
    const r = pagewalk('validate', dir);
    expect(r.code).toBe(1);
    expect(r.out + r.err).not.toContain('\u001b');
    expect(r.out + r.err).toContain('\\x1b[2J');
  }, 60_000);

  it('pagewalk run refuses an over-budget reference string at once instead of running out of memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-big-'));
    const file = join(dir, 'big.json');
    const pages = Array.from({ length: 100_000 }, (_, i) => i % 5000);
    writeFileSync(file, JSON.stringify({ machine: 'teaching-16', steps: [{ 'reference-string': { pages, frames: 1024, policy: 'clock' } }] }));
    const r = pagewalk('run', file);
    expect(r.out + r.err).toMatch(/102,400,000 entries; the most one step may make is 4,000,000/);
    expect(r.out + r.err).not.toMatch(/Invalid string length/);
  }, 60_000);
});
