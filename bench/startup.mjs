#!/usr/bin/env node
// Start-up benchmark: wall time of `pagewalk --help` (the bundled CLI, through the same
// launcher users run) against `node -e 0` on this machine, in one run, interleaved so
// both see the same load. Prints medians and the ratio. Target: ratio ≤ 2.5.
//
//   node bench/startup.mjs [--runs N] [--tsx]   (--tsx also times the TypeScript sources)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'pagewalk.mjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' }, tsx: { type: 'boolean' } } });
const runs = Number(values.runs);

function time(args, env) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const cases = { node: ['-e', '0'], bundle: [BIN, '--help'], ...(values.tsx ? { tsx: [BIN, '--help'] } : {}) };
const envs = { tsx: { PAGEWALK_CLI_SOURCE: '1' } };
time(cases.bundle, {}); // builds the bundle if it is missing or stale, outside the timing
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) samples[k].push(time(args, envs[k]));
const base = median(samples.node);
console.log(`node -e 0                     ${base.toFixed(1)} ms (median of ${runs})`);
const bundle = median(samples.bundle);
console.log(`pagewalk --help (bundle)      ${bundle.toFixed(1)} ms  = ${(bundle / base).toFixed(2)}× node -e 0 (target ≤ 2.5×: ${bundle / base <= 2.5 ? 'ok' : 'MISSED'})`);
if (values.tsx) {
  const t = median(samples.tsx);
  console.log(`pagewalk --help (tsx sources) ${t.toFixed(1)} ms  = ${(t / base).toFixed(2)}× node -e 0; the bundle is ${(t / bundle).toFixed(1)}× faster`);
}
