/*
 * Two OSTEP homework generators, reproduced: vm-paging/paging-linear-translate.py (a
 * linear page table and addresses to translate) and vm-smalltables/paging-multilevel-
 * translate.py (a dump of physical memory with a two-level page table in it). Both draw
 * their problem from a seed with Python's `random`; the generators here draw the same
 * numbers in the same order (PythonRandom, mt19937.ts), so the same arguments give the
 * identical problem.
 *
 * No answer is computed here. A generated instance becomes a Pagewalk memory-image
 * scenario (a machine shaped like the homework's, the tables as raw bytes, one
 * `translate` step per address), and the simulator's MMU walks it: `solveLinear` and
 * `solveMultilevel` run that scenario and report what the walks did, and the formatters
 * print it in the homework's own words, so an assignment moves over line for line.
 *
 *   LinearInstance      sizes in bytes, table[vpn] = frame or -1 (invalid), addresses
 *   MultilevelInstance  the 4 KiB of memory, the page-directory frame, the addresses
 */
import { PythonRandom } from '../sim/mt19937.ts';
import type { SimEvent } from '../sim/events.ts';
import { loadScenario } from './load.ts';
import { ScenarioRun } from './run.ts';
import { t as message } from '../i18n/index.ts';

export class HomeworkError extends Error {}

// ------------------------------------------------------------------ paging-linear-translate

export interface LinearOptions {
  seed: number;
  /** Address-space, physical-memory and page sizes in bytes. */
  asize: number;
  psize: number;
  pagesize: number;
  /** How many addresses to draw (when none are given). */
  num: number;
  /** Percent of the virtual pages that are valid. */
  used: number;
  /** Addresses to translate instead of random ones (the homework's -A). */
  addresses: number[] | null;
}

export interface LinearInstance {
  options: LinearOptions;
  /** Frame of each virtual page, or -1 for an invalid page. */
  table: number[];
  addresses: number[];
}

const isPowerOf2 = (n: number) => Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0 && n <= 2 ** 30;

/** The homework's sizes: "16k", "64K", "32m", "1g" or plain bytes. */
export function homeworkSize(text: string): number {
  const m = /^(\d+)([kKmMgG]?)$/.exec(text.trim());
  if (!m) throw new HomeworkError(message('scenario.ostep.notSize', { text }));
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * scale;
}

/** The problem paging-linear-translate.py poses for these arguments, drawn as it draws it. */
export function linearInstance(o: LinearOptions): LinearInstance {
  const { asize, psize, pagesize } = o;
  if (psize <= 1) throw new HomeworkError(message('scenario.ostep.psizeMin'));
  if (asize < 1) throw new HomeworkError(message('scenario.ostep.asizeMin'));
  if (psize <= asize) throw new HomeworkError(message('scenario.ostep.psizeAbove'));
  if (psize >= 1024 ** 3 || asize >= 1024 ** 3) throw new HomeworkError(message('scenario.ostep.under1g'));
  if (asize % pagesize !== 0) throw new HomeworkError(message('scenario.ostep.asizeMultiple'));
  if (psize % pagesize !== 0) throw new HomeworkError(message('scenario.ostep.psizeMultiple'));
  if (!isPowerOf2(asize)) throw new HomeworkError(message('scenario.ostep.asizePower'));
  if (!isPowerOf2(pagesize)) throw new HomeworkError(message('scenario.ostep.pagePower'));
  if (pagesize < 4 || pagesize > 2 * 1024 * 1024) throw new HomeworkError(message('scenario.ostep.pageRange'));
  if (asize / pagesize < 2) throw new HomeworkError(message('scenario.ostep.twoPages'));
  if (o.used < 0 || o.used > 100) throw new HomeworkError(message('scenario.ostep.used'));
  const rng = new PythonRandom(o.seed);
  const frames = psize / pagesize;
  const taken = new Uint8Array(frames);
  const table: number[] = [];
  // Each virtual page is valid with probability used%; a valid page draws frames until it
  // finds a free one (redrawing its validity each time, as the homework's loop does).
  for (let vpn = 0; vpn < asize / pagesize; vpn++) {
    for (;;) {
      if (rng.random() * 100.0 > 100.0 - o.used) {
        const frame = Math.floor(frames * rng.random());
        if (taken[frame]) continue;
        taken[frame] = 1;
        table.push(frame);
      } else table.push(-1);
      break;
    }
  }
  const addresses = o.addresses ?? Array.from({ length: o.num }, () => Math.floor(asize * rng.random()));
  for (const va of addresses) if (!(Number.isInteger(va) && va >= 0 && va < asize)) throw new HomeworkError(message('scenario.ostep.addressOutside', { va: String(va), size: String(asize) }));
  return { options: o, table, addresses };
}

/**
 * The instance as a Pagewalk scenario: a one-level machine of the homework's sizes whose
 * 4-byte entries have the valid bit on top (0x80000000 | frame), as the homework prints
 * them. The table sits in frames just above the homework's physical memory (the homework
 * keeps it outside memory), so the data frames and every answer are the homework's.
 */
export function linearScenario(inst: LinearInstance): Record<string, unknown> {
  const { asize, psize, pagesize } = inst.options;
  const pageBits = Math.log2(pagesize);
  const vaBits = Math.log2(asize);
  const frames = psize / pagesize;
  const tableFrames = Math.ceil((inst.table.length * 4) / pagesize);
  const pages: Record<string, string> = {};
  for (let f = 0; f < tableFrames; f++) {
    const bytes: string[] = [];
    for (let vpn = (f * pagesize) / 4; vpn < Math.min(inst.table.length, ((f + 1) * pagesize) / 4); vpn++) {
      const pte = inst.table[vpn] < 0 ? 0 : (0x80000000 | inst.table[vpn]) >>> 0;
      for (let b = 0; b < 4; b++) bytes.push(((pte >>> (8 * b)) & 0xff).toString(16).padStart(2, '0'));
    }
    pages[String(frames + f)] = bytes.join(' ');
  }
  return {
    title: `paging-linear-translate.py -s ${inst.options.seed}`,
    machine: {
      id: 'ostep-linear',
      name: 'paging-linear-translate.py machine',
      vaBits,
      pageBits,
      levels: [vaBits - pageBits],
      pte: { bytes: 4, valid: 31, pfnShift: 0, pfnBits: 31 },
      leafRule: 'last-level',
      hierarchicalPermissions: false,
      physFrames: frames + tableFrames,
      reservedFrames: 0,
      tlb: { entries: 0, ways: 1, policy: 'lru', asid: false },
      cpus: 1,
      numa: null,
      swapSlots: 0,
      replacement: 'fifo',
    },
    memory: { ptbr: frames, pages },
    steps: inst.addresses.map((addr) => ({ translate: { addr } })),
  };
}

function runImage(doc: Record<string, unknown>, file: string): ScenarioRun {
  const loaded = loadScenario(JSON.stringify(doc), file);
  if (!loaded.scenario || !loaded.profile) throw new HomeworkError(loaded.diagnostics.map((d) => d.message).join('; '));
  const run = new ScenarioRun(loaded.scenario, loaded.profile);
  run.runAll();
  const failed = run.results.find((r) => r.error);
  if (failed) throw new HomeworkError(failed.error!);
  return run;
}

export interface LinearAnswer {
  va: number;
  vpn: number;
  /** Physical address, or null when the page is not valid. */
  pa: number | null;
}

/** Translate every address of the instance with the simulator. */
export function solveLinear(inst: LinearInstance): LinearAnswer[] {
  const run = runImage(linearScenario(inst), 'paging-linear-translate.json');
  const pageBits = Math.log2(inst.options.pagesize);
  return run.results.map((r, i) => {
    const va = inst.addresses[i];
    return { va, vpn: Math.floor(va / 2 ** pageBits), pa: r.translate?.present ? r.translate.pa : null };
  });
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const pad = (n: number, w: number) => String(n).padStart(w, ' ');

/** What paging-linear-translate.py prints (with -c, the simulator's answers). */
export function formatLinear(inst: LinearInstance, args: { asize: string; psize: string; pagesize: string; addresses: string; verbose: boolean; solve: boolean }): string {
  const o = inst.options;
  const lines = [
    `ARG seed ${o.seed}`,
    `ARG address space size ${args.asize}`,
    `ARG phys mem size ${args.psize}`,
    `ARG page size ${args.pagesize}`,
    `ARG verbose ${args.verbose ? 'True' : 'False'}`,
    `ARG addresses ${args.addresses}`,
    '',
    '',
    ...message('scenario.ostep.linearIntro').split('\n'),
    '',
    message('scenario.ostep.pageTable'),
  ];
  inst.table.forEach((frame, vpn) => lines.push(`${args.verbose ? `  [${pad(vpn, 8)}]  ` : '  '}0x${hex8(frame < 0 ? 0 : (0x80000000 | frame) >>> 0)}`));
  lines.push('', message('scenario.ostep.trace'));
  const answers = args.solve ? solveLinear(inst) : null;
  inst.addresses.forEach((va, i) => {
    const head = message('scenario.ostep.vaHead', { va: hex8(va), decimal: pad(va, 8) });
    if (!answers) lines.push(message('scenario.ostep.vaAsk', { head }));
    else {
      const a = answers[i];
      lines.push(a.pa === null ? message('scenario.ostep.vaInvalid', { head, vpn: String(a.vpn) }) : message('scenario.ostep.vaValid', { head, pa: hex8(a.pa), decimal: pad(a.pa, 8), vpn: String(a.vpn) }));
    }
  });
  lines.push('');
  if (!args.solve) lines.push(...message('scenario.ostep.linearTask').split('\n'), '');
  return lines.join('\n') + '\n';
}

// -------------------------------------------------------------- paging-multilevel-translate

/** The homework's fixed machine: Pagewalk's tiny-2level (32-byte pages, 128 frames, 5+5+5 bits, 1-byte entries). */
const PAGE = 32;
const FRAMES = 128;
const VA_PAGES = 1024;
/** What the homework fills a new page directory or page table with: every entry invalid, frame bits all ones. */
const EMPTY_ENTRY = 0x7f;

export interface MultilevelInstance {
  seed: number;
  memory: Uint8Array;
  /** Frame of the page directory (the PDBR). */
  pdbr: number;
  addresses: number[];
}

/** The problem paging-multilevel-translate.py poses: `allocated` virtual pages, `num` addresses. */
export function multilevelInstance(seed: number, allocated: number, num: number): MultilevelInstance {
  if (!Number.isInteger(allocated) || allocated < 0 || allocated > VA_PAGES) throw new HomeworkError(message('scenario.ostep.allocated', { max: String(VA_PAGES) }));
  if (!Number.isInteger(num) || num < 0) throw new HomeworkError(message('scenario.ostep.num'));
  const rng = new PythonRandom(seed);
  const memory = new Uint8Array(PAGE * FRAMES);
  const taken = new Uint8Array(FRAMES);
  let takenCount = 0;
  const freeFrame = (): number => {
    if (takenCount >= FRAMES) throw new HomeworkError(message('scenario.ostep.full', { frames: String(FRAMES) }));
    let f = Math.floor(rng.random() * FRAMES);
    while (taken[f]) f = Math.floor(rng.random() * FRAMES);
    taken[f] = 1;
    takenCount++;
    return f;
  };
  const pdbr = freeFrame();
  memory.fill(EMPTY_ENTRY, pdbr * PAGE, (pdbr + 1) * PAGE);
  const usedPages = new Uint8Array(VA_PAGES);
  const mapped: number[] = [];
  for (let k = 0; k < allocated; k++) {
    let vpn = Math.floor(rng.random() * VA_PAGES);
    while (usedPages[vpn]) vpn = Math.floor(rng.random() * VA_PAGES);
    usedPages[vpn] = 1;
    mapped.push(vpn);
    const frame = freeFrame();
    // Map vpn → frame: a new page table first if its directory entry is not valid yet.
    const pdeAddr = pdbr * PAGE + (vpn >> 5);
    let table: number;
    if ((memory[pdeAddr] & 0x80) === 0) {
      table = freeFrame();
      memory[pdeAddr] = 0x80 | table;
      memory.fill(EMPTY_ENTRY, table * PAGE, (table + 1) * PAGE);
    } else table = memory[pdeAddr] & 0x7f;
    memory[table * PAGE + (vpn & 31)] = 0x80 | frame;
    for (let j = 0; j < PAGE; j++) memory[frame * PAGE + j] = Math.floor(rng.random() * 31);
  }
  const addresses: number[] = [];
  for (let i = 0; i < num; i++) {
    // The homework draws the coin first, every time; past its mapped pages it always picks at random.
    const coin = rng.random() * 100 > 50.0;
    addresses.push(coin || i >= mapped.length ? Math.floor(rng.random() * VA_PAGES * PAGE) : (mapped[i] << 5) | Math.floor(rng.random() * 32));
  }
  return { seed, memory, pdbr, addresses };
}

/** The instance as a Pagewalk memory-image scenario on tiny-2level. */
export function multilevelScenario(inst: MultilevelInstance): Record<string, unknown> {
  const pages: Record<string, string> = {};
  for (let f = 0; f < FRAMES; f++) {
    const page = inst.memory.subarray(f * PAGE, (f + 1) * PAGE);
    if (page.some((b) => b !== 0)) pages[String(f)] = Array.from(page, (b) => b.toString(16).padStart(2, '0')).join(' ');
  }
  return {
    title: `paging-multilevel-translate.py -s ${inst.seed}`,
    machine: 'tiny-2level',
    kernel: { swapSlots: 0 },
    memory: { ptbr: inst.pdbr, pages },
    steps: inst.addresses.map((addr) => ({ translate: { addr } })),
  };
}

export interface MultilevelAnswer {
  va: number;
  /** One per table read: index into the table and the entry's byte. */
  walk: { index: number; entry: number; valid: boolean }[];
  pa: number | null;
  value: number | null;
  /** 0: the directory entry was not valid; 1: the page-table entry was not; null: translated. */
  faultLevel: number | null;
}

/** Walk every address of the instance with the simulator's MMU. */
export function solveMultilevel(inst: MultilevelInstance): MultilevelAnswer[] {
  const run = runImage(multilevelScenario(inst), 'paging-multilevel-translate.json');
  return run.results.map((r, i) => {
    const walk = r.events.filter((e): e is Extract<SimEvent, { type: 'walk' }> => e.type === 'walk').map((e) => ({ index: e.index, entry: parseInt(e.pte, 16), valid: e.valid }));
    const t = r.translate!;
    return { va: inst.addresses[i], walk, pa: t.present ? t.pa : null, value: t.present ? t.value : null, faultLevel: t.present ? null : (t.faultLevel ?? walk.length - 1) };
  });
}

/** What paging-multilevel-translate.py prints (with -c, the simulator's walks). */
export function formatMultilevel(inst: MultilevelInstance, allocated: number, solve: boolean): string {
  const lines = [`ARG seed ${inst.seed}`, `ARG allocated ${allocated}`, `ARG num ${inst.addresses.length}`, ''];
  for (let f = 0; f < FRAMES; f++) lines.push(`page ${pad(f, 3)}:${Array.from(inst.memory.subarray(f * PAGE, (f + 1) * PAGE), (b) => b.toString(16).padStart(2, '0')).join('')}`);
  lines.push('', message('scenario.ostep.pdbr', { pdbr: String(inst.pdbr) }), '');
  const answers = solve ? solveMultilevel(inst) : null;
  inst.addresses.forEach((va, i) => {
    const h4 = va.toString(16).padStart(4, '0');
    if (!answers) {
      lines.push(message('scenario.ostep.multiAsk', { va: h4 }));
      return;
    }
    const a = answers[i];
    lines.push(message('scenario.ostep.multiHead', { va: h4 }));
    a.walk.forEach((w, level) => {
      const pfn = w.entry & 0x7f;
      const entry = { index: w.index.toString(16), indexDecimal: String(w.index), contents: w.entry.toString(16), valid: w.valid ? '1' : '0', pfn: pfn.toString(16).padStart(2, '0'), pfnDecimal: String(pfn) };
      lines.push(level === 0 ? message('scenario.ostep.pde', entry) : message('scenario.ostep.pte', entry));
    });
    if (a.pa !== null) lines.push(message('scenario.ostep.translates', { pa: a.pa.toString(16).padStart(3, '0'), value: a.value!.toString(16).padStart(2, '0') }));
    else lines.push(a.faultLevel === 0 ? message('scenario.ostep.faultPde') : message('scenario.ostep.faultPte'));
  });
  lines.push('');
  return lines.join('\n') + '\n';
}
