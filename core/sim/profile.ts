/*
 * Machine profiles: everything about the simulated hardware is data.
 *
 * A virtual address of `vaBits` bits is split, from the top, into one index per
 * page-table level (`levels[0]` bits index the root table, the last entry indexes the
 * leaf table) followed by `pageBits` bits of offset:
 *
 *     | levels[0] | levels[1] | ... | levels[n-1] | offset (pageBits) |
 *
 * A page-table entry (PTE) is `pte.bytes` bytes, little-endian, read from simulated
 * physical memory. Its bits are named by `pte`: a bit index for each flag, and the PFN
 * field as (shift, width). A flag that a layout lacks is simply not modelled (the
 * textbook one-byte entry has only valid + PFN, so every valid page is readable,
 * writable and executable by everyone).
 *
 * `leafRule` says how the walker tells a pointer to the next table from a leaf:
 *   - 'last-level': every level but the last holds pointers (x86, the teaching machines);
 *   - 'riscv': an entry with R=W=X=0 is a pointer, anything else a leaf (Sv39). Leaves
 *     above the last level (superpages) are reported as a fault: the kernel never makes them.
 * `hierarchicalPermissions` (x86): the writable and user bits of every level must allow
 * the access, not only the leaf's.
 */
import { hex, t, type MessageKey } from '../i18n/index.ts';

export type ReplacementPolicy = 'fifo' | 'lru' | 'mru' | 'opt' | 'clock' | 'random';
export type TlbPolicy = 'lru' | 'fifo' | 'random';
export type NumaPolicy = 'first-touch' | 'interleave' | 'bind';

export interface PteLayout {
  bytes: 1 | 2 | 4 | 8;
  valid: number;
  read?: number;
  write?: number;
  exec?: number;
  /** x86 NX: set means NOT executable. */
  noExec?: number;
  user?: number;
  accessed?: number;
  dirty?: number;
  global?: number;
  /** Software bit the kernel sets on copy-on-write PTEs so learners can see them. */
  cow?: number;
  pfnShift: number;
  pfnBits: number;
}

export interface TlbShape {
  /** Total entries; 0 disables the TLB. */
  entries: number;
  /** Ways per set; equal to `entries` for fully associative. */
  ways: number;
  policy: TlbPolicy;
  /** Tag entries with an address-space id instead of flushing on a context switch. */
  asid: boolean;
}

export interface NumaNode {
  /** CPUs on this node (ids 0..cpus-1 across the machine). */
  cpus: number[];
  /** Number of physical frames on this node; nodes own consecutive frame ranges. */
  frames: number;
}

export interface NumaShape {
  nodes: NumaNode[];
  /** distance[a][b]: relative cost of a CPU on node a reaching memory on node b (ACPI SLIT style, 10 = local). */
  distance: number[][];
}

/** Where the kernel places things in a new process (all addresses are virtual). */
export interface ProcessLayout {
  codeBase: number;
  codePages: number;
  dataPages: number;
  /** Heap starts right after data, grows up with brk. */
  heapPages: number;
  /** Stack grows down from here (exclusive). */
  stackTop: number;
  stackPages: number;
  /** Largest the stack may grow to, in pages. */
  stackMaxPages: number;
  /** Where mmap looks for free space, searching downwards from here. */
  mmapTop: number;
  /** Addresses at or above this are kernel space (supervisor-only); null = no kernel mapping. */
  kernelBase: number | null;
  kernelPages: number;
}

export interface MachineProfile {
  id: string;
  name: string;
  description: string;
  vaBits: number;
  /**
   * 64-bit addresses that must be canonical (bits 63..vaBits-1 equal), as on x86-64 and
   * RISC-V Sv39: the kernel half is the top half of the vaBits space, written sign-extended
   * (0xffff800000000000); a non-canonical address is a general-protection fault.
   */
  canonical?: boolean;
  pageBits: number;
  /** Index bits per level, root first. */
  levels: number[];
  pte: PteLayout;
  leafRule: 'last-level' | 'riscv';
  hierarchicalPermissions: boolean;
  /** Physical memory size in frames. */
  physFrames: number;
  /** Frames at the bottom of physical memory that hold the kernel image (never allocated). */
  reservedFrames: number;
  tlb: TlbShape;
  cpus: number;
  numa: NumaShape | null;
  layout: ProcessLayout;
  /** Swap space in pages (0: no swap; running out of frames then kills the allocating process). */
  swapSlots: number;
  replacement: ReplacementPolicy;
}

const KiB = 1024;

/** x86-style PTE bits shared by the teaching machine, x86-32 and x86-64. */
const x86Flags = { valid: 0, write: 1, user: 2, accessed: 5, dirty: 6, cow: 9 } as const;

export const BUILTIN_PROFILES: Record<string, MachineProfile> = {
  'teaching-16': {
    id: 'teaching-16',
    name: '16-bit teaching machine',
    description:
      'Each process sees 0x0000–0xFFFF in 4 KiB pages: 16 pages, one 16-entry page table per process. 128 KiB of physical memory (32 frames).',
    vaBits: 16,
    pageBits: 12,
    levels: [4],
    pte: { bytes: 4, ...x86Flags, exec: 3, pfnShift: 12, pfnBits: 20 },
    leafRule: 'last-level',
    hierarchicalPermissions: false,
    physFrames: 32,
    reservedFrames: 2,
    tlb: { entries: 4, ways: 4, policy: 'lru', asid: false },
    cpus: 2,
    numa: null,
    layout: {
      codeBase: 0x1000,
      codePages: 1,
      dataPages: 1,
      heapPages: 1,
      stackTop: 0xf000,
      stackPages: 1,
      stackMaxPages: 4,
      mmapTop: 0xa000,
      kernelBase: 0xf000,
      kernelPages: 1,
    },
    swapSlots: 32,
    replacement: 'lru',
  },
  'linear-32': {
    id: 'linear-32',
    name: 'Linear page table (one level)',
    description:
      'A single-level ("linear") page table: 16 KiB address space, 1 KiB pages, 32-bit entries whose top bit is valid and whose low bits hold the PFN. 64 KiB of physical memory.',
    vaBits: 14,
    pageBits: 10,
    levels: [4],
    pte: { bytes: 4, valid: 31, pfnShift: 0, pfnBits: 20 },
    leafRule: 'last-level',
    hierarchicalPermissions: false,
    physFrames: 64,
    reservedFrames: 1,
    tlb: { entries: 4, ways: 4, policy: 'lru', asid: false },
    cpus: 1,
    numa: null,
    layout: {
      codeBase: 0x0000,
      codePages: 1,
      dataPages: 1,
      heapPages: 1,
      stackTop: 0x4000,
      stackPages: 1,
      stackMaxPages: 3,
      mmapTop: 0x3000,
      kernelBase: null,
      kernelPages: 0,
    },
    swapSlots: 32,
    replacement: 'fifo',
  },
  'tiny-2level': {
    id: 'tiny-2level',
    name: 'Tiny two-level machine (textbook homework)',
    description:
      '15-bit virtual addresses, 32-byte pages, 5+5 index bits, 128 physical pages (4 KiB). One-byte entries: bit 7 valid, bits 6..0 PFN.',
    vaBits: 15,
    pageBits: 5,
    levels: [5, 5],
    pte: { bytes: 1, valid: 7, pfnShift: 0, pfnBits: 7 },
    leafRule: 'last-level',
    hierarchicalPermissions: false,
    physFrames: 128,
    reservedFrames: 1,
    tlb: { entries: 4, ways: 4, policy: 'lru', asid: false },
    cpus: 1,
    numa: null,
    layout: {
      codeBase: 0x0000,
      codePages: 4,
      dataPages: 2,
      heapPages: 2,
      stackTop: 0x8000,
      stackPages: 2,
      stackMaxPages: 16,
      mmapTop: 0x6000,
      kernelBase: null,
      kernelPages: 0,
    },
    swapSlots: 64,
    replacement: 'lru',
  },
  'x86-32': {
    id: 'x86-32',
    name: 'x86-32 (two-level, 10/10/12)',
    description:
      '32-bit virtual addresses, 4 KiB pages; a 1024-entry page directory and 1024-entry page tables of 4-byte entries (P, R/W, U/S, A, D; PFN in bits 31..12). Kernel above 0xC0000000. 1 MiB of physical memory.',
    vaBits: 32,
    pageBits: 12,
    levels: [10, 10],
    pte: { bytes: 4, ...x86Flags, pfnShift: 12, pfnBits: 20 },
    leafRule: 'last-level',
    hierarchicalPermissions: true,
    physFrames: 256,
    reservedFrames: 4,
    tlb: { entries: 16, ways: 4, policy: 'lru', asid: false },
    cpus: 2,
    numa: null,
    layout: {
      codeBase: 0x08048000,
      codePages: 2,
      dataPages: 1,
      heapPages: 1,
      stackTop: 0xc0000000,
      stackPages: 1,
      stackMaxPages: 256,
      mmapTop: 0xb7800000,
      kernelBase: 0xc0000000,
      kernelPages: 1,
    },
    swapSlots: 256,
    replacement: 'clock',
  },
  sv39: {
    id: 'sv39',
    name: 'RISC-V Sv39 (three-level, 9/9/9/12)',
    description:
      '39-bit virtual addresses, 4 KiB pages, three levels of 512 eight-byte entries (V, R, W, X, U, G, A, D; PPN in bits 53..10). A non-leaf entry has R=W=X=0. 1 MiB of physical memory.',
    vaBits: 39,
    canonical: true,
    pageBits: 12,
    levels: [9, 9, 9],
    pte: {
      bytes: 8,
      valid: 0,
      read: 1,
      write: 2,
      exec: 3,
      user: 4,
      global: 5,
      accessed: 6,
      dirty: 7,
      cow: 8,
      pfnShift: 10,
      pfnBits: 44,
    },
    leafRule: 'riscv',
    hierarchicalPermissions: false,
    physFrames: 256,
    reservedFrames: 4,
    tlb: { entries: 32, ways: 4, policy: 'lru', asid: true },
    cpus: 2,
    numa: null,
    layout: {
      codeBase: 0x10000,
      codePages: 2,
      dataPages: 1,
      heapPages: 1,
      stackTop: 0x3f_ffff_f000,
      stackPages: 1,
      stackMaxPages: 256,
      mmapTop: 0x3f_f000_0000,
      kernelBase: 0x40_0000_0000,
      kernelPages: 1,
    },
    swapSlots: 256,
    replacement: 'clock',
  },
  'x86-64': {
    id: 'x86-64',
    name: 'x86-64 (four-level, 9/9/9/9/12)',
    description:
      '48-bit virtual addresses, 4 KiB pages, four levels (PML4, PDPT, PD, PT) of 512 eight-byte entries (P, R/W, U/S, A, D, NX in bit 63; PFN in bits 51..12). Kernel in the upper half. 1 MiB of physical memory.',
    vaBits: 48,
    canonical: true,
    pageBits: 12,
    levels: [9, 9, 9, 9],
    pte: { bytes: 8, ...x86Flags, noExec: 63, pfnShift: 12, pfnBits: 40 },
    leafRule: 'last-level',
    hierarchicalPermissions: true,
    physFrames: 256,
    reservedFrames: 4,
    tlb: { entries: 64, ways: 4, policy: 'lru', asid: true },
    cpus: 2,
    numa: null,
    layout: {
      codeBase: 0x400000,
      codePages: 2,
      dataPages: 1,
      heapPages: 1,
      stackTop: 0x7fff_ffff_f000,
      stackPages: 1,
      stackMaxPages: 256,
      mmapTop: 0x7fff_f000_0000,
      kernelBase: 0x8000_0000_0000,
      kernelPages: 1,
    },
    swapSlots: 256,
    replacement: 'clock',
  },
};

// The NUMA machine is the x86-64 one with its memory and CPUs split over two nodes.
BUILTIN_PROFILES['numa-2node'] = {
  ...structuredClone(BUILTIN_PROFILES['x86-64']),
  id: 'numa-2node',
  name: 'Two-node NUMA machine (x86-64)',
  description:
    'An x86-64 machine with two NUMA nodes of two CPUs and 128 frames each; a remote access costs 2.1× a local one (distance 10 vs 21).',
  cpus: 4,
  numa: {
    nodes: [
      { cpus: [0, 1], frames: 128 },
      { cpus: [2, 3], frames: 128 },
    ],
    distance: [
      [10, 21],
      [21, 10],
    ],
  },
};

export const PROFILE_IDS = Object.keys(BUILTIN_PROFILES);

/** Where each built-in machine's name and description live in the catalogue. */
const PROFILE_TEXT: Record<string, { name: MessageKey; description: MessageKey }> = {
  'teaching-16': { name: 'scenario.profile.teaching16.name', description: 'scenario.profile.teaching16.description' },
  'linear-32': { name: 'scenario.profile.linear32.name', description: 'scenario.profile.linear32.description' },
  'tiny-2level': { name: 'scenario.profile.tiny2level.name', description: 'scenario.profile.tiny2level.description' },
  'x86-32': { name: 'scenario.profile.x8632.name', description: 'scenario.profile.x8632.description' },
  sv39: { name: 'scenario.profile.sv39.name', description: 'scenario.profile.sv39.description' },
  'x86-64': { name: 'scenario.profile.x8664.name', description: 'scenario.profile.x8664.description' },
  'numa-2node': { name: 'scenario.profile.numa2node.name', description: 'scenario.profile.numa2node.description' },
};

// A built-in machine's name and description are read in the current language at the moment
// they are used (a copy made with structuredClone or {...} holds that language's text).
for (const [id, keys] of Object.entries(PROFILE_TEXT)) {
  const profile = BUILTIN_PROFILES[id];
  Object.defineProperty(profile, 'name', { get: () => t(keys.name), enumerable: true, configurable: true });
  Object.defineProperty(profile, 'description', { get: () => t(keys.description), enumerable: true, configurable: true });
}

export function pageSize(p: MachineProfile): number {
  return 2 ** p.pageBits;
}

/** Bytes one table of the given level occupies. */
export function tableBytes(p: MachineProfile, level: number): number {
  return 2 ** p.levels[level] * p.pte.bytes;
}

/** Frames one table of the given level occupies (a small table still takes a whole frame). */
export function tableFrames(p: MachineProfile, level: number): number {
  return Math.max(1, Math.ceil(tableBytes(p, level) / pageSize(p)));
}

export function nodeOfFrame(p: MachineProfile, pfn: number): number {
  if (!p.numa) return 0;
  let end = 0;
  for (let n = 0; n < p.numa.nodes.length; n++) {
    end += p.numa.nodes[n].frames;
    if (pfn < end) return n;
  }
  return p.numa.nodes.length - 1;
}

export function nodeOfCpu(p: MachineProfile, cpu: number): number {
  if (!p.numa) return 0;
  const n = p.numa.nodes.findIndex((node) => node.cpus.includes(cpu));
  return n < 0 ? 0 : n;
}

/**
 * Check that a profile is self-consistent. Returns a list of problems, each naming the
 * field (dotted path) and what was expected; an empty list means the profile is usable.
 */
/**
 * The largest physical memory a machine may have: 16,777,216 frames and 64 GiB. Up to
 * 65,536 frames and 64 MiB memory is one array; above, frames exist from first use
 * (memory.ts), so a machine costs what it uses.
 */
export const MAX_PHYS_FRAMES = 2 ** 24;
export const MAX_PHYS_BYTES = 64 * 1024 * 1024 * KiB;

export function checkProfile(p: MachineProfile): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  const indexBits = p.levels.reduce((a, b) => a + b, 0);
  if (p.vaBits < 4 || p.vaBits > 52) bad('vaBits', t('scenario.profile.check.between', { min: '4', max: '52', got: String(p.vaBits) }));
  if (p.pageBits < 2 || p.pageBits > 21) bad('pageBits', t('scenario.profile.check.between', { min: '2', max: '21', got: String(p.pageBits) }));
  if (p.levels.length < 1 || p.levels.length > 5) bad('levels', t('scenario.profile.check.levels', { got: String(p.levels.length) }));
  p.levels.forEach((b, i) => {
    if (!Number.isInteger(b) || b < 1 || b > 20) bad(`levels[${i}]`, t('scenario.profile.check.indexBits', { got: String(b) }));
  });
  if (indexBits + p.pageBits !== p.vaBits)
    bad(
      'levels',
      t('scenario.profile.check.bitsSum', { sum: p.levels.join('+'), index: String(indexBits), offset: String(p.pageBits), va: String(p.vaBits) }),
    );
  const pteBits = p.pte.bytes * 8;
  const flags: (keyof PteLayout)[] = ['valid', 'read', 'write', 'exec', 'noExec', 'user', 'accessed', 'dirty', 'global', 'cow'];
  const used = new Map<number, string>();
  for (const f of flags) {
    const bit = p.pte[f];
    if (bit === undefined) continue;
    if (!Number.isInteger(bit) || bit < 0 || bit >= pteBits) {
      bad(`pte.${f}`, t('scenario.profile.check.bitWithin', { bits: String(pteBits), top: String(pteBits - 1), got: String(bit) }));
      continue;
    }
    if (used.has(bit)) bad(`pte.${f}`, t('scenario.profile.check.bitUsed', { bit: String(bit), by: String(used.get(bit)) }));
    used.set(bit, f);
    if (bit >= p.pte.pfnShift && bit < p.pte.pfnShift + p.pte.pfnBits)
      bad(`pte.${f}`, t('scenario.profile.check.bitOverlapsPfn', { bit: String(bit), low: String(p.pte.pfnShift), high: String(p.pte.pfnShift + p.pte.pfnBits - 1) }));
  }
  if (p.pte.pfnShift + p.pte.pfnBits > pteBits)
    bad('pte.pfnBits', t('scenario.profile.check.pfnFits', { low: String(p.pte.pfnShift), high: String(p.pte.pfnShift + p.pte.pfnBits - 1), bits: String(pteBits) }));
  if (p.pte.pfnBits > 44) bad('pte.pfnBits', t('scenario.profile.check.pfnMax', { got: String(p.pte.pfnBits) }));
  if (!Number.isInteger(p.physFrames) || p.physFrames < 2 || p.physFrames > MAX_PHYS_FRAMES)
    bad('physFrames', t('scenario.profile.check.physFrames', { max: String(MAX_PHYS_FRAMES), got: String(p.physFrames) }));
  else if (p.physFrames > 2 ** p.pte.pfnBits)
    bad('physFrames', t('scenario.profile.check.pfnNames', { frames: String(p.physFrames), bits: String(p.pte.pfnBits), max: String(2 ** p.pte.pfnBits) }));
  if (p.physFrames * pageSize(p) > MAX_PHYS_BYTES)
    bad('physFrames', t('scenario.profile.check.memoryMax', { got: String((p.physFrames * pageSize(p)) / (1024 * 1024 * KiB)) }));
  if (p.reservedFrames < 0 || p.reservedFrames >= p.physFrames)
    bad('reservedFrames', t('scenario.profile.check.reserved', { got: String(p.reservedFrames) }));
  if (p.tlb.entries < 0 || p.tlb.entries > 4096) bad('tlb.entries', t('scenario.profile.check.range', { min: '0', max: '4096', got: String(p.tlb.entries) }));
  if (p.tlb.entries > 0 && (p.tlb.ways < 1 || p.tlb.entries % p.tlb.ways !== 0))
    bad('tlb.ways', t('scenario.profile.check.ways', { entries: String(p.tlb.entries), ways: String(p.tlb.ways) }));
  if (p.cpus < 1 || p.cpus > 64) bad('cpus', t('scenario.profile.check.range', { min: '1', max: '64', got: String(p.cpus) }));
  if (p.pte.read === undefined && p.leafRule === 'riscv') bad('leafRule', t('scenario.profile.check.riscv'));
  if (p.numa) {
    const total = p.numa.nodes.reduce((a, n) => a + n.frames, 0);
    if (total !== p.physFrames) bad('numa.nodes', t('scenario.profile.check.nodeFrames', { total: String(total), frames: String(p.physFrames) }));
    const seen = new Set<number>();
    p.numa.nodes.forEach((n, i) =>
      n.cpus.forEach((c) => {
        if (c < 0 || c >= p.cpus) bad(`numa.nodes[${i}].cpus`, t('scenario.profile.check.noCpu', { cpu: String(c), cpus: String(p.cpus) }));
        if (seen.has(c)) bad(`numa.nodes[${i}].cpus`, t('scenario.profile.check.cpuTwice', { cpu: String(c) }));
        seen.add(c);
      }),
    );
    for (let c = 0; c < p.cpus; c++) if (!seen.has(c)) bad('numa.nodes', t('scenario.profile.check.cpuNoNode', { cpu: String(c) }));
    const n = p.numa.nodes.length;
    if (p.numa.distance.length !== n || p.numa.distance.some((row) => row.length !== n))
      bad('numa.distance', t('scenario.profile.check.matrix', { n: String(n) }));
  }
  const L = p.layout;
  const top = 2 ** p.vaBits;
  const ps = pageSize(p);
  const checkAddr = (name: keyof ProcessLayout, v: number | null) => {
    if (v === null) return;
    if (v < 0 || v > top || v % ps !== 0) bad(`layout.${name}`, t('scenario.profile.check.layoutAddr', { bits: String(p.vaBits), got: hex(v) }));
  };
  checkAddr('codeBase', L.codeBase);
  checkAddr('stackTop', L.stackTop);
  checkAddr('mmapTop', L.mmapTop);
  checkAddr('kernelBase', L.kernelBase);
  const heapEnd = L.codeBase + (L.codePages + L.dataPages + L.heapPages) * ps;
  if (heapEnd > L.stackTop - L.stackMaxPages * ps)
    bad('layout', t('scenario.profile.check.layoutOverlap'));
  if (L.kernelBase !== null && L.stackTop > L.kernelBase) bad('layout.stackTop', t('scenario.profile.check.stackBelowKernel'));
  if (p.canonical) {
    const half = 2 ** (p.vaBits - 1);
    if (L.stackTop > half || L.mmapTop > half) bad('layout', t('scenario.profile.check.canonicalUser', { half: hex(half) }));
    if (L.kernelBase !== null && L.kernelBase < half) bad('layout.kernelBase', t('scenario.profile.check.canonicalKernel', { half: hex(half), written: hex((1n << 64n) - BigInt(half)) }));
  }
  return problems;
}

/**
 * A valid process layout derived from a machine's sizes alone, for machines whose sizes
 * were changed without a layout: page 0 left unmapped when there is room (null-pointer
 * guard), then one page each of code, data and heap; the stack at the top of user space
 * with room to grow; mmap areas below the stack's limit; one kernel page at the top (at
 * the start of the upper half on canonical machines) if the space has room for it.
 */
export function defaultLayout(p: Pick<MachineProfile, 'vaBits' | 'pageBits' | 'canonical'>, withKernel: boolean): ProcessLayout {
  const ps = 2 ** p.pageBits;
  const space = 2 ** p.vaBits;
  const pages = space / ps;
  let kernelBase: number | null = null;
  let userTop = p.canonical ? space / 2 : space;
  if (withKernel && (p.canonical || pages >= 8)) {
    kernelBase = p.canonical ? space / 2 : space - ps;
    if (!p.canonical) userTop = kernelBase;
  }
  const userPages = userTop / ps;
  const guard = userPages >= 8 ? 1 : 0;
  const fits = userPages - guard >= 4;
  const codePages = 1;
  const dataPages = fits ? 1 : 0;
  const heapPages = fits ? 1 : 0;
  const below = guard + codePages + dataPages + heapPages;
  const stackMaxPages = Math.max(1, Math.min(256, Math.floor((userPages - below) / 2)));
  return {
    codeBase: guard * ps,
    codePages,
    dataPages,
    heapPages,
    stackTop: userTop,
    stackPages: 1,
    stackMaxPages,
    mmapTop: userTop - stackMaxPages * ps,
    kernelBase,
    kernelPages: kernelBase === null ? 0 : 1,
  };
}
