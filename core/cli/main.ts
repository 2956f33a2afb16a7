/*
 * The `pagewalk` command line. The only part of core/ that touches Node (files, argv,
 * exit codes); everything it prints comes from the same core the app runs.
 *
 * Exit status: 0 success, 1 the document or the run has errors, 2 bad command line.
 */
import { counted } from '../plural.ts';
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
import { runCommand, UsageError, type Command } from './usage.ts';
import { applyCliLanguage } from './lang.ts';

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
    throw new UsageError(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path}: is a folder, not a file` : `${path}: cannot read (${code ?? (e as Error).message})`);
  }
}

const run: Command = {
  summary: 'run a scenario and print its trace',
  usage: `pagewalk run SCENARIO... [--json] [--verbose] [--smaps]

Runs every step of each SCENARIO (YAML or JSON) and prints what the machine did.
  --json      print the events, per-step results and the final snapshot as JSON
              (with several files, an array of them, each with its "file")
  --verbose   also print bookkeeping events (maps, area changes, TLB fills)
  --smaps     end with every live process's /proc/PID/smaps as a table, and its smaps_rollup
Errors in the document are printed as FILE:LINE:COL and nothing is run.`,
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' }, smaps: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length === 0) throw new UsageError('run takes one or more scenario files');
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
        out(`${loaded.scenario.title ?? file} — ${loaded.profile.name}`);
        out(formatTrace(sim.results, values.verbose, loaded.profile));
        const s = sim.machine.stats;
        out(`\n${counted(s.accesses, 'access', 'accesses')}: TLB ${counted(s.tlbHits, 'hit')} / ${counted(s.tlbMisses, 'miss', 'misses')}; ${counted(s.pageFaults, 'page fault')}; ${counted(s.cowCopies, 'COW copy', 'COW copies')}; ${counted(s.swapOuts, 'swap-out')}, ${counted(s.swapIns, 'swap-in')}; ${counted(sim.machine.mem.freeCount(), 'frame')} free`);
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
  summary: 'translate virtual addresses, showing every page-table entry read',
  usage: `pagewalk translate ADDR... [--machine ID|FILE] [--scenario FILE --process NAME] [--image FILE [--ptbr N] [--exercise NAME]] [--write] [--json]

One-off translations:
  pagewalk translate 0x1234 0x5678 --machine x86-64
      a fresh process with the standard layout reads each address (demand paging included)
  pagewalk translate 0x1000 --scenario fork.yaml --process child
      run the scenario, then that process reads each address
  pagewalk translate 0x611c 0x3da8 --image dump.txt --ptbr 108 --machine tiny-2level
      walk a raw memory dump ("page 108: 83 fe e0 …" lines) from the page-table base frame
  pagewalk translate 0x3a39 --image homework.yaml --exercise q2
      FILE may also be a document with "memory" or several named "images" (one per
      exercise; --exercise picks one, default the first), and its own "machine"
  --machine   a built-in id, or a YAML/JSON file holding a machine (a profile, or
              { base: ID, …changes }, or a document whose "machine" is one)
  --write     write instead of read (not with --image)`,
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
    if (positionals.length === 0) throw new UsageError('give at least one address');
    const addrs = positionals.map((a) => {
      if (!/^(0x[0-9a-f]+|\d+)$/i.test(a)) throw new UsageError(`"${a}" is not an address (use 4660 or 0x1234)`);
      return a;
    });
    let doc: string;
    let file = '(command line)';
    const op = values.write ? 'write' : 'read';
    const machine = values.machine !== undefined ? machineArgument(values.machine) : undefined;
    if (values.image !== undefined) {
      const text = readText(values.image);
      const asDoc = imageDocument(text);
      if (asDoc) {
        const images = asDoc.images as { name: string }[] | undefined;
        if (values.exercise !== undefined && !images?.some((i) => i.name === values.exercise))
          throw new UsageError(`${values.image} has no image named "${values.exercise}"${images ? ` (images: ${images.map((i) => i.name).join(', ')})` : ''}`);
        doc = JSON.stringify({
          machine: machine ?? asDoc.machine ?? 'tiny-2level',
          ...(asDoc.memory ? { memory: asDoc.memory } : { images }),
          steps: addrs.map((a) => ({ translate: { addr: a, ...(values.exercise ? { image: values.exercise } : {}) } })),
        });
      } else {
        if (values.ptbr === undefined) throw new UsageError('--image needs --ptbr (the frame number of the root table)');
        if (!/^\d+$/.test(values.ptbr)) throw new UsageError('--ptbr must be a frame number');
        doc = JSON.stringify({
          machine: machine ?? 'tiny-2level',
          memory: { ptbr: Number(values.ptbr), dump: text },
          steps: addrs.map((a) => ({ translate: { addr: a } })),
        });
      }
      file = values.image;
    } else if (values.scenario !== undefined) {
      if (!values.process) throw new UsageError('--scenario needs --process (who does the access)');
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
    throw new UsageError(`${arg}: not a readable machine document`);
  }
  const v = parsed.value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') throw new UsageError(`${arg}: a machine document is a mapping (a profile, or { base: ID, … })`);
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
  summary: 'list the built-in machine profiles, or print one',
  usage: `pagewalk profiles [ID] [--json]`,
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length === 0) {
      if (values.json) out(JSON.stringify(Object.values(BUILTIN_PROFILES), null, 2));
      else for (const id of PROFILE_IDS) out(`${id.padEnd(12)} ${BUILTIN_PROFILES[id].name}\n${' '.repeat(13)}${BUILTIN_PROFILES[id].description}`);
      return 0;
    }
    const p = BUILTIN_PROFILES[positionals[0]];
    if (!p) throw new UsageError(`no built-in profile "${positionals[0]}" (have: ${PROFILE_IDS.join(', ')})`);
    out(JSON.stringify(p, null, 2));
    return 0;
  },
};

const schema: Command = {
  summary: 'print a JSON Schema (scenario, lesson-pack, experiment)',
  usage: `pagewalk schema scenario|lesson-pack|experiment`,
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
    throw new UsageError(`unknown schema "${which ?? ''}" (scenario${Object.keys(extraCommands.schema ?? {}).map((k) => `, ${k}`).join('')})`);
  },
};

export const commands: Record<string, Command> = { run, translate, refstring, ostep, profiles, schema, ...extraCommands.commands };

function mainHelp(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  return `pagewalk — the Pagewalk memory-management simulator

Usage: pagewalk COMMAND [options]   (pagewalk COMMAND --help for details)
       --lang TAG   language of the messages (en, es, de, zh-CN; default: LC_ALL / LANG)

${names.map((n) => `  ${n.padEnd(width)}  ${commands[n].summary}`).join('\n')}`;
}

/** Exactly what `pagewalk --help` prints (the build also writes it to out/cli/help.txt, which the launcher prints without loading the bundle). */
export function helpText(): string {
  return terminalSafe(mainHelp()) + '\n';
}

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
    out('pagewalk 0.1.0');
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    err(`pagewalk: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  return runCommand(name, cmd, rest);
}
