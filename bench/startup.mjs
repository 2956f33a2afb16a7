#!/usr/bin/env node
// Start-up benchmark: wall time of `pagewalk --help` (the bundled CLI, through the same
// launcher users run) against `node -e 0` on this machine, in one run, interleaved so
// both see the same load. Prints medians and the ratio (target ≤ 2.5), and the ratio of
// CPU time, which a loaded machine does not inflate.
//
//   node bench/startup.mjs [--runs N] [--tsx]   (--tsx also times the TypeScript sources)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'pagewalk.mjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' }, tsx: { type: 'boolean' } } });
const runs = Number(values.runs);

/**
 * CPU time (user + system) of the children waited for so far, in ms, from /proc/self/stat
 * (Linux; 10 ms ticks, so only sums over many runs mean something); null elsewhere.
 * Waiting for a CPU on a shared machine inflates wall time, not CPU time.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

const cpuTotals = {};
function time(args, env, key) {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  const c1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  if (key && c0 !== null && c1 !== null) cpuTotals[key] = (cpuTotals[key] ?? 0) + (c1 - c0);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// `--help` prints the text the build took from the bundle; `profiles` is a command that loads the whole bundle.
const cases = { node: ['-e', '0'], bundle: [BIN, '--help'], command: [BIN, 'profiles'], ...(values.tsx ? { tsx: [BIN, '--help'] } : {}) };
const envs = { tsx: { PAGEWALK_CLI_SOURCE: '1' } };
time(cases.bundle, {}); // builds the bundle if it is missing or stale, outside the timing
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) samples[k].push(time(args, envs[k], k));
const base = median(samples.node);
console.log(`node -e 0                     ${base.toFixed(1)} ms (median of ${runs})`);
const bundle = median(samples.bundle);
console.log(`pagewalk --help (bundle)      ${bundle.toFixed(1)} ms  = ${(bundle / base).toFixed(2)}× node -e 0 (target ≤ 2.5×: ${bundle / base <= 2.5 ? 'ok' : 'MISSED'})`);
const command = median(samples.command);
console.log(`pagewalk profiles (bundle)    ${command.toFixed(1)} ms  = ${(command / base).toFixed(2)}× node -e 0 (a command that loads the whole bundle)`);
if (cpuTotals.node) {
  const cpu = (k) => `${(cpuTotals[k] / runs).toFixed(0)} ms`;
  console.log(`CPU time per run (user + system, mean of ${runs}): node -e 0 ${cpu('node')}, pagewalk --help ${cpu('bundle')} = ${(cpuTotals.bundle / cpuTotals.node).toFixed(2)}×, pagewalk profiles ${cpu('command')} = ${(cpuTotals.command / cpuTotals.node).toFixed(2)}×${values.tsx ? `, tsx sources ${cpu('tsx')} = ${(cpuTotals.tsx / cpuTotals.node).toFixed(2)}×` : ''}`);
}
if (values.tsx) {
  const t = median(samples.tsx);
  console.log(`pagewalk --help (tsx sources) ${t.toFixed(1)} ms  = ${(t / base).toFixed(2)}× node -e 0; the bundle is ${(t / bundle).toFixed(1)}× faster`);
}
