// The pagewalk command line as a user runs it: real processes, real exit codes.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, helpText } from '../../core/cli/main.ts';

const BIN = join(__dirname, '..', '..', 'bin', 'pagewalk.mjs');
const EXAMPLES = join(__dirname, '..', '..', 'docs', 'examples');

function pagewalk(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('pagewalk', () => {
  it('runs every documented example without errors', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      const r = pagewalk('run', join(EXAMPLES, f));
      expect(r.err, f).toBe('');
      expect(r.code, f).toBe(0);
    }
  }, 120_000);

  it("says a mistyped option in the user's language, not in node's argument parser's words (exit 2, with the usage)", () => {
    const unknown = pagewalk('pack', 'lessons', '--out', 'x.pagewalk');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^pagewalk pack: unknown option "--out"\n\npagewalk pack FOLDER/);
    expect(pagewalk('--lang', 'de', 'pack', 'lessons', '-o').err).toMatch(/^pagewalk pack: --output braucht einen Wert\n/);
    expect(pagewalk('--lang', 'es', 'validate', '--quiet=1', 'x').err).toMatch(/^pagewalk validate: --quiet no admite valor\n/);
    expect(pagewalk('ostep', 'linear', 'extra').err).toMatch(/^pagewalk ostep: unexpected argument "extra"\n/);
    for (const r of [unknown, pagewalk('validate', '--quiet=1', 'x'), pagewalk('ostep', 'linear', 'extra')]) expect(r.err).not.toMatch(/positional|place it at the end|does not take/);
  }, 60_000);

  it('says the version the package is published under', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pagewalk('--version')).toEqual({ code: 0, out: `pagewalk ${version}\n`, err: '' });
  }, 60_000);

  it('prints the same JSON twice for the same scenario (determinism)', () => {
    const a = pagewalk('run', join(EXAMPLES, 'swapping.yaml'), '--json');
    const b = pagewalk('run', join(EXAMPLES, 'swapping.yaml'), '--json');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const doc = JSON.parse(a.out);
    expect(doc.snapshot.frames).toHaveLength(6);
    expect(doc.results.some((r: { events: { type: string }[] }) => r.events.some((e) => e.type === 'swap-out'))).toBe(true);
  }, 60_000);

  it('explains a bad document as FILE:LINE:COL and exits 1 without running anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'machine: teaching-16\nsteps:\n  - spawn: A\n  - read: { procss: A, addr: 0x1000 }\n');
    const r = pagewalk('run', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${file}:4:13: error: unknown key "procss"`);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  }, 60_000);

  it('reports a missing file plainly with exit status 2', () => {
    const r = pagewalk('run', '/no/such/file.yaml');
    expect(r.code).toBe(2);
    // the one line that says what is wrong, not buried under the usage: the command line was right
    expect(r.err).toBe('pagewalk run: /no/such/file.yaml: no such file\n');
    expect(pagewalk('validate', '/no/such/pack').err).toBe('pagewalk validate: /no/such/pack: no such folder or file\n');
    // a mistake on the command line still shows how to call the command
    const usage = pagewalk('refstring', '--frames', '2');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^pagewalk refstring: give the reference string.*\n\npagewalk refstring \[PAGES/);
  }, 60_000);

  it('answers --help for every command', () => {
    for (const name of Object.keys(commands)) {
      const r = pagewalk(name, '--help');
      expect(r.code, name).toBe(0);
      expect(r.out, name).toMatch(new RegExp(`pagewalk ${name}`));
    }
    expect(pagewalk('--help').code).toBe(0);
    expect(pagewalk('nonsense').code).toBe(2);
  }, 120_000);

  it('runs reference-string experiments: Belady’s anomaly', () => {
    const three = pagewalk('refstring', '1,2,3,4,1,2,5,1,2,3,4,5', '--frames', '3', '--policy', 'fifo');
    const four = pagewalk('refstring', '1,2,3,4,1,2,5,1,2,3,4,5', '--frames', '4', '--policy', 'fifo');
    expect(three.out).toMatch(/FIFO, 3 frames: 9 faults/);
    expect(four.out).toMatch(/FIFO, 4 frames: 10 faults/);
    expect(pagewalk('refstring', '1,2,x', '--frames', '3').code).toBe(2);
  }, 60_000);

  it('reads a reference string from a file or standard input, one page per line or comma-separated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-'));
    const file = join(dir, 'trace.txt');
    writeFileSync(file, '1\n2\n3\n4\n1\n2\n5\n1\n2\n3\n4\n5\n');
    expect(pagewalk('refstring', '--file', file, '--frames', '3', '--summary').out).toBe('FIFO, 3 frames: 9 faults, 3 hits (hit ratio 25.0%)\n');
    const piped = spawnSync(process.execPath, [BIN, 'refstring', '-', '--frames', '4', '--summary'], { input: '1,2,3,4,1,2,5,1,2,3,4,5', encoding: 'utf8' });
    expect(piped.stdout).toMatch(/FIFO, 4 frames: 10 faults/);
    const all = pagewalk('refstring', '--file', file, '--frames', '3', '--policy', 'all');
    expect(all.out.trim().split('\n')).toHaveLength(9); // one summary line per policy
    writeFileSync(file, '1\n2\n3x\n');
    const bad = pagewalk('refstring', '--file', file, '--frames', '3');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(`pagewalk refstring: ${file}:3:1: "3x" is not a page number\n`);
    const json = JSON.parse(pagewalk('refstring', '1,2,1,3', '--frames', '2', '--policy', 'lru', '--json').out);
    expect(json.history).toEqual({ pages: [1, 2, 1, 3], hit: [false, false, true, false], slot: [0, 1, 0, 1], victim: [null, null, null, 2] });
  }, 60_000);

  it('prints a long trace to a slow or early-closing reader without holding it in memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-'));
    const file = join(dir, 'trace.txt');
    // 10^6 references at 64 frames: a 380 MB trace (a line repeats the resident list).
    writeFileSync(file, Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 512).join('\n'));
    const args = [BIN, 'refstring', '--ostep', '-f', file, '-C', '64', '-p', 'LRU', '-c'];
    // A reader that takes nothing for two seconds: the writer waits for it instead of queueing the trace.
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssMiB = Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    expect(rssMiB).toBeLessThan(200);
    let bytes = 0;
    child.stdout.on('data', (b: Buffer) => (bytes += b.length));
    child.stdout.resume();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(bytes).toBeGreaterThan(300_000_000);
    // A reader that stops after one line (`| head -1`): the run ends quietly with status 0.
    const head = spawnSync('bash', ['-c', `"${process.execPath}" ${args.map((a) => `"${a}"`).join(' ')} | head -1; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 60_000 });
    expect(head.stdout).toBe('Access: 0  MISS LRU ->          [0] <- MRU Replaced:- [Hits:0 Misses:1]\nstatus 0\n');
    expect(head.stderr).toBe('');
  }, 120_000);

  it('translates one-off addresses, and walks a memory dump', () => {
    const r = pagewalk('translate', '0x3004', '--machine', 'x86-32', '--json');
    expect(r.code).toBe(0);
    const [res] = JSON.parse(r.out);
    expect(res.access.faults[0].resolution).toBe('segfault'); // 0x3004 is below x86-32's code at 0x08048000

    const dir = mkdtempSync(join(tmpdir(), 'pw-'));
    const dump = join(dir, 'dump.txt');
    const page = (n: number, bytes: Record<number, string>) => `page ${n}: ${Array.from({ length: 32 }, (_, i) => bytes[i] ?? '00').join(' ')}`;
    writeFileSync(dump, [page(10, { 3: '94' }), page(20, { 5: '9e' }), page(30, { 7: 'ab' })].join('\n') + '\n');
    const t = pagewalk('translate', '0x0ca7', '0x0cc0', '--image', dump, '--ptbr', '10', '--json');
    expect(t.code).toBe(0);
    const [ok, bad] = JSON.parse(t.out);
    expect(ok.translate.pa).toBe(30 * 32 + 7);
    expect(ok.translate.value).toBe(0xab);
    expect(bad.translate.faultLevel).toBe(1);
  }, 60_000);

  it('prints the scenario schema', () => {
    const r = pagewalk('schema', 'scenario');
    expect(JSON.parse(r.out).title).toBe('Pagewalk scenario');
  }, 60_000);
});

describe('the bin entry', () => {
  it('is declared in package.json so npx pagewalk works after npm install', () => {
    const pkg = JSON.parse(execFileSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(require("./package.json")))'], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' }));
    expect(pkg.bin.pagewalk).toBe('bin/pagewalk.mjs');
    expect(pkg.dependencies.tsx).toBeDefined();
  });
});

describe('the bundled build', () => {
  it('is rebuilt when it is older than a source it was built from, so a stale bundle never runs', () => {
    const root = join(__dirname, '..', '..');
    const bundle = join(root, 'out', 'cli', 'pagewalk.mjs');
    expect(pagewalk('--version').code).toBe(0); // makes sure a bundle exists
    const inputs: string[] = JSON.parse(readFileSync(join(root, 'out', 'cli', 'pagewalk.inputs.json'), 'utf8')).inputs;
    expect(inputs).toContain(join('core', 'cli', 'main.ts'));
    expect(inputs).toContain(join('core', 'sim', 'replacement.ts'));
    const longAgo = new Date(2000, 0, 1);
    utimesSync(bundle, longAgo, longAgo);
    const r = pagewalk('--version');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^pagewalk \d/);
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(longAgo.getTime());
  }, 60_000);

  it('reads its messages from catalogue files built with the bundle, and never from a stale or missing one', () => {
    const root = join(__dirname, '..', '..');
    const german = join(root, 'out', 'cli', 'messages.de.json');
    const want = 'FIFO, 2 Seitenrahmen: 3 Seitenfehler, 0 Treffer (Trefferquote 0,0\u00a0%)\n';
    expect(pagewalk('--lang', 'de', 'refstring', '1', '2', '3', '--frames', '2', '--summary').out).toBe(want);
    const list = JSON.parse(readFileSync(join(root, 'out', 'cli', 'pagewalk.inputs.json'), 'utf8'));
    expect(list.companions).toEqual(['messages.en.json', 'messages.es.json', 'messages.de.json', 'messages.zh-CN.json']);
    expect(list.byBundle['messages.de.json']).toContain(join('core', 'i18n', 'messages', 'shell', 'de.ts'));
    // Older than its sources, or gone: the launcher builds again before running anything.
    const longAgo = new Date(2000, 0, 1);
    utimesSync(german, longAgo, longAgo);
    expect(pagewalk('--lang', 'de', 'refstring', '1', '2', '3', '--frames', '2', '--summary').out).toBe(want);
    expect(statSync(german).mtimeMs).toBeGreaterThan(longAgo.getTime());
    rmSync(german);
    expect(pagewalk('--lang', 'de', 'refstring', '1', '2', '3', '--frames', '2', '--summary').out).toBe(want);
    expect(statSync(german).size).toBeGreaterThan(10_000);
  }, 60_000);

  it('prints --help from the text the build took from the bundle, the same as the sources print, and never a stale one', () => {
    const help = join(__dirname, '..', '..', 'out', 'cli', 'help.txt');
    expect(pagewalk('--help')).toEqual({ code: 0, out: helpText(), err: '' });
    expect(pagewalk()).toEqual({ code: 2, out: helpText(), err: '' });
    // A help text older than the sources is never printed: the bundle answers instead.
    const kept = readFileSync(help, 'utf8');
    writeFileSync(help, 'stale help\n');
    const longAgo = new Date(2000, 0, 1);
    utimesSync(help, longAgo, longAgo);
    try {
      expect(pagewalk('-h')).toEqual({ code: 0, out: helpText(), err: '' });
    } finally {
      writeFileSync(help, kept);
    }
  }, 60_000);
});
