#!/usr/bin/env node
// Pagewalk against OSTEP's paging-policy.py, whole process against whole process, on the
// same generated traces (one page per line, the homework's -f format), FIFO/LRU/OPT/CLOCK
// at 8 and 64 frames. Pagewalk runs `refstring --ostep`, which prints the homework's trace
// lines, so the two outputs are also compared: a ratio is only printed for identical output.
//
//   npm run bench:compare [-- --sizes 1e3,1e4,1e5,1e6 --timeout 120 --script PATH --notrace]
//
// --notrace runs both with -N (final statistics only: the simulation without the trace).
//
// Nothing is downloaded. The script is looked for, in order, at --script PATH,
// $OSTEP_PAGING_POLICY, $OSTEP_HOMEWORK/vm-beyondphys-policy/paging-policy.py and
// bench/ostep-homework/vm-beyondphys-policy/paging-policy.py (a clone of
// https://github.com/remzi-arpacidusseau/ostep-homework placed there).
//
// Each row also times bench/node-floor.mjs, which starts node, reads the trace and writes as
// many bytes as pagewalk printed, computing nothing: python's CPU time over that floor's is
// the best ratio any program on node could reach on that row.
//
// --pagewalk-bin PATH --legacy times another Pagewalk (e.g. an older checkout) that only
// takes the pages as arguments; its output is not compared.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { localityTrace } from './trace.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1e3,1e4,1e5,1e6' },
    frames: { type: 'string', default: '8,64' },
    policies: { type: 'string', default: 'FIFO,LRU,OPT,CLOCK' },
    timeout: { type: 'string', default: '120' },
    script: { type: 'string' },
    'pagewalk-bin': { type: 'string' },
    legacy: { type: 'boolean' },
    repeat: { type: 'string', default: '3' },
    notrace: { type: 'boolean' },
  },
});

const candidates = [
  values.script,
  process.env.OSTEP_PAGING_POLICY,
  process.env.OSTEP_HOMEWORK && join(process.env.OSTEP_HOMEWORK, 'vm-beyondphys-policy', 'paging-policy.py'),
  join(ROOT, 'bench', 'ostep-homework', 'vm-beyondphys-policy', 'paging-policy.py'),
].filter(Boolean);
const script = candidates.find((p) => existsSync(p));
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
if (python.status !== 0) {
  console.log('bench:compare needs python3 on the PATH to run OSTEP\'s paging-policy.py; none found, nothing measured.');
  process.exit(0);
}
if (!script) {
  console.log(`bench:compare needs OSTEP's paging-policy.py and downloads nothing. Place it in one of:
  ${candidates.join('\n  ')}
for example:
  git clone https://github.com/remzi-arpacidusseau/ostep-homework bench/ostep-homework
or point to it with --script PATH or OSTEP_PAGING_POLICY=/path/to/paging-policy.py.`);
  process.exit(0);
}

const bin = values['pagewalk-bin'] ?? join(ROOT, 'bin', 'pagewalk.mjs');
const timeoutMs = Number(values.timeout) * 1000;
const sizes = values.sizes.split(',').map(Number);
const frameCounts = values.frames.split(',').map(Number);
const policies = values.policies.split(',');

/**
 * CPU time (user + system) of the children this process has waited for, in ms, from
 * /proc/self/stat (Linux; clock ticks of 10 ms); null elsewhere. On a shared machine the
 * wall time includes waiting for a CPU, the CPU time does not.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, at USER_HZ = 100
  } catch {
    return null;
  }
}

function run(cmd, args) {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'buffer', maxBuffer: 2 ** 31 - 1, timeout: timeoutMs });
  const ms = performance.now() - t0;
  const c1 = childrenCpuMs();
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM') return { ms: Infinity, cpu: Infinity, out: null };
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, cpu: c0 === null || c1 === null ? null : Math.max(c1 - c0, 10), out: r.stdout };
}

/** The lines both print: the per-reference trace and FINALSTATS. */
function digest(buf) {
  const h = createHash('sha1');
  for (const line of buf.toString('latin1').split('\n')) if (line.startsWith('Access:') || line.startsWith('FINALSTATS')) h.update(line + '\n');
  return h.digest('hex');
}

const dir = mkdtempSync(join(tmpdir(), 'pagewalk-compare-'));
console.log(`OSTEP paging-policy.py (${script}) vs ${values.legacy ? 'legacy ' : ''}pagewalk (${bin}); whole process, same trace${values.notrace ? ', -N (no trace printed)' : ', -c with its trace printed'}`);
console.log(`best of ${values.repeat} interleaved runs (1 when python takes over 10 s); python stopped after ${values.timeout} s`);
console.log('                          wall time                              CPU time (user + system)                            node floor (CPU)');
console.log('refs      policy frames   python      pagewalk    python/pagewalk   python      pagewalk    python/pagewalk   floor       python/floor');
try {
  for (const n of sizes) {
    const pages = localityTrace(n);
    const file = join(dir, `trace-${n}.txt`);
    writeFileSync(file, pages.join('\n') + '\n');
    for (const policy of policies) {
      for (const frames of frameCounts) {
        const trace = values.notrace ? ['-N'] : [];
        const pyArgs = [script, '-f', file, '-C', String(frames), '-p', policy, '-c', ...trace];
        const pwArgs = values.legacy
          ? [bin, 'refstring', ...pages.map(String), '--frames', String(frames), '--policy', policy.toLowerCase()]
          : [bin, 'refstring', '--ostep', '-f', file, '-C', String(frames), '-p', policy, '-c', ...trace];
        // Interleaved runs, best of each: the machine may be shared, and the fastest run is the least disturbed.
        let py = run('python3', pyArgs);
        let pw = run(process.execPath, pwArgs);
        for (let k = 1; k < Number(values.repeat) && py.ms < 10_000; k++) {
          const a = run('python3', pyArgs);
          const b = run(process.execPath, pwArgs);
          if (a.ms < py.ms) py = { ...a, cpu: Math.min(a.cpu ?? Infinity, py.cpu ?? Infinity) };
          else py.cpu = Math.min(a.cpu ?? Infinity, py.cpu ?? Infinity);
          if (b.ms < pw.ms) pw = { ...b, cpu: Math.min(b.cpu ?? Infinity, pw.cpu ?? Infinity) };
          else pw.cpu = Math.min(b.cpu ?? Infinity, pw.cpu ?? Infinity);
        }
        // The floor: node starting, reading the trace and writing as many bytes, nothing else.
        let floor = null;
        if (pw.out) {
          const floorArgs = [join(ROOT, 'bench', 'node-floor.mjs'), file, String(pw.out.length)];
          for (let k = 0; k < Number(values.repeat); k++) {
            const f = run(process.execPath, floorArgs);
            if (f.cpu !== null && (floor === null || f.cpu < floor)) floor = f.cpu;
          }
        }
        let note = '';
        if (!values.legacy && py.out && pw.out && digest(py.out) !== digest(pw.out)) note = '  OUTPUTS DIFFER';
        const fmt = (ms) => (ms === Infinity ? `> ${values.timeout} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
        const ratio = (a, b) => (b === Infinity ? '—' : a === Infinity ? `> ${(timeoutMs / b).toFixed(1)}×` : `${(a / b).toFixed(1)}×`);
        const cpu = py.cpu === null || pw.cpu === null ? '' : `${fmt(py.cpu).padEnd(11)} ${fmt(pw.cpu).padEnd(11)} ${ratio(py.cpu, pw.cpu).padEnd(17)} ${floor === null ? '' : `${fmt(floor).padEnd(11)} ${ratio(py.cpu, floor)}`}`;
        console.log(`${String(n).padEnd(9)} ${policy.padEnd(6)} ${String(frames).padStart(6)}   ${fmt(py.ms).padEnd(11)} ${fmt(pw.ms).padEnd(11)} ${(note || ratio(py.ms, pw.ms)).padEnd(17)} ${cpu}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
