/* Shared test helpers: load and run scenario text, failing loudly on document errors. */
import { formatDiagnostic } from '../../core/diag.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';

export function runText(yaml: string, options: { trace?: boolean } = {}): ScenarioRun {
  const loaded = loadScenario(yaml, 'test.yaml');
  if (!loaded.scenario || !loaded.profile) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  const run = new ScenarioRun(loaded.scenario, loaded.profile, options);
  run.runAll();
  return run;
}

/** Result of the step with this label. */
export function labelled(run: ScenarioRun, label: string) {
  const r = run.results.find((x) => x.label === label);
  if (!r) throw new Error(`no step labelled ${label}`);
  return r;
}
