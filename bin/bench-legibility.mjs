#!/usr/bin/env node
// Legibility benchmark of the node graph (issue 8), in Chromium (Debian's when installed).
//
// Opens every step of every built-in lesson (the memory-dump exercise included) and the
// sandbox with 4 processes, at 1024×640, 1280×800 and 1920×1080, with the Settings text
// size at 16 px and at 22 px, and measures the graph as drawn (see
// tests/e2e/legibility-measure.mjs for what each figure means and how the graph is
// waited for: reduced motion is on, so each step shows its final state at once).
// Prints a table per viewport, a table per lesson, and the worst steps.
//
//   node bin/bench-legibility.mjs [--quick] [--json FILE] [--screenshots DIR [--first-steps]]
//                                 [--targets] [--no-build] [--port N] [--concurrency N]
//                                 [--viewports 1280x800,…] [--font-sizes 16,22] [--lessons id,…]
//
//   --quick        first step of a few lessons (16-bit, x86-64, fork, NUMA, dump) and the sandbox
//   --json FILE    every step's figures, for comparing runs
//   --screenshots  a PNG per (viewport, text size, lesson, step); --first-steps: step 1 only
//   --targets      exit 1 when the issue's targets are missed (they are listed at the end)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveBrowserBuild, waitForServer } from './browser-build.mjs';
import { chromium } from '@playwright/test';
import {
  FONT_SIZES,
  QUICK_LESSONS,
  TARGETS,
  VIEWPORTS,
  applySettings,
  builtInLessons,
  measureGraph,
  missedTargets,
  nextStep,
  openLesson,
  openSandbox,
  summarize,
  viewportName,
} from '../tests/e2e/legibility-measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const QUICK = flag('--quick');
const JSON_FILE = option('--json', null);
const SHOTS = option('--screenshots', null);
const FIRST_STEPS = flag('--first-steps');
const PORT = Number(option('--port', 4198));
const CONCURRENCY = Math.max(1, Number(option('--concurrency', 2)));
const BASE = `http://127.0.0.1:${PORT}/`;
const viewports = option('--viewports', null)
  ? option('--viewports').split(',').map((v) => {
      const [width, height] = v.split('x').map(Number);
      return { width, height };
    })
  : VIEWPORTS;
const fontSizes = option('--font-sizes', null) ? option('--font-sizes').split(',').map(Number) : FONT_SIZES;
const lessons = builtInLessons(root);
const chosen = option('--lessons', null)?.split(',') ?? (QUICK ? QUICK_LESSONS : lessons.map((l) => l.id));
const unknown = chosen.filter((id) => !lessons.some((l) => l.id === id) && id !== 'sandbox');
if (unknown.length > 0) {
  console.error(`unknown lesson${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (built-in: ${lessons.map((l) => l.id).join(', ')})`);
  process.exit(2);
}

const stopServer = serveBrowserBuild(root, PORT, !flag('--no-build'));

// ---- the work: one job per (viewport, text size, scene); a scene is a lesson or the sandbox
const scenes = [...chosen.filter((id) => id !== 'sandbox').map((id) => ({ kind: 'lesson', id, title: lessons.find((l) => l.id === id).title })), { kind: 'sandbox', id: 'sandbox', title: 'Sandbox, 4 processes' }];
const configs = viewports.flatMap((viewport) => fontSizes.map((fontSize) => ({ viewport, fontSize, name: viewportName(viewport) })));
const jobs = configs.flatMap((config) => scenes.map((scene) => ({ config, scene })));

const records = [];
const errors = [];
const started = Date.now();
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
let browser;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

async function record(page, config, scene, step) {
  const figures = await measureGraph(page);
  const stepTitle = scene.kind === 'lesson' ? ((await page.locator('#step-title').first().textContent()) ?? '').trim() : 'after the setup commands';
  const rec = { viewport: config.name, fontSize: config.fontSize, scene: scene.id, sceneTitle: scene.title, step: step + 1, stepTitle, figures };
  records.push(rec);
  if (SHOTS && (!FIRST_STEPS || step === 0)) {
    const n = String(lessons.findIndex((l) => l.id === scene.id) + 1).padStart(2, '0');
    await page.screenshot({ path: join(SHOTS, `${config.name}-${config.fontSize}px-${scene.kind === 'lesson' ? n : '99'}-${scene.id}-step${step + 1}.png`) });
  }
}

async function runJob({ config, scene }, context) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    if (scene.kind === 'sandbox') {
      await openSandbox(page, BASE);
      await record(page, config, scene, 0);
    } else {
      const { count } = await openLesson(page, BASE, scene.id);
      const last = QUICK ? 1 : count;
      for (let i = 0; i < last; i++) {
        if (i > 0) await nextStep(page);
        await record(page, config, scene, i);
      }
    }
    if (pageErrors.length > 0) errors.push(`${config.name} ${config.fontSize}px ${scene.id}: page errors: ${pageErrors.join('; ')}`);
  } catch (e) {
    errors.push(`${config.name} ${config.fontSize}px ${scene.id}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  } finally {
    await page.close();
  }
}

try {
  await waitForServer(BASE, 30_000);
  browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  console.log(`measuring ${scenes.length} scenes at ${configs.length} viewport × text-size settings (${CONCURRENCY} pages at a time)…`);
  // One browser context per setting: the stored settings (text size, reduced motion) are per context.
  const contexts = new Map();
  for (const config of configs) {
    const context = await browser.newContext({ viewport: config.viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await applySettings(page, BASE, { fontSize: config.fontSize, reducedMotion: true });
    await page.close();
    contexts.set(config, context);
  }
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        await runJob(job, contexts.get(job.config));
        done++;
        if (process.stdout.isTTY) process.stdout.write(`\r  ${done}/${jobs.length} scenes measured`);
      }
    }),
  );
  if (process.stdout.isTTY) process.stdout.write('\n');
} finally {
  await browser?.close();
  stopServer();
}
const seconds = (Date.now() - started) / 1000;

// ---- report
const fmt = (x, digits = 1) => (x === null || x === undefined ? '—' : typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toFixed(digits)) : String(x));
const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);
const where = (r) => `${r.scene} step ${r.step}${r.stepTitle ? ` (“${r.stepTitle.slice(0, 40)}”)` : ''}`;

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? pad(c, widths[i]) : padL(c, widths[i]))).join('  ');
  console.log('  ' + line(headers));
  console.log('  ' + widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log('  ' + line(r));
}

console.log(`\nLegibility of the graph: ${records.length} step measurements (${scenes.length} scenes${QUICK ? ', quick subset: first steps' : ', every step'}) in ${seconds.toFixed(0)} s`);
console.log('Font sizes are CSS px on screen (font-size × graph zoom); targets at text size 16: min ≥ 11 px at 1280×800, ≥ 10 px at 1024×640, median ≥ 13 px at 1280×800, 0 truncations that cut a number, 0 nodes under the controls.');

const FIGURES = [
  ['graph text: smallest (px)', (s) => fmt(s.minPx)],
  ['graph text: median (px)', (s) => fmt(s.medianPx)],
  ['graph text: lowest step median (px)', (s) => fmt(s.lowestStepMedianPx)],
  ['labels measured', (s) => s.labels],
  ['labels under 11 px', (s) => s.under11],
  ['graph zoom (median)', (s) => fmt(s.zoomMedian, 2)],
  ['labels truncated', (s) => s.truncations],
  ['  cut a number/address/id', (s) => s.meaningTruncations],
  ['  hide a whole number', (s) => s.hiddenNumberTruncations],
  ['  cut words only', (s) => s.wordTruncations],
  ['nodes outside the pane (partly+wholly)', (s) => `${s.outsideNodes} (${s.stepsWithOutside} steps)`],
  ['  wholly outside', (s) => s.whollyOutsideNodes],
  ['nodes under the controls', (s) => s.underControls],
  ['overlapping node pairs', (s) => s.overlaps],
  ['edge crossings', (s) => s.crossings],
  ['edges across most of the pane', (s) => s.longEdges],
];

for (const viewport of viewports) {
  const name = viewportName(viewport);
  const perFont = fontSizes.map((f) => summarize(records.filter((r) => r.viewport === name && r.fontSize === f)));
  console.log(`\n${viewport.width}×${viewport.height}  (${perFont[0]?.steps ?? 0} steps per text size)`);
  table(['', ...fontSizes.map((f) => `text ${f} px`)], FIGURES.map(([label, get]) => [label, ...perFont.map(get)]));
}

// Per scene at the default text size: where the problems are.
const base = fontSizes.includes(16) ? 16 : fontSizes[0];
console.log(`\nPer lesson at text size ${base} px: smallest / median px per viewport, then problems summed over viewports`);
table(
  ['scene', 'steps', ...viewports.map((v) => `${v.width}: min/med`), 'cut numbers', 'other cuts', 'outside', 'under ctrl', 'overlaps', 'crossings', 'long edges'],
  scenes.map((scene) => {
    const mine = records.filter((r) => r.scene === scene.id && r.fontSize === base);
    const s = summarize(mine);
    return [
      scene.id,
      Math.max(0, ...mine.map((r) => r.step)),
      ...viewports.map((v) => {
        const t = summarize(mine.filter((r) => r.viewport === viewportName(v)));
        return `${fmt(t.minPx)} / ${fmt(t.medianPx)}`;
      }),
      s.meaningTruncations,
      s.truncations - s.meaningTruncations,
      s.outsideNodes,
      s.underControls,
      s.overlaps,
      s.crossings,
      s.longEdges,
    ];
  }),
);

// Worst steps per viewport at the default text size.
const TOP = 5;
for (const viewport of viewports) {
  const name = viewportName(viewport);
  const mine = records.filter((r) => r.viewport === name && r.fontSize === base);
  if (mine.length === 0) continue;
  console.log(`\nWorst steps at ${viewport.width}×${viewport.height}, text size ${base} px:`);
  const list = (title, rank, show) => {
    const top = mine.filter((r) => rank(r) !== null && rank(r) > 0).sort((a, b) => rank(b) - rank(a)).slice(0, TOP);
    if (top.length === 0) return;
    console.log(`  ${title}`);
    for (const r of top) console.log(`    ${pad(where(r), 64)} ${show(r)}`);
  };
  list('smallest text', (r) => (r.figures.minPx === null ? null : 100 - r.figures.minPx), (r) => `${fmt(r.figures.minPx)} px: ${r.figures.smallest.slice(0, 2).map((t) => `“${t.text.slice(0, 24)}” in ${t.node}`).join(', ')}`);
  list('lowest median', (r) => (r.figures.medianPx === null ? null : 100 - r.figures.medianPx), (r) => `median ${fmt(r.figures.medianPx)} px, zoom ${fmt(r.figures.zoom, 2)}`);
  list('truncations that cut a number', (r) => r.figures.truncations.filter((t) => t.kind === 'number').length, (r) => {
    const cut = r.figures.truncations.filter((t) => t.kind === 'number');
    return `${cut.length}: ${cut.slice(0, 2).map((t) => `“${t.visible}…” for “${t.text.slice(0, 36)}”`).join(', ')}`;
  });
  list('most truncations', (r) => r.figures.truncations.length, (r) => `${r.figures.truncations.length} labels`);
  list('nodes under the controls', (r) => r.figures.underControls.length, (r) => r.figures.underControls.map((u) => `${u.node} under ${u.overlay}`).slice(0, 3).join(', '));
  list('nodes outside the pane', (r) => r.figures.outside.length, (r) => `${r.figures.outside.length}: ${r.figures.outside.slice(0, 4).map((o) => `${o.node} (${o.how})`).join(', ')}`);
  list('overlapping nodes', (r) => r.figures.overlaps.length, (r) => r.figures.overlaps.slice(0, 3).map((o) => `${o.a}×${o.b}`).join(', '));
  list('edge crossings', (r) => r.figures.crossings, (r) => `${r.figures.crossings} among ${r.figures.edges} edges`);
  list('edges across the pane', (r) => r.figures.longEdges.length, (r) => r.figures.longEdges.slice(0, 3).map((e) => `${e.edge} (${Math.round(e.ratio * 100)} % of the diagonal)`).join(', '));
}

if (JSON_FILE) {
  writeFileSync(JSON_FILE, JSON.stringify({ date: new Date().toISOString(), seconds, quick: QUICK, targets: TARGETS, summaries: configs.map((c) => ({ viewport: c.name, fontSize: c.fontSize, ...summarize(records.filter((r) => r.viewport === c.name && r.fontSize === c.fontSize)) })), records }, null, 1));
  console.log(`\nper-step figures written to ${JSON_FILE}`);
}

const missed = missedTargets(records);
console.log(`\nTargets (text size 16): ${missed.length === 0 ? 'all met' : `${missed.length} missed`}`);
for (const m of missed) console.log(`  ✗ ${m}`);
if (errors.length > 0) {
  console.log(`\n${errors.length} scene${errors.length > 1 ? 's' : ''} could not be measured:`);
  for (const e of errors) console.log(`  ${e}`);
}
console.log(`\ntotal time ${seconds.toFixed(0)} s`);
process.exitCode = errors.length > 0 ? 1 : flag('--targets') && missed.length > 0 ? 1 : 0;
