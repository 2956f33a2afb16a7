/*
 * What the app's Experiments screen offers: for each kind, its parameters as form fields
 * and a few ready-made documents (presets) drawn from the lessons' examples. Plain data
 * (documents as the loader reads them), so the page can import it without the schemas.
 */
import type { ExperimentKind } from './types.ts';

export type FieldKind = 'number' | 'choice' | 'choices' | 'range' | 'trace';

export interface Field {
  key: string;
  label: string;
  kind: FieldKind;
  /** choice / choices: the values offered. */
  options?: readonly (string | number)[];
  help?: string;
}

export interface Preset {
  id: string;
  label: string;
  document: Record<string, unknown>;
}

export const KIND_LABELS: Record<ExperimentKind, string> = {
  replacement: 'Page replacement',
  'working-set': 'Working sets and thrashing',
  tlb: 'TLB reach',
  'page-tables': 'Page-table overhead',
  numa: 'NUMA placement',
  fork: 'fork and copy-on-write',
};

export const KIND_SUMMARIES: Record<ExperimentKind, string> = {
  replacement: 'Faults and hit rate against the number of frames, for each replacement policy.',
  'working-set': 'Faults per reference against frames for a program that moves through phases: below its working set it thrashes.',
  tlb: 'TLB hit rate and average translation cost against TLB entries and associativity.',
  'page-tables': 'Frames spent on page tables against pages mapped, dense or sparse, on each machine.',
  numa: 'Average access cost and remote accesses against threads on the far node, per allocation policy.',
  fork: 'Frames, RSS and PSS of parent and child against the share of pages the child writes after fork.',
};

const POLICIES = ['fifo', 'lru', 'mru', 'opt', 'unopt', 'clock', 'random'] as const;
const MACHINES = ['teaching-16', 'linear-32', 'tiny-2level', 'x86-32', 'sv39', 'x86-64'] as const;
const RANGE_HELP = 'A..B, A..B+step, A..BxF (doubling: x2) or a list 1, 2, 4';

export const FIELDS: Record<ExperimentKind, Field[]> = {
  replacement: [
    { key: 'trace', label: 'Reference string', kind: 'trace' },
    { key: 'policies', label: 'Policies', kind: 'choices', options: POLICIES },
    { key: 'frames', label: 'Frames', kind: 'range', help: RANGE_HELP },
    { key: 'seed', label: 'Seed (random policy)', kind: 'number' },
  ],
  'working-set': [
    { key: 'trace', label: 'Reference string', kind: 'trace' },
    { key: 'policies', label: 'Policies', kind: 'choices', options: POLICIES },
    { key: 'frames', label: 'Frames', kind: 'range', help: RANGE_HELP },
    { key: 'window', label: 'Working-set window Δ (references)', kind: 'number' },
  ],
  tlb: [
    { key: 'machine', label: 'Machine', kind: 'choice', options: MACHINES },
    { key: 'pattern', label: 'Access pattern', kind: 'choice', options: ['loop', 'stride', 'random', 'matrix-row', 'matrix-column'] },
    { key: 'pages', label: 'Array size (pages; loop, stride, random)', kind: 'number' },
    { key: 'accesses', label: 'Accesses per point (loop, stride, random)', kind: 'number' },
    { key: 'entries', label: 'TLB entries', kind: 'range', help: RANGE_HELP },
    { key: 'ways', label: 'Associativity (ways)', kind: 'choices', options: [1, 2, 4, 8, 'full'] },
    { key: 'memoryCycles', label: 'Cycles per page-table read', kind: 'number' },
  ],
  'page-tables': [
    { key: 'machines', label: 'Machines', kind: 'choices', options: MACHINES },
    { key: 'layouts', label: 'Layouts', kind: 'choices', options: ['dense', 'sparse'] },
    { key: 'pages', label: 'Pages mapped', kind: 'range', help: RANGE_HELP },
  ],
  numa: [
    { key: 'pages', label: 'Pages', kind: 'number' },
    { key: 'threads', label: 'Worker threads', kind: 'number' },
    { key: 'passes', label: 'Passes over the pages', kind: 'number' },
    { key: 'policies', label: 'Allocation policies', kind: 'choices', options: ['first-touch', 'interleave', 'bind-0', 'bind-1'] },
  ],
  fork: [
    { key: 'machine', label: 'Machine', kind: 'choice', options: MACHINES },
    { key: 'pages', label: 'Pages the parent writes', kind: 'number' },
    { key: 'written', label: 'Share the child writes (0–1)', kind: 'range', help: '0..1+0.125 or a list 0, 0.5, 1' },
  ],
};

export const TRACE_GENERATORS = ['uniform', 'loop', 'hot-cold', 'phases', 'zipf', 'scan'] as const;

const BELADY = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];

export const PRESETS: Record<ExperimentKind, Preset[]> = {
  replacement: [
    { id: 'belady', label: "Belady's anomaly: FIFO and LRU on 1,2,3,4,1,2,5,1,2,3,4,5", document: { kind: 'replacement', trace: BELADY, policies: ['fifo', 'lru'], frames: { from: 1, to: 7 } } },
    { id: 'textbook', label: 'The textbook string 7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1', document: { kind: 'replacement', trace: [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1], policies: ['fifo', 'lru', 'opt', 'clock'], frames: { from: 1, to: 8 } } },
    { id: 'zipf', label: 'Zipf workload, 10^5 references, six policies', document: { kind: 'replacement', trace: { generate: 'zipf', length: 100000, pages: 1000, seed: 7 }, policies: ['fifo', 'lru', 'mru', 'opt', 'clock', 'random'], frames: { from: 1, to: 512, times: 2 } } },
    { id: 'hot-cold', label: '80/20 hot and cold pages', document: { kind: 'replacement', trace: { generate: 'hot-cold', length: 10000, pages: 100, seed: 1 }, policies: ['fifo', 'lru', 'opt', 'random'], frames: { from: 5, to: 100, step: 5 } } },
    { id: 'loop', label: 'A loop one page larger than memory (LRU and FIFO at their worst)', document: { kind: 'replacement', trace: { generate: 'loop', length: 5000, pages: 50, seed: 1 }, policies: ['fifo', 'lru', 'mru', 'opt', 'random'], frames: { from: 10, to: 60, step: 5 } } },
    { id: 'scan', label: 'A hot set with occasional scans', document: { kind: 'replacement', trace: { generate: 'scan', length: 20000, pages: 200, workingSet: 20, phaseLength: 2000, seed: 1 }, policies: ['lru', 'clock', 'opt', 'mru'], frames: { from: 5, to: 60, step: 5 } } },
  ],
  'working-set': [
    { id: 'phases', label: 'Ten phases with working sets of 12 pages', document: { kind: 'working-set' } },
    { id: 'wide', label: 'Phases with working sets of 24 pages', document: { kind: 'working-set', trace: { generate: 'phases', length: 20000, pages: 128, workingSet: 24, phaseLength: 2000, seed: 1 }, frames: { from: 1, to: 48 } } },
  ],
  tlb: [
    { id: 'reach', label: 'TLB reach: a loop over 64 pages', document: { kind: 'tlb' } },
    { id: 'random', label: 'Random accesses over 512 pages', document: { kind: 'tlb', pattern: 'random', pages: 512, entries: { from: 1, to: 1024, times: 2 } } },
    { id: 'stride', label: 'A 64-byte stride through 64 pages (spatial locality)', document: { kind: 'tlb', pattern: 'stride', stride: 64, pages: 64, accesses: 16384 } },
    { id: 'rows', label: 'A 64 × 1024 matrix summed by rows', document: { kind: 'tlb', pattern: 'matrix-row', entries: { from: 4, to: 128, times: 2 }, ways: [4, 'full'] } },
    { id: 'columns', label: 'The same matrix summed by columns', document: { kind: 'tlb', pattern: 'matrix-column', entries: { from: 4, to: 128, times: 2 }, ways: [4, 'full'] } },
  ],
  'page-tables': [
    { id: 'five', label: 'Five machines, dense and sparse', document: { kind: 'page-tables' } },
    { id: 'x86-64', label: 'x86-64 and Sv39, up to 4096 pages', document: { kind: 'page-tables', machines: ['sv39', 'x86-64'], pages: { from: 1, to: 4096, times: 2 } } },
  ],
  numa: [
    { id: 'four', label: 'Four threads, four allocation policies', document: { kind: 'numa', policies: ['first-touch', 'interleave', 'bind-0', 'bind-1'] } },
  ],
  fork: [
    { id: 'cow', label: '64 pages; the child writes 0 to 100 %', document: { kind: 'fork' } },
    { id: 'big', label: '512 pages on x86-32', document: { kind: 'fork', machine: 'x86-32', pages: 512, written: { from: 0, to: 1, step: 0.1 } } },
  ],
};
