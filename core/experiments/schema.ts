/*
 * The experiment document: a `kind` and that kind's parameters, every one with a default,
 * so `{ kind: replacement }` is a whole experiment. The zod schemas here are the single
 * source of truth: the loader validates with them, the CLI's KIND form builds the same
 * object, and `docs/experiment.schema.json` is generated from them (a test fails if it
 * is stale).
 *
 * Ranges of x values are written as a list (`[1, 2, 4]`), as `{ from, to, step }`
 * (arithmetic, step 1 by default) or as `{ from, to, times }` (geometric: 1, 2, 4, …).
 *
 * The schemas are built on first use: the page imports this module's types and
 * EXPERIMENT_DEFAULTS-free helpers, and building zod objects when a module loads probes
 * for eval, which the page's Content-Security-Policy reports (see core/api.ts).
 */
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { REFERENCE_POLICIES, type ReferencePolicy } from '../sim/replacement.ts';
import { PROFILE_IDS } from '../sim/profile.ts';
import { TRACE_KINDS, type TraceGenerator } from './traces.ts';
import { EXPERIMENT_KINDS, ExperimentError, type ExperimentKind } from './types.ts';

/** Most points one experiment may have, and most work (points × references) it may do. */
export const MAX_POINTS = 1024;
export const MAX_WORK = 200_000_000;

export type Range = number[] | { from: number; to: number; step?: number; times?: number };

export type TraceSpec = number[] | TraceGenerator;

export interface ReplacementSpec {
  kind: 'replacement';
  title?: string;
  trace: TraceSpec;
  policies: ReferencePolicy[];
  frames: Range;
  /** Seed of the random policies. */
  seed: number;
}

export interface WorkingSetSpec {
  kind: 'working-set';
  title?: string;
  trace: TraceSpec;
  policies: ReferencePolicy[];
  frames: Range;
  seed: number;
  /** Δ, the window of the working-set size W(t, Δ) reported beside the curve. */
  window: number;
}

export type TlbPatternKind = 'stride' | 'random' | 'loop' | 'matrix-row' | 'matrix-column';
export const TLB_PATTERNS: readonly TlbPatternKind[] = ['stride', 'random', 'loop', 'matrix-row', 'matrix-column'];

export interface TlbSpec {
  kind: 'tlb';
  title?: string;
  machine: string;
  pattern: TlbPatternKind;
  /** Pages in the array the program walks (stride, random, loop); the matrix is rows × columns elements. */
  pages: number;
  /** stride: bytes between accesses (default one page). */
  stride?: number;
  /** Accesses measured per point (stride, random, loop). */
  accesses: number;
  rows: number;
  columns: number;
  elementBytes: number;
  entries: Range;
  ways: (number | 'full')[];
  /** The x axis: TLB entries (the default), or pages touched (the array size, from pageCounts) with one TLB size. */
  over: 'entries' | 'pages';
  /** Array sizes in pages, when over = pages (loop, stride, random). */
  pageCounts: Range;
  policy: 'lru' | 'fifo' | 'random';
  seed: number;
  /** Cost model: cycles of a TLB hit, and of each page-table read on a miss. */
  hitCycles: number;
  memoryCycles: number;
}

export interface PageTableSpec {
  kind: 'page-tables';
  title?: string;
  machines: string[];
  layouts: ('dense' | 'sparse')[];
  pages: Range;
}

export type NumaPlacementPolicy = 'first-touch' | 'interleave' | 'bind-0' | 'bind-1';
export interface NumaSpec {
  kind: 'numa';
  title?: string;
  machine: string;
  pages: number;
  threads: number;
  passes: number;
  policies: NumaPlacementPolicy[];
}

export interface ForkSpec {
  kind: 'fork';
  title?: string;
  machine: string;
  pages: number;
  /** Fractions (0…1) of the pages the child writes after fork. */
  written: Range;
}

export type ExperimentSpec = ReplacementSpec | WorkingSetSpec | TlbSpec | PageTableSpec | NumaSpec | ForkSpec;

function build() {
  const count = (max: number) => z.number().int().min(1).max(max);
  const range = (max: number, fractions = false) => {
    const v = fractions ? z.number().min(0).max(1) : z.number().int().min(0).max(max);
    return z.union([
      z.array(v).min(1).max(MAX_POINTS).describe('The x values, in order'),
      z
        .strictObject({
          from: v,
          to: v,
          step: (fractions ? z.number().positive().max(1) : z.number().int().min(1)).optional().describe('Arithmetic: from, from+step, … up to to (default step 1)'),
          times: z.number().min(1.01).max(1024).optional().describe('Geometric: from, from×times, … up to to (e.g. 2 for 1, 2, 4, 8)'),
        })
        .describe('A range of x values'),
    ]);
  };
  const seed = z.number().int().min(0).max(2 ** 32 - 1);
  const generator = z
    .strictObject({
      generate: z.enum(TRACE_KINDS as [string, ...string[]]).describe('uniform, loop, hot-cold (80/20), phases (working sets), zipf, scan'),
      length: count(10_000_000).describe('References in the string'),
      pages: count(1_000_000).describe('Distinct pages the program may use (0..pages-1)'),
      seed: seed.default(1),
      hotFraction: z.number().gt(0).max(1).optional().describe('hot-cold: share of the pages that are hot (default 0.2)'),
      hotShare: z.number().min(0).max(1).optional().describe('hot-cold: share of the references that go to hot pages (default 0.8)'),
      phaseLength: count(10_000_000).optional().describe('phases: references per phase; scan: references between two scans (default 1000)'),
      workingSet: count(1_000_000).optional().describe('phases: pages used in a phase; scan: pages in the hot set (default 8)'),
      s: z.number().min(0).max(10).optional().describe('zipf: the exponent (default 1)'),
    })
    .describe('A generated reference string');
  const trace = z
    .union([
      z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1).max(10_000_000),
      z.string().regex(/^[\s\d,]+$/, { error: () => t('graph.exp.error.referenceString') }).describe('Page numbers: "1,2,3,4,1,2,5"'),
      generator,
    ])
    .transform((v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean).map(Number) : v))
    .describe('The reference string: a list of pages, a string "1,2,3", or a generator');
  const policies = z.array(z.enum(REFERENCE_POLICIES as [ReferencePolicy, ...ReferencePolicy[]])).min(1).max(16);
  const machine = z.enum(PROFILE_IDS as [string, ...string[]]);
  const title = z.string().max(200).optional();
  const kinds = {
    replacement: z
      .strictObject({
        kind: z.literal('replacement'),
        title,
        trace: trace.default([1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]),
        policies: policies.default(['fifo', 'lru', 'opt']),
        frames: range(65536).default({ from: 1, to: 7 }),
        seed: seed.default(1),
      })
      .describe('Page replacement: faults and hit rate against frames, per policy'),
    'working-set': z
      .strictObject({
        kind: z.literal('working-set'),
        title,
        trace: trace.default({ generate: 'phases', length: 20000, pages: 64, seed: 1, workingSet: 12, phaseLength: 2000 }),
        policies: policies.default(['lru', 'fifo', 'clock', 'opt']),
        frames: range(65536).default({ from: 1, to: 32 }),
        seed: seed.default(1),
        window: count(1_000_000).default(500).describe('Δ of the working-set size W(t, Δ), in references'),
      })
      .describe('Working sets and thrashing: faults per reference against frames, for a phased program'),
    tlb: z
      .strictObject({
        kind: z.literal('tlb'),
        title,
        machine: machine.default('x86-64'),
        pattern: z.enum(TLB_PATTERNS as [TlbPatternKind, ...TlbPatternKind[]]).default('loop'),
        pages: count(8192).default(64),
        stride: z.number().int().min(1).max(1 << 24).optional(),
        accesses: count(1_000_000).default(8192),
        rows: count(4096).default(64),
        columns: count(65536).default(1024),
        elementBytes: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]).default(4),
        entries: range(4096).default({ from: 1, to: 256, times: 2 }),
        ways: z.array(z.union([z.number().int().min(1).max(4096), z.literal('full')])).min(1).max(8).default([1, 4, 'full']),
        over: z.enum(['entries', 'pages']).default('entries').describe('The x axis: TLB entries, or pages touched (pageCounts) at one TLB size'),
        pageCounts: range(8192).default({ from: 1, to: 8192, times: 2 }).describe('Array sizes in pages when over is pages'),
        policy: z.enum(['lru', 'fifo', 'random']).default('lru'),
        seed: seed.default(1),
        hitCycles: z.number().min(0).max(1000).default(1),
        memoryCycles: z.number().min(0).max(100000).default(100),
      })
      .describe('TLB: hit rate and average translation cost against TLB entries and associativity'),
    'page-tables': z
      .strictObject({
        kind: z.literal('page-tables'),
        title,
        machines: z.array(machine).min(1).max(8).default(['teaching-16', 'tiny-2level', 'x86-32', 'sv39', 'x86-64']),
        layouts: z.array(z.enum(['dense', 'sparse'])).min(1).max(2).default(['dense', 'sparse']),
        pages: range(8192).default({ from: 1, to: 1024, times: 2 }),
      })
      .describe('Page-table overhead: page-table frames against pages mapped'),
    numa: z
      .strictObject({
        kind: z.literal('numa'),
        title,
        machine: machine.default('numa-2node'),
        pages: count(4096).default(64),
        threads: count(16).default(4),
        passes: count(64).default(2),
        policies: z.array(z.enum(['first-touch', 'interleave', 'bind-0', 'bind-1'])).min(1).max(4).default(['first-touch', 'interleave', 'bind-1']),
      })
      .describe('NUMA: average access cost and remote fraction per allocation policy, against threads on the far node'),
    fork: z
      .strictObject({
        kind: z.literal('fork'),
        title,
        machine: machine.default('x86-64'),
        pages: count(4096).default(64),
        written: range(1, true).default({ from: 0, to: 1, step: 0.125 }),
      })
      .describe('fork and copy-on-write: frames, RSS and PSS against the fraction of pages the child writes'),
  } as const;
  return kinds;
}

let schemas: ReturnType<typeof build> | null = null;

/** The schema of each kind (built once, when first needed). */
export function experimentSchemas(): ReturnType<typeof build> {
  return (schemas ??= build());
}

/** Parse a value as an experiment; throws ExperimentError with the first problem (the loader reports them all, positioned). */
export function parseExperiment(value: unknown): ExperimentSpec {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !EXPERIMENT_KINDS.includes(kind as ExperimentKind)) throw new ExperimentError(t('graph.exp.error.kindOneOf', { kinds: EXPERIMENT_KINDS.join(', ') }));
  const r = experimentSchemas()[kind as ExperimentKind].safeParse(value);
  if (!r.success) throw new ExperimentError(r.error.issues.map((i) => `${i.path.join('.') || kind}: ${i.message}`).join('; '));
  return r.data as ExperimentSpec;
}

/** The x values a range names, in order, checked against MAX_POINTS. */
export function expandRange(r: Range, what: string, integer = true): number[] {
  let out: number[];
  if (Array.isArray(r)) out = [...r];
  else {
    if (r.to < r.from) throw new ExperimentError(t('graph.exp.error.rangeBackwards', { what, to: r.to, from: r.from }));
    if (r.step !== undefined && r.times !== undefined) throw new ExperimentError(t('graph.exp.error.stepOrTimes', { what }));
    out = [];
    if (r.times !== undefined) {
      if (r.from <= 0) throw new ExperimentError(t('graph.exp.error.geometricZero', { what }));
      for (let v = r.from; v <= r.to * (1 + 1e-9) && out.length <= MAX_POINTS; v *= r.times) out.push(integer ? Math.round(v) : v);
      if (out[out.length - 1] !== r.to && out.length <= MAX_POINTS) out.push(r.to);
      out = [...new Set(out)];
    } else {
      const step = r.step ?? 1;
      const n = Math.floor((r.to - r.from) / step + 1e-9);
      if (n + 1 > MAX_POINTS) throw new ExperimentError(t('graph.exp.error.tooManyValues', { what, n: n + 1, max: MAX_POINTS }));
      for (let i = 0; i <= n; i++) out.push(integer ? Math.round(r.from + i * step) : Number((r.from + i * step).toFixed(10)));
    }
  }
  if (out.length > MAX_POINTS) throw new ExperimentError(t('graph.exp.error.moreThanMax', { what, max: MAX_POINTS }));
  return out;
}

/** JSON Schema of experiment documents (one form per kind), for editors. */
export function experimentJsonSchema(): Record<string, unknown> {
  const forms = EXPERIMENT_KINDS.map((k) => {
    const s = z.toJSONSchema(experimentSchemas()[k], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete s.$schema;
    return s;
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://pagewalk.invalid/experiment.schema.json',
    title: 'Pagewalk experiment',
    description: 'A parameter sweep: kind and parameters (see docs/experiments.md)',
    oneOf: forms,
  };
}
