/*
 * `pagewalk refstring`: page-replacement experiments from the command line, from a few
 * pages typed by hand to 10^7 references read from a file or a pipe.
 *
 * Arguments are scanned here rather than with util.parseArgs, whose cost grows with the
 * square of the number of positionals (a reference string typed as 10^5 arguments).
 * Output is written in blocks, so a trace of millions of lines never becomes one string.
 */
import { readFileSync } from 'node:fs';
import { PythonRandom } from '../sim/mt19937.ts';
import { MAX_REFERENCES, ostepReferenceString, parseReferenceString, ReferenceInputError } from '../sim/reference-input.ts';
import { REFERENCE_POLICIES, runReferenceString, type ReferencePolicy, type ReferenceResult, type RandomSource } from '../sim/replacement.ts';
import { Rng } from '../sim/rng.ts';
import { writeOstepTrace, writeTable } from './refstring-output.ts';
import { writeText } from './stdout.ts';
import { InputError, UsageError, type Command } from './usage.ts';
import { t } from '../i18n/index.ts';

const write = writeText;

const VALUE_OPTIONS = new Set(['addresses', 'frames', 'policy', 'seed', 'file', 'random', 'opt-ties', 'clock-bits', 'order', 'generate', 'max-page']);
const FLAG_OPTIONS = new Set(['json', 'summary', 'ostep', 'compute']);
const SHORT: Record<string, string> = { a: 'addresses', c: 'compute', f: 'file', C: 'frames', p: 'policy', s: 'seed', n: 'generate', m: 'max-page', b: 'clock-bits', N: 'summary', j: 'json' };

interface Parsed {
  values: Record<string, string>;
  flags: Set<string>;
  positionals: string[];
}

/** Linear-time argument scan: --name VALUE, --name=VALUE, -x VALUE, flags, positionals ("-" = standard input). */
export function scanArgs(argv: string[]): Parsed {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-') || /^-\d/.test(a)) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    let name = a.startsWith('--') ? a.slice(2, eq > 0 ? eq : undefined) : SHORT[a.slice(1, 2)] ?? a.slice(1);
    if (!a.startsWith('--') && a.length > 2) throw new UsageError(t('shell.cli.unknownOption', { option: a }));
    if (name === 'no-history') name = 'summary';
    if (FLAG_OPTIONS.has(name)) {
      if (eq > 0) throw new UsageError(t('shell.cli.refstring.noValue', { name }));
      flags.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(t('shell.cli.needsValue', { name }));
      values[name] = v;
    } else throw new UsageError(t('shell.cli.unknownOption', { option: a }));
  }
  return { values, flags, positionals };
}

function wholeNumber(v: string | undefined, what: string, min = 0): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw new UsageError(min ? t('shell.cli.refstring.atLeast', { what, min }) : t('shell.cli.refstring.wholeNumber', { what }));
  return Number(v);
}

function readInput(path: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const name = path === '-' ? t('shell.cli.stdin') : path;
    throw new InputError(code === 'ENOENT' ? t('shell.cli.noSuchFile', { path: name }) : code === 'EISDIR' ? t('shell.cli.isFolder', { path: name }) : t('shell.cli.cannotRead', { path: name, reason: code ?? (e as Error).message }));
  }
}

function parsePages(input: string | Uint8Array, where: string): Int32Array {
  try {
    return parseReferenceString(input);
  } catch (e) {
    if (e instanceof ReferenceInputError) throw new InputError(`${where}:${e.line}:${e.col}: ${e.message}`);
    throw e;
  }
}

/** JSON of one result, its history arrays written in pieces (10^7 references would not fit in one string). */
function writeJson(r: ReferenceResult): void {
  const { history, ...summary } = r;
  const head = JSON.stringify(summary);
  if (!history) {
    write(head + '\n');
    return;
  }
  write(`${head.slice(0, -1)},"history":{`);
  const arrays: [string, ArrayLike<number>, (v: number) => string][] = [
    ['pages', history.pages, String],
    ['hit', history.hit, (v) => (v ? 'true' : 'false')],
    ['slot', history.slot, String],
    ['victim', history.victim, (v) => (v < 0 ? 'null' : String(v))],
  ];
  arrays.forEach(([name, xs, f], k) => {
    write(`${k ? ',' : ''}"${name}":[`);
    for (let i = 0; i < xs.length; i += 65536) {
      const part: string[] = [];
      for (let j = i; j < Math.min(xs.length, i + 65536); j++) part.push(f(xs[j]));
      write((i ? ',' : '') + part.join(','));
    }
    write(']');
  });
  write('}}\n');
}

function summaryLine(r: ReferenceResult): string {
  return t('shell.cli.refstring.line', { policy: r.policy.toUpperCase(), frames: r.frameCount, faults: r.faults, hits: r.hits, ratio: r.hitRatio });
}

/**
 * With --ostep, paging-policy.py's own command line works unchanged: -a LIST (-1 = generate),
 * -n, -m, -C 3, -s 0 and -p FIFO by default, -c accepted.
 */
function applyHomeworkDefaults(values: Record<string, string>, positionals: string[]): void {
  values.frames ??= '3';
  if (values.addresses !== undefined && values.addresses !== '-1') positionals.push(values.addresses);
  else if (values.file === undefined && positionals.length === 0) values.generate ??= '10';
  delete values.addresses;
}

/** Policy names are case-insensitive; with --ostep, RAND and CLOCK name the homework's variants. */
function homeworkPolicyName(name: string, ostep: boolean): string {
  const p = name.toLowerCase();
  if (ostep && (p === 'rand' || p === 'random')) return 'ostep-rand';
  if (ostep && p === 'clock') return 'ostep-clock';
  return p;
}

export const refstring: Command = {
  get summary() {
    return t('shell.cli.refstring.summary');
  },
  get usage() {
    return t('shell.cli.refstring.usage', { max: MAX_REFERENCES, policies: REFERENCE_POLICIES.join(', ') });
  },
  run(argv) {
    const { values, flags, positionals } = scanArgs(argv);
    const ostep = flags.has('ostep');
    if (ostep) applyHomeworkDefaults(values, positionals);
    else if (values.addresses !== undefined) throw new UsageError(t('shell.cli.refstring.addresses'));
    const frames = wholeNumber(values.frames, '--frames', 1);
    if (frames === undefined) throw new UsageError(t('shell.cli.refstring.atLeast', { what: '--frames', min: 1 }));
    if (frames > 16_777_216) throw new UsageError(t('shell.cli.refstring.framesMax', { max: 16_777_216 }));
    const policyName = homeworkPolicyName(values.policy ?? 'fifo', ostep);
    if (policyName !== 'all' && !REFERENCE_POLICIES.includes(policyName as ReferencePolicy))
      throw new UsageError(t('shell.cli.refstring.unknownPolicy', { policy: policyName, policies: REFERENCE_POLICIES.join(', ') }));
    const random = values.random ?? (ostep ? 'python' : 'pagewalk');
    if (random !== 'pagewalk' && random !== 'python') throw new UsageError(t('shell.cli.refstring.random'));
    const optTies = values['opt-ties'] ?? (ostep ? 'ostep' : 'lowest-slot');
    if (optTies !== 'lowest-slot' && optTies !== 'ostep') throw new UsageError(t('shell.cli.refstring.optTies'));
    const order = values.order ?? (ostep ? 'ostep' : 'slots');
    if (order !== 'slots' && order !== 'ostep') throw new UsageError(t('shell.cli.refstring.order'));
    const clockBits = wholeNumber(values['clock-bits'], '--clock-bits');
    const seedText = values.seed ?? (ostep ? '0' : '1');
    if (!/^-?\d+$/.test(seedText)) throw new UsageError(t('shell.cli.refstring.wholeNumber', { what: '--seed' }));
    const seed = Number(seedText);
    if (random === 'pagewalk' && !Number.isSafeInteger(seed)) throw new UsageError(t('shell.cli.refstring.seedLarge'));

    // One random stream per run, as in the homework: generated pages first, then the policy's draws.
    const makeRng = (): RandomSource => (random === 'python' ? new PythonRandom(BigInt(seedText)) : new Rng(seed));
    let pages: Int32Array;
    let rngAfterInput: (() => RandomSource) | undefined;
    const sources = [values.file !== undefined, positionals.length > 0, values.generate !== undefined].filter(Boolean).length;
    if (sources !== 1) throw new UsageError(sources ? t('shell.cli.refstring.oneSource') : t('shell.cli.refstring.noSource'));
    if (values.generate !== undefined) {
      const count = wholeNumber(values.generate, '--generate')!;
      const maxPage = wholeNumber(values['max-page'] ?? '10', '--max-page', 1)!;
      if (count > MAX_REFERENCES) throw new UsageError(t('shell.cli.refstring.generateMax', { max: MAX_REFERENCES }));
      const py = new PythonRandom(BigInt(seedText));
      pages = ostepReferenceString(count, maxPage, py);
      const state = py;
      rngAfterInput = () => (random === 'python' ? state : new Rng(seed));
      if (count === 0) throw new UsageError(t('shell.cli.refstring.generateMin'));
    } else if (values.file !== undefined || (positionals.length === 1 && positionals[0] === '-')) {
      const file = values.file ?? '-';
      pages = parsePages(readInput(file), file === '-' ? t('shell.cli.stdinWhere') : file);
    } else {
      if (positionals.includes('-')) throw new UsageError(t('shell.cli.refstring.stdinMixed'));
      pages = parsePages(positionals.join(' '), t('shell.cli.commandLine'));
    }
    if (pages.length === 0) throw new UsageError(t('shell.cli.refstring.empty'));

    const all = policyName === 'all';
    const list = all ? REFERENCE_POLICIES : [policyName as ReferencePolicy];
    const summaryOnly = flags.has('summary') || all;
    const results: ReferenceResult[] = [];
    for (const policy of list) {
      // Policies compared side by side each start from the same stream.
      const rng = rngAfterInput && list.length === 1 ? rngAfterInput() : rngAfterInput ? regenerate() : makeRng();
      const r = runReferenceString(pages, frames, policy, { rng, optTies, clockBits, history: !summaryOnly || (ostep && !flags.has('summary')) });
      if (flags.has('json')) {
        if (all) results.push(r);
        else writeJson(r);
      } else if (ostep) writeOstepTrace(r, !flags.has('summary'));
      else {
        write(summaryLine(r) + '\n'); // streamed: each policy's line appears as soon as it is computed
        if (!summaryOnly) writeTable(r, order);
      }
    }
    if (flags.has('json') && all) write(JSON.stringify(results) + '\n');
    return 0;

    /** The homework's stream after drawing the generated pages again (for --policy all with --generate). */
    function regenerate(): RandomSource {
      if (random !== 'python') return new Rng(seed);
      const py = new PythonRandom(BigInt(seedText));
      ostepReferenceString(pages.length, wholeNumber(values['max-page'] ?? '10', '--max-page', 1)!, py);
      return py;
    }
  },
};
