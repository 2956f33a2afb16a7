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
import { t, t as translate } from '../i18n/index.ts';
import { runReferenceString, type ReferencePolicy } from '../sim/replacement.ts';
import { expandRange, MAX_WORK, type ReplacementSpec, type TraceSpec, type WorkingSetSpec } from './schema.ts';
import { averageWorkingSet, generateTrace } from './traces.ts';
import { ExperimentError, num, round, text, type ExperimentPlan, type Row } from './types.ts';

export function traceOf(t: TraceSpec): Int32Array {
  return Array.isArray(t) ? Int32Array.from(t) : generateTrace(t);
}

export function describeTrace(t: TraceSpec): string {
  if (Array.isArray(t)) return t.length <= 16 ? t.join(',') : translate('graph.exp.trace.given', { n: t.length });
  return translate('graph.exp.trace.generated', { generator: t.generate, n: t.length, pages: t.pages, seed: String(t.seed) });
}

function sweep(spec: ReplacementSpec | WorkingSetSpec): { trace: Int32Array; frames: number[]; points: (() => Row[])[] } {
  const trace = traceOf(spec.trace);
  const frames = expandRange(spec.frames, 'frames').filter((f) => f >= 1);
  if (frames.length === 0) throw new ExperimentError(t('graph.exp.error.noFrames'));
  const work = trace.length * frames.length * spec.policies.length;
  if (work > MAX_WORK) throw new ExperimentError(t('graph.exp.error.tooManyReferences', { work, max: MAX_WORK }));
  const points: (() => Row[])[] = [];
  for (const policy of spec.policies)
    for (const f of frames)
      points.push(() => {
        const r = runReferenceString(trace, f, policy, { seed: spec.seed, history: false });
        return [{ policy, frames: f, faults: r.faults, hits: r.hits, hit_rate: round(r.hitRatio * 100), fault_rate: round(r.length ? r.faults / r.length : 0) }];
      });
  return { trace, frames, points };
}

/** The table's columns, headed in the language in force when the sweep is planned. */
const columns = () => [
  text('policy', t('graph.exp.col.policy')),
  num('frames', t('graph.exp.unit.frames'), t('graph.exp.unit.frames')),
  num('faults', t('graph.exp.unit.faults'), t('graph.exp.unit.faults')),
  num('hits', t('graph.exp.unit.hits'), t('graph.exp.unit.hits')),
  num('hit_rate', t('graph.exp.col.hitRate'), '%'),
  num('fault_rate', t('graph.exp.col.faultRate'), t('graph.exp.unit.faultsPerReference')),
];

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
    for (const [f1, a, f2, b] of anomalies(rows, p)) notes.push(t('graph.exp.note.belady', { policy: p.toUpperCase(), faults: a, frames: f1, moreFaults: b, moreFrames: f2 }));
    const at = stopsFalling(rows, p);
    const mine = rows.filter((r) => r.policy === p);
    if (at !== null && mine.length > 1) notes.push(t('graph.exp.note.stopsFalling', { policy: p.toUpperCase(), frames: at, faults: mine.find((r) => r.frames === at)!.faults as number }));
  }
  return notes;
}

export function planReplacement(spec: ReplacementSpec): ExperimentPlan {
  const { points } = sweep(spec);
  return {
    title: spec.title ?? t('graph.exp.title.replacement', { trace: describeTrace(spec.trace) }),
    columns: columns(),
    plot: { x: 'frames', y: ['faults', 'hit_rate'], series: 'policy' },
    points,
    notes: (rows) => replacementNotes(rows, spec.policies),
  };
}

export function planWorkingSet(spec: WorkingSetSpec): ExperimentPlan {
  const { trace, points } = sweep(spec);
  let ws: number | null = null;
  return {
    title: spec.title ?? t('graph.exp.title.workingSet', { trace: describeTrace(spec.trace) }),
    columns: columns(),
    plot: { x: 'frames', y: ['fault_rate', 'faults'], series: 'policy' },
    points,
    notes: (rows) => {
      ws ??= averageWorkingSet(trace, spec.window);
      const notes = [t('graph.exp.note.workingSet', { window: spec.window, size: ws })];
      for (const p of spec.policies) {
        const mine = rows.filter((r) => r.policy === p).sort((a, b) => (a.frames as number) - (b.frames as number));
        const knee = mine.find((r) => (r.fault_rate as number) <= 0.05);
        if (knee) notes.push(t('graph.exp.note.knee', { policy: p.toUpperCase(), frames: knee.frames as number }));
      }
      return notes;
    },
  };
}
