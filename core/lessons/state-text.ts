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
import { counted } from '../plural.ts';
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
    sections.push({ id: 'swap', title: 'Swap', blocks: [{ kind: 'paragraph', text: `${used.length} of ${counted(snapshot.swap.slots, 'slot')} in use${used.length ? `: ${used.map((u) => u.slot).join(', ')}` : ''}.` }] });
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
    caption: 'CPUs and their TLBs',
    columns: [{ label: 'CPU' }, ...(numa ? [{ label: 'NUMA node' }] : []), { label: 'Running' }, { label: 'TLB entries', numeric: true }, { label: 'Hits', numeric: true }, { label: 'Misses', numeric: true }],
    rows: s.cpus.map((cpu) => {
      const t = s.threads.find((x) => x.tid === cpu.current);
      const hide = c.tlbCpus.has(cpu.id);
      return {
        header: true,
        cells: [
          `CPU ${cpu.id}`,
          ...(numa ? [String(cpu.node)] : []),
          t ? `${t.name} (${who(t.pid)})` : 'idle',
          hide ? `${HIDDEN} of ${cpu.tlb.sets * cpu.tlb.ways}` : `${cpu.tlb.entries.length} of ${cpu.tlb.sets * cpu.tlb.ways}`,
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
      blocks.push({ kind: 'heading', text: `TLB of CPU ${cpu.id}` });
      blocks.push({ kind: 'paragraph', text: `Hidden until you check your prediction (${HIDDEN}).`, muted: true });
      continue;
    }
    if (cpu.tlb.entries.length === 0) continue;
    blocks.push({ kind: 'heading', text: `TLB of CPU ${cpu.id}` });
    blocks.push({
      kind: 'table',
      caption: `TLB entries of CPU ${cpu.id}`,
      columns: [{ label: 'Set' }, { label: 'Virtual page', mono: true }, { label: 'Frame' }, { label: 'Permissions', mono: true }, ...(s.asids ? [{ label: 'ASID' }] : [])],
      rows: cpu.tlb.entries.map((e) => ({
        cells: [String(e.set), vaAddr(s, e.vpn * ps), String(e.pfn), `${e.perms}${e.dirty ? ' dirty' : ''}${e.global ? ' global' : ''}`, ...(s.asids ? [String(e.asid)] : [])],
      })),
    });
  }
  return { id: 'cpus', title: 'CPUs and TLBs', blocks };
}

function processSection(s: Snapshot, c: Concealment): TextSection {
  const who = whoOf(s);
  const bits = s.profile.vaBits;
  const ps = 2 ** s.profile.pageBits;
  const paBits = Math.ceil(Math.log2(s.profile.physFrames * ps));
  const blocks: TextBlock[] = [];
  for (const p of s.processes) {
    blocks.push({ kind: 'heading', text: `${p.name} (pid ${p.pid})${p.parent !== null ? `, child of ${who(p.parent)}` : ''}${p.alive ? '' : ' — exited'}` });
    if (!p.alive) {
      blocks.push({ kind: 'paragraph', text: p.exitReason ?? 'Exited.' });
      continue;
    }
    const threads = s.threads.filter((t) => t.pid === p.pid && t.alive).map((t) => `${t.name} on CPU ${t.cpu}`).join(', ');
    const hideSize = c.sizes.has(p.pid);
    const rss = hideSize ? `${HIDDEN} pages` : counted(p.rss / ps, 'page');
    const pss = hideSize ? HIDDEN : String(Math.round((p.pss / ps) * 100) / 100);
    const swapped = p.swapped.length ? ` ${counted(p.swapped.length, 'page')} swapped out.` : '';
    blocks.push({ kind: 'paragraph', text: `${p.name} ${p.program ? `runs ${p.program}; threads:` : 'has threads'} ${threads}. Resident: ${rss} (PSS ${pss}). Page-table root in frame ${p.root}.${swapped}` });
    const areas = p.areas.filter((a, i, all) => all.findIndex((b) => b.start === a.start && b.name === a.name) === i);
    blocks.push({
      kind: 'table',
      caption: `Memory areas of ${p.name}`,
      columns: [{ label: 'Area' }, { label: 'Addresses', mono: true }, { label: 'Permissions', mono: true }, { label: 'Backed by' }],
      rows: areas.map((a) => ({ cells: [a.name, `${vaAddr(s, a.start)}–${vaAddr(s, a.end)}`, a.perms, a.file ? `${a.file.name} (${a.shared ? 'shared' : 'private'})` : a.shared ? 'shared anonymous' : 'anonymous'] })),
    });
    if (p.pages.length === 0) {
      blocks.push({ kind: 'paragraph', text: 'No pages resident yet.', muted: true });
      continue;
    }
    blocks.push({
      kind: 'table',
      caption: `Resident pages of ${p.name}`,
      columns: [{ label: 'Virtual page', mono: true }, { label: 'Frame' }, { label: 'Physical address', mono: true }, { label: 'Permissions', mono: true }, { label: 'Flags' }],
      rows: p.pages.map((pg) => {
        if (c.pageHidden(p.pid, pg.vpn)) return { cells: [vaAddr(s, pg.va), HIDDEN, HIDDEN, HIDDEN, HIDDEN] };
        const flags = [pg.cow ? 'copy-on-write' : '', pg.accessed ? 'accessed' : '', pg.dirty ? 'dirty' : '', pg.user ? '' : 'kernel'].filter(Boolean).join(', ') || '—';
        return { cells: [vaAddr(s, pg.va), String(pg.pfn), hexAddr(pg.pfn * ps, paBits), pg.perms, flags] };
      }),
    });
  }
  return { id: 'processes', title: 'Processes', blocks };
}

function entryRow(s: Snapshot, t: PageTableSnapshot, e: PageTableEntrySnapshot, hidden: boolean): { cells: string[] } {
  const from = vaAddr(s, t.base + e.index * entrySpan(s, t.level));
  if (hidden) return { cells: [String(e.index), from, e.raw, HIDDEN, HIDDEN] };
  return { cells: [String(e.index), from, e.raw, e.valid ? (e.leaf ? `page in frame ${e.pfn}` : `table in frame ${e.pfn}`) : 'not valid', e.flags ? `${e.flags} (${flagsInWords(e.flags)})` : '—'] };
}

function tableSection(s: Snapshot, c: Concealment): TextSection {
  const who = whoOf(s);
  const blocks: TextBlock[] = [];
  const space = (pid: number | null) => (pid === null ? 'the memory image' : who(pid));
  const rawShown = new Set<number | null>();
  for (const t of s.pageTables) {
    if (c.rawSpaces.has(t.pid)) {
      // Raw bytes only: the root (which the base register names) and nothing that says where the walk goes.
      if (rawShown.has(t.pid) || t.level !== 0) continue;
      rawShown.add(t.pid);
      blocks.push({ kind: 'heading', text: `Root of ${space(t.pid)}: frame ${t.pfn}` });
      blocks.push({ kind: 'paragraph', text: `The tables are not decoded while you predict: walk them from the raw entries (and the dump). Non-zero entries of frame ${t.pfn}:` });
      blocks.push({
        kind: 'table',
        caption: `Raw entries of frame ${t.pfn}`,
        columns: [{ label: 'Entry' }, { label: 'Value', mono: true }],
        rows: t.entries.map((e) => ({ cells: [String(e.index), e.raw] })),
      });
      continue;
    }
    const where = c.hiddenTables.has(t.pfn) ? HIDDEN : String(t.pfn);
    blocks.push({ kind: 'heading', text: `Level ${t.level} table of ${space(t.pid)} in frame ${where}` });
    // Entries on a hidden walk path are listed even when they are all zero, so the row to decode is there.
    const rows = t.entries.map((e) => entryRow(s, t, e, c.entryHidden(t, e.index)));
    if (rows.length === 0) {
      blocks.push({ kind: 'paragraph', text: 'No entries in use.', muted: true });
      continue;
    }
    blocks.push({
      kind: 'table',
      caption: `Entries of the level-${t.level} table in frame ${where}`,
      columns: [{ label: 'Entry' }, { label: 'Covers from', mono: true }, { label: 'Value', mono: true }, { label: 'Points to' }, { label: 'Flags', mono: true }],
      rows,
    });
  }
  if (s.pageTables.length === 0) blocks.push({ kind: 'paragraph', text: 'No page tables.', muted: true });
  return { id: 'tables', title: 'Page tables', blocks };
}

function holds(f: FrameSnapshot, c: Concealment): string {
  switch (f.kind) {
    case 'page-table':
      return c.tableFrameHidden(f.pfn) ? 'memory' : `level-${f.level} page table`;
    case 'file':
    case 'shm':
      return f.file ? `${f.kind === 'shm' ? 'shared memory' : 'file'} ${f.file.name.replace(/^shm:/, '')} page ${f.file.page}` : f.kind;
    case 'anon':
      return 'anonymous memory';
    case 'image':
      return 'memory image';
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
  const intro = `${counted(s.totalFrames, 'frame')} of ${bytes(ps)}; ${free} free${ranges.length ? ` (frames ${ranges.join(', ')})` : ''}.`;
  const used = s.frames.filter((f) => f.kind !== 'free');
  return {
    id: 'frames',
    title: 'Physical memory',
    blocks: [
      { kind: 'paragraph', text: intro },
      {
        kind: 'table',
        caption: 'Frames in use',
        columns: [{ label: 'Frame' }, ...(numa ? [{ label: 'Node' }] : []), { label: 'Holds' }, { label: 'Owner' }, { label: 'Mapped by' }, { label: 'Dirty' }],
        rows: used.map((f) => {
          const hide = c.mappingsHidden(f);
          const mapped = f.mappings.length === 0 ? '—' : f.mappings.map((m) => `${who(m.pid)} ${vaAddr(s, m.vpn * ps)}`).join('; ') + (f.refs > 1 ? ` (shared, ${f.refs} mappings)` : '');
          return {
            cells: [String(f.pfn), ...(numa ? [String(f.node)] : []), holds(f, c), hide ? HIDDEN : f.kind === 'kernel' ? 'kernel' : who(f.owner), hide ? HIDDEN : mapped, f.dirty ? 'yes' : 'no'],
          };
        }),
      },
    ],
  };
}

function fileSection(s: Snapshot): TextSection {
  return {
    id: 'files',
    title: 'Files',
    blocks: s.files.map((f) => ({
      kind: 'paragraph' as const,
      text: `${f.shm ? 'Shared-memory object' : 'File'} ${f.name.replace(/^shm:/, '')}, ${bytes(f.size)}${f.unlinked ? ', unlinked' : ''}: ${
        f.cached.length ? `pages in memory ${f.cached.map((x) => `${x.page} (frame ${x.pfn})`).join(', ')}` : 'no pages in memory'
      }${f.swapped.length ? `; ${f.swapped.length} swapped` : ''}.`,
    })),
  };
}

function counterSection(s: Snapshot, c: Concealment): TextSection {
  const st = s.stats;
  const tlb = c.tlbCpus.size > 0 ? `TLB ${HIDDEN} hits / ${HIDDEN} misses` : `TLB ${counted(st.tlbHits, 'hit')} / ${counted(st.tlbMisses, 'miss', 'misses')}`;
  const numa = s.profile.numa ? ` · ${st.localAccesses} local / ${st.remoteAccesses} remote accesses` : '';
  return {
    id: 'counters',
    title: 'Counters',
    blocks: [
      {
        kind: 'paragraph',
        text: `${counted(st.accesses, 'access', 'accesses')} · ${tlb} · ${counted(st.pageFaults, 'page fault')} · ${counted(st.cowCopies, 'copy-on-write copy', 'copy-on-write copies')} · ${counted(st.swapOuts, 'swap-out')}, ${counted(st.swapIns, 'swap-in')}${numa}`,
      },
    ],
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
