/*
 * Legibility of the node graph, measured in a real browser page (issue 8, item 1).
 *
 * Shared by `npm run bench:legibility` (bin/bench-legibility.mjs) and the Playwright test
 * tests/e2e/legibility.spec.ts. It only uses Svelte Flow's generic classes
 * (.svelte-flow__node, .svelte-flow__edge path, .svelte-flow__viewport, .svelte-flow__panel)
 * so that it keeps working while the graph's layout and node components change.
 *
 * What one measurement of the graph on screen returns (`measureGraph`):
 *   text         every visible label (text with a letter or digit) inside a node: its font size in CSS px *after* the
 *                graph's zoom (computed font-size × the node's on-screen scale, which is the
 *                zoom of .svelte-flow__viewport). "Visible" = rendered, not transparent, and
 *                not entirely clipped by the pane or by an overflow:hidden box of its node.
 *   truncations  labels cut by CSS ellipsis (scrollWidth > clientWidth), clipped by their
 *                node, or ending in "…"; each classified as `number` (the cut falls inside a
 *                number, hex address or frame id: "frame 1" for frame 108, which changes
 *                meaning), `hidden-number` (a number is hidden whole: "→ PT …") or `words`.
 *   nodes        nodes not wholly inside the visible pane (partly or wholly outside), and
 *                nodes under an overlay of the pane (the zoom controls, any panel, any other
 *                absolutely positioned box over the graph); a container node counts only
 *                when one of its own labels is under an overlay.
 *   overlaps     pairs of nodes whose boxes intersect, leaving out a node and its container
 *                (one box wholly inside the other: frames inside the memory group).
 *   edges        crossings between the rendered edge paths (each path sampled every ~6
 *                flow units with getPointAtLength; crossings within 12 px of an endpoint are
 *                fan-outs at a shared node, not counted), and "long" edges whose ends are
 *                further apart than LONG_EDGE of the pane's diagonal (they cross the graph).
 *
 * Settling: the figures are of each step's final state, the one a learner reads. The bench
 * measures with reduced motion on (the stored setting and the prefers-reduced-motion media
 * feature), so the view is fitted without a transition and nothing moves. A step's
 * animation (hop by hop, or with reduced motion a sequence of held states) is ended with
 * the panel's "Skip to end" button whenever it is offered, which shows the final state at
 * once; there is no other "animation finished" signal. After a step, `waitForSettledGraph`
 * waits for `.pw-graph[data-painted]` to change (the graph's "painted" signal), skips any
 * animation, and then waits for the viewport transform, the nodes' boxes, the edge count
 * and the graph's markup to stay the same for STABLE_FRAMES consecutive animation frames
 * and at least STILL_MS with no Skip button showing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const PACK = 'pagewalk.memory-management';
export const VIEWPORTS = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
export const FONT_SIZES = [16, 22];
/** An edge is "long" when its ends are further apart than this share of the pane's diagonal. */
export const LONG_EDGE = 0.66;
const STABLE_FRAMES = 8;
/** …and for at least this long, so that a state shown for a moment is not taken for the last. */
const STILL_MS = 200;

/** The targets, at the default text size (16 px). */
export const TARGETS = {
  minPx: { '1280x800': 11, '1024x640': 10 },
  medianPx: { '1280x800': 13 },
  meaningTruncations: 0,
  underControls: 0,
};

/**
 * The sandbox scene: the default machine (teaching-16, 32 frames) with 4 processes, each
 * with its code, data and stack pages in use and a private mapping written.
 */
export const SANDBOX_COMMANDS = ['A', 'B', 'C', 'D'].flatMap((p) => [
  `spawn ${p}`,
  `read ${p} 0x1000`,
  `write ${p} 0x2000 1`,
  `write ${p} 0xeffc 2`,
  `mmap ${p} 4096 rw at=0x8000`,
  `write ${p} 0x8000 3`,
]);

/** The quick subset: first steps of lessons with different machines (16-bit, x86-64, fork, NUMA, dump) and the sandbox. */
export const QUICK_LESSONS = ['virtual-vs-physical', 'multi-level-page-tables', 'fork-cow', 'numa', 'walk-a-dump'];

/** The built-in lessons, in pack order: [{ id, title, steps }]. */
export function builtInLessons(root) {
  const dir = join(root, 'lessons/memory-management/lessons');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const doc = parse(readFileSync(join(dir, f), 'utf8'));
      return { id: doc.id, title: doc.title, steps: Array.isArray(doc.steps) ? doc.steps.length : 0 };
    });
}

export const viewportName = (v) => `${v.width}x${v.height}`;

/**
 * Store the settings the measurement needs (text size, reduced motion) through the
 * Settings screen, as a learner would. Settings persist in the context's storage, so
 * every later page of the context uses them.
 */
export async function applySettings(page, baseURL, { fontSize, reducedMotion = true }) {
  await page.goto(new URL('#/settings', baseURL).href);
  const size = page.locator('#font-size');
  await size.waitFor();
  await size.fill(String(fontSize));
  await size.dispatchEvent('change');
  const motion = page.getByLabel('Reduce motion');
  if ((await motion.isChecked()) !== reducedMotion) await motion.click();
  await page.waitForFunction((px) => document.documentElement.style.fontSize === `${px}px`, fontSize);
  // The host saves asynchronously: reload and check that the setting came back.
  await page.reload();
  await size.waitFor();
  await page.waitForFunction((px) => document.documentElement.style.fontSize === `${px}px`, fontSize, { timeout: 10_000 });
}

/** The graph's "painted" key now ('' when there is none yet or the graph has no such signal). */
export function paintedKey(page) {
  return page.evaluate(() => document.querySelector('.pw-graph')?.getAttribute('data-painted') ?? '');
}

/**
 * Wait until the graph is painted after a change (its data-painted differs from `before`,
 * when the graph has that signal) and then stays still for STABLE_FRAMES frames.
 */
export async function waitForSettledGraph(page, before = null) {
  await page.waitForSelector('.svelte-flow__viewport', { timeout: 30_000 });
  if (before !== null) {
    await page
      .waitForFunction(
        (prev) => {
          const g = document.querySelector('.pw-graph');
          if (!g || !g.hasAttribute('data-painted')) return true; // no signal: rely on stillness
          const p = g.getAttribute('data-painted');
          return p !== '' && p !== prev;
        },
        before,
        { polling: 'raf', timeout: 15_000 },
      )
      .catch(() => {});
  }
  const still = await page.evaluate(async ({ frames, ms }) => {
    await document.fonts.ready;
    // While a step plays, the panel offers "Skip to end": the final state at once.
    const skip = () => [...document.querySelectorAll('button')].find((b) => /^\s*skip/i.test(b.textContent ?? '') && b.offsetParent !== null && !b.disabled);
    const signature = () => {
      const vp = document.querySelector('.svelte-flow__viewport');
      const nodes = [...document.querySelectorAll('.svelte-flow__node')];
      let sum = 0;
      for (const n of nodes) {
        const r = n.getBoundingClientRect();
        sum += r.x * 3 + r.y * 7 + r.width * 11 + r.height * 13;
      }
      // The markup's length changes with any highlight, badge or edge that comes or goes.
      const markup = document.querySelector('.pw-graph')?.innerHTML.length ?? 0;
      return [vp ? getComputedStyle(vp).transform : '', nodes.length, Math.round(sum), document.querySelectorAll('.svelte-flow__edge').length, markup].join('|');
    };
    const end = performance.now() + 10_000;
    let last = '';
    let same = 0;
    let since = performance.now();
    while (performance.now() < end) {
      await new Promise((r) => requestAnimationFrame(r));
      const playing = skip();
      if (playing) playing.click();
      const s = playing ? '' : signature();
      const painted = document.querySelector('.pw-graph')?.getAttribute('data-painted') !== '';
      if (s === last && painted && document.querySelectorAll('.svelte-flow__node').length > 0) same++;
      else {
        same = 0;
        since = performance.now();
      }
      last = s;
      if (same >= frames && performance.now() - since >= ms) return true;
    }
    return false;
  }, { frames: STABLE_FRAMES, ms: STILL_MS });
  if (!still) throw new Error('the graph did not settle within 10 s');
}

/**
 * Where the lesson is, read in the page: "Step 3 of 7" (the narrative's step number, or any
 * such text on the page), else the step controls' "3 / 7". Null while no lesson is shown.
 * With `expected`, whether the lesson is at that step index. Self-contained: it runs in the
 * page (whose content security policy forbids evaluating strings).
 */
function readStep(expected = null) {
  const m =
    (document.querySelector('.step-no')?.textContent ?? '').match(/(\d+)\s+of\s+(\d+)/i) ??
    document.body.innerText.match(/\bstep\s+(\d+)\s+of\s+(\d+)/i) ??
    document.body.innerText.match(/^\s*(\d+)\s*\/\s*(\d+)\s*$/m);
  const at = m ? { index: Number(m[1]) - 1, count: Number(m[2]) } : null;
  return expected === null ? at : at !== null && at.index === expected;
}

export async function stepPosition(page) {
  const at = await page.evaluate(readStep, null);
  if (!at) throw new Error('cannot read the lesson\'s step number ("Step N of M")');
  return at;
}

/** Open a lesson at its first step and wait for its graph to settle. */
export async function openLesson(page, baseURL, lessonId) {
  // The page may show another lesson's graph: wait for a new paint, not for that one.
  const before = await paintedKey(page).catch(() => '');
  await page.goto(new URL(`#/lesson/${PACK}/${lessonId}`, baseURL).href);
  await page.waitForFunction(readStep, 0, { timeout: 30_000 });
  // A memory-dump exercise opens on its raw dump: the graph is what is measured.
  const graphButton = page.getByRole('button', { name: 'Graph', exact: true });
  await graphButton.waitFor({ timeout: 30_000 });
  if ((await graphButton.getAttribute('aria-pressed')) !== 'true') await graphButton.click();
  await waitForSettledGraph(page, before);
  return stepPosition(page);
}

/** Go one step forward with the → key and wait for the new step's graph to settle. */
export async function nextStep(page) {
  const { index } = await stepPosition(page);
  const before = await paintedKey(page);
  // → is handled on the window unless an input has focus: make sure none has.
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(readStep, index + 1, { timeout: 30_000 });
  await waitForSettledGraph(page, before);
}

/** Open the sandbox, type the 4-process scene into its command line, and wait for the graph. */
export async function openSandbox(page, baseURL, commands = SANDBOX_COMMANDS) {
  await page.goto(new URL('#/sandbox', baseURL).href);
  const input = page.locator('#command');
  await input.waitFor({ timeout: 30_000 });
  // The sandbox keeps its session per machine (a scene measured before in this browser): start from an empty one.
  const startOver = page.getByRole('button', { name: 'Start over' });
  if (await startOver.isEnabled()) {
    await startOver.click();
    await page.locator('.log li.entry:not(.undone)').first().waitFor({ state: 'detached' });
  }
  for (const cmd of commands) {
    await input.fill(cmd);
    await input.press('Enter');
    await page.waitForFunction(() => {
      const el = document.getElementById('command');
      return (el instanceof HTMLInputElement && el.value === '') || document.getElementById('command-error');
    });
    const error = await page.locator('#command-error').count();
    if (error > 0) throw new Error(`sandbox command "${cmd}": ${await page.locator('#command-error').innerText()}`);
  }
  // A command the machine refused (a fault that kills the process) would measure another scene.
  const failed = await page.evaluate(() => document.body.innerText.split('\n').find((line) => /\bfailed\b/.test(line)) ?? null);
  if (failed) throw new Error(`sandbox scene: ${failed}`);
  await waitForSettledGraph(page, null);
}

/** Measure the graph as drawn now (runs in the page; see the header for the figures). */
export function measureGraph(page) {
  return page.evaluate(measureInPage, { longEdge: LONG_EDGE });
}

/* ------------------------------------------------------------------ in the page ---- */

function measureInPage({ longEdge }) {
  const graph = document.querySelector('.pw-graph') ?? document.querySelector('.svelte-flow')?.parentElement;
  const flow = graph?.querySelector('.svelte-flow') ?? graph;
  if (!graph || !flow) throw new Error('no graph on the page');
  const pane = flow.getBoundingClientRect();
  const viewport = flow.querySelector('.svelte-flow__viewport');
  const matrix = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform) : new DOMMatrixReadOnly();
  const viewportZoom = Math.hypot(matrix.a, matrix.b);

  const box = (r) => ({ x: r.left, y: r.top, r: r.right, b: r.bottom });
  const intersect = (a, b) => ({ x: Math.max(a.x, b.x), y: Math.max(a.y, b.y), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
  const area = (a) => Math.max(0, a.r - a.x) * Math.max(0, a.b - a.y);
  const overlapsBy = (a, b, px) => Math.min(a.r, b.r) - Math.max(a.x, b.x) > px && Math.min(a.b, b.b) - Math.max(a.y, b.y) > px;
  const contains = (a, b, tol) => a.x <= b.x + tol && a.y <= b.y + tol && a.r >= b.r - tol && a.b >= b.b - tol;
  const round = (x) => Math.round(x * 100) / 100;
  // The visible pane: the graph's box within the window (a page scrolled by the sandbox's command line hides part of it).
  const paneBox = intersect(box(pane), { x: 0, y: 0, r: window.innerWidth, b: window.innerHeight });

  const shown = (el) =>
    el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : getComputedStyle(el).visibility !== 'hidden';

  const nodeEls = [...flow.querySelectorAll('.svelte-flow__node')].filter((n) => shown(n) && n.getBoundingClientRect().width > 0);
  const nodes = nodeEls.map((el) => {
    const r = el.getBoundingClientRect();
    const zoom = el.offsetWidth > 0 ? r.width / el.offsetWidth : viewportZoom;
    return { el, id: el.getAttribute('data-id') ?? '', box: box(r), zoom, labelBoxes: [] };
  });
  // A container (the memory group around its frames) holds other nodes inside its box.
  const isContainer = new Set(nodes.filter((a) => nodes.some((b) => b !== a && contains(a.box, b.box, 1) && area(b.box) < area(a.box))));

  /** The part of the screen where `el`'s content can show: the pane ∩ its clipping boxes up to its node. */
  function clipOf(el, nodeEl) {
    let clip = paneBox;
    for (let a = el; a && a !== nodeEl.parentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') clip = intersect(clip, box(a.getBoundingClientRect()));
    }
    return clip;
  }

  const NUMBER = /^(0x[0-9a-f]+|[0-9][0-9a-f]*|[0-9]+)$/i;
  const tokenChar = /[0-9a-zA-Z_]/;

  /** How a cut changes what the label says (see the file header). */
  function classifyCut(full, visible) {
    const k = visible.length;
    if (k > 0 && k < full.length && tokenChar.test(full[k - 1]) && tokenChar.test(full[k])) {
      let s = k - 1;
      let e = k;
      while (s > 0 && tokenChar.test(full[s - 1])) s--;
      while (e < full.length && tokenChar.test(full[e])) e++;
      if (NUMBER.test(full.slice(s, e)) || /\d/.test(full.slice(s, e))) return 'number';
    }
    if (/\d/.test(full.slice(k))) return 'hidden-number';
    return 'words';
  }

  const text = [];
  const truncations = [];
  const counted = new Set();
  let ellipsisCanvas = null;

  for (const node of nodes) {
    // CSS ellipsis (or any horizontally clipped box with text in it).
    for (const el of [node.el, ...node.el.querySelectorAll('*')]) {
      if (counted.has(el) || !(el instanceof HTMLElement)) continue;
      const cs = getComputedStyle(el);
      if (cs.overflowX === 'visible' || el.scrollWidth <= el.clientWidth + 1) continue;
      const ownText = [...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent.trim() !== '');
      if (cs.textOverflow !== 'ellipsis' && !ownText) continue;
      const label = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (label === '' || !shown(el)) continue;
      let inside = false;
      for (let a = el.parentElement; a && a !== node.el.parentElement; a = a.parentElement) if (counted.has(a)) inside = true;
      if (inside) continue;
      const clip = clipOf(el, node.el);
      if (area(clip) <= 1) continue;
      counted.add(el);
      const r = el.getBoundingClientRect();
      const pad = (parseFloat(cs.paddingRight) + parseFloat(cs.borderRightWidth)) * node.zoom;
      let ellipsisWidth = 0;
      if (cs.textOverflow === 'ellipsis') {
        ellipsisCanvas ??= document.createElement('canvas').getContext('2d');
        ellipsisCanvas.font = cs.font;
        ellipsisWidth = ellipsisCanvas.measureText('…').width * node.zoom;
      }
      const visiblePart = visiblePrefix(el, Math.min(r.right - pad, clip.r) - ellipsisWidth, cs.textOverflow === 'ellipsis');
      truncations.push({
        node: node.id,
        text: label,
        visible: visiblePart,
        how: cs.textOverflow === 'ellipsis' ? 'ellipsis' : 'clipped',
        kind: classifyCut(label, visiblePart),
        px: round(parseFloat(cs.fontSize) * node.zoom),
      });
    }
    // Labels: elements with text of their own.
    const walker = document.createTreeWalker(node.el, NodeFilter.SHOW_TEXT);
    const byElement = new Map();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent || t.textContent.trim() === '') continue;
      const el = t.parentElement;
      if (!el || !shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      const clip = clipOf(el, node.el);
      const visible = rects.some((r) => area(intersect(box(r), clip)) > 1);
      if (!visible) continue;
      const entry = byElement.get(el) ?? { text: '', rects: [], clip };
      entry.text += t.textContent;
      entry.rects.push(...rects);
      byElement.set(el, entry);
    }
    for (const [el, entry] of byElement) {
      node.labelBoxes.push(...entry.rects.map(box));
      const px = parseFloat(getComputedStyle(el).fontSize) * node.zoom;
      const label = entry.text.replace(/\s+/g, ' ').trim();
      // A label is text with a letter or digit in it; a lone marker ("●", "→") is not read as text.
      if (/[\p{L}\p{N}]/u.test(label)) text.push({ node: node.id, text: label.slice(0, 60), px: round(px) });
      // Clipped by its node without an ellipsis (text running past a clipping box).
      const right = Math.max(...entry.rects.map((r) => r.right));
      let cut = false;
      for (let a = el; a && a !== node.el.parentElement; a = a.parentElement) if (counted.has(a)) cut = true;
      if (cut) continue;
      if (right > entry.clip.r + 1 && entry.clip.r < paneBox.r - 1) {
        counted.add(el);
        const visiblePart = visiblePrefix(el, entry.clip.r, false);
        truncations.push({ node: node.id, text: label, visible: visiblePart, how: 'clipped', kind: classifyCut(label, visiblePart), px: round(px) });
      } else if (label.endsWith('…')) {
        counted.add(el);
        const before = label.slice(0, -1);
        const kind = /[0-9a-f]$/i.test(before) && /(0x[0-9a-f]*|\d+)$/i.test(before) ? 'number' : 'words';
        truncations.push({ node: node.id, text: label, visible: before, how: 'ends-in-…', kind, px: round(px) });
      }
    }
  }

  /**
   * The characters of `el`'s text (whitespace collapsed) that show left of `limit`: with an
   * ellipsis only whole glyphs show; a clipped glyph is counted when at least half of it shows.
   */
  function visiblePrefix(el, limit, wholeGlyphs) {
    let out = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const s = t.textContent ?? '';
      for (let i = 0; i < s.length; i++) {
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width === 0 && /\s/.test(s[i])) {
          out += ' ';
          continue;
        }
        if ((wholeGlyphs ? r.right : (r.left + r.right) / 2) > limit + 0.5) return out.replace(/\s+/g, ' ').trim();
        out += s[i];
      }
    }
    return out.replace(/\s+/g, ' ').trim();
  }

  // Nodes and the visible pane.
  const outside = [];
  for (const n of nodes) {
    if (contains(paneBox, n.box, 1)) continue;
    outside.push({ node: n.id, how: area(intersect(paneBox, n.box)) <= 1 ? 'wholly' : 'partly' });
  }

  // Overlays inside the pane: Svelte Flow's panels (controls, minimap) and any other positioned box over the graph.
  const overlayEls = new Set(flow.querySelectorAll('.svelte-flow__panel, .svelte-flow__controls, .svelte-flow__minimap'));
  for (const parent of [flow, graph, graph.parentElement]) {
    if (!parent) continue;
    for (const c of parent.children) {
      if (c === flow || c === graph || c.classList.contains('svelte-flow__container') || /a11y/.test(c.className?.toString() ?? '')) continue;
      const cs = getComputedStyle(c);
      if (!['absolute', 'fixed', 'sticky'].includes(cs.position) || !shown(c)) continue;
      const r = c.getBoundingClientRect();
      if (r.width < 8 || r.height < 8 || area(box(r)) > 0.5 * area(paneBox) || area(intersect(box(r), paneBox)) <= 1) continue;
      overlayEls.add(c);
    }
  }
  const overlays = [...overlayEls]
    .filter((el) => shown(el) && el.getBoundingClientRect().width > 0)
    .map((el) => ({ name: [...el.classList].find((c) => c.startsWith('svelte-flow__') && c !== 'svelte-flow__panel') ?? el.className.toString().split(' ')[0] ?? el.tagName, box: box(el.getBoundingClientRect()) }));
  const underControls = [];
  for (const n of nodes) {
    // A container is only hidden where its own labels are: its children are checked one by one.
    const parts = isContainer.has(n) ? n.labelBoxes : [n.box];
    for (const o of overlays) if (parts.some((p) => overlapsBy(p, o.box, 1))) underControls.push({ node: n.id, overlay: o.name, px: round(area(intersect(n.box, o.box))) });
  }

  // Overlapping nodes, leaving out containers (one box wholly inside the other).
  const overlaps = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i].box;
      const b = nodes[j].box;
      if (!overlapsBy(a, b, 1) || contains(a, b, 1) || contains(b, a, 1)) continue;
      overlaps.push({ a: nodes[i].id, b: nodes[j].id, px: round(area(intersect(a, b))) });
    }
  }

  // Edges: sample each rendered path, then count crossings between pairs.
  const edges = [];
  for (const g of flow.querySelectorAll('.svelte-flow__edge')) {
    const paths = [...g.querySelectorAll('path')].filter((p) => {
      if (p.classList.contains('svelte-flow__edge-interaction')) return false;
      const cs = getComputedStyle(p);
      return cs.visibility !== 'hidden' && cs.display !== 'none' && cs.stroke !== 'none' && Number(cs.strokeOpacity) > 0 && Number(cs.opacity) > 0;
    });
    const path = paths[0];
    if (!path || !path.getTotalLength) continue;
    const length = path.getTotalLength();
    const ctm = path.getScreenCTM();
    if (!ctm || !(length > 0)) continue;
    const samples = Math.max(8, Math.min(240, Math.ceil(length / 6)));
    const pts = [];
    for (let i = 0; i <= samples; i++) {
      const p = path.getPointAtLength((length * i) / samples);
      const s = new DOMPoint(p.x, p.y).matrixTransform(ctm);
      pts.push([s.x, s.y]);
    }
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    edges.push({ id: g.getAttribute('data-id') ?? path.id ?? '', pts, bb: { x: Math.min(...xs), y: Math.min(...ys), r: Math.max(...xs), b: Math.max(...ys) } });
  }
  const diagonal = Math.hypot(pane.width, pane.height);
  const near = (p, q, d) => Math.hypot(p[0] - q[0], p[1] - q[1]) < d;
  const ends = (e) => [e.pts[0], e.pts[e.pts.length - 1]];
  const longEdges = edges
    .map((e) => {
      const [s, t] = ends(e);
      return { edge: e.id, ratio: round(Math.hypot(t[0] - s[0], t[1] - s[1]) / diagonal) };
    })
    .filter((e) => e.ratio > longEdge);
  const orient = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const crossingPairs = [];
  let crossings = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const e = edges[i];
      const f = edges[j];
      if (!overlapsBy(e.bb, f.bb, -1)) continue;
      const [es, et] = ends(e);
      const [fs, ft] = ends(f);
      // The same route drawn twice (a highlighted path over its edge) is not a crossing.
      if ((near(es, fs, 4) && near(et, ft, 4)) || (near(es, ft, 4) && near(et, fs, 4))) continue;
      const endpoints = [es, et, fs, ft];
      const points = [];
      for (let a = 0; a + 1 < e.pts.length; a++) {
        const p1 = e.pts[a];
        const p2 = e.pts[a + 1];
        for (let b = 0; b + 1 < f.pts.length; b++) {
          const q1 = f.pts[b];
          const q2 = f.pts[b + 1];
          if (Math.max(p1[0], p2[0]) < Math.min(q1[0], q2[0]) || Math.max(q1[0], q2[0]) < Math.min(p1[0], p2[0])) continue;
          if (Math.max(p1[1], p2[1]) < Math.min(q1[1], q2[1]) || Math.max(q1[1], q2[1]) < Math.min(p1[1], p2[1])) continue;
          if (orient(p1, p2, q1) * orient(p1, p2, q2) < 0 && orient(q1, q2, p1) * orient(q1, q2, p2) < 0) {
            const x = [(p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2];
            if (endpoints.some((end) => near(x, end, 12))) continue;
            if (points.some((p) => near(p, x, 6))) continue;
            points.push(x);
          }
        }
      }
      if (points.length > 0) {
        crossings += points.length;
        crossingPairs.push({ a: e.id, b: f.id, n: points.length });
      }
    }
  }

  const px = text.map((t) => t.px).sort((a, b) => a - b);
  const median = px.length === 0 ? null : px.length % 2 ? px[(px.length - 1) / 2] : (px[px.length / 2 - 1] + px[px.length / 2]) / 2;
  const smallest = [...text].sort((a, b) => a.px - b.px).slice(0, 5);
  return {
    zoom: round(viewportZoom),
    pane: { width: Math.round(pane.width), height: Math.round(pane.height) },
    labels: px.length,
    px,
    minPx: px.length ? px[0] : null,
    medianPx: median === null ? null : round(median),
    smallest,
    truncations,
    nodes: nodes.length,
    outside,
    overlays: overlays.map((o) => o.name),
    underControls,
    overlaps,
    edges: edges.length,
    crossings,
    crossingPairs,
    longEdges,
  };
}

/* ------------------------------------------------------------------ summaries ---- */

const sortNum = (xs) => [...xs].sort((a, b) => a - b);
function medianOf(xs) {
  const s = sortNum(xs);
  if (s.length === 0) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * One configuration's figures (records of one viewport and one text size):
 * pooled over every label of every step measured.
 */
export function summarize(records) {
  const all = records.flatMap((r) => r.figures.px);
  const trunc = records.flatMap((r) => r.figures.truncations);
  const stepMedians = records.map((r) => r.figures.medianPx).filter((x) => x !== null);
  return {
    steps: records.length,
    labels: all.length,
    minPx: all.length ? Math.min(...all) : null,
    medianPx: medianOf(all),
    lowestStepMedianPx: stepMedians.length ? Math.min(...stepMedians) : null,
    under11: all.filter((x) => x < 11).length,
    truncations: trunc.length,
    meaningTruncations: trunc.filter((t) => t.kind === 'number').length,
    hiddenNumberTruncations: trunc.filter((t) => t.kind === 'hidden-number').length,
    wordTruncations: trunc.filter((t) => t.kind === 'words').length,
    outsideNodes: records.reduce((s, r) => s + r.figures.outside.length, 0),
    whollyOutsideNodes: records.reduce((s, r) => s + r.figures.outside.filter((o) => o.how === 'wholly').length, 0),
    stepsWithOutside: records.filter((r) => r.figures.outside.length > 0).length,
    underControls: records.reduce((s, r) => s + r.figures.underControls.length, 0),
    overlaps: records.reduce((s, r) => s + r.figures.overlaps.length, 0),
    crossings: records.reduce((s, r) => s + r.figures.crossings, 0),
    longEdges: records.reduce((s, r) => s + r.figures.longEdges.length, 0),
    zoomMedian: medianOf(records.map((r) => r.figures.zoom)),
  };
}

/** Which of the targets a set of records misses (default text size only). */
export function missedTargets(records) {
  const missed = [];
  const at16 = records.filter((r) => r.fontSize === 16);
  for (const [vp, min] of Object.entries(TARGETS.minPx)) {
    const s = summarize(at16.filter((r) => r.viewport === vp));
    if (s.steps === 0) continue;
    if (s.minPx !== null && s.minPx < min) missed.push(`${vp}: smallest graph text ${s.minPx} px < ${min} px`);
  }
  for (const [vp, median] of Object.entries(TARGETS.medianPx)) {
    const s = summarize(at16.filter((r) => r.viewport === vp));
    if (s.steps === 0) continue;
    if (s.medianPx !== null && s.medianPx < median) missed.push(`${vp}: median graph text ${s.medianPx} px < ${median} px`);
  }
  const all = summarize(at16);
  if (all.meaningTruncations > TARGETS.meaningTruncations) missed.push(`${all.meaningTruncations} truncations cut a number, address or frame id (target 0)`);
  if (all.underControls > TARGETS.underControls) missed.push(`${all.underControls} nodes under the graph's controls (target 0)`);
  // A larger text size must make graph text larger.
  for (const vp of new Set(records.map((r) => r.viewport))) {
    const a = summarize(records.filter((r) => r.viewport === vp && r.fontSize === 16));
    const b = summarize(records.filter((r) => r.viewport === vp && r.fontSize === 22));
    if (a.steps > 0 && b.steps > 0 && a.medianPx !== null && b.medianPx !== null && b.medianPx <= a.medianPx) {
      missed.push(`${vp}: text size 22 px gives median graph text ${b.medianPx} px, not larger than ${a.medianPx} px at 16 px`);
    }
  }
  return missed;
}
