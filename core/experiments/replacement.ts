/*
 * Page-replacement sweeps and working sets: the reference-string simulator
 * (core/sim/replacement.ts, summary mode) run once per policy and number of frames.
 *
 * Measures per point (policy, frames):
 *   faults, hits       counts over the whole string (cold misses included)
 *   hit_rate           hits / references, in %
 *   fault_rate         faults / references (faults per reference)
 *
 * Notes computed from the rows: Belady's anomaly (a policy whose faults rise when a frame
 * is added, with the exact points) and where each curve stops falling (the frames at
 * which the fault count reaches its final value).
 */
import { counted } from '../plural.ts';
import { runReferenceString, type ReferencePolicy } from '../sim/replacement.ts';
import { expandRange, MAX_WORK, type ReplacementSpec, type TraceSpec, type WorkingSetSpec } from './schema.ts';
import { averageWorkingSet, generateTrace } from './traces.ts';
import { ExperimentError, num, round, text, type ExperimentPlan, type Row } from './types.ts';

export function traceOf(t: TraceSpec): Int32Array {
  return Array.isArray(t) ? Int32Array.from(t) : generateTrace(t);
}

export function describeTrace(t: TraceSpec): string {
  if (Array.isArray(t)) return t.length <= 16 ? t.join(',') : `${counted(t.length, 'reference')} given`;
  return `${t.generate}, ${counted(t.length, 'reference')} over ${counted(t.pages, 'page')}, seed ${t.seed}`;
}

function sweep(spec: ReplacementSpec | WorkingSetSpec): { trace: Int32Array; frames: number[]; points: (() => Row[])[] } {
  const trace = traceOf(spec.trace);
  const frames = expandRange(spec.frames, 'frames').filter((f) => f >= 1);
  if (frames.length === 0) throw new ExperimentError('frames: give at least one number of frames of 1 or more');
  const work = trace.length * frames.length * spec.policies.length;
  if (work > MAX_WORK) throw new ExperimentError(`this sweep would simulate ${work.toLocaleString('en-US')} references, more than the ${MAX_WORK.toLocaleString('en-US')} an experiment may (shorten the trace or use fewer frames or policies)`);
  const points: (() => Row[])[] = [];
  for (const policy of spec.policies)
    for (const f of frames)
      points.push(() => {
        const r = runReferenceString(trace, f, policy, { seed: spec.seed, history: false });
        return [{ policy, frames: f, faults: r.faults, hits: r.hits, hit_rate: round(r.hitRatio * 100), fault_rate: round(r.length ? r.faults / r.length : 0) }];
      });
  return { trace, frames, points };
}

const COLUMNS = [text('policy', 'policy'), num('frames', 'frames', 'frames'), num('faults', 'faults', 'faults'), num('hits', 'hits', 'hits'), num('hit_rate', 'hit rate', '%'), num('fault_rate', 'faults per reference', 'faults/reference')];

/** Frames f where adding a frame raised the faults: [f, faults at f, faults at the next f]. */
export function anomalies(rows: Row[], policy: string): [number, number, number, number][] {
  const mine = rows.filter((r) => r.policy === policy).sort((a, b) => (a.frames as number) - (b.frames as number));
  const out: [number, number, number, number][] = [];
  for (let i = 1; i < mine.length; i++) if ((mine[i].faults as number) > (mine[i - 1].faults as number)) out.push([mine[i - 1].frames as number, mine[i - 1].faults as number, mine[i].frames as number, mine[i].faults as number]);
  return out;
}

/** The fewest frames at which the policy's faults reach their value at the largest frame count of the sweep. */
export function stopsFalling(rows: Row[], policy: string): number | null {
  const mine = rows.filter((r) => r.policy === policy).sort((a, b) => (a.frames as number) - (b.frames as number));
  if (mine.length === 0) return null;
  const last = mine[mine.length - 1].faults;
  let at = mine[mine.length - 1].frames as number;
  for (let i = mine.length - 1; i >= 0 && mine[i].faults === last; i--) at = mine[i].frames as number;
  return at;
}

function replacementNotes(rows: Row[], policies: ReferencePolicy[]): string[] {
  const notes: string[] = [];
  for (const p of policies) {
    for (const [f1, a, f2, b] of anomalies(rows, p)) notes.push(`Belady's anomaly: ${p.toUpperCase()} makes ${counted(a, 'fault')} with ${counted(f1, 'frame')} but ${b} with ${f2}.`);
    const at = stopsFalling(rows, p);
    const mine = rows.filter((r) => r.policy === p);
    if (at !== null && mine.length > 1) notes.push(`${p.toUpperCase()}: the faults stop falling at ${counted(at, 'frame')} (${counted(mine.find((r) => r.frames === at)!.faults as number, 'fault')} from there on).`);
  }
  return notes;
}

export function planReplacement(spec: ReplacementSpec): ExperimentPlan {
  const { points } = sweep(spec);
  return {
    title: spec.title ?? `Page replacement: ${describeTrace(spec.trace)}`,
    columns: COLUMNS,
    plot: { x: 'frames', y: ['faults', 'hit_rate'], series: 'policy' },
    points,
    notes: (rows) => replacementNotes(rows, spec.policies),
  };
}

export function planWorkingSet(spec: WorkingSetSpec): ExperimentPlan {
  const { trace, points } = sweep(spec);
  let ws: number | null = null;
  return {
    title: spec.title ?? `Working sets and thrashing: ${describeTrace(spec.trace)}`,
    columns: COLUMNS,
    plot: { x: 'frames', y: ['fault_rate', 'faults'], series: 'policy' },
    points,
    notes: (rows) => {
      ws ??= averageWorkingSet(trace, spec.window);
      const notes = [`Average working-set size W(t, Δ=${spec.window}): ${ws.toFixed(1)} pages. With fewer frames than that the program thrashes: nearly every reference faults.`];
      for (const p of spec.policies) {
        const mine = rows.filter((r) => r.policy === p).sort((a, b) => (a.frames as number) - (b.frames as number));
        const knee = mine.find((r) => (r.fault_rate as number) <= 0.05);
        if (knee) notes.push(`${p.toUpperCase()}: at most 1 fault in 20 references from ${counted(knee.frames as number, 'frame')}.`);
      }
      return notes;
    },
  };
}
