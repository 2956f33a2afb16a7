/*
 * `pagewalk refstring`: page-replacement experiments from the command line, from a few
 * pages typed by hand to 10^7 references read from a file or a pipe.
 *
 * Arguments are scanned here rather than with util.parseArgs, whose cost grows with the
 * square of the number of positionals (a reference string typed as 10^5 arguments).
 * Output is written in blocks, so a trace of millions of lines never becomes one string.
 */
import { counted } from '../plural.ts';
import { readFileSync } from 'node:fs';
import { PythonRandom } from '../sim/mt19937.ts';
import { MAX_REFERENCES, ostepReferenceString, parseReferenceString, ReferenceInputError } from '../sim/reference-input.ts';
import { REFERENCE_POLICIES, runReferenceString, type ReferencePolicy, type ReferenceResult, type RandomSource } from '../sim/replacement.ts';
import { Rng } from '../sim/rng.ts';
import { writeOstepTrace, writeTable } from './refstring-output.ts';
import { UsageError, type Command } from './usage.ts';

const write = (s: string) => process.stdout.write(s);

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
    if (!a.startsWith('--') && a.length > 2) throw new UsageError(`unknown option "${a}"`);
    if (name === 'no-history') name = 'summary';
    if (FLAG_OPTIONS.has(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      values[name] = v;
    } else throw new UsageError(`unknown option "${a}"`);
  }
  return { values, flags, positionals };
}

function wholeNumber(v: string | undefined, what: string, min = 0): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw new UsageError(`${what} must be a whole number${min ? ` of at least ${min}` : ''}`);
  return Number(v);
}

function readInput(path: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const name = path === '-' ? 'standard input' : path;
    throw new UsageError(code === 'ENOENT' ? `${name}: no such file` : code === 'EISDIR' ? `${name}: is a folder, not a file` : `${name}: cannot read (${code ?? (e as Error).message})`);
  }
}

function parsePages(input: string | Uint8Array, where: string): Int32Array {
  try {
    return parseReferenceString(input);
  } catch (e) {
    if (e instanceof ReferenceInputError) throw new UsageError(`${where}:${e.line}:${e.col}: ${e.message}`);
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
  return `${r.policy.toUpperCase()}, ${counted(r.frameCount, 'frame')}: ${counted(r.faults, 'fault')}, ${counted(r.hits, 'hit')} (hit ratio ${(r.hitRatio * 100).toFixed(1)}%)`;
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
  summary: 'page-replacement experiment on a reference string',
  usage: `pagewalk refstring [PAGES | --file FILE | -] --frames N [--policy P|all] [options]

  PAGES        page numbers separated by commas or spaces: "1,2,3,4,1,2,5,1,2,3,4,5"
  --file FILE  read the pages from FILE ("-" or a lone - reads standard input): commas,
               spaces or one page per line (the homework's -f format); up to ${MAX_REFERENCES.toLocaleString('en-US')}
  --frames N   number of physical frames (-C)
  --policy P   ${REFERENCE_POLICIES.join(', ')}, or all to compare them
               (default fifo). unopt evicts the page used soonest; ostep-clock and ostep-rand
               are the CLOCK and RAND of OSTEP's paging-policy.py; clock is the textbook one
  --summary    print only the counts (-N); with --policy all this is implied
  --json       print the result as JSON (history as arrays: pages, hit, slot, victim)
  --seed S     seed for the random policies and --generate (default 1; 0 with --ostep)
  --random R   pagewalk (default) or python: draw random choices as Python's random does
  --opt-ties T lowest-slot (default) or ostep: which never-used-again page OPT/UNOPT evict
  --clock-bits B  ostep-clock's use-counter cap (default 2, the homework's -b)
  --order O    slots (default): frames in slot order; ostep: resident pages in the homework's
               order (load order; least to most recent for lru and mru)
  --generate N --max-page M
               the homework's random string: N pages int(M * random()) from Python's random
  --ostep      behave and print like paging-policy.py -c: Python random, seed 0 by default,
               homework ties and order, its trace lines and FINALSTATS; its options work
               as they are (-a LIST or -1, -f, -n, -m, -C, -p FIFO|LRU|MRU|OPT|UNOPT|RAND|CLOCK,
               -b, -s, -N, -c), and RAND and CLOCK mean ostep-rand and ostep-clock
Examples:
  pagewalk refstring 1,2,3,4,1,2,5,1,2,3,4,5 --frames 3 --policy fifo   (Belady's anomaly)
  pagewalk refstring --file trace.txt --frames 64 --policy all
  pagewalk refstring --ostep --generate 10 --max-page 10 --seed 0 --frames 3 --policy ostep-clock`,
  run(argv) {
    const { values, flags, positionals } = scanArgs(argv);
    const ostep = flags.has('ostep');
    if (ostep) applyHomeworkDefaults(values, positionals);
    else if (values.addresses !== undefined) throw new UsageError('-a/--addresses is the homework\'s option: use it with --ostep, or give the pages as arguments');
    const frames = wholeNumber(values.frames, '--frames', 1);
    if (frames === undefined) throw new UsageError('--frames must be a whole number of at least 1');
    if (frames > 16_777_216) throw new UsageError('--frames is limited to 16,777,216');
    const policyName = homeworkPolicyName(values.policy ?? 'fifo', ostep);
    if (policyName !== 'all' && !REFERENCE_POLICIES.includes(policyName as ReferencePolicy))
      throw new UsageError(`unknown policy "${policyName}" (use ${REFERENCE_POLICIES.join(', ')} or all)`);
    const random = values.random ?? (ostep ? 'python' : 'pagewalk');
    if (random !== 'pagewalk' && random !== 'python') throw new UsageError('--random must be pagewalk or python');
    const optTies = values['opt-ties'] ?? (ostep ? 'ostep' : 'lowest-slot');
    if (optTies !== 'lowest-slot' && optTies !== 'ostep') throw new UsageError('--opt-ties must be lowest-slot or ostep');
    const order = values.order ?? (ostep ? 'ostep' : 'slots');
    if (order !== 'slots' && order !== 'ostep') throw new UsageError('--order must be slots or ostep');
    const clockBits = wholeNumber(values['clock-bits'], '--clock-bits');
    const seedText = values.seed ?? (ostep ? '0' : '1');
    if (!/^-?\d+$/.test(seedText)) throw new UsageError('--seed must be a whole number');
    const seed = Number(seedText);
    if (random === 'pagewalk' && !Number.isSafeInteger(seed)) throw new UsageError('--seed is too large');

    // One random stream per run, as in the homework: generated pages first, then the policy's draws.
    const makeRng = (): RandomSource => (random === 'python' ? new PythonRandom(BigInt(seedText)) : new Rng(seed));
    let pages: Int32Array;
    let rngAfterInput: (() => RandomSource) | undefined;
    const sources = [values.file !== undefined, positionals.length > 0, values.generate !== undefined].filter(Boolean).length;
    if (sources !== 1) throw new UsageError(sources ? 'give the pages one way only: as arguments, with --file, or with --generate' : 'give the reference string, e.g. 1,2,3,4,1,2,5 (or --file FILE, or - for standard input)');
    if (values.generate !== undefined) {
      const count = wholeNumber(values.generate, '--generate')!;
      const maxPage = wholeNumber(values['max-page'] ?? '10', '--max-page', 1)!;
      if (count > MAX_REFERENCES) throw new UsageError(`--generate is limited to ${MAX_REFERENCES.toLocaleString('en-US')} references`);
      const py = new PythonRandom(BigInt(seedText));
      pages = ostepReferenceString(count, maxPage, py);
      const state = py;
      rngAfterInput = () => (random === 'python' ? state : new Rng(seed));
      if (count === 0) throw new UsageError('--generate needs at least 1 reference');
    } else if (values.file !== undefined || (positionals.length === 1 && positionals[0] === '-')) {
      const file = values.file ?? '-';
      pages = parsePages(readInput(file), file === '-' ? '(standard input)' : file);
    } else {
      if (positionals.includes('-')) throw new UsageError('"-" (standard input) cannot be mixed with pages on the command line');
      pages = parsePages(positionals.join(' '), '(command line)');
    }
    if (pages.length === 0) throw new UsageError('the reference string is empty');

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
