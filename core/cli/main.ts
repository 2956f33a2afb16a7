/*
 * The `pagewalk` command line. The only part of core/ that touches Node (files, argv,
 * exit codes); everything it prints comes from the same core the app runs.
 *
 * Exit status: 0 success, 1 the document or the run has errors, 2 bad command line.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatDiagnostic, parseYaml } from '../diag.ts';
import { loadScenario } from '../scenario/load.ts';
import { ScenarioRun } from '../scenario/run.ts';
import { parseIntLiteral, scenarioJsonSchema } from '../scenario/schema.ts';
import { formatSmaps, formatTrace } from '../scenario/trace.ts';
import { BUILTIN_PROFILES, PROFILE_IDS, type MachineProfile, type ReplacementPolicy } from '../sim/profile.ts';
import { runReferenceString } from '../sim/replacement.ts';
import { extraCommands } from './extra.ts';
import { terminalSafe } from './terminal.ts';
import { typedArraysAsLists } from '../sim/replacement.ts';
import { refstring } from './refstring.ts';
import { ostep } from './ostep.ts';
import { InputError, runCommand, UsageError, type Command } from './usage.ts';
import { applyCliLanguage } from './lang.ts';
import { readProblem } from './read-problem.ts';
import { setLocale, t } from '../i18n/index.ts';
// The version the package is published under (the bundle keeps only this field).
import { version } from '../../package.json';

export type { Command } from './usage.ts';

export { UsageError } from './usage.ts';

// Everything printed passes through terminalSafe: pack text never drives the terminal.
const out = (s: string) => process.stdout.write(terminalSafe(s) + '\n');
const err = (s: string) => process.stderr.write(terminalSafe(s) + '\n');

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(readProblem(path, code, (e as Error).message));
  }
}


const run: Command = {
  get summary() {
    return t('shell.cli.run.summary');
  },
  get usage() {
    return t('shell.cli.run.usage');
  },
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' }, smaps: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length === 0) throw new UsageError(t('shell.cli.run.needFiles'));
    let status = 0;
    const json: unknown[] = [];
    let long = false;
    positionals.forEach((file, n) => {
      const loaded = loadScenario(readText(file), file);
      for (const d of loaded.diagnostics) err(formatDiagnostic(d));
      if (!loaded.scenario || !loaded.profile) {
        status = 1;
        return;
      }
      const sim = new ScenarioRun(loaded.scenario, loaded.profile);
      sim.runAll();
      if (values.json) {
        json.push({ file, machine: loaded.profile.id, seed: loaded.scenario.seed, results: sim.results, snapshot: sim.snapshot() });
        // Reference histories are typed arrays: written as lists, and without indentation when long.
        if (sim.results.some((r) => (r.reference?.length ?? 0) > 100_000)) long = true;
      }
      else {
        if (n > 0) out('');
        out(t('shell.cli.run.heading', { title: loaded.scenario.title ?? file, machine: loaded.profile.name }));
        out(formatTrace(sim.results, values.verbose, loaded.profile));
        const s = sim.machine.stats;
        out('\n' + t('shell.cli.run.stats', { accesses: s.accesses, hits: s.tlbHits, misses: s.tlbMisses, faults: s.pageFaults, copies: s.cowCopies, swapOuts: s.swapOuts, swapIns: s.swapIns, free: sim.machine.mem.freeCount() }));
        if (values.smaps) {
          const snap = sim.snapshot();
          for (const p of snap.processes) if (p.alive) out('\n' + formatSmaps(p, sim.machine.pageSize, loaded.profile));
        }
      }
      if (sim.results.some((r) => r.error)) status = 1;
    });
    // One file: its object, as before; several: an array of them.
    if (values.json && json.length) out(JSON.stringify(positionals.length === 1 ? (({ file: _file, ...rest }) => rest)(json[0] as Record<string, unknown>) : json, typedArraysAsLists, long ? undefined : 2));
    return status;
  },
};

const translate: Command = {
  get summary() {
    return t('shell.cli.translate.summary');
  },
  get usage() {
    return t('shell.cli.translate.usage');
  },
  run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        machine: { type: 'string' },
        scenario: { type: 'string' },
        process: { type: 'string' },
        image: { type: 'string' },
        ptbr: { type: 'string' },
        exercise: { type: 'string' },
        write: { type: 'boolean' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
      },
      allowPositionals: true,
    });
    if (positionals.length === 0) throw new UsageError(t('shell.cli.translate.needAddress'));
    const addrs = positionals.map((a) => {
      if (!/^(0x[0-9a-f]+|\d+)$/i.test(a)) throw new UsageError(t('shell.cli.translate.notAddress', { text: a }));
      return a;
    });
    let doc: string;
    let file = t('shell.cli.commandLine');
    const op = values.write ? 'write' : 'read';
    const machine = values.machine !== undefined ? machineArgument(values.machine) : undefined;
    if (values.image !== undefined) {
      const text = readText(values.image);
      const asDoc = imageDocument(text);
      if (asDoc) {
        const images = asDoc.images as { name: string }[] | undefined;
        if (values.exercise !== undefined && !images?.some((i) => i.name === values.exercise))
          throw new UsageError(images ? t('shell.cli.translate.noImageOf', { file: values.image, name: values.exercise, images: images.map((i) => i.name).join(', ') }) : t('shell.cli.translate.noImage', { file: values.image, name: values.exercise }));
        doc = JSON.stringify({
          machine: machine ?? asDoc.machine ?? 'tiny-2level',
          ...(asDoc.memory ? { memory: asDoc.memory } : { images }),
          steps: addrs.map((a) => ({ translate: { addr: a, ...(values.exercise ? { image: values.exercise } : {}) } })),
        });
      } else {
        if (values.ptbr === undefined) throw new UsageError(t('shell.cli.translate.needPtbr'));
        if (!/^\d+$/.test(values.ptbr)) throw new UsageError(t('shell.cli.translate.ptbrFrame'));
        doc = JSON.stringify({
          machine: machine ?? 'tiny-2level',
          memory: { ptbr: Number(values.ptbr), dump: text },
          steps: addrs.map((a) => ({ translate: { addr: a } })),
        });
      }
      file = values.image;
    } else if (values.scenario !== undefined) {
      if (!values.process) throw new UsageError(t('shell.cli.translate.needProcess'));
      const text = readText(values.scenario);
      const loaded = loadScenario(text, values.scenario);
      for (const d of loaded.diagnostics) err(formatDiagnostic(d));
      if (!loaded.scenario || !loaded.profile) return 1;
      const sim = new ScenarioRun(loaded.scenario, loaded.profile);
      sim.runAll();
      const start = sim.results.length;
      for (const a of addrs) sim.apply({ op, args: { process: values.process, addr: parseIntLiteral(a) } });
      return report(sim.results.slice(start), values.json, values.verbose, loaded.profile);
    } else {
      doc = JSON.stringify({ machine: machine ?? 'teaching-16', steps: [{ spawn: 'P' }, ...addrs.map((a) => ({ [op]: { process: 'P', addr: a } }))] });
    }
    const loaded = loadScenario(doc, file);
    for (const d of loaded.diagnostics) err(formatDiagnostic(d));
    if (!loaded.scenario || !loaded.profile) return 1;
    const sim = new ScenarioRun(loaded.scenario, loaded.profile);
    sim.runAll();
    return report(sim.results.filter((r) => r.op !== 'spawn'), values.json, values.verbose, loaded.profile);
  },
};

/** --machine: a built-in id, or a file holding a machine (or a document with one). */
function machineArgument(arg: string): unknown {
  if (PROFILE_IDS.includes(arg) || !/[./\\]/.test(arg)) return arg;
  const parsed = parseYaml(readText(arg), arg);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) {
    for (const d of parsed.diagnostics) err(formatDiagnostic(d));
    throw new InputError(t('shell.cli.machine.unreadable', { file: arg }));
  }
  const v = parsed.value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') throw new InputError(t('shell.cli.machine.notMapping', { file: arg }));
  return 'machine' in v ? v.machine : v;
}

/** An --image file that is a document (with memory or images) rather than raw dump text. */
function imageDocument(text: string): Record<string, unknown> | null {
  if (/^\s*page\s+\d+\s*:/im.test(text.split('\n').find((l) => l.trim()) ?? '')) return null;
  const parsed = parseYaml(text, 'image');
  const v = parsed.value as Record<string, unknown> | null;
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !v || typeof v !== 'object' || Array.isArray(v)) return null;
  return 'memory' in v || 'images' in v ? v : null;
}

function report(results: ScenarioRun['results'], json: boolean | undefined, verbose: boolean | undefined, profile: MachineProfile): number {
  if (json) out(JSON.stringify(results, typedArraysAsLists, 2));
  else out(formatTrace(results, verbose, profile));
  return results.some((r) => r.error) ? 1 : 0;
}

const profiles: Command = {
  get summary() {
    return t('shell.cli.profiles.summary');
  },
  get usage() {
    return t('shell.cli.profiles.usage');
  },
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length === 0) {
      if (values.json) out(JSON.stringify(Object.values(BUILTIN_PROFILES), null, 2));
      else for (const id of PROFILE_IDS) out(`${id.padEnd(12)} ${BUILTIN_PROFILES[id].name}\n${' '.repeat(13)}${BUILTIN_PROFILES[id].description}`);
      return 0;
    }
    const p = BUILTIN_PROFILES[positionals[0]];
    if (!p) throw new UsageError(t('shell.cli.profiles.unknown', { id: positionals[0], ids: PROFILE_IDS.join(', ') }));
    out(JSON.stringify(p, null, 2));
    return 0;
  },
};

const schema: Command = {
  get summary() {
    return t('shell.cli.schema.summary');
  },
  get usage() {
    return t('shell.cli.schema.usage');
  },
  run(argv) {
    const which = argv[0];
    if (which === 'scenario') {
      out(JSON.stringify(scenarioJsonSchema(), null, 2));
      return 0;
    }
    const extra = extraCommands.schema?.[which];
    if (extra) {
      out(JSON.stringify(extra(), null, 2));
      return 0;
    }
    throw new UsageError(t('shell.cli.schema.unknown', { name: which ?? '', names: ['scenario', ...Object.keys(extraCommands.schema ?? {})].join(', ') }));
  },
};

export const commands: Record<string, Command> = { run, translate, refstring, ostep, profiles, schema, ...extraCommands.commands };

function mainHelp(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  return t('shell.cli.help', { commands: names.map((n) => `  ${n.padEnd(width)}  ${commands[n].summary}`).join('\n') });
}

/**
 * Exactly what `pagewalk --help` prints, in `locale` if given (else the current one). The
 * build writes it once per shipped locale (out/cli/help.txt, help.es.txt, …), which the
 * launcher prints without loading the bundle.
 */
export function helpText(locale?: string): string {
  if (locale !== undefined) setLocale(locale);
  return terminalSafe(mainHelp()) + '\n';
}

export { SHIPPED_LOCALES } from '../i18n/index.ts';

export function main(commandLine: string[]): number {
  let argv: string[];
  try {
    argv = applyCliLanguage(commandLine, process.env).argv;
  } catch (e) {
    err(`pagewalk: ${(e as Error).message}`);
    return 2;
  }
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    out(`pagewalk ${version}`);
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    err(`pagewalk: ${t('shell.cli.unknownCommand', { name })}\n\n${mainHelp()}`);
    return 2;
  }
  return runCommand(name, cmd, rest);
}
