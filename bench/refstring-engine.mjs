#!/usr/bin/env node
// The reference-string engine as `pagewalk refstring -f FILE` pays for it: parsing the
// file (parseReferenceString), one run of each policy (runReferenceString, with the
// history the trace printer reads) and printing the homework's trace of a run
// (`--ostep -c`, writeOstepTrace, into a sink that only counts the bytes: the kernel's
// share of a pipe is left out), each in a fresh process, so every figure is cold, the
// code bundled and minified with esbuild as the CLI's bundle is (module constants become
// variables there, which costs in hot loops: see core/sim/mt19937.ts).
//
// The yardstick, measured in the same child right after: the least a policy can cost, a
// FIFO loop that only counts hits (no history, no victims) over the same references, also
// cold. The ratios say how far each figure is from it; the machine's load mostly cancels.
//
//   npm run bench:engine [-- --refs 1e6 --frames 8 --runs 7 --policies fifo,lru,... --print fifo,lru,ostep-clock]
//
// Prints the median over --runs interleaved processes of CPU ms (user + system, from
// process.cpuUsage in the child) and the median ratio. Asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { localityTrace } from './trace.mjs';
import * as esbuild from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    refs: { type: 'string', default: '1e6' },
    frames: { type: 'string', default: '8' },
    runs: { type: 'string', default: '7' },
    policies: { type: 'string', default: 'fifo,lru,mru,clock,opt,random,ostep-clock,ostep-rand' },
    print: { type: 'string', default: 'fifo,lru,ostep-clock' },
  },
});
const refs = Number(values.refs);
const runs = Number(values.runs);
const policies = values.policies.split(',');
const printed = values.print ? values.print.split(',').map((p) => `print:${p}`) : [];

// The child: read the file, then time one step (parse; a policy run after an untimed
// parse; or printing the trace of an untimed run), then the yardstick. Prints
// "<step ms> <yardstick ms> <check>".
const CHILD = `
import { readFileSync } from 'node:fs';
import { parseReferenceString } from './core/sim/reference-input.ts';
import { runReferenceString } from './core/sim/replacement.ts';
import { PythonRandom } from './core/sim/mt19937.ts';
import { writeOstepTrace } from './core/cli/refstring-output.ts';
import { stdout } from './core/cli/stdout.ts';
const [file, step, frames] = process.argv.slice(2);
const C = Number(frames);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const bytes = readFileSync(file);
let t = cpu();
const pages = parseReferenceString(bytes);
let ms = cpu() - t;
let check = pages.length;
if (step !== 'parse') {
  const policy = step.replace(/^print:/, '');
  t = cpu();
  const r = runReferenceString(pages, C, policy, { rng: new PythonRandom(0n), optTies: 'ostep', clockBits: 2 });
  ms = cpu() - t;
  check = r.hits;
  if (step.startsWith('print:')) {
    let printed = 0;
    stdout.write = (block) => { printed += block.length; };
    t = cpu();
    writeOstepTrace(r, true);
    ms = cpu() - t;
    check = printed;
  }
}
t = cpu();
const slotOf = new Int32Array(512).fill(-1); // the trace's pages are 0..511
const pageIn = new Int32Array(C).fill(-1);
let hits = 0, used = 0, hand = 0;
for (let i = 0; i < pages.length; i++) {
  const p = pages[i];
  if (slotOf[p] >= 0) hits++;
  else {
    const s = used < C ? used++ : hand;
    if (pageIn[s] >= 0) slotOf[pageIn[s]] = -1;
    pageIn[s] = p;
    slotOf[p] = s;
    hand = s + 1 === C ? 0 : s + 1;
  }
}
console.log(ms.toFixed(2), (cpu() - t).toFixed(2), check + '/' + hits);
`;

const dir = mkdtempSync(join(tmpdir(), 'pagewalk-engine-'));
try {
  const file = join(dir, 'trace.txt');
  writeFileSync(file, localityTrace(refs).join('\n') + '\n');
  const bundle = join(dir, 'child.mjs');
  await esbuild.build({ stdin: { contents: CHILD, resolveDir: ROOT, loader: 'ts', sourcefile: 'child.ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, outfile: bundle, logLevel: 'error' });
  const steps = ['parse', ...policies, ...printed];
  const got = Object.fromEntries(steps.map((s) => [s, []]));
  for (let r = 0; r < runs; r++) {
    for (const step of r % 2 ? [...steps].reverse() : steps) {
      const [ms, yard] = execFileSync(process.execPath, [bundle, file, step, values.frames], { encoding: 'utf8' }).trim().split(' ').map(Number);
      got[step].push({ ms, ratio: ms / yard, yard });
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`reference-string engine, ${refs} references (bench/compare.mjs's trace, ${(refs / 1e6).toFixed(1)}M lines), ${values.frames} frames, cold, median of ${runs} processes`);
  console.log('step               CPU ms   ns/ref   × yardstick (counting-only FIFO loop, same process)');
  for (const step of steps) {
    const ms = median(got[step].map((x) => x.ms));
    console.log(`${step.padEnd(17)} ${ms.toFixed(1).padStart(7)}  ${((ms * 1e6) / refs).toFixed(1).padStart(7)}   ${median(got[step].map((x) => x.ratio)).toFixed(2).padStart(6)}×`);
  }
  if (printed.length) console.log('print:P is the homework trace of policy P (refstring --ostep -c) into a sink that counts bytes; parse and the run are not in it.');
  console.log(`yardstick     ${median(steps.flatMap((s) => got[s].map((x) => x.yard))).toFixed(1).padStart(7)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
