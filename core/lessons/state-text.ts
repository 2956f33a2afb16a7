/*
 * The machine's state as structured text: what the Text view draws (headings,
 * paragraphs, tables with headers) and what the validator reads when it looks for a
 * quiz's answer in the state — one function, so the two can never disagree.
 *
 *   StateText   = sections, in reading order (CPUs and TLBs, processes, page tables,
 *                 physical memory, swap, files, counters)
 *   section     = { id, title, blocks }
 *   block       = paragraph | heading (a sub-heading) | table (caption, columns, rows;
 *                 the first cell of a row may be its header)
 *
 * Concealed values (see conceal.ts) are written as "?" — and so are the values derived
 * from them: a leaf entry hidden on a walk path also hides that page's frame in the
 * process's page list, the frame's "mapped by" and its owner; a hidden table of a
 * memory image is shown as raw entries of its root only.
 */
import { formatVa } from '../sim/address.ts';
import { flagsInWords } from '../sim/flags.ts';
import type { FrameSnapshot, PageTableEntrySnapshot, PageTableSnapshot, Snapshot } from '../sim/snapshot.ts';
import { t } from '../i18n/index.ts';
import type { Concealed } from './types.ts';

export const HIDDEN = '?';

export interface TextTable {
  kind: 'table';
  /** For screen readers (a caption); may be empty. */
  caption: string;
  columns: { label: string; numeric?: boolean; mono?: boolean }[];
  /** Cells in column order; `header` marks the first cell as the row's header. */
  rows: { cells: string[]; header?: boolean }[];
}

export type TextBlock = { kind: 'paragraph'; text: string; muted?: boolean } | { kind: 'heading'; text: string } | TextTable;

export interface TextSection {
  id: string;
  title: string;
  blocks: TextBlock[];
}

export interface StateText {
  sections: TextSection[];
}

function hexAddr(n: number, bits: number): string {
  return '0x' + n.toString(16).padStart(Math.max(1, Math.ceil(bits / 4)), '0');
}

/** A virtual address as the machine's programs see it: the upper half of a canonical machine sign-extended (0xffff800000000000). */
function vaAddr(s: Snapshot, va: number): string {
  if (!s.profile.canonical || va < 2 ** (s.profile.vaBits - 1)) return hexAddr(va, s.profile.vaBits);
  // The end of the top area is the end of the 64-bit space.
  return va >= 2 ** s.profile.vaBits ? '0x1' + '0'.repeat(16) : formatVa(s.profile, va);
}

function bytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} B`;
}

/** Span of one entry at `level`, in bytes of virtual address space. */
export function entrySpan(snapshot: Pick<Snapshot, 'profile'>, level: number): number {
  const lower = snapshot.profile.levels.slice(level + 1).reduce((a, b) => a + b, 0);
  return 2 ** (lower + snapshot.profile.pageBits);
}

/** Answers "is this hidden?" for the parts of a snapshot, derived values included. */
export class Concealment {
  readonly tlbCpus = new Set<number>();
  readonly sizes = new Set<number>();
  readonly refs = new Set<number>();
  readonly free: boolean;
  /** Address spaces whose tables are shown as raw bytes (null = the memory image). */
  readonly rawSpaces = new Set<number | null>();
  private readonly entryMap = new Map<number, Set<number> | 'all'>();
  /** Pages whose leaf entry is hidden: "pid:vpn". */
  private readonly hiddenPages = new Set<string>();
  /** Table frames whose parent entry is hidden (where they are is part of the walk). */
  readonly hiddenTables = new Set<number>();

  constructor(
    readonly snapshot: Snapshot,
    readonly list: Concealed[],
  ) {
    let free = false;
    for (const c of list) {
      if (c.what === 'tlb') this.tlbCpus.add(c.cpu);
      else if (c.what === 'process-size') this.sizes.add(c.pid);
      else if (c.what === 'frame-refs') this.refs.add(c.pfn);
      else if (c.what === 'free-frames') free = true;
      else if (c.what === 'page-tables') this.rawSpaces.add(c.pid);
      else {
        const have = this.entryMap.get(c.table);
        if (c.indexes === 'all' || have === 'all') this.entryMap.set(c.table, 'all');
        else this.entryMap.set(c.table, new Set([...(have ?? []), ...c.indexes]));
      }
    }
    this.free = free;
    const ps = 2 ** snapshot.profile.pageBits;
    for (const t of snapshot.pageTables) {
      for (const e of t.entries) {
        if (!this.entryHidden(t, e.index) || !e.valid) continue;
        if (e.leaf) {
          const first = (t.base + e.index * entrySpan(snapshot, t.level)) / ps;
          const n = entrySpan(snapshot, t.level) / ps;
          for (let k = 0; k < Math.min(n, 4096); k++) this.hiddenPages.add(`${t.pid}:${first + k}`);
        } else this.hiddenTables.add(e.pfn);
      }
    }
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  entryHidden(t: Pick<PageTableSnapshot, 'pfn' | 'pid'>, index: number): boolean {
    if (this.rawSpaces.has(t.pid)) return true;
    const e = this.entryMap.get(t.pfn);
    return e === 'all' || (e !== undefined && e.has(index));
  }

  pageHidden(pid: number | null, vpn: number): boolean {
    return this.hiddenPages.has(`${pid}:${vpn}`);
  }

  /** Whether who maps this frame (and how many) must not be shown. */
  mappingsHidden(f: FrameSnapshot): boolean {
    return this.refs.has(f.pfn) || f.mappings.some((m) => this.pageHidden(m.pid, m.vpn));
  }

  /** Whether a table frame must not be shown as a table (its address space is raw). */
  tableFrameHidden(pfn: number): boolean {
    return this.snapshot.pageTables.some((t) => t.pfn === pfn && this.rawSpaces.has(t.pid));
  }
}

/** The machine state as sections of text, with the concealed values as "?". */
export function stateText(snapshot: Snapshot, conceal: Concealed[] = []): StateText {
  const c = new Concealment(snapshot, conceal);
  const sections: TextSection[] = [cpuSection(snapshot, c), processSection(snapshot, c), tableSection(snapshot, c), frameSection(snapshot, c)];
  if (snapshot.swap.slots > 0) {
    const used = snapshot.swap.used;
    const text = used.length ? t('player.state.swapUsedList', { used: String(used.length), count: snapshot.swap.slots, slots: used.map((u) => u.slot).join(', ') }) : t('player.state.swapUsed', { used: String(used.length), count: snapshot.swap.slots });
    sections.push({ id: 'swap', title: t('player.state.swap'), blocks: [{ kind: 'paragraph', text }] });
  }
  if (snapshot.files.length > 0) sections.push(fileSection(snapshot));
  sections.push(counterSection(snapshot, c));
  return { sections };
}

function whoOf(snapshot: Snapshot): (pid: number | null) => string {
  const names = new Map(snapshot.processes.map((p) => [p.pid, p.name]));
  return (pid) => (pid === null ? '—' : names.get(pid) ?? `pid ${pid}`);
}

function cpuSection(s: Snapshot, c: Concealment): TextSection {
  const who = whoOf(s);
  const numa = !!s.profile.numa;
  const blocks: TextBlock[] = [];
  blocks.push({
    kind: 'table',
    caption: t('player.state.cpusCaption'),
    columns: [{ label: t('player.state.col.cpu') }, ...(numa ? [{ label: t('player.state.col.numaNode') }] : []), { label: t('player.state.col.running') }, { label: t('player.state.col.tlbEntries'), numeric: true }, { label: t('player.state.col.hits'), numeric: true }, { label: t('player.state.col.misses'), numeric: true }],
    rows: s.cpus.map((cpu) => {
      const thread = s.threads.find((x) => x.tid === cpu.current);
      const hide = c.tlbCpus.has(cpu.id);
      return {
        header: true,
        cells: [
          t('player.state.cpu', { cpu: String(cpu.id) }),
          ...(numa ? [String(cpu.node)] : []),
          thread ? t('player.state.threadOf', { thread: thread.name, process: who(thread.pid) }) : t('player.state.idle'),
          t('player.state.nOfM', { n: hide ? HIDDEN : String(cpu.tlb.entries.length), m: String(cpu.tlb.sets * cpu.tlb.ways) }),
          hide ? HIDDEN : String(cpu.tlb.hits),
          hide ? HIDDEN : String(cpu.tlb.misses),
        ],
      };
    }),
  });
  const bits = s.profile.vaBits;
  const ps = 2 ** s.profile.pageBits;
  for (const cpu of s.cpus) {
    if (c.tlbCpus.has(cpu.id)) {
      blocks.push({ kind: 'heading', text: t('player.state.tlbOf', { cpu: String(cpu.id) }) });
      blocks.push({ kind: 'paragraph', text: t('player.state.hiddenUntilCheck', { hidden: HIDDEN }), muted: true });
      continue;
    }
    if (cpu.tlb.entries.length === 0) continue;
    blocks.push({ kind: 'heading', text: t('player.state.tlbOf', { cpu: String(cpu.id) }) });
    blocks.push({
      kind: 'table',
      caption: t('player.state.tlbEntriesOf', { cpu: String(cpu.id) }),
      columns: [{ label: t('player.state.col.set') }, { label: t('player.state.col.virtualPage'), mono: true }, { label: t('player.state.col.frame') }, { label: t('player.state.col.permissions'), mono: true }, ...(s.asids ? [{ label: 'ASID' }] : [])],
      rows: cpu.tlb.entries.map((e) => ({
        cells: [String(e.set), vaAddr(s, e.vpn * ps), String(e.pfn), [e.perms, e.dirty ? t('player.state.flag.dirty') : '', e.global ? t('player.state.flag.global') : ''].filter(Boolean).join(' '), ...(s.asids ? [String(e.asid)] : [])],
      })),
    });
  }
  return { id: 'cpus', title: t('player.state.cpusTitle'), blocks };
}

function processSection(s: Snapshot, c: Concealment): TextSection {
  const who = whoOf(s);
  const bits = s.profile.vaBits;
  const ps = 2 ** s.profile.pageBits;
  const paBits = Math.ceil(Math.log2(s.profile.physFrames * ps));
  const blocks: TextBlock[] = [];
  for (const p of s.processes) {
    const heading = p.parent !== null ? t('player.state.processChild', { name: p.name, pid: String(p.pid), parent: who(p.parent) }) : t('player.state.process', { name: p.name, pid: String(p.pid) });
    blocks.push({ kind: 'heading', text: p.alive ? heading : t('player.state.exitedHeading', { heading }) });
    if (!p.alive) {
      blocks.push({ kind: 'paragraph', text: p.exitReason ?? t('player.state.exited') });
      continue;
    }
    const threads = s.threads.filter((x) => x.pid === p.pid && x.alive).map((x) => t('player.state.threadOnCpu', { thread: x.name, cpu: String(x.cpu) })).join(', ');
    const hideSize = c.sizes.has(p.pid);
    const rss = hideSize ? t('player.state.hiddenPages', { hidden: HIDDEN }) : t('player.state.pages', { count: p.rss / ps });
    const pss = hideSize ? HIDDEN : String(Math.round((p.pss / ps) * 100) / 100);
    const facts = { name: p.name, program: p.program ?? '', threads, rss, pss, root: String(p.root) };
    const about = p.program ? t('player.state.processRuns', facts) : t('player.state.processHas', facts);
    blocks.push({ kind: 'paragraph', text: p.swapped.length ? t('player.state.withSwapped', { text: about, count: p.swapped.length }) : about });
    const areas = p.areas.filter((a, i, all) => all.findIndex((b) => b.start === a.start && b.name === a.name) === i);
    blocks.push({
      kind: 'table',
      caption: t('player.state.areasOf', { name: p.name }),
      columns: [{ label: t('player.state.col.area') }, { label: t('player.state.col.addresses'), mono: true }, { label: t('player.state.col.permissions'), mono: true }, { label: t('player.state.col.backedBy') }],
      rows: areas.map((a) => ({ cells: [a.name, `${vaAddr(s, a.start)}–${vaAddr(s, a.end)}`, a.perms, a.file ? t(a.shared ? 'player.state.fileShared' : 'player.state.filePrivate', { file: a.file.name }) : t(a.shared ? 'player.state.sharedAnonymous' : 'player.state.anonymous')] })),
    });
    if (p.pages.length === 0) {
      blocks.push({ kind: 'paragraph', text: t('player.state.noPages'), muted: true });
      continue;
    }
    blocks.push({
      kind: 'table',
      caption: t('player.state.residentOf', { name: p.name }),
      columns: [{ label: t('player.state.col.virtualPage'), mono: true }, { label: t('player.state.col.frame') }, { label: t('player.state.col.physicalAddress'), mono: true }, { label: t('player.state.col.permissions'), mono: true }, { label: t('player.state.col.flags') }],
      rows: p.pages.map((pg) => {
        if (c.pageHidden(p.pid, pg.vpn)) return { cells: [vaAddr(s, pg.va), HIDDEN, HIDDEN, HIDDEN, HIDDEN] };
        const flags = [pg.cow ? t('player.state.flag.cow') : '', pg.accessed ? t('player.state.flag.accessed') : '', pg.dirty ? t('player.state.flag.dirty') : '', pg.user ? '' : t('player.state.flag.kernel')].filter(Boolean).join(', ') || '—';
        return { cells: [vaAddr(s, pg.va), String(pg.pfn), hexAddr(pg.pfn * ps, paBits), pg.perms, flags] };
      }),
    });
  }
  return { id: 'processes', title: t('player.state.processesTitle'), blocks };
}

function entryRow(s: Snapshot, table: PageTableSnapshot, e: PageTableEntrySnapshot, hidden: boolean): { cells: string[] } {
  const from = vaAddr(s, table.base + e.index * entrySpan(s, table.level));
  if (hidden) return { cells: [String(e.index), from, e.raw, HIDDEN, HIDDEN] };
  return { cells: [String(e.index), from, e.raw, e.valid ? t(e.leaf ? 'player.state.pageInFrame' : 'player.state.tableInFrame', { pfn: String(e.pfn) }) : t('player.state.notValid'), e.flags ? `${e.flags} (${flagsInWords(e.flags)})` : '—'] };
}

function tableSection(s: Snapshot, c: Concealment): TextSection {
  const who = whoOf(s);
  const blocks: TextBlock[] = [];
  const space = (pid: number | null) => (pid === null ? t('player.state.theImage') : who(pid));
  const rawShown = new Set<number | null>();
  for (const table of s.pageTables) {
    if (c.rawSpaces.has(table.pid)) {
      // Raw bytes only: the root (which the base register names) and nothing that says where the walk goes.
      if (rawShown.has(table.pid) || table.level !== 0) continue;
      rawShown.add(table.pid);
      blocks.push({ kind: 'heading', text: t('player.state.rootOf', { space: space(table.pid), pfn: String(table.pfn) }) });
      blocks.push({ kind: 'paragraph', text: t('player.state.notDecoded', { pfn: String(table.pfn) }) });
      blocks.push({
        kind: 'table',
        caption: t('player.state.rawEntriesOf', { pfn: String(table.pfn) }),
        columns: [{ label: t('player.state.col.entry') }, { label: t('player.state.col.value'), mono: true }],
        rows: table.entries.map((e) => ({ cells: [String(e.index), e.raw] })),
      });
      continue;
    }
    const where = c.hiddenTables.has(table.pfn) ? HIDDEN : String(table.pfn);
    blocks.push({ kind: 'heading', text: t('player.state.levelTable', { level: String(table.level), space: space(table.pid), pfn: where }) });
    // Entries on a hidden walk path are listed even when they are all zero, so the row to decode is there.
    const rows = table.entries.map((e) => entryRow(s, table, e, c.entryHidden(table, e.index)));
    if (rows.length === 0) {
      blocks.push({ kind: 'paragraph', text: t('player.state.noEntries'), muted: true });
      continue;
    }
    blocks.push({
      kind: 'table',
      caption: t('player.state.entriesOf', { level: String(table.level), pfn: where }),
      columns: [{ label: t('player.state.col.entry') }, { label: t('player.state.col.coversFrom'), mono: true }, { label: t('player.state.col.value'), mono: true }, { label: t('player.state.col.pointsTo') }, { label: t('player.state.col.flags'), mono: true }],
      rows,
    });
  }
  if (s.pageTables.length === 0) blocks.push({ kind: 'paragraph', text: t('player.state.noTables'), muted: true });
  return { id: 'tables', title: t('player.state.tablesTitle'), blocks };
}

function holds(f: FrameSnapshot, c: Concealment): string {
  switch (f.kind) {
    case 'page-table':
      return c.tableFrameHidden(f.pfn) ? t('player.state.holds.memory') : t('player.state.holds.table', { level: String(f.level) });
    case 'file':
    case 'shm':
      return f.file ? t(f.kind === 'shm' ? 'player.state.holds.shmPage' : 'player.state.holds.filePage', { name: f.file.name.replace(/^shm:/, ''), page: String(f.file.page) }) : f.kind;
    case 'anon':
      return t('player.state.holds.anon');
    case 'image':
      return t('player.state.holds.image');
    case 'kernel':
      return t('player.state.holds.kernel');
    default:
      return f.kind;
  }
}

/** Free frames as ranges: the gaps between the frames in use (a big machine lists only those). */
function freeRanges(s: Snapshot): string[] {
  const out: string[] = [];
  let start = 0;
  const gap = (end: number) => {
    if (end > start) out.push(end - 1 === start ? `${start}` : `${start}–${end - 1}`);
  };
  for (const f of s.frames) {
    if (f.kind === 'free') continue;
    gap(f.pfn);
    start = f.pfn + 1;
  }
  gap(s.totalFrames);
  return out;
}

function frameSection(s: Snapshot, c: Concealment): TextSection {
  const who = whoOf(s);
  const ps = 2 ** s.profile.pageBits;
  const bits = s.profile.vaBits;
  const numa = !!s.profile.numa;
  const ranges = c.free ? [] : freeRanges(s);
  const free = c.free ? HIDDEN : String(s.freeFrames);
  // Frame numbers sit beside this count ("frames 98–262143"), so it is not grouped either.
  const intro = ranges.length ? t('player.state.framesIntroRanges', { count: s.totalFrames, total: String(s.totalFrames), size: bytes(ps), free, ranges: ranges.join(', ') }) : t('player.state.framesIntro', { count: s.totalFrames, total: String(s.totalFrames), size: bytes(ps), free });
  const used = s.frames.filter((f) => f.kind !== 'free');
  return {
    id: 'frames',
    title: t('player.state.memoryTitle'),
    blocks: [
      { kind: 'paragraph', text: intro },
      {
        kind: 'table',
        caption: t('player.state.framesInUse'),
        columns: [{ label: t('player.state.col.frame') }, ...(numa ? [{ label: t('player.state.col.node') }] : []), { label: t('player.state.col.holds') }, { label: t('player.state.col.owner') }, { label: t('player.state.col.mappedBy') }, { label: t('player.state.col.dirty') }],
        rows: used.map((f) => {
          const hide = c.mappingsHidden(f);
          const list = f.mappings.map((m) => `${who(m.pid)} ${vaAddr(s, m.vpn * ps)}`).join('; ');
          const mapped = f.mappings.length === 0 ? '—' : f.refs > 1 ? t('player.state.sharedMappings', { list, count: f.refs }) : list;
          return {
            cells: [String(f.pfn), ...(numa ? [String(f.node)] : []), holds(f, c), hide ? HIDDEN : f.kind === 'kernel' ? t('player.state.flag.kernel') : who(f.owner), hide ? HIDDEN : mapped, t(f.dirty ? 'player.answer.yes' : 'player.answer.no')],
          };
        }),
      },
    ],
  };
}

function fileSection(s: Snapshot): TextSection {
  return {
    id: 'files',
    title: t('player.state.filesTitle'),
    blocks: s.files.map((f) => ({
      kind: 'paragraph' as const,
      text: t('player.state.file', {
        shm: f.shm ? 'yes' : 'no',
        name: f.name.replace(/^shm:/, ''),
        size: bytes(f.size),
        unlinked: f.unlinked ? 'yes' : 'no',
        cached: f.cached.length ? t('player.state.fileCached', { pages: f.cached.map((x) => t('player.state.filePage', { page: String(x.page), pfn: String(x.pfn) })).join(', ') }) : t('player.state.fileNotCached'),
        swapped: f.swapped.length,
      }),
    })),
  };
}

function counterSection(s: Snapshot, c: Concealment): TextSection {
  const st = s.stats;
  const tlb = c.tlbCpus.size > 0 ? t('player.state.counters.tlbHidden', { hidden: HIDDEN }) : t('player.state.counters.tlb', { hits: st.tlbHits, misses: st.tlbMisses });
  const parts = [
    t('player.state.counters.accesses', { count: st.accesses }),
    tlb,
    t('player.state.counters.faults', { count: st.pageFaults }),
    t('player.state.counters.cow', { count: st.cowCopies }),
    t('player.state.counters.swap', { outs: st.swapOuts, ins: st.swapIns }),
  ];
  if (s.profile.numa) parts.push(t('player.state.counters.numa', { local: st.localAccesses, remote: st.remoteAccesses }));
  return {
    id: 'counters',
    title: t('player.state.countersTitle'),
    blocks: [{ kind: 'paragraph', text: parts.join(' · ') }],
  };
}

/**
 * The state text as lines, for matching: paragraphs and headings as they are, each table
 * row as "Column: cell; Column: cell" so a value keeps the label that gives it meaning.
 */
export function stateLines(text: StateText): string[] {
  const lines: string[] = [];
  for (const sec of text.sections) {
    lines.push(sec.title);
    for (const b of sec.blocks) {
      if (b.kind === 'table') for (const r of b.rows) lines.push(r.cells.map((cell, i) => `${b.columns[i]?.label ?? ''}: ${cell}`).join('; '));
      else lines.push(b.text);
    }
  }
  return lines;
}
