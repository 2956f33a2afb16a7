/*
 * What the app's Experiments screen offers: for each kind, its parameters as form fields
 * and a few ready-made documents (presets) drawn from the lessons' examples. Plain data
 * (documents as the loader reads them), so the page can import it without the schemas.
 * Labels are getters: each read gives the text in the language in force.
 */
import { t } from '../i18n/index.ts';
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
  get replacement() {
    return t('graph.exp.kind.replacement');
  },
  get 'working-set'() {
    return t('graph.exp.kind.workingSet');
  },
  get tlb() {
    return t('graph.exp.kind.tlb');
  },
  get 'page-tables'() {
    return t('graph.exp.kind.pageTables');
  },
  get numa() {
    return t('graph.exp.kind.numa');
  },
  get fork() {
    return t('graph.exp.kind.fork');
  },
};

export const KIND_SUMMARIES: Record<ExperimentKind, string> = {
  get replacement() {
    return t('graph.exp.summary.replacement');
  },
  get 'working-set'() {
    return t('graph.exp.summary.workingSet');
  },
  get tlb() {
    return t('graph.exp.summary.tlb');
  },
  get 'page-tables'() {
    return t('graph.exp.summary.pageTables');
  },
  get numa() {
    return t('graph.exp.summary.numa');
  },
  get fork() {
    return t('graph.exp.summary.fork');
  },
};

const POLICIES = ['fifo', 'lru', 'mru', 'opt', 'unopt', 'clock', 'random'] as const;
const MACHINES = ['teaching-16', 'linear-32', 'tiny-2level', 'x86-32', 'sv39', 'x86-64'] as const;

export const FIELDS: Record<ExperimentKind, Field[]> = {
  replacement: [
    { key: 'trace', get label() { return t('graph.exp.field.referenceString'); }, kind: 'trace' },
    { key: 'policies', get label() { return t('graph.exp.field.policies'); }, kind: 'choices', options: POLICIES },
    { key: 'frames', get label() { return t('graph.exp.field.frames'); }, kind: 'range', get help() { return t('graph.exp.field.rangeHelp'); } },
    { key: 'seed', get label() { return t('graph.exp.field.seedRandomPolicy'); }, kind: 'number' },
  ],
  'working-set': [
    { key: 'trace', get label() { return t('graph.exp.field.referenceString'); }, kind: 'trace' },
    { key: 'policies', get label() { return t('graph.exp.field.policies'); }, kind: 'choices', options: POLICIES },
    { key: 'frames', get label() { return t('graph.exp.field.frames'); }, kind: 'range', get help() { return t('graph.exp.field.rangeHelp'); } },
    { key: 'window', get label() { return t('graph.exp.field.workingSetWindowReferences'); }, kind: 'number' },
  ],
  tlb: [
    { key: 'machine', get label() { return t('graph.exp.field.machine'); }, kind: 'choice', options: MACHINES },
    { key: 'pattern', get label() { return t('graph.exp.field.accessPattern'); }, kind: 'choice', options: ['loop', 'stride', 'random', 'matrix-row', 'matrix-column'] },
    { key: 'pages', get label() { return t('graph.exp.field.arraySizePagesLoop'); }, kind: 'number' },
    { key: 'accesses', get label() { return t('graph.exp.field.accessesPerPointLoop'); }, kind: 'number' },
    { key: 'entries', get label() { return t('graph.exp.field.tlbEntries'); }, kind: 'range', get help() { return t('graph.exp.field.rangeHelp'); } },
    { key: 'ways', get label() { return t('graph.exp.field.associativityWays'); }, kind: 'choices', options: [1, 2, 4, 8, 'full'] },
    { key: 'memoryCycles', get label() { return t('graph.exp.field.cyclesPerPageTable'); }, kind: 'number' },
  ],
  'page-tables': [
    { key: 'machines', get label() { return t('graph.exp.field.machines'); }, kind: 'choices', options: MACHINES },
    { key: 'layouts', get label() { return t('graph.exp.field.layouts'); }, kind: 'choices', options: ['dense', 'sparse'] },
    { key: 'pages', get label() { return t('graph.exp.field.pagesMapped'); }, kind: 'range', get help() { return t('graph.exp.field.rangeHelp'); } },
  ],
  numa: [
    { key: 'pages', get label() { return t('graph.exp.field.pages'); }, kind: 'number' },
    { key: 'threads', get label() { return t('graph.exp.field.workerThreads'); }, kind: 'number' },
    { key: 'passes', get label() { return t('graph.exp.field.passesOverThePages'); }, kind: 'number' },
    { key: 'policies', get label() { return t('graph.exp.field.allocationPolicies'); }, kind: 'choices', options: ['first-touch', 'interleave', 'bind-0', 'bind-1'] },
  ],
  fork: [
    { key: 'machine', get label() { return t('graph.exp.field.machine'); }, kind: 'choice', options: MACHINES },
    { key: 'pages', get label() { return t('graph.exp.field.pagesTheParentWrites'); }, kind: 'number' },
    { key: 'written', get label() { return t('graph.exp.field.shareTheChildWrites'); }, kind: 'range', get help() { return t('graph.exp.field.shareHelp'); } },
  ],
};

export const TRACE_GENERATORS = ['uniform', 'loop', 'hot-cold', 'phases', 'zipf', 'scan'] as const;

const BELADY = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];

export const PRESETS: Record<ExperimentKind, Preset[]> = {
  replacement: [
    { id: 'belady', get label() { return t('graph.exp.preset.beladySAnomalyFifo'); }, document: { kind: 'replacement', trace: BELADY, policies: ['fifo', 'lru'], frames: { from: 1, to: 7 } } },
    { id: 'textbook', get label() { return t('graph.exp.preset.theTextbookString7'); }, document: { kind: 'replacement', trace: [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1], policies: ['fifo', 'lru', 'opt', 'clock'], frames: { from: 1, to: 8 } } },
    { id: 'zipf', get label() { return t('graph.exp.preset.zipfWorkload105'); }, document: { kind: 'replacement', trace: { generate: 'zipf', length: 100000, pages: 1000, seed: 7 }, policies: ['fifo', 'lru', 'mru', 'opt', 'clock', 'random'], frames: { from: 1, to: 512, times: 2 } } },
    { id: 'hot-cold', get label() { return t('graph.exp.preset.8020HotAnd'); }, document: { kind: 'replacement', trace: { generate: 'hot-cold', length: 10000, pages: 100, seed: 1 }, policies: ['fifo', 'lru', 'opt', 'random'], frames: { from: 5, to: 100, step: 5 } } },
    { id: 'loop', get label() { return t('graph.exp.preset.aLoopOnePage'); }, document: { kind: 'replacement', trace: { generate: 'loop', length: 5000, pages: 50, seed: 1 }, policies: ['fifo', 'lru', 'mru', 'opt', 'random'], frames: { from: 10, to: 60, step: 5 } } },
    { id: 'scan', get label() { return t('graph.exp.preset.aHotSetWith'); }, document: { kind: 'replacement', trace: { generate: 'scan', length: 20000, pages: 200, workingSet: 20, phaseLength: 2000, seed: 1 }, policies: ['lru', 'clock', 'opt', 'mru'], frames: { from: 5, to: 60, step: 5 } } },
  ],
  'working-set': [
    { id: 'phases', get label() { return t('graph.exp.preset.tenPhasesWithWorking'); }, document: { kind: 'working-set' } },
    { id: 'wide', get label() { return t('graph.exp.preset.phasesWithWorkingSets'); }, document: { kind: 'working-set', trace: { generate: 'phases', length: 20000, pages: 128, workingSet: 24, phaseLength: 2000, seed: 1 }, frames: { from: 1, to: 48 } } },
  ],
  tlb: [
    { id: 'reach', get label() { return t('graph.exp.preset.tlbReachALoop'); }, document: { kind: 'tlb' } },
    { id: 'random', get label() { return t('graph.exp.preset.randomAccessesOver512'); }, document: { kind: 'tlb', pattern: 'random', pages: 512, entries: { from: 1, to: 1024, times: 2 } } },
    { id: 'stride', get label() { return t('graph.exp.preset.a64ByteStride'); }, document: { kind: 'tlb', pattern: 'stride', stride: 64, pages: 64, accesses: 16384 } },
    { id: 'rows', get label() { return t('graph.exp.preset.a641024Matrix'); }, document: { kind: 'tlb', pattern: 'matrix-row', entries: { from: 4, to: 128, times: 2 }, ways: [4, 'full'] } },
    { id: 'columns', get label() { return t('graph.exp.preset.theSameMatrixSummed'); }, document: { kind: 'tlb', pattern: 'matrix-column', entries: { from: 4, to: 128, times: 2 }, ways: [4, 'full'] } },
  ],
  'page-tables': [
    { id: 'five', get label() { return t('graph.exp.preset.fiveMachinesDenseAnd'); }, document: { kind: 'page-tables' } },
    { id: 'x86-64', get label() { return t('graph.exp.preset.x8664AndSv39'); }, document: { kind: 'page-tables', machines: ['sv39', 'x86-64'], pages: { from: 1, to: 4096, times: 2 } } },
  ],
  numa: [
    { id: 'four', get label() { return t('graph.exp.preset.fourThreadsFourAllocation'); }, document: { kind: 'numa', policies: ['first-touch', 'interleave', 'bind-0', 'bind-1'] } },
  ],
  fork: [
    { id: 'cow', get label() { return t('graph.exp.preset.64PagesTheChild'); }, document: { kind: 'fork' } },
    { id: 'big', get label() { return t('graph.exp.preset.512PagesOnX86'); }, document: { kind: 'fork', machine: 'x86-32', pages: 512, written: { from: 0, to: 1, step: 0.1 } } },
  ],
};
