/*
 * Loading an experiment document (YAML or JSON) with the scenario loader's machinery
 * (core/diag.ts): parse → check `kind` → check that kind's parameters with its schema →
 * plan it (ranges, machines, work limits), every problem reported as file:line:col.
 */
import { didYouMean, diagnosticAt, parseDocumentText, zodDiagnostics, type Diagnostic } from '../diag.ts';
import { t } from '../i18n/index.ts';
import { planExperiment } from './run.ts';
import { experimentSchemas, type ExperimentSpec } from './schema.ts';
import { EXPERIMENT_KINDS, ExperimentError, type ExperimentKind } from './types.ts';

export interface ExperimentLoad {
  spec: ExperimentSpec | null;
  diagnostics: Diagnostic[];
}

export function loadExperiment(text: string, file = 'experiment.yaml'): ExperimentLoad {
  const parsed = parseDocumentText(text, file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { spec: null, diagnostics };
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(diagnosticAt(parsed, [], t('graph.exp.error.notMapping', { kinds: EXPERIMENT_KINDS.join(', ') })));
    return { spec: null, diagnostics };
  }
  const kind = (value as Record<string, unknown>).kind;
  if (typeof kind !== 'string' || !EXPERIMENT_KINDS.includes(kind as ExperimentKind)) {
    const hint = typeof kind === 'string' ? didYouMean(kind, EXPERIMENT_KINDS) : null;
    diagnostics.push(diagnosticAt(parsed, kind === undefined ? [] : ['kind'], kind === undefined ? t('graph.exp.error.kindRequired') : t('graph.exp.error.unknownKind', { kind: JSON.stringify(kind) }), { hint: hint ? t('graph.exp.error.didYouMean', { hint }) : t('graph.exp.error.kinds', { kinds: EXPERIMENT_KINDS.join(', ') }) }));
    return { spec: null, diagnostics };
  }
  const schema = experimentSchemas()[kind as ExperimentKind];
  const r = schema.safeParse(value);
  if (!r.success) {
    diagnostics.push(...zodDiagnostics(parsed, r.error.issues, [], schema));
    return { spec: null, diagnostics };
  }
  const spec = r.data as ExperimentSpec;
  try {
    planExperiment(spec);
  } catch (e) {
    if (!(e instanceof ExperimentError) && !(e instanceof RangeError)) throw e;
    // The message starts with the parameter it is about ("frames: …", Chinese "frames：…").
    const m = /^(\w+)[:：\s]/.exec(e.message);
    const key = m && m[1] in (value as Record<string, unknown>) ? [m[1]] : [];
    diagnostics.push(diagnosticAt(parsed, key, e.message));
    return { spec: null, diagnostics };
  }
  return { spec, diagnostics };
}
