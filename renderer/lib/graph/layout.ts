/*
 * Snapshot → node graph. A pure function: the same snapshot always gives the same nodes,
 * edges and positions, so nothing in a lesson is hand-placed and the graph can be
 * unit-tested without a browser.
 *
 * The picture is two regions side by side:
 *
 *   left: one horizontal LANE per process       right: the hardware and memory
 *   ┌─────────┐ ┌────────┐ ┌────────┐           ┌─────┐ ┌─────┐
 *   │ process │→│ level 0│→│ level 1│ ──┐        │CPU 0│ │CPU 1│   CPUs, each above its TLB
 *   └─────────┘ └────────┘ │ tables │   │        │ TLB │ │ TLB │
 *                          └────────┘   └──────→ ┌───────────────┐
 *   (next lane …)                                 │ frame grid per │ physical memory,
 *                                                 │ NUMA node      │ one group per node
 *                                                 └───────────────┘
 *                                                 swap · files
 *
 * Page-table pages sit in the column of their level; an edge runs from each valid entry
 * (a row of the table node) to the next table or, for a leaf, to the frame it maps. A
 * frame mapped by several entries (copy-on-write after fork, shared memory, shared
 * code) therefore has several incoming edges and a "×refs" badge.
 *
 * Large machines are summarised rather than drawn in full: a table shows at most
 * MAX_TABLE_ROWS entries (the rest fold into a "+n more" row that still carries their
 * edges), a TLB at most MAX_TLB_ROWS, and above FULL_GRID_LIMIT frames runs of free or
 * kernel frames collapse into one cell each.
 *
 * Node and edge objects are shaped the way @xyflow/svelte expects, but this file does not
 * import it, so it runs in Node for tests and benchmarks.
 */
import type { Concealed, Focus } from '../../../core/lessons/types.ts';
import { frameAt, type FrameSnapshot, type PageTableSnapshot, type ProcessSnapshot, type Snapshot } from '../../../core/sim/snapshot.ts';
import { getLocale, t as translate } from '../../../core/i18n/index.ts';
import { formatVa } from '../../../core/sim/address.ts';
import { bytes, hex, hexAddr } from '../format.ts';
import { fitViewport } from './viewport.ts';

/** Number of distinct owner colours in the stylesheet (--owner-0 … --owner-7). */
export const OWNER_COLOURS = 8;
export const MAX_TABLE_ROWS = 12;
export const MAX_TLB_ROWS = 8;
export const FULL_GRID_LIMIT = 64;
export const MAX_SWAP_CHIPS = 24;

/**
 * Sizes in CSS pixels at scale 1 (the UI font size 16 px); graph.css uses the same header
 * and row heights. Graph text is 14 px (13 px for secondary text) at scale 1, so at the
 * view's readable zoom (viewport.ts) nothing a learner reads is below 11 px on screen.
 */
const ROW = 20;
const HEAD = 26;
const PAD = 6;
const PROC_W = 184;
const TABLE_MIN_W = 168;
const TABLE_MAX_W = 320;
/** Width of one character of the 13 px monospace table rows, and of the 13-14 px UI text. */
const MONO_CH = 8.2;
const UI_CH = 7.6;

/**
 * How many Latin characters' widths a label takes: CJK ideographs, kana, hangul and
 * fullwidth forms are about twice as wide, so a Chinese label is sized for what it draws
 * and not for its (short) character count.
 */
export function textUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 1.9 : 1;
  return n;
}
const COL_GAP = 34;
const LANE_GAP = 14;
const TABLE_GAP = 8;
const BAND_GAP = 30;
const REGION_GAP = 52;
const CPU_W = 230;
const CPU_H = 26 + 2 * 20 + 6;
const TLB_W = 230;
const HW_GAP = 12;
const CELL_MIN_W = 62;
const CELL_MAX_W = 120;
const CELL_H = 46;
const CELL_GAP = 5;
/** Frame-grid widths tried; the one giving the best fit in the reference pane wins. */
const GRID_CHOICES = [4, 6, 8, 10, 12, 16];
const GROUP_HEAD = 46;
const GROUP_PAD = 8;
const SECTION_GAP = 18;
const SWAP_W = 240;
const FILE_W = 190;

export interface TlbRow {
  set: number;
  way: number;
  vpn: number;
  vpnText: string;
  pfn: number;
  perms: string;
  asid: number;
  global: boolean;
  dirty: boolean;
  /** Colour slot of the process the entry belongs to, when known. */
  colour: number | null;
  owner: string | null;
}

export interface CpuData {
  kind: 'cpu';
  cpu: number;
  numaNode: number | null;
  thread: string | null;
  process: string | null;
  colour: number | null;
  /** Page-table root the CPU is using (CR3 / satp), as a frame number. */
  root: number | null;
}

export interface TlbData {
  kind: 'tlb';
  cpu: number;
  capacity: number;
  sets: number;
  ways: number;
  rows: TlbRow[];
  hidden: number;
  hits: number;
  misses: number;
  asids: boolean;
  /** Contents and counters hidden until the quiz is answered. */
  concealed: boolean;
}

export interface ProcessData {
  kind: 'process';
  pid: number;
  name: string;
  alive: boolean;
  exitReason: string | null;
  parent: string | null;
  program: string;
  colour: number;
  threads: { tid: number; name: string; cpu: number; running: boolean }[];
  hiddenThreads: number;
  rssPages: number;
  pssPages: number;
  areas: { name: string; kind: string; perms: string; range: string }[];
  /** The areas in words, wrapped to the node's width ("code · data · heap", "3× mmap"). */
  areaLines: string[];
  swapped: number;
  root: number;
  /** Drawn as a summary: the step is not about this process, so its tables are left out. */
  summary: boolean;
  /** RSS and PSS hidden until the quiz is answered. */
  sizeConcealed: boolean;
}

export interface TableRow {
  index: number;
  /** Handle id the row's edge leaves from. */
  handle: string;
  valid: boolean;
  leaf: boolean;
  target: number;
  flags: string;
  raw: string;
  cow: boolean;
  /** First virtual address this entry covers. */
  va: string;
  /** What the entry means is hidden until the quiz is answered: only its raw value shows. */
  concealed: boolean;
}

export interface TableData {
  kind: 'table';
  pfn: number;
  pid: number | null;
  owner: string;
  colour: number | null;
  level: number;
  levels: number;
  base: string;
  entriesPerTable: number;
  rows: TableRow[];
  hidden: number;
  /** Opened in full by the learner (the "+n more" row folds it again). */
  expanded: boolean;
}

export interface FrameData {
  kind: 'frame';
  pfn: number;
  frameKind: FrameSnapshot['kind'];
  label: string;
  detail: string;
  colour: number | null;
  refs: number;
  /** Names of the processes mapping it, when more than one: a visibly shared frame. */
  sharedBy: string[];
  /** How many map it is hidden until the quiz is answered. */
  refsConcealed: boolean;
  dirty: boolean;
  numaNode: number;
}

export interface FrameRunData {
  kind: 'run';
  first: number;
  last: number;
  frameKind: 'free' | 'kernel' | 'image';
  /** A run of free frames whose length would tell how many are free (hidden until the quiz is answered). */
  concealed?: boolean;
  /** Opened by the learner: this cell heads the frames first…last, drawn one by one after it, and folds them again. */
  opened?: boolean;
}

export interface MemoryData {
  kind: 'memory';
  title: string;
  detail: string;
}

export interface SwapData {
  kind: 'swap';
  slots: number;
  used: { slot: number; refs: number }[];
  hidden: number;
}

export interface FileData {
  kind: 'file';
  name: string;
  size: string;
  shm: boolean;
  unlinked: boolean;
  cached: { page: number; pfn: number }[];
  swapped: number;
}

export type NodeData = CpuData | TlbData | ProcessData | TableData | FrameData | FrameRunData | MemoryData | SwapData | FileData;
export type NodeKind = NodeData['kind'];

export interface GraphNode<D extends NodeData = NodeData> {
  id: string;
  type: D['kind'];
  position: { x: number; y: number };
  width: number;
  height: number;
  data: D;
  zIndex?: number;
  draggable: boolean;
  selectable: boolean;
  /** Described for assistive technology (xyflow puts it on the node element). */
  ariaLabel: string;
}

export type EdgeKind = 'root' | 'table' | 'leaf' | 'cpu' | 'file' | 'swap';

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  targetHandle?: string;
  kind: EdgeKind;
  class: string;
  /** Entry count when several hidden rows are folded into one edge. */
  label?: string;
  /** Drawn at right angles through the channel between memory and the tables (edges/ChannelEdge.svelte). */
  type?: 'channel';
  /** Where the routed edge rises beside its table (x), runs along the channel (y) and rises into its frame (up). */
  data?: { route: { x: number; y: number; up: number } };
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
  /** Node id showing a frame (a frame cell, or the collapsed run that contains it). */
  frameNode: Record<number, string>;
  /** Row index (within the TLB node's rows) of each cached translation, by CPU and "set:vpn". */
  tlbRow: Record<string, number>;
}

export interface LayoutOptions {
  /** Multiplies every size; the app passes fontSize / 16 so the graph honours the font setting. */
  scale?: number;
  /** The pane the graph is fitted into; its shape decides how wide the frame grid is. */
  pane?: { width: number; height: number };
  /** What the step is about: decides what is drawn in full, as a summary, or not at all. */
  focus?: Focus | null;
  /** What an unanswered quiz would give away: drawn as "?" (core/lessons/conceal.ts decides). */
  conceal?: Concealed[];
  /**
   * What the learner has opened, by frame number: tables (their frame) shown in full with
   * their "+n more entries" row, and folded runs of frames (their first frame) shown frame by frame.
   */
  expanded?: ReadonlySet<number>;
}

/** An opened table still stops somewhere: a 512-entry table in full would be a wall. */
export const EXPANDED_TABLE_ROWS = 64;
/** Frames an opened run shows one by one; the rest stay folded in a run that opens in turn. */
export const OPENED_RUN_FRAMES = 32;

/** The concealed parts of the state, looked up while laying out. */
export interface Mask {
  sizes: Set<number>;
  free: boolean;
  refs: Set<number>;
  tlbs: Set<number>;
  /** Table frame → concealed entry indexes (all of them: 'all'). */
  entries: Map<number, Set<number> | 'all'>;
  /** Address spaces (pid; null = the memory image) shown only as raw bytes. */
  raw: Set<number | null>;
  /** Tables and runs of frames opened by the learner (not a concealment, but read in the same places). */
  expanded: ReadonlySet<number>;
  /** Frames a concealed entry maps: their owner and area would name the page, so they are drawn unlabelled. */
  hiddenFrames: Set<number>;
}

export function maskOf(conceal: Concealed[] | undefined): Mask {
  const m: Mask = { sizes: new Set(), free: false, refs: new Set(), tlbs: new Set(), entries: new Map(), raw: new Set(), expanded: new Set(), hiddenFrames: new Set() };
  for (const c of conceal ?? []) {
    switch (c.what) {
      case 'process-size':
        m.sizes.add(c.pid);
        break;
      case 'free-frames':
        m.free = true;
        break;
      case 'frame-refs':
        m.refs.add(c.pfn);
        break;
      case 'tlb':
        m.tlbs.add(c.cpu);
        break;
      case 'entries': {
        const had = m.entries.get(c.table);
        if (c.indexes === 'all' || had === 'all') m.entries.set(c.table, 'all');
        else m.entries.set(c.table, new Set([...(had ?? []), ...c.indexes]));
        break;
      }
      case 'page-tables':
        m.raw.add(c.pid);
        break;
    }
  }
  return m;
}

const NO_MASK: Mask = maskOf([]);

/** The mask of one layout: the concealed parts, the tables opened, and the frames concealed entries map. */
function maskFor(snapshot: Snapshot, conceal: Concealed[] | undefined, expanded: ReadonlySet<number> | undefined): Mask {
  const mask: Mask = { ...maskOf(conceal), expanded: expanded ?? new Set<number>() };
  for (const t of snapshot.pageTables) for (const e of t.entries) if (e.valid && e.leaf && entryConcealed(mask, t, e.index)) mask.hiddenFrames.add(e.pfn);
  return mask;
}

function entryConcealed(mask: Mask, t: PageTableSnapshot, index: number): boolean {
  if (mask.raw.has(t.pid)) return true;
  const e = mask.entries.get(t.pfn);
  return e === 'all' || (e !== undefined && e.has(index));
}

/** Tables drawn: in a raw (memory-dump) address space only the root, which the base register names. */
function drawnTables(snapshot: Snapshot, mask: Mask): PageTableSnapshot[] {
  if (mask.raw.size === 0) return snapshot.pageTables;
  const roots = new Set<number>(snapshot.processes.map((p) => p.root));
  if (snapshot.imageRoot !== null) roots.add(snapshot.imageRoot);
  return snapshot.pageTables.filter((t) => !mask.raw.has(t.pid) || roots.has(t.pfn));
}

/**
 * Which parts of the machine the step draws. Everything when there is no focus (the
 * sandbox); otherwise the processes in focus in full (others as a summary node without
 * their tables), the CPUs and TLBs only when the step is about them (on a NUMA machine the
 * memory groups name their CPUs and each thread its CPU), swap once something is swapped, and
 * only the files a process maps by mmap or shares (a program's own file shows through
 * its page-cache frames).
 */
export interface Visible {
  hardware: boolean;
  swap: boolean;
  files: Set<string>;
  /** pids drawn with their page tables. */
  detailed: Set<number>;
}

export function visibleParts(snapshot: Snapshot, focus: Focus | null | undefined): Visible {
  const all: Visible = {
    hardware: true,
    swap: snapshot.swap.slots > 0,
    files: new Set(snapshot.files.map((f) => f.name)),
    detailed: new Set(snapshot.processes.map((p) => p.pid)),
  };
  if (!focus) return all;
  const names = new Set([...focus.processes, ...(focus.translate ? [focus.translate.process] : [])]);
  const detailed = names.size === 0 ? all.detailed : new Set(snapshot.processes.filter((p) => names.has(p.name)).map((p) => p.pid));
  const mapped = new Set<string>();
  for (const p of snapshot.processes) for (const a of p.areas) if (a.file && (a.kind === 'mmap' || a.kind === 'shm' || a.shared)) mapped.add(a.file.name);
  const swapped = snapshot.swap.used.length > 0 || snapshot.processes.some((p) => p.swapped.length > 0) || snapshot.files.some((f) => f.swapped.length > 0);
  return {
    hardware: focus.tlb,
    swap: all.swap && swapped,
    files: new Set(snapshot.files.filter((f) => f.shm || mapped.has(f.name)).map((f) => f.name)),
    detailed,
  };
}

type Arrangement = 'side' | 'stacked' | 'down';

/** The pane of the lesson player at 1280×800. */
export const REFERENCE_PANE = { width: 800, height: 560 };

export const nodeId = {
  cpu: (cpu: number) => `cpu-${cpu}`,
  tlb: (cpu: number) => `tlb-${cpu}`,
  process: (pid: number) => `proc-${pid}`,
  table: (pfn: number) => `pt-${pfn}`,
  frame: (pfn: number) => `frame-${pfn}`,
  run: (first: number) => `run-${first}`,
  memory: (node: number) => `mem-${node}`,
  swap: () => 'swap',
  file: (name: string) => `file-${name}`,
};

/** Colour slot of a process: its position among all processes, so colours are stable across steps. */
export function colourOf(snapshot: Snapshot, pid: number | null): number | null {
  if (pid === null) return null;
  const i = snapshot.processes.findIndex((p) => p.pid === pid);
  return i < 0 ? null : i % OWNER_COLOURS;
}

/**
 * Build the whole graph for one snapshot. The arrangement and the frame grid's width are
 * the free choices: each candidate is laid out and the one that fits the pane at the
 * largest zoom wins, so a small machine gets a tall narrow grid beside its lanes, a big
 * one a wide grid, and a machine with deep page tables its levels stacked downwards.
 */
export function layoutGraph(snapshot: Snapshot, options: LayoutOptions = {}): GraphLayout {
  const pane = options.pane ?? REFERENCE_PANE;
  const s = options.scale ?? 1;
  const vis = visibleParts(snapshot, options.focus);
  const mask = (options.conceal && options.conceal.length) || options.expanded?.size ? maskFor(snapshot, options.conceal, options.expanded) : NO_MASK;
  // The best shape only depends on how many cells, lanes and tables there are; remember it
  // so a step that changes none of these lays the graph out once instead of once per shape.
  // The locale too: labels (and so node widths) differ between languages.
  const shapeKey = `${getLocale()}:${pane.width}x${pane.height}:${s}:${snapshot.profile.id}:${snapshot.totalFrames}.${snapshot.frames.length}:${snapshot.freeFrames}:${snapshot.processes.map((p) => `${p.alive}.${p.threads.length}.${vis.detailed.has(p.pid)}`).join()}:${snapshot.swap.used.length}:${snapshot.pageTables.map((t) => `${t.level}.${t.entries.length}`).join()}:${snapshot.cpus.map((c) => c.tlb.entries.length).join()}:${snapshot.files.map((f) => Math.min(f.cached.length, 6)).join()}:${vis.hardware}.${vis.swap}.${[...vis.files].join('/')}:${JSON.stringify(options.conceal ?? [])}:${[...(options.expanded ?? [])].join('.')}`;
  const parts = prepareParts(snapshot, s, vis, mask);
  const known = bestGrid.get(shapeKey);
  if (known !== undefined) return layoutWithGrid(snapshot, s, known.cols, known.arrangement, vis, mask, parts);
  // A grid wider than the largest group's cells would only add empty width.
  const keep = parts.keep;
  const cellCount = Math.max(
    1,
    ...(snapshot.profile.numa ? snapshot.profile.numa.nodes.map((_, i) => snapshot.frames.filter((f) => f.node === i)) : [snapshot.frames]).map(
      (frames, i) => frameCells(frames, snapshot.totalFrames > FULL_GRID_LIMIT, keep, openRuns(mask), listedSpan(snapshot, i)).length,
    ),
  );
  const choices = GRID_CHOICES.filter((c, i) => i === 0 || c <= cellCount);
  // Side by side first; another arrangement must win clearly (it makes some edges longer).
  const candidates: { layout: GraphLayout; choice: { cols: number; arrangement: Arrangement }; overview: number; zoom: number; long: number }[] = [];
  for (const arrangement of ['side', 'down', 'stacked'] as const) {
    for (const cols of choices) {
      const l = layoutWithGrid(snapshot, s, cols, arrangement, vis, mask, parts);
      const overview = Math.min(pane.width / l.width, pane.height / l.height) * (arrangement === 'side' ? 1 : ARRANGEMENT_PENALTY);
      const zoom = fitViewport(l, [], pane, s).zoom;
      candidates.push({ layout: l, choice: { cols, arrangement }, overview, zoom, long: longEdges(l, zoom, pane, s) });
    }
  }
  // The shape that shows most of the machine at once wins, unless another draws text as
  // large (at the zoom the view will have) with fewer edges across the pane.
  let pick = candidates[0];
  for (const c of candidates) if (c.overview > pick.overview + 1e-9) pick = c;
  const first = pick;
  for (const c of candidates) {
    if (c.zoom < first.zoom * SAME_ZOOM || c.overview < first.overview * OVERVIEW_SLACK) continue;
    if (c.long < pick.long || (c.long === pick.long && c.overview > pick.overview + 1e-9)) pick = c;
  }
  if (bestGrid.size > 64) bestGrid.clear();
  bestGrid.set(shapeKey, pick.choice);
  return pick.layout;
}

/** Zoom ratio at which two shapes count as drawing text the same size. */
const SAME_ZOOM = 0.97;
/** How much less of the machine another shape may show at once to save edges across the pane. */
const OVERVIEW_SLACK = 0.8;
/**
 * Share of the pane's diagonal beyond which an edge runs across most of the graph
 * (bench:legibility counts 2/3; a little less here, since the pane is rounded).
 */
export const LONG_EDGE_SHARE = 0.62;

/** Edges whose ends are further apart, at the view's zoom, than LONG_EDGE_SHARE of the pane's diagonal. */
export function longEdges(layout: GraphLayout, zoom: number, pane: { width: number; height: number }, s = 1): number {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const limit = (LONG_EDGE_SHARE * Math.hypot(pane.width, pane.height)) / zoom;
  let n = 0;
  for (const e of layout.edges) {
    const ends = edgeEnds(byId, e, s);
    if (ends && Math.hypot(ends[2] - ends[0], ends[3] - ends[1]) > limit) n++;
  }
  return n;
}

/** How much more readable another arrangement must make the overview before it is chosen. */
const ARRANGEMENT_PENALTY = 0.88;

/** Grid width and arrangement chosen for each shape of machine seen recently (see layoutGraph). */
const bestGrid = new Map<string, { cols: number; arrangement: Arrangement }>();

/** Width a table needs so that no entry's index, target or frame number is ever cut. */
function tableWidth(data: TableData): number {
  // A row is: padding, the index (at least 3.2 em wide), a gap, the target, a gap, the flags.
  const IDX_MIN = 43;
  const GAP = 6;
  let w = 0;
  for (const r of data.rows) w = Math.max(w, Math.max(IDX_MIN, `[${r.index}]`.length * MONO_CH) + GAP + textUnits(rowTarget(r)) * MONO_CH + GAP + r.flags.replace(/^V ?/, '').length * MONO_CH);
  if (data.hidden > 0) w = Math.max(w, textUnits(translate('graph.table.moreEntries', { n: data.hidden })) * UI_CH);
  w = Math.max(w, textUnits(`L${data.level}  ${data.owner} ${translate('graph.table.frame', { pfn: String(data.pfn) })}`) * UI_CH + 12);
  return Math.max(TABLE_MIN_W, Math.min(TABLE_MAX_W, Math.ceil(w + 2 * 8 + 6)));
}

/** What a table row says it points to (the same text TableNode draws). */
export function rowTarget(r: TableRow): string {
  if (r.concealed) return `= ${r.raw} → ?`;
  return r.valid ? (r.leaf ? `→ ${r.target}` : `→ PT ${r.target}`) : translate('graph.table.invalid');
}

/**
 * What every candidate shape shares: the nodes' contents and sizes (tables, processes,
 * frame labels and the cell width). Worked out once per layout, not once per candidate.
 */
interface Parts {
  keep: Set<number>;
  names: Map<number, string>;
  lanes: Lane[];
  tables: Map<number, { data: TableData; w: number; h: number }>;
  levels: number;
  columnW: number[];
  procData: Map<number, { data: ProcessData; h: number }>;
  frames: Map<number, FrameData>;
  cellW: number;
}

function prepareParts(snapshot: Snapshot, s: number, vis: Visible, mask: Mask): Parts {
  const px = (n: number) => Math.round(n * s);
  const names = new Map(snapshot.processes.map((p) => [p.pid, p.name]));
  const pageSize = 2 ** snapshot.profile.pageBits;
  const tableHeight = (rows: number) => px(HEAD + Math.max(rows, 1) * ROW + PAD);
  const lanes = laneContents(snapshot, vis, mask);
  const tables = new Map<number, { data: TableData; w: number; h: number }>();
  for (const lane of lanes)
    for (const t of lane.tables) {
      const data = tableData(snapshot, t, names, mask);
      tables.set(t.pfn, { data, w: px(tableWidth(data)), h: tableHeight(data.rows.length + (data.hidden > 0 || data.expanded ? 1 : 0)) });
    }
  // Only levels that have a table take a column (no empty columns once every process has exited).
  const levels = [...tables.values()].reduce((n, t) => Math.max(n, t.data.level + 1), 0);
  const columnW: number[] = Array.from({ length: levels }, (_, level) => Math.max(px(TABLE_MIN_W), ...[...tables.values()].filter((t) => t.data.level === level).map((t) => t.w)));
  const procData = new Map<number, { data: ProcessData; h: number }>();
  for (const lane of lanes) {
    if (!lane.process) continue;
    const data = processData(snapshot, lane.process, names, vis.detailed.has(lane.process.pid), mask.sizes.has(lane.process.pid));
    const lines = data.alive ? data.threads.length + (data.hiddenThreads > 0 ? 1 : 0) + 1 + data.areaLines.length : 1;
    procData.set(lane.process.pid, { data, h: px(HEAD) + lines * px(ROW) + px(PAD) });
  }
  const frames = new Map<number, FrameData>();
  for (const f of snapshot.frames) frames.set(f.pfn, frameData(snapshot, f, names, pageSize, mask));
  return { keep: framesInUse(snapshot, mask), names, lanes, tables, levels, columnW, procData, frames, cellW: px(cellWidth(snapshot, frames, snapshot.totalFrames > FULL_GRID_LIMIT && [...openRuns(mask)].some((pfn) => foldableKind(frameAt(snapshot, pfn)?.kind)))) };
}

function layoutWithGrid(snapshot: Snapshot, s: number, gridCols: number, arrangement: Arrangement, vis: Visible, mask: Mask, parts: Parts): GraphLayout {
  const { keep, names, lanes, tables, levels, columnW, procData } = parts;
  const px = (n: number) => Math.round(n * s);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const frameNode: Record<number, string> = {};
  const tlbRow: Record<string, number> = {};
  const profile = snapshot.profile;
  const pageSize = 2 ** profile.pageBits;
  const down = arrangement === 'down';
  const tableHeight = (rows: number) => px(HEAD + Math.max(rows, 1) * ROW + PAD);

  // Down: one column per process, each level a band below it; the column is as wide as
  // its widest band (tables of one level side by side).
  const laneWidth = (lane: Lane) => {
    let w = px(PROC_W);
    for (let level = 0; level < levels; level++) {
      const row = lane.tables.filter((t) => t.level === level);
      if (row.length) w = Math.max(w, row.reduce((n, t) => n + tables.get(t.pfn)!.w, 0) + (row.length - 1) * px(TABLE_GAP));
    }
    return w;
  };
  const leftWidth = down
    ? lanes.reduce((n, lane) => n + laneWidth(lane), 0) + Math.max(0, lanes.length - 1) * px(COL_GAP)
    : px(PROC_W) + columnW.reduce((n, w) => n + px(COL_GAP) + w, 0);
  const rightX = leftWidth + px(REGION_GAP);

  /* ---------- right region: hardware, memory, swap and files ---------- */
  const cellW = parts.cellW;
  const cellH = px(CELL_H);
  const gap = px(CELL_GAP);
  const gridWidth = gridCols * cellW + (gridCols - 1) * gap + 2 * px(GROUP_PAD);
  const hwPerRow = Math.min(snapshot.cpus.length, Math.max(2, Math.floor((gridWidth + px(HW_GAP)) / (px(CPU_W) + px(HW_GAP)))));

  // CPUs, each with its TLB below it.
  let y = 0;
  let rowHeight = 0;
  if (vis.hardware) {
    snapshot.cpus.forEach((cpu, i) => {
      const col = i % hwPerRow;
      if (col === 0 && i > 0) {
        y += rowHeight + px(HW_GAP);
        rowHeight = 0;
      }
      const x = rightX + col * (px(CPU_W) + px(HW_GAP));
      const thread = cpu.current !== null ? snapshot.threads.find((t) => t.tid === cpu.current) ?? null : null;
      const runningPid = thread?.pid ?? cpu.loadedPid;
      const proc = runningPid !== null ? snapshot.processes.find((p) => p.pid === runningPid) ?? null : null;
      const cpuData: CpuData = {
        kind: 'cpu',
        cpu: cpu.id,
        numaNode: profile.numa ? cpu.node : null,
        thread: thread?.name ?? null,
        process: proc?.name ?? null,
        colour: colourOf(snapshot, runningPid),
        root: proc && proc.alive ? proc.root : null,
      };
      nodes.push(node(nodeId.cpu(cpu.id), cpuData, x, y, px(CPU_W), px(CPU_H), thread ? translate('graph.aria.cpuRunning', { cpu: String(cpu.id), thread: thread.name }) : translate('graph.aria.cpuIdle', { cpu: String(cpu.id) })));

      const asidOwner = new Map(snapshot.processes.filter((p) => p.alive).map((p) => [p.asid, p.pid]));
      const sorted = [...cpu.tlb.entries].sort((a, b) => a.set - b.set || a.way - b.way);
      const rows: TlbRow[] = sorted.slice(0, MAX_TLB_ROWS).map((e) => {
        const ownerPid = snapshot.asids ? asidOwner.get(e.asid) ?? null : cpu.loadedPid;
        return {
          set: e.set,
          way: e.way,
          vpn: e.vpn,
          vpnText: hex(e.vpn),
          pfn: e.pfn,
          perms: e.perms,
          asid: e.asid,
          global: e.global,
          dirty: e.dirty,
          colour: e.global ? null : colourOf(snapshot, ownerPid),
          owner: ownerPid !== null ? names.get(ownerPid) ?? null : null,
        };
      });
      rows.forEach((r, k) => (tlbRow[`${cpu.id}:${r.set}:${r.vpn}`] = k));
      const concealed = mask.tlbs.has(cpu.id);
      if (concealed) rows.length = 0;
      const hidden = concealed ? 0 : sorted.length - rows.length;
      const tlbData: TlbData = {
        kind: 'tlb',
        cpu: cpu.id,
        capacity: cpu.tlb.sets * cpu.tlb.ways,
        sets: cpu.tlb.sets,
        ways: cpu.tlb.ways,
        rows,
        hidden,
        hits: cpu.tlb.hits,
        misses: cpu.tlb.misses,
        asids: snapshot.asids,
        concealed,
      };
      const tlbH = tableHeight(rows.length + (hidden > 0 ? 1 : 0)) + px(ROW);
      const tlbY = y + px(CPU_H) + px(HW_GAP);
      nodes.push(node(nodeId.tlb(cpu.id), tlbData, x, tlbY, px(TLB_W), tlbH, concealed ? translate('graph.aria.tlbConcealed', { cpu: String(cpu.id) }) : translate('graph.aria.tlb', { cpu: String(cpu.id), used: sorted.length, capacity: tlbData.capacity })));
      edges.push({ id: `cpu-tlb-${cpu.id}`, source: nodeId.cpu(cpu.id), target: nodeId.tlb(cpu.id), kind: 'cpu', class: 'edge-cpu' });
      rowHeight = Math.max(rowHeight, tlbY + tlbH - y);
    });
    y += rowHeight + px(SECTION_GAP);
  }

  // Physical memory: one group per NUMA node, a grid of frame cells inside.
  const groups = profile.numa ? profile.numa.nodes.map((n, i) => ({ node: i, cpus: n.cpus })) : [{ node: 0, cpus: [] as number[] }];
  for (const g of groups) {
    const frames = snapshot.frames.filter((f) => (profile.numa ? f.node === g.node : true));
    const span = listedSpan(snapshot, g.node);
    const cells = frameCells(frames, snapshot.totalFrames > FULL_GRID_LIMIT, keep, openRuns(mask), span);
    const rowsNeeded = Math.ceil(cells.length / gridCols);
    const groupH = px(GROUP_HEAD) + rowsNeeded * cellH + Math.max(0, rowsNeeded - 1) * gap + px(GROUP_PAD);
    const first = span ? span.first : (frames[0]?.pfn ?? 0);
    const last = span ? span.last : (frames[frames.length - 1]?.pfn ?? 0);
    const count = span ? span.last - span.first + 1 : frames.length;
    const free = span ? count - frames.filter((f) => f.kind !== 'free').length : frames.filter((f) => f.kind === 'free').length;
    const memData: MemoryData = {
      kind: 'memory',
      title: profile.numa ? translate('graph.memory.numaTitle', { node: String(g.node), cpus: g.cpus.join(', ') }) : translate('graph.memory.title'),
      // Counts of frames sit beside frame numbers here, so they are written like them (262144, not 262,144).
      detail: translate('graph.memory.detail', { first: String(first), last: String(last), count: String(count), size: bytes(pageSize), free: mask.free ? '?' : String(free) }),
    };
    const group = node(nodeId.memory(g.node), memData, rightX, y, gridWidth, groupH, `${memData.title}: ${memData.detail}`);
    group.zIndex = -1;
    nodes.push(group);
    cells.forEach((cell, k) => {
      const cx = rightX + px(GROUP_PAD) + (k % gridCols) * (cellW + gap);
      const cy = y + px(GROUP_HEAD) + Math.floor(k / gridCols) * (cellH + gap);
      if (cell.kind === 'run') {
        if (mask.free && cell.frameKind === 'free') cell.concealed = true;
        const id = nodeId.run(cell.first);
        // An opened run's frames have cells of their own; the heading only folds them. A big
        // machine's free gaps (millions of frames) get no per-frame entry: nothing points into a free frame.
        if (!cell.opened && (!span || cell.frameKind !== 'free')) for (let p = cell.first; p <= cell.last; p++) frameNode[p] = id;
        const aria = cell.concealed
          ? translate('graph.aria.runConcealed')
          : translate('graph.aria.run', { first: String(cell.first), last: String(cell.last), kind: frameKindText(cell.frameKind), opened: cell.opened ? 'yes' : 'no' });
        nodes.push(node(id, cell, cx, cy, cellW, cellH, aria));
      } else {
        const f = cell.frame;
        const data = parts.frames.get(f.pfn)!;
        frameNode[f.pfn] = nodeId.frame(f.pfn);
        nodes.push(node(nodeId.frame(f.pfn), data, cx, cy, cellW, cellH, translate('graph.aria.frame', { pfn: String(f.pfn), label: data.label, detail: data.detail || 'none', refs: data.refs })));
      }
    });
    y += groupH + px(SECTION_GAP);
  }

  // Swap and files along the bottom of the right region.
  let bx = rightX;
  let bottomH = 0;
  const rightWidth = Math.max(gridWidth, vis.hardware ? hwPerRow * (px(CPU_W) + px(HW_GAP)) - px(HW_GAP) : 0);
  if (vis.swap) {
    const used = snapshot.swap.used.slice(0, MAX_SWAP_CHIPS);
    const chipRows = Math.max(1, Math.ceil(used.length / 6));
    const h = px(HEAD) + chipRows * px(ROW + 4) + px(PAD) + px(ROW);
    const data: SwapData = { kind: 'swap', slots: snapshot.swap.slots, used, hidden: snapshot.swap.used.length - used.length };
    nodes.push(node(nodeId.swap(), data, bx, y, px(SWAP_W), h, translate('graph.aria.swap', { used: snapshot.swap.used.length, slots: snapshot.swap.slots })));
    bx += px(SWAP_W) + px(HW_GAP);
    bottomH = h;
  }
  let fileRowY = y;
  for (const f of snapshot.files) {
    if (!vis.files.has(f.name)) continue;
    if (bx + px(FILE_W) > rightX + rightWidth && bx > rightX) {
      bx = rightX;
      fileRowY += bottomH + px(HW_GAP);
      bottomH = 0;
    }
    const cached = f.cached.slice(0, 6);
    const h = px(HEAD) + px(ROW) * (1 + Math.ceil(Math.max(cached.length, 1) / 3)) + px(PAD);
    const data: FileData = { kind: 'file', name: f.name, size: bytes(f.size), shm: f.shm, unlinked: f.unlinked, cached: f.cached, swapped: f.swapped.length };
    nodes.push(node(nodeId.file(f.name), data, bx, fileRowY, px(FILE_W), h, translate('graph.aria.file', { shm: f.shm ? 'yes' : 'no', name: f.name, size: data.size, pages: f.cached.length })));
    for (const c of f.cached) {
      const target = frameNode[c.pfn];
      if (target) edges.push({ id: `file-${f.name}-${c.page}`, source: nodeId.file(f.name), target, kind: 'file', class: 'edge-file' });
    }
    bx += px(FILE_W) + px(HW_GAP);
    bottomH = Math.max(bottomH, h);
  }
  const rightHeight = Math.max(0, (bottomH > 0 ? fileRowY + bottomH : y - px(SECTION_GAP)));

  /* ---------- left region: one lane (side) or column (down) per process ---------- */
  const rootEdge = (source: string, target: string, id: string): GraphEdge =>
    down ? { id, source, sourceHandle: 'down', target, targetHandle: 'top', kind: 'root', class: 'edge-root' } : { id, source, target, kind: 'root', class: 'edge-root' };
  let laneY = 0;
  let laneX = 0;
  let leftHeight = 0;
  for (const lane of lanes) {
    let laneH = 0;
    const procId = lane.process ? nodeId.process(lane.process.pid) : 'proc-image';
    let procH: number;
    if (lane.process) {
      const p = lane.process;
      const { data, h } = procData.get(p.pid)!;
      nodes.push(node(procId, data, laneX, laneY, px(PROC_W), h, translate('graph.aria.process', { name: p.name, pid: String(p.pid), exited: p.alive ? 'no' : 'yes', reason: p.exitReason ?? '', summary: data.summary ? 'yes' : 'no' })));
      procH = h;
      if (p.alive && lane.tables.some((t) => t.pfn === p.root)) edges.push(rootEdge(procId, nodeId.table(p.root), `root-${p.pid}`));
      if (p.swapped.length > 0 && vis.swap)
        edges.push({ id: `swap-${p.pid}`, source: procId, target: nodeId.swap(), kind: 'swap', class: 'edge-swap', label: translate('graph.process.swapped', { n: p.swapped.length }) });
    } else {
      const data: ProcessData = {
        kind: 'process',
        pid: -1,
        name: translate('graph.image.name'),
        alive: true,
        exitReason: null,
        parent: null,
        program: '',
        colour: OWNER_COLOURS - 1,
        threads: [],
        hiddenThreads: 0,
        rssPages: 0,
        pssPages: 0,
        areas: [],
        areaLines: [],
        swapped: 0,
        root: snapshot.imageRoot ?? -1,
        summary: false,
        sizeConcealed: false,
      };
      procH = px(HEAD) + 2 * px(ROW) + px(PAD);
      nodes.push(node(procId, data, laneX, laneY, px(PROC_W), procH, translate('graph.aria.image', { pfn: String(snapshot.imageRoot) })));
      edges.push(rootEdge(procId, nodeId.table(snapshot.imageRoot!), 'root-image'));
    }
    laneH = procH;
    let bandY = laneY + procH + px(BAND_GAP);
    for (let level = 0; level < levels; level++) {
      const x = px(PROC_W) + px(COL_GAP) + columnW.slice(0, level).reduce((n, w) => n + w + px(COL_GAP), 0);
      let ty = laneY;
      let tx = laneX;
      let bandH = 0;
      for (const t of lane.tables.filter((t) => t.level === level)) {
        const { data, w, h } = tables.get(t.pfn)!;
        const at = down ? { x: tx, y: bandY } : { x, y: ty };
        nodes.push(node(nodeId.table(t.pfn), data, at.x, at.y, down ? w : columnW[level], h, translate('graph.aria.table', { level: String(level), owner: data.owner, pfn: String(t.pfn), entries: t.entries.length })));
        if (down) {
          tx += w + px(TABLE_GAP);
          bandH = Math.max(bandH, h);
        } else ty += h + px(TABLE_GAP);
        edges.push(...tableEdges(snapshot, t, data, frameNode, down, mask));
      }
      if (down) {
        if (bandH > 0) bandY += bandH + px(BAND_GAP);
      } else laneH = Math.max(laneH, ty - laneY - px(TABLE_GAP));
    }
    if (down) {
      leftHeight = Math.max(leftHeight, bandY - px(BAND_GAP));
      laneX += laneWidth(lane) + px(COL_GAP);
    } else {
      laneY += laneH + px(LANE_GAP);
      leftHeight = Math.max(0, laneY - px(LANE_GAP));
    }
  }

  // Levels stacked downwards put the leaf tables at the bottom: when the process side is
  // taller, move the hardware and memory down level with them, so leaf edges run across
  // rather than up the whole graph.
  if (down && leftHeight > rightHeight) {
    const offset = Math.round(leftHeight - rightHeight);
    for (const n of nodes) if (n.position.x >= rightX) n.position = { x: n.position.x, y: n.position.y + offset };
  }

  // Side by side, with the process side taller: move memory down towards the entries that
  // point into it (as far as the process side's height allows, so the graph does not grow),
  // so that no leaf edge has to climb the whole graph.
  if (arrangement === 'side' && leftHeight > rightHeight) {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const from: number[] = [];
    const to: number[] = [];
    for (const e of edges) {
      if (e.kind !== 'leaf') continue;
      const ends = edgeEnds(byId, e, s);
      if (ends) from.push(ends[1]), to.push(ends[3]);
    }
    if (from.length > 0) {
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const offset = Math.round(Math.max(0, Math.min(leftHeight - rightHeight, mean(from) - mean(to))));
      if (offset > 0) for (const n of nodes) if (n.position.x >= rightX) n.position = { x: n.position.x, y: n.position.y + offset };
    }
  }

  if (arrangement === 'stacked') {
    // Deep page tables make the lanes wide: put the hardware and memory above them instead
    // of beside them, so the whole machine fits a narrow pane at a readable zoom. Memory
    // sits above the right end of the lanes, where the leaf tables are, so that a leaf
    // edge goes up to its frame rather than back across the whole graph.
    const below = rightHeight + px(REGION_GAP);
    const shift = Math.max(0, leftWidth - rightWidth);
    for (const n of nodes) {
      if (n.position.x >= rightX) n.position = { x: n.position.x - rightX + shift, y: n.position.y };
      else n.position = { x: n.position.x, y: n.position.y + below };
    }
    faceSources(nodes, edges, s);
    const reach = routeThroughChannel(nodes, edges, s, rightHeight, below);
    return { nodes, edges, width: Math.max(leftWidth, rightWidth, reach), height: below + leftHeight, frameNode, tlbRow };
  }
  faceSources(nodes, edges, s);
  return {
    nodes,
    edges,
    width: rightX + rightWidth,
    height: Math.max(leftHeight, rightHeight),
    frameNode,
    tlbRow,
  };
}

/**
 * A frame is entered from the side that faces the entry pointing at it: from the
 * left when the tables are beside memory, from below when they sit under it (memory above
 * the lanes) and from above when they sit over it, so an edge never loops round its frame.
 */
function faceSources(nodes: GraphNode[], edges: GraphEdge[], s: number): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const e of edges) {
    if (e.kind !== 'leaf') continue;
    const frame = byId.get(e.target);
    const ends = frame ? edgeEnds(byId, e, s) : null;
    if (!frame || !ends) continue;
    const [x0, y0] = ends;
    if (x0 <= frame.position.x) continue;
    if (y0 >= frame.position.y + frame.height) e.targetHandle = 'bottom';
    else if (y0 <= frame.position.y) e.targetHandle = 'top';
  }
}

/**
 * With memory above the tables, a leaf edge entering its frame from below is routed at
 * right angles: out of its row to the right, up the gap beside its table's column, along
 * the channel between memory (bottom at `top`) and the tables (top at `bottom`), then up
 * into the frame. Routes nest: the one with the lowest lane of the channel rises nearest
 * its table and furthest left in its frame's column. Which route is innermost is chosen
 * by target (leftmost frame first) or by source (topmost row first), whichever crosses
 * less: when the two orders disagree, one crossing per disagreeing pair is unavoidable.
 * Returns how far right the risers reach.
 */
function routeThroughChannel(nodes: GraphNode[], edges: GraphEdge[], s: number, top: number, bottom: number): number {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const routed = edges.filter((e) => e.kind === 'leaf' && e.targetHandle === 'bottom');
  if (routed.length === 0) return 0;
  const ends = new Map(routed.map((e) => [e, edgeEnds(byId, e, s)!]));
  const margin = Math.round(10 * s);
  const band = Math.max(0, bottom - top - 2 * margin);
  const plan = (order: GraphEdge[]) => {
    const lane = new Map(order.map((e, i) => [e, order.length > 1 ? i / (order.length - 1) : 0.5]));
    const grouped = (key: (e: GraphEdge) => number) => {
      const groups = new Map<number, GraphEdge[]>();
      for (const e of order) groups.set(key(e), [...(groups.get(key(e)) ?? []), e]);
      return groups;
    };
    // Routes into frames of one column rise side by side, not on one line.
    const rise = new Map<GraphEdge, number>();
    for (const [x, group] of grouped((e) => ends.get(e)![2])) {
      const target = byId.get(group[0].target)!;
      const step = Math.min(14 * s, (target.width / 2 - 8 * s) / Math.max(1, (group.length - 1) / 2));
      group.forEach((e, k) => rise.set(e, Math.round(x + (k - (group.length - 1) / 2) * step)));
    }
    const routes = new Map<GraphEdge, { x: number; y: number; up: number }>();
    for (const [x, group] of grouped((e) => ends.get(e)![0])) {
      const spread = Math.round((COL_GAP - 14) * s);
      group.forEach((e, j) => {
        const rx = Math.round(x + 7 * s + (group.length > 1 ? (j / (group.length - 1)) * spread : 0));
        routes.set(e, { x: rx, y: Math.round(bottom - margin - lane.get(e)! * band), up: rise.get(e)! });
      });
    }
    return routes;
  };
  const polyline = (e: GraphEdge, r: { x: number; y: number; up: number }): [number, number][] => {
    const [x0, y0, , y1] = ends.get(e)!;
    return [[x0, y0], [r.x, y0], [r.x, r.y], [r.up, r.y], [r.up, y1]];
  };
  const crossings = (routes: Map<GraphEdge, { x: number; y: number; up: number }>) => {
    const lines = [...routes].map(([e, r]) => polyline(e, r));
    let n = 0;
    for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) if (polylinesCross(lines[i], lines[j])) n++;
    return n;
  };
  const byTarget = [...routed].sort((a, b) => ends.get(a)![2] - ends.get(b)![2] || ends.get(a)![1] - ends.get(b)![1]);
  const bySource = [...routed].sort((a, b) => ends.get(a)![1] - ends.get(b)![1] || ends.get(a)![2] - ends.get(b)![2]);
  const first = plan(byTarget);
  const second = plan(bySource);
  const routes = crossings(second) < crossings(first) ? second : first;
  let reach = 0;
  for (const [e, r] of routes) {
    e.type = 'channel';
    e.data = { route: r };
    reach = Math.max(reach, r.x + Math.round(4 * s));
  }
  return reach;
}

/** Whether two polylines cross (touching at an end does not count). */
export function polylinesCross(a: [number, number][], b: [number, number][]): boolean {
  const side = (u: [number, number], v: [number, number], w: [number, number]) => Math.sign((v[0] - u[0]) * (w[1] - u[1]) - (v[1] - u[1]) * (w[0] - u[0]));
  for (let i = 0; i < a.length - 1; i++)
    for (let j = 0; j < b.length - 1; j++) {
      const [p, q, r, t] = [a[i], a[i + 1], b[j], b[j + 1]];
      if (side(p, q, r) * side(p, q, t) < 0 && side(r, t, p) * side(r, t, q) < 0) return true;
    }
  return false;
}

/**
 * Where an edge leaves its source and reaches its target, as [x0, y0, x1, y1] at scale s:
 * the places of the handles in the node components (a table row's handle sits level with
 * its row, TableNode.svelte). Null when an end is not drawn.
 */
export function edgeEnds(byId: ReadonlyMap<string, GraphNode>, e: GraphEdge, s = 1): [number, number, number, number] | null {
  const a = byId.get(e.source);
  const b = byId.get(e.target);
  if (!a || !b) return null;
  let x0 = a.position.x + a.width;
  let y0 = a.position.y + a.height / 2;
  if (a.data.kind === 'table') {
    const rows = a.data.rows;
    const k = e.sourceHandle === 'more' ? rows.length : rows.findIndex((r) => r.handle === e.sourceHandle);
    y0 = a.position.y + (k >= 0 ? (23 + k * 20 + 10) * s : 10 * s);
  } else if (e.sourceHandle === 'down' || a.data.kind === 'cpu') {
    x0 = a.position.x + a.width / 2;
    y0 = a.position.y + a.height;
  } else if (a.data.kind === 'file') {
    x0 = a.position.x + a.width / 2;
    y0 = a.position.y;
  }
  const top = e.targetHandle === 'top' || b.data.kind === 'tlb';
  if (e.targetHandle === 'bottom') return [x0, y0, b.position.x + b.width / 2, b.position.y + b.height];
  const x1 = top ? b.position.x + b.width / 2 : b.position.x;
  const y1 = top ? b.position.y : b.position.y + b.height / 2;
  return [x0, y0, x1, y1];
}

/** Frame cells are as wide as their longest label, so "A stack" is never cut to "A st…". */
function cellWidth(snapshot: Snapshot, frames: Map<number, FrameData>, opened: boolean): number {
  let chars = 6;
  for (const f of snapshot.frames) if (f.kind !== 'free') chars = Math.max(chars, textUnits(frames.get(f.pfn)!.label) + (f.refs > 1 ? 3 : 0));
  // Folded runs read "kernel ×4", "free ×248".
  if (snapshot.totalFrames > FULL_GRID_LIMIT) chars = Math.max(chars, ...(['kernel', 'free', 'image'] as const).map((k) => textUnits(`${frameKindText(k)} ×${snapshot.totalFrames}`)), `${snapshot.totalFrames - 1}–${snapshot.totalFrames - 1}`.length);
  // An opened run's heading reads "kernel ▴ fold".
  if (opened) chars = Math.max(chars, ...(['kernel', 'free', 'image'] as const).map((k) => textUnits(translate('graph.run.fold', { kind: frameKindText(k) }))));
  // Labels are bold: a little wider per character than body text.
  return Math.max(CELL_MIN_W, Math.min(CELL_MAX_W, Math.ceil(chars * (UI_CH + 1) + 18)));
}

/** "free", "kernel", "image" in the language in force (frame cells and folded runs). */
export function frameKindText(kind: 'free' | 'kernel' | 'image'): string {
  return kind === 'free' ? translate('graph.frame.free') : kind === 'kernel' ? translate('graph.frame.kernel') : translate('graph.frame.image');
}

function node<D extends NodeData>(id: string, data: D, x: number, y: number, width: number, height: number, ariaLabel: string): GraphNode<D> {
  return { id, type: data.kind, position: { x, y }, width, height, data, draggable: false, selectable: data.kind === 'frame' || data.kind === 'process' || data.kind === 'table' || data.kind === 'memory', ariaLabel };
}

interface Lane {
  process: ProcessSnapshot | null;
  tables: PageTableSnapshot[];
}

/** Processes in pid order (live first, exited after), then the memory image if any. Processes drawn as a summary have no tables. */
function laneContents(snapshot: Snapshot, vis: Visible, mask: Mask = NO_MASK): Lane[] {
  const ordered = [...snapshot.processes].sort((a, b) => Number(b.alive) - Number(a.alive) || a.pid - b.pid);
  const drawn = drawnTables(snapshot, mask);
  const lanes: Lane[] = ordered.map((p) => ({
    process: p,
    tables: vis.detailed.has(p.pid) ? drawn.filter((t) => t.pid === p.pid).sort((a, b) => a.level - b.level || a.base - b.base) : [],
  }));
  const image = drawn.filter((t) => t.pid === null);
  if (image.length > 0 && snapshot.imageRoot !== null) lanes.push({ process: null, tables: image.sort((a, b) => a.level - b.level || a.base - b.base) });
  return lanes;
}

type Cell = { kind: 'frame'; frame: FrameSnapshot } | FrameRunData;

/** Frames a table lives in or an entry points to: never folded away. */
function framesInUse(snapshot: Snapshot, mask: Mask = NO_MASK): Set<number> {
  const keep = new Set<number>();
  for (const t of drawnTables(snapshot, mask)) {
    keep.add(t.pfn);
    // A concealed entry must not single out the frame it points to.
    for (const e of t.entries) if (e.valid && !entryConcealed(mask, t, e.index)) keep.add(e.pfn);
  }
  return keep;
}

/**
 * The frames of NUMA node `node` (or of all memory) when the snapshot lists only the
 * frames in use (a big sparse machine); undefined when it lists every frame.
 */
function listedSpan(snapshot: Snapshot, node: number): { first: number; last: number } | undefined {
  if (snapshot.framesListed === 'all') return undefined;
  const nodes = snapshot.profile.numa?.nodes;
  if (!nodes) return { first: 0, last: snapshot.totalFrames - 1 };
  const first = nodes.slice(0, node).reduce((a, n) => a + n.frames, 0);
  return { first, last: first + nodes[node].frames - 1 };
}

/**
 * Frame cells in PFN order. On a big machine, runs of two or more frames nobody looks at
 * fold into one cell: free frames, the kernel's, and memory-image bytes that no table
 * lives in and no entry points to. A run the learner opened (its first frame in `open`)
 * is drawn as a heading cell that folds it again, then its first OPENED_RUN_FRAMES frames
 * one by one; what is left folds into a run of its own, which opens the same way. With
 * `span` (a snapshot listing only frames in use), every gap between listed frames in the
 * span is a run of free frames (it has no frames to open).
 */
export function frameCells(frames: FrameSnapshot[], collapse: boolean, keep: Set<number> = new Set(), open: ReadonlySet<number> = new Set(), span?: { first: number; last: number }): Cell[] {
  const cells: Cell[] = [];
  const foldable = (f: FrameSnapshot) => f.kind === 'free' || f.kind === 'kernel' || (f.kind === 'image' && !keep.has(f.pfn));
  let next = span?.first ?? 0;
  const gap = (end: number) => {
    if (span && end > next) cells.push({ kind: 'run', first: next, last: end - 1, frameKind: 'free' });
  };
  let i = 0;
  while (i < frames.length) {
    const f = frames[i];
    gap(f.pfn);
    if (collapse && foldable(f)) {
      let j = i;
      while (j + 1 < frames.length && frames[j + 1].kind === f.kind && foldable(frames[j + 1]) && frames[j + 1].pfn === frames[j].pfn + 1) j++;
      if (j > i && open.has(f.pfn)) {
        const end = Math.min(j, i + OPENED_RUN_FRAMES - 1);
        cells.push({ kind: 'run', first: f.pfn, last: frames[end].pfn, frameKind: f.kind as FrameRunData['frameKind'], opened: true });
        for (let k = i; k <= end; k++) cells.push({ kind: 'frame', frame: frames[k] });
        next = frames[end].pfn + 1;
        i = end + 1;
        continue;
      }
      if (j > i) {
        cells.push({ kind: 'run', first: f.pfn, last: frames[j].pfn, frameKind: f.kind as FrameRunData['frameKind'] });
        next = frames[j].pfn + 1;
        i = j + 1;
        continue;
      }
    }
    cells.push({ kind: 'frame', frame: f });
    next = f.pfn + 1;
    i++;
  }
  if (span) gap(span.last + 1);
  return cells;
}

function foldableKind(kind: FrameSnapshot['kind'] | undefined): boolean {
  return kind === 'free' || kind === 'kernel' || kind === 'image';
}

/** Runs the learner may open: all of them, except free runs while how many frames are free is a quiz's answer. */
function openRuns(mask: Mask): ReadonlySet<number> {
  return mask.free ? new Set() : mask.expanded;
}

function areaAt(p: ProcessSnapshot | undefined, va: number): string | null {
  if (!p) return null;
  return p.areas.find((a) => va >= a.start && va < a.end)?.name ?? null;
}

function frameData(snapshot: Snapshot, f: FrameSnapshot, names: Map<number, string>, pageSize: number, mask: Mask = NO_MASK): FrameData {
  const pids = [...new Set(f.mappings.map((m) => m.pid))];
  const sharedBy = pids.length > 1 ? pids.map((pid) => names.get(pid) ?? `pid ${pid}`) : [];
  const ownerName = f.owner !== null ? names.get(f.owner) ?? `pid ${f.owner}` : null;
  let label: string;
  let detail = '';
  switch (f.kind) {
    case 'free':
    case 'kernel':
    case 'image':
      label = frameKindText(f.kind);
      break;
    case 'page-table':
      // In an address space shown as raw bytes, which frames hold tables is part of the answer.
      if (mask.raw.has(f.owner)) {
        label = f.owner === null ? frameKindText('image') : ownerName ?? translate('graph.frame.memory');
        break;
      }
      label = `PT L${f.level ?? '?'}`;
      detail = ownerName ?? frameKindText('kernel');
      break;
    case 'file':
    case 'shm':
      label = f.file ? `${f.file.name.replace(/^shm:/, '')} p${f.file.page}` : f.kind;
      detail = f.kind === 'shm' ? translate('graph.frame.sharedMemory') : translate('graph.frame.pageCache');
      break;
    case 'anon': {
      const m = f.mappings[0];
      const p = m ? snapshot.processes.find((x) => x.pid === m.pid) : undefined;
      const area = m ? areaAt(p, m.vpn * pageSize) : null;
      label = `${ownerName ?? (p ? p.name : 'anon')}${area ? ` ${area.length <= 6 ? area : area.replace(/@.*$/, '')}` : ''}`;
      detail = translate('graph.frame.anonymous');
      break;
    }
  }
  if (f.swapSlot !== null) detail = detail ? translate('graph.frame.detailAndSlot', { detail, slot: String(f.swapSlot) }) : translate('graph.frame.swapSlot', { slot: String(f.swapSlot) });
  if (mask.hiddenFrames.has(f.pfn) && f.kind !== 'page-table') {
    // Whose page this is, and which, is what the learner is asked to work out.
    return { kind: 'frame', pfn: f.pfn, frameKind: f.kind === 'file' || f.kind === 'shm' ? 'anon' : f.kind, label: translate('graph.frame.inUse'), detail: '', colour: null, refs: 1, sharedBy: [], refsConcealed: mask.refs.has(f.pfn), dirty: false, numaNode: f.node };
  }
  const colourPid = f.owner ?? (pids.length === 1 ? pids[0] : null);
  return {
    kind: 'frame',
    pfn: f.pfn,
    frameKind: f.kind,
    label,
    detail,
    colour: f.kind === 'free' || f.kind === 'kernel' ? null : colourOf(snapshot, colourPid),
    refs: mask.refs.has(f.pfn) ? 1 : f.refs,
    sharedBy: mask.refs.has(f.pfn) ? [] : sharedBy,
    refsConcealed: mask.refs.has(f.pfn),
    dirty: f.dirty,
    numaNode: f.node,
  };
}

/** Characters of 13 px text that fit on one line of a process node. */
const PROC_LINE_CHARS = Math.floor((PROC_W - 18) / UI_CH);

/** Area names as short words (generated names by their kind, repeats counted), wrapped into lines. */
export function areaLines(areas: ProcessSnapshot['areas'], perLine = PROC_LINE_CHARS): string[] {
  const counts = new Map<string, number>();
  for (const a of areas) {
    const label = a.name.includes('@') ? a.kind : a.name;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const words = [...counts].map(([label, n]) => (n > 1 ? `${n}× ${label}` : label));
  const lines: string[] = [];
  for (const w of words) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 3 + w.length <= perLine) lines[last] += ` · ${w}`;
    else lines.push(w);
  }
  return lines;
}

function processData(snapshot: Snapshot, p: ProcessSnapshot, names: Map<number, string>, detailed = true, sizeConcealed = false): ProcessData {
  const bits = snapshot.profile.vaBits;
  const pageSize = 2 ** snapshot.profile.pageBits;
  const threads = snapshot.threads
    .filter((t) => t.pid === p.pid && t.alive)
    .map((t) => ({ tid: t.tid, name: t.name, cpu: t.cpu, running: snapshot.cpus.some((c) => c.current === t.tid) }));
  const shown = threads.slice(0, 3);
  return {
    kind: 'process',
    pid: p.pid,
    name: p.name,
    alive: p.alive,
    exitReason: p.exitReason,
    parent: p.parent !== null ? names.get(p.parent) ?? `pid ${p.parent}` : null,
    program: p.program,
    colour: colourOf(snapshot, p.pid) ?? 0,
    threads: shown,
    hiddenThreads: threads.length - shown.length,
    rssPages: sizeConcealed ? 0 : p.rss / pageSize,
    pssPages: sizeConcealed ? 0 : Math.round((p.pss / pageSize) * 100) / 100,
    areas: dedupeAreas(p).map((a) => ({ name: a.name, kind: a.kind, perms: a.perms, range: `${vaText(snapshot, a.start)}–${vaText(snapshot, a.end)}` })),
    areaLines: areaLines(dedupeAreas(p)),
    swapped: p.swapped.length,
    root: p.root,
    summary: !detailed,
    sizeConcealed,
  };
}

/** The kernel area can be listed once per mapping in the snapshot; show each range once. */
function dedupeAreas(p: ProcessSnapshot): ProcessSnapshot['areas'] {
  const seen = new Set<string>();
  return p.areas.filter((a) => {
    const key = `${a.name}:${a.start}:${a.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function tableData(snapshot: Snapshot, t: PageTableSnapshot, names: Map<number, string>, mask: Mask = NO_MASK): TableData {
  const profile = snapshot.profile;
  const span = spanOf(snapshot, t.level);
  // When a table has more entries than fit, the valid ones (the ones a walk can follow) are
  // shown first; invalid entries with stray bits (memory dumps) fill what room is left.
  const max = mask.expanded.has(t.pfn) ? EXPANDED_TABLE_ROWS : MAX_TABLE_ROWS;
  const limit = t.entries.length > max ? max - 1 : max;
  let shown = t.entries;
  // Shown as raw bytes (a dump to decode), the entries keep their order: putting the valid
  // ones first would tell which they are.
  if (t.entries.length > limit && mask.raw.has(t.pid)) shown = t.entries.slice(0, limit);
  else if (t.entries.length > limit) {
    const valid = t.entries.filter((e) => e.valid);
    const chosen = new Set(valid.length >= limit ? valid.slice(0, limit) : [...valid, ...t.entries.filter((e) => !e.valid).slice(0, limit - valid.length)]);
    shown = t.entries.filter((e) => chosen.has(e));
  }
  return {
    kind: 'table',
    pfn: t.pfn,
    pid: t.pid,
    owner: t.pid === null ? translate('graph.image.name') : names.get(t.pid) ?? `pid ${t.pid}`,
    colour: colourOf(snapshot, t.pid),
    level: t.level,
    levels: profile.levels.length,
    base: vaText(snapshot, t.base),
    entriesPerTable: 2 ** profile.levels[t.level],
    rows: shown.map((e) => {
      const concealed = entryConcealed(mask, t, e.index);
      return {
        index: e.index,
        handle: `r${e.index}`,
        valid: concealed ? false : e.valid,
        leaf: concealed ? false : e.leaf,
        target: concealed ? -1 : e.pfn,
        flags: concealed ? '' : e.flags,
        raw: e.raw,
        cow: !concealed && /\bCOW\b/.test(e.flags),
        va: vaText(snapshot, t.base + e.index * span),
        concealed,
      };
    }),
    hidden: t.entries.length - shown.length,
    expanded: mask.expanded.has(t.pfn),
  };
}

/** A virtual address as programs see it: on x86-64 and Sv39 the upper half sign-extended (0xffff800000000000). */
export function vaText(snapshot: Snapshot, va: number): string {
  const p = snapshot.profile;
  if (!p.canonical || va < 2 ** (p.vaBits - 1)) return hexAddr(va, p.vaBits);
  return va >= 2 ** p.vaBits ? '0x1' + '0'.repeat(16) : formatVa(p, va);
}

/** Bytes of virtual address space one entry of a table at `level` covers. */
export function spanOf(snapshot: Snapshot, level: number): number {
  const lower = snapshot.profile.levels.slice(level + 1).reduce((a, b) => a + b, 0);
  return 2 ** (lower + snapshot.profile.pageBits);
}

function tableEdges(snapshot: Snapshot, t: PageTableSnapshot, data: TableData, frameNode: Record<number, string>, down = false, mask: Mask = NO_MASK): GraphEdge[] {
  const out: GraphEdge[] = [];
  const shownIndex = new Set(data.rows.map((r) => r.index));
  const folded = new Map<string, number>();
  const tablePfns = new Set(snapshot.pageTables.map((x) => x.pfn));
  for (const e of t.entries) {
    if (!e.valid || e.pfn >= snapshot.profile.physFrames || entryConcealed(mask, t, e.index)) continue;
    const target = e.leaf ? frameNode[e.pfn] : tablePfns.has(e.pfn) ? nodeId.table(e.pfn) : undefined;
    if (!target) continue;
    const frame = frameAt(snapshot, e.pfn);
    const cow = /\bCOW\b/.test(e.flags);
    const shared = e.leaf && frame !== undefined && frame.refs > 1 && !mask.refs.has(e.pfn);
    const cls = ['edge-' + (e.leaf ? 'leaf' : 'table'), cow ? 'edge-cow' : '', shared ? 'edge-shared' : ''].filter(Boolean).join(' ');
    // Going down a level in the "down" arrangement, an edge enters the next table from the top.
    const targetHandle = down && !e.leaf ? { targetHandle: 'top' } : {};
    if (shownIndex.has(e.index)) {
      out.push({ id: `pte-${t.pfn}-${e.index}`, source: nodeId.table(t.pfn), sourceHandle: `r${e.index}`, target, ...targetHandle, kind: e.leaf ? 'leaf' : 'table', class: cls });
    } else {
      // Hidden rows: one edge per distinct target from the "+n more" row.
      const key = target;
      folded.set(key, (folded.get(key) ?? 0) + 1);
      if (folded.get(key) === 1)
        out.push({ id: `pte-${t.pfn}-more-${target}`, source: nodeId.table(t.pfn), sourceHandle: 'more', target, ...targetHandle, kind: e.leaf ? 'leaf' : 'table', class: cls });
    }
  }
  for (const edge of out) {
    const n = folded.get(edge.target);
    if (edge.sourceHandle === 'more' && n !== undefined && n > 1) edge.label = `×${n}`;
  }
  return out;
}

/**
 * The nodes a lesson step asks to bring forward: its processes (with their tables, limited
 * to the focus levels if given, and the frames holding their pages), frames and TLBs.
 * Empty when the focus has no preference.
 */
export function focusNodeIds(snapshot: Snapshot, layout: GraphLayout, focus: Focus | null): string[] {
  if (!focus) return [];
  const ids = new Set<string>();
  const present = new Set(layout.nodes.map((n) => n.id));
  const names = [...focus.processes, ...(focus.translate ? [focus.translate.process] : [])];
  for (const name of names) {
    const p = snapshot.processes.find((x) => x.name === name);
    if (!p) continue;
    ids.add(nodeId.process(p.pid));
    for (const t of snapshot.pageTables) if (t.pid === p.pid && (focus.levels.length === 0 || focus.levels.includes(t.level))) ids.add(nodeId.table(t.pfn));
    // The frames its pages live in: a process in focus is about where its memory is.
    for (const page of p.pages) if (layout.frameNode[page.pfn]) ids.add(layout.frameNode[page.pfn]);
  }
  if (focus.processes.length === 0 && focus.levels.length > 0)
    for (const t of snapshot.pageTables) if (focus.levels.includes(t.level)) ids.add(nodeId.table(t.pfn));
  for (const f of focus.frames) if (layout.frameNode[f]) ids.add(layout.frameNode[f]);
  if (focus.tlb) for (const c of snapshot.cpus) ids.add(nodeId.tlb(c.id)).add(nodeId.cpu(c.id));
  return [...ids].filter((id) => present.has(id));
}
