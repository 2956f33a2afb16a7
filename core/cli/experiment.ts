/*
 * `pagewalk experiment`: run a parameter sweep and print its table, a text plot and what
 * the curves show, or the table alone as CSV or JSON for scripts and spreadsheets.
 *
 *   pagewalk experiment FILE            a document (YAML/JSON), checked like a scenario
 *   pagewalk experiment KIND [--param value …]   the same parameters as options
 *
 * Option values: numbers, words, comma lists (`--policies fifo,lru`), and ranges
 * `A..B` (every whole number), `A..B+S` (step S), `A..BxF` (geometric, ×F; `*` works too when quoted).
 */
import { readFileSync } from 'node:fs';
import { formatDiagnostic } from '../diag.ts';
import { experimentJsonSchema, experimentSchemas, type ExperimentSpec } from '../experiments/schema.ts';
import { loadExperiment } from '../experiments/load.ts';
import { runExperiment } from '../experiments/run.ts';
import { tableToCsv, tableToText, textPlot } from '../experiments/format.ts';
import { EXPERIMENT_KINDS, ExperimentError, type ExperimentKind } from '../experiments/types.ts';
import { optionValue } from '../experiments/params.ts';
import { terminalSafe } from './terminal.ts';
import { InputError, UsageError, type Command } from './usage.ts';
import { t } from '../i18n/index.ts';
import { readProblem } from './read-problem.ts';

const out = (s: string) => process.stdout.write(terminalSafe(s) + '\n');
const err = (s: string) => process.stderr.write(terminalSafe(s) + '\n');

/** Keys of a generated trace, given as options to the replacement and working-set kinds. */
const TRACE_KEYS = new Set(['generate', 'length', 'hotFraction', 'hotShare', 'phaseLength', 'workingSet', 's']);

const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The experiment named by KIND and options, as the document would hold it. */
export function experimentFromOptions(kind: ExperimentKind, options: [string, string][]): Record<string, unknown> {
  const doc: Record<string, unknown> = { kind };
  const trace: Record<string, unknown> = {};
  const reference = kind === 'replacement' || kind === 'working-set';
  for (const [name, raw] of options) {
    const key = camel(name);
    if (reference && (TRACE_KEYS.has(key) || key === 'pages')) trace[key] = optionValue(key, raw);
    else doc[key] = optionValue(key, raw);
  }
  if (Object.keys(trace).length) {
    if (doc.trace !== undefined) throw new UsageError(t('shell.cli.experiment.traceBoth'));
    if (trace.generate === undefined) throw new UsageError(t('shell.cli.experiment.needGenerate', { option: kebab(Object.keys(trace)[0]) }));
    doc.trace = { seed: typeof doc.seed === 'number' ? doc.seed : 1, length: 10000, pages: 100, ...trace };
  }
  if (Array.isArray(doc.trace) && doc.trace.some((x) => typeof x !== 'number')) throw new UsageError(t('shell.cli.experiment.traceNumbers'));
  return doc;
}

function parseOptions(argv: string[]): { positionals: string[]; options: [string, string][]; format: 'text' | 'csv' | 'json' } {
  const positionals: string[] = [];
  const options: [string, string][] = [];
  let format: 'text' | 'csv' | 'json' = 'text';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--csv' || a === '--json') {
      if (format !== 'text') throw new UsageError(t('shell.cli.experiment.csvOrJson'));
      format = a === '--csv' ? 'csv' : 'json';
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq > 0 ? eq : undefined);
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (!name || value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(t('shell.cli.needsValue', { name }));
      options.push([name, value]);
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(t('shell.cli.unknownOption', { option: a }));
    else positionals.push(a);
  }
  return { positionals, options, format };
}

function readText(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // a missing file may be a mistyped experiment kind: that is said with the usage
    if (code === 'ENOENT') throw new UsageError(t('shell.cli.experiment.noSuchFile', { path, kinds: EXPERIMENT_KINDS.join(', ') }));
    throw new InputError(readProblem(path, code, (e as Error).message));
  }
}

export const experiment: Command = {
  get summary() {
    return t('shell.cli.experiment.summary');
  },
  get usage() {
    return t('shell.cli.experiment.usage');
  },
  run(argv) {
    const { positionals, options, format } = parseOptions(argv);
    if (positionals.length !== 1) throw new UsageError(t('shell.cli.experiment.one'));
    const target = positionals[0];
    let spec: ExperimentSpec;
    if ((EXPERIMENT_KINDS as string[]).includes(target)) {
      const doc = experimentFromOptions(target as ExperimentKind, options);
      const r = experimentSchemas()[target as ExperimentKind].safeParse(doc);
      if (!r.success) {
        const issue = r.error.issues[0];
        const key = issue.path[0];
        if (issue.code === 'unrecognized_keys') throw new UsageError(t('shell.cli.experiment.noParameter', { kind: target, name: kebab(issue.keys[0]) }));
        const given = options.find(([n]) => camel(n) === key)?.[1];
        const why = issue.code === 'invalid_value' ? t('shell.cli.experiment.oneOf', { values: issue.values.join(', ') }) : issue.code === 'invalid_union' || issue.message === 'Invalid input' ? t('shell.cli.experiment.notValue') : issue.message;
        throw new UsageError(`${key === undefined ? target : `--${kebab(String(key))}`}${given !== undefined ? ` ${given}` : ''}: ${why}`);
      }
      spec = r.data as ExperimentSpec;
    } else {
      if (options.length) throw new UsageError(t('shell.cli.experiment.inDocument', { option: options[0][0] }));
      const loaded = loadExperiment(readText(target), target);
      for (const d of loaded.diagnostics) err(formatDiagnostic(d));
      if (!loaded.spec) return 1;
      spec = loaded.spec;
    }
    const progress = process.stderr.isTTY && format === 'text';
    let table;
    try {
      table = runExperiment(spec, progress ? { onProgress: (done, total) => process.stderr.write(`\r${t('shell.cli.experiment.point', { done, total })}`) } : {});
    } catch (e) {
      if (e instanceof ExperimentError || e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    } finally {
      if (progress) process.stderr.write('\r\x1b[K');
    }
    if (format === 'csv') process.stdout.write(terminalSafe(tableToCsv(table)));
    else if (format === 'json') out(JSON.stringify({ spec, ...table }, null, 2));
    else {
      out(table.title);
      out('');
      out(tableToText(table));
      out('');
      out(textPlot(table));
      if (table.notes.length) out('\n' + table.notes.join('\n'));
    }
    return 0;
  },
};

export const experimentSchema = { experiment: experimentJsonSchema };
