#!/usr/bin/env node
// UI benchmark of the browser build, in Chromium (Debian's when installed):
//
//   step → painted graph   a sandbox session on a 64-frame machine with 4 processes; each
//                          sample types a command, submits it, and waits until the graph
//                          of the new state has been painted (two animation frames after
//                          the nodes are set). Includes the worker round trip, the
//                          snapshot (sent as a patch, core/view-delta.ts), the layout and
//                          Svelte Flow's render.
//   x86-64 4-process step  the same on x86-64 (four-level tables, 256 frames), 4 processes
//                          touching 16 pages each (faults, TLB misses and hits)
//   lesson step → painted  the same, for → in the first built-in lesson
//   16,384-frame lesson    → through a generated lesson on x86-64 with 16,384 frames (64 MiB):
//                          4 processes, 48 resident pages, each step writes to one page of
//                          every process (new pages fault in, page tables grow), every other
//                          step has a quiz (its instance runs on copies of the machine). Measured
//                          beside the same lesson on the 256-frame x86-64 machine, and
//                          printed as a ratio: the step should cost what it touches, not
//                          what the machine has.
//   cold load              a fresh browser context (empty cache and storage) opening a
//                          lesson URL, until the lesson's graph is painted and its step
//                          controls are there.
//
// Prints p50/p95 against the targets (< 50 ms p95, < 1.5 s). Usage:
//   node bin/bench-ui.mjs [--samples N] [--loads N] [--no-build]
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import { serveBrowserBuild, waitForServer } from './browser-build.mjs';
import { chromium } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SAMPLES = option('--samples', 40);
const LOADS = option('--loads', 5);
const PORT = option('--port', 4199);
const BASE = `http://127.0.0.1:${PORT}/`;
const LESSON = '#/lesson/pagewalk.memory-management/virtual-vs-physical';

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function report(name, xs, target, unit = 'ms') {
  const p50 = percentile(xs, 50);
  const p95 = percentile(xs, 95);
  const ok = p95 < target ? 'OK  ' : 'SLOW';
  console.log(`${ok} ${name.padEnd(28)} p50 ${p50.toFixed(1).padStart(7)} ${unit}   p95 ${p95.toFixed(1).padStart(7)} ${unit}   max ${Math.max(...xs).toFixed(1).padStart(7)} ${unit}   (target p95 < ${target} ${unit}, n=${xs.length})`);
  return p95 < target;
}

/**
 * A lesson pack with two lessons that differ only in memory size: 4 processes map 64 KiB
 * each and touch 12 pages, then each step writes one page of every process (a fault the
 * first time, a TLB miss or hit after).
 */
function machineSizePack(steps) {
  const lesson = (id, frames) => {
    const lines = [`id: ${id}`, `title: ${frames} frames`, 'level: advanced', `summary: ${frames} frames, 4 processes.`, `machine: { base: x86-64, physFrames: ${frames} }`, 'steps:', '  - title: Four processes', '    run:'];
    for (const p of ['A', 'B', 'C', 'D']) {
      lines.push(`      - spawn: { name: ${p}, layout: empty }`, `      - mmap: { process: ${p}, length: 0x10000, addr: 0x10000000 }`);
      lines.push(`      - write: { process: ${p}, addr: 0x10000000, pages: 12, value: 1 }`);
    }
    for (let i = 0; i < steps; i++) {
      lines.push(`  - title: Step ${i + 2}`, '    run:');
      for (const [k, p] of ['A', 'B', 'C', 'D'].entries()) lines.push(`      - write: { process: ${p}, addr: 0x${(0x10000000 + ((i * 5 + k * 3) % 16) * 0x1000 + (i % 64)).toString(16)}, value: ${(i + k) & 0xff} }`);
      // Every other step asks a question, as lessons do: its instance runs on copies of the machine.
      if (i % 2 === 0) lines.push('    quiz:', `      id: free${i}`, '      kind: number', '      prompt: How many frames are free?', '      observe: { what: free-frames }');
    }
    return lines.join('\n') + '\n';
  };
  const manifest = ['id: bench.machine-size', 'title: Machine size', 'version: 1.0.0', 'authors: [bench]', 'license: MIT', 'language: en', 'description: The same lesson on 256 and 16384 frames.', 'minAppVersion: 0.1.0', 'lessons:', '  - lessons/small.yaml', '  - lessons/big.yaml'].join('\n') + '\n';
  const dir = mkdtempSync(join(tmpdir(), 'pagewalk-bench-ui-'));
  const path = join(dir, 'machine-size.pagewalk');
  writeFileSync(path, zipSync({ 'pack.yaml': strToU8(manifest), 'lessons/small.yaml': strToU8(lesson('small', 256)), 'lessons/big.yaml': strToU8(lesson('big', 16384)) }));
  return path;
}

const stopServer = serveBrowserBuild(root, PORT, !args.includes('--no-build'));

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
let browser;
let allOk = true;
try {
  await waitForServer(BASE, 30_000);
  browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  // ---- cold load to the first interactive lesson
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(BASE + LESSON, { waitUntil: 'commit' });
    const t = await page.waitForFunction(
      () => {
        const graph = document.querySelector('.pw-graph');
        const forward = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Forward'));
        return graph && graph.getAttribute('data-painted') && forward && !forward.disabled ? performance.now() : false;
      },
      null,
      { polling: 'raf', timeout: 30_000 },
    );
    loads.push(await t.jsonValue());
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();

  // Submit a command and time it until the new graph is painted.
  const timeCommand = (cmd) =>
    page.evaluate(async (text) => {
      const input = document.getElementById('command');
      const graph = document.querySelector('.pw-graph');
      const before = graph.getAttribute('data-painted');
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t0 = performance.now();
      input.form.requestSubmit();
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no repaint after "${text}"`)), 10_000);
        const mo = new MutationObserver(() => {
          if (graph.getAttribute('data-painted') !== before) {
            mo.disconnect();
            clearTimeout(timer);
            resolve();
          }
        });
        mo.observe(graph, { attributes: true, attributeFilter: ['data-painted'] });
      });
      const error = document.getElementById('command-error');
      if (error) throw new Error(`"${text}": ${error.textContent}`);
      return performance.now() - t0;
    }, cmd);

  /** Open a sandbox on `machine`, run `setup`, then time `SAMPLES` commands from `sample(i)`. */
  const scene = async (machine, frames, setup, sample) => {
    await page.goto(BASE + '#/sandbox');
    await page.locator('#command').waitFor();
    await page.selectOption('select.machine', machine);
    // The sandbox keeps its session per machine: start from an empty one.
    const startOver = page.getByRole('button', { name: 'Start over' });
    if (await startOver.isEnabled()) await startOver.click();
    await page.waitForFunction((n) => document.querySelector('.machine-desc')?.textContent?.includes(`${n} frames`), frames);
    for (const cmd of setup) await timeCommand(cmd);
    const drawn = await page.evaluate(() => document.querySelectorAll('.svelte-flow__node-frame').length);
    const procs = await page.evaluate(() => document.querySelectorAll('.svelte-flow__node-process').length);
    const used = await page.evaluate(() => document.querySelectorAll('.svelte-flow__node-frame .gnode:not(.kind-free)').length);
    console.log(`scene ${machine}: ${procs} processes, ${drawn} frame cells on the graph (${used} in use)`);
    const times = [];
    for (let i = 0; i < SAMPLES; i++) times.push(await timeCommand(sample(i)));
    return times;
  };
  const processes = ['A', 'B', 'C', 'D'];

  // ---- the 4-process, 64-frame scene (linear-32: 64 frames of 1 KiB)
  const linearSetup = [];
  for (const p of processes) {
    linearSetup.push(`spawn ${p}`);
    for (const addr of ['0x400', '0x800', '0x3c00']) linearSetup.push(`write ${p} ${addr} 1`);
    linearSetup.push(`mmap ${p} 4096 rw at=0x1000`);
    for (const addr of ['0x1000', '0x1400', '0x1800', '0x1c00']) linearSetup.push(`write ${p} ${addr} 2`);
  }
  const steps = await scene('linear-32', 64, linearSetup, (i) => {
    const p = processes[i % 4];
    const addr = ['0x400', '0x1000', '0x1400', '0x3c00', '0x800'][i % 5];
    return i % 3 === 2 ? `write ${p} ${addr} ${i}` : `read ${p} ${addr}`;
  });

  // ---- x86-64 (four-level tables, 256 frames of 4 KiB), 4 processes with 16 pages each
  const x86Setup = [];
  for (const p of processes) {
    x86Setup.push(`spawn ${p}`, `mmap ${p} 65536 rw at=0x10000000`);
    for (let k = 0; k < 16; k += 3) x86Setup.push(`write ${p} 0x${(0x10000000 + k * 0x1000).toString(16)} 1`);
  }
  const x86Steps = await scene('x86-64', 256, x86Setup, (i) => {
    const p = processes[i % 4];
    const addr = `0x${(0x10000000 + ((i * 7) % 16) * 0x1000 + (i % 64)).toString(16)}`;
    return i % 3 === 2 ? `write ${p} ${addr} ${i & 0xff}` : `read ${p} ${addr}`;
  });

  /** Press `key` in the lesson and time it until the new graph is painted. */
  const timeKey = (key) =>
      page.evaluate(async (k) => {
        const graph = document.querySelector('.pw-graph');
        const before = graph.getAttribute('data-painted');
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no repaint after a step')), 10_000);
          const mo = new MutationObserver(() => {
            if (graph.isConnected && graph.getAttribute('data-painted') !== before) {
              mo.disconnect();
              clearTimeout(timer);
              resolve();
            }
          });
          mo.observe(graph, { attributes: true, attributeFilter: ['data-painted'] });
        });
        return performance.now() - t0;
      }, key);

  // ---- lesson steps: → through the first lesson and ← back, timed to the painted graph
  await page.goto(BASE + LESSON);
  await page.waitForFunction(() => document.querySelector('.pw-graph')?.getAttribute('data-painted'));
  const lessonSteps = [];
  for (let i = 0; i < Math.max(10, Math.floor(SAMPLES / 2)); i++) lessonSteps.push(await timeKey(Math.floor(i / 5) % 2 === 0 ? 'ArrowRight' : 'ArrowLeft'));

  // ---- the same lesson on 256 and on 16,384 frames (imported as a pack, like a teacher's)
  const SIZE_STEPS = Math.min(150, Math.max(10, SAMPLES));
  await page.goto(BASE + '#/library');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Import a pack file/ }).click();
  await (await chooser).setFiles(machineSizePack(SIZE_STEPS));
  await page.getByRole('link', { name: /Start: 16384 frames/ }).waitFor({ timeout: 30_000 });
  const sizeScene = async (id) => {
    await page.goto(BASE + `#/lesson/bench.machine-size/${id}`);
    await page.waitForFunction(() => document.querySelector('.pw-graph')?.getAttribute('data-painted'), null, { timeout: 30_000 });
    const times = [];
    for (let i = 0; i < SIZE_STEPS; i++) times.push(await timeKey('ArrowRight'));
    const frames = await page.evaluate(() => document.querySelectorAll('.svelte-flow__node-frame').length);
    console.log(`scene ${id}: ${frames} frame cells on the graph after ${SIZE_STEPS} steps`);
    return times;
  };
  const smallSteps = await sizeScene('small');
  const bigSteps = await sizeScene('big');
  await context.close();

  console.log('');
  allOk = report('step → painted graph', steps, 50) && allOk;
  allOk = report('x86-64 4-process step', x86Steps, 50) && allOk;
  allOk = report('lesson step → painted graph', lessonSteps, 50) && allOk;
  allOk = report('lesson, 256 frames', smallSteps, 50) && allOk;
  allOk = report('lesson, 16384 frames', bigSteps, 50) && allOk;
  allOk = report('cold load → lesson ready', loads, 1500) && allOk;
  const ratio = percentile(bigSteps, 50) / percentile(smallSteps, 50);
  console.log(`16384 frames against 256, same lesson: p50 ${ratio.toFixed(2)}×, p95 ${(percentile(bigSteps, 95) / percentile(smallSteps, 95)).toFixed(2)}× (1.00× = the step costs what it touches, not the machine's size)`);
} finally {
  await browser?.close();
  stopServer();
}
process.exitCode = allOk ? 0 : 1;
