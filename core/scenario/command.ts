/*
 * The sandbox's little command language: one line → one scenario step, so everything
 * typed in the sandbox can be saved as a scenario document and replayed.
 *
 *   fork A B            read A 0x1000         write T2 0x4000 7 4
 *
 * A line that starts with "{" or "-" or holds "op: …" is read as a YAML/JSON step
 * instead, in the scenario format itself. `COMMAND_HELP` is shown by the `help` command.
 */
import { parse as parseYamlText } from 'yaml';
import { didYouMean } from '../diag.ts';
import { parseIntLiteral, STEP_OPS, StepSchemas, type Step, type StepOp } from './schema.ts';

export const COMMAND_HELP: { usage: string; does: string }[] = [
  { usage: 'spawn NAME [PROGRAM]', does: 'create a process (code, data, heap, stack)' },
  { usage: 'read WHO ADDR [SIZE]', does: 'load from ADDR (WHO is a process or a thread)' },
  { usage: 'write WHO ADDR VALUE [SIZE]', does: 'store VALUE at ADDR' },
  { usage: 'fetch WHO ADDR', does: 'execute (instruction fetch) at ADDR' },
  { usage: 'fork PARENT CHILD', does: 'fork(): the child shares pages copy-on-write' },
  { usage: 'exec PROCESS PROGRAM', does: 'replace the program' },
  { usage: 'exit PROCESS', does: 'end a process, freeing its frames' },
  { usage: 'thread PROCESS NAME [CPU]', does: 'start a thread with its own stack' },
  { usage: 'brk PROCESS +BYTES | ADDR', does: 'grow the heap (or set the break)' },
  { usage: 'mmap PROCESS LENGTH [PERMS] [shared] [file=NAME] [at=ADDR]', does: 'map memory' },
  { usage: 'munmap PROCESS ADDR LENGTH', does: 'unmap a range' },
  { usage: 'mprotect PROCESS ADDR LENGTH PERMS', does: 'change permissions' },
  { usage: 'shm-create NAME SIZE', does: 'create a shared-memory object' },
  { usage: 'shm-map PROCESS NAME [at=ADDR]', does: 'map shared memory' },
  { usage: 'map PROCESS ADDR [PAGES] [frame=N]', does: 'map pages now, optionally in chosen frames' },
  { usage: 'translate PROCESS ADDR', does: 'look up ADDR without touching anything' },
  { usage: 'switch THREAD', does: 'context switch to THREAD on its CPU' },
  { usage: 'move THREAD CPU', does: 'move a thread to another CPU' },
  { usage: 'flush [CPU]', does: 'flush the TLB' },
  { usage: 'policy PROCESS first-touch|interleave|bind [NODES]', does: 'NUMA allocation policy' },
  { usage: 'migrate PROCESS ADDR NODE', does: 'move a page to another NUMA node' },
  { usage: 'refstring PAGES FRAMES POLICY', does: 'page-replacement experiment, e.g. refstring 1,2,3,1,4 3 lru' },
];

const ALIASES: Record<string, StepOp> = { flush: 'tlb-flush', policy: 'numa-policy', refstring: 'reference-string', run: 'fetch', sbrk: 'brk' };
const WORDS = [...STEP_OPS, ...Object.keys(ALIASES)];

export type ParsedCommand = { step: Step; error: null } | { step: null; error: string };

function fail(error: string): ParsedCommand {
  return { step: null, error };
}

/** Parse one sandbox line. `isThread(name)` tells thread names from process names. */
export function parseCommand(line: string, isThread: (name: string) => boolean = () => false): ParsedCommand {
  const text = line.trim();
  if (!text) return fail('type a command, or "help"');
  if (text.startsWith('{') || text.startsWith('-') || /^[a-z-]+:\s/.test(text)) return parseYamlStep(text);
  const [word, ...rest] = text.split(/\s+/);
  const op = (ALIASES[word.toLowerCase()] ?? word.toLowerCase()) as StepOp;
  if (!(STEP_OPS as string[]).includes(op)) {
    const hint = didYouMean(word, WORDS);
    return fail(`unknown command "${word}"${hint ? ` — did you mean "${hint}"?` : ''} (type "help" for the list)`);
  }
  const positional = rest.filter((w) => !w.includes('='));
  const named = Object.fromEntries(rest.filter((w) => w.includes('=')).map((w) => w.split('=', 2) as [string, string]));
  const usage = COMMAND_HELP.find((c) => c.usage.split(' ')[0] === word.toLowerCase())?.usage ?? op;
  const need = (n: number) => (positional.length < n ? `"${word}" needs ${n} argument${n > 1 ? 's' : ''}: ${usage}` : null);
  const who = (name: string) => (isThread(name) ? { thread: name } : { process: name });
  const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : /^(0x[0-9a-f_]+|0b[01_]+|\d[\d_]*)$/i.test(s) ? parseIntLiteral(s) : NaN);
  let args: unknown;
  switch (op) {
    case 'spawn':
      if (need(1)) return fail(need(1)!);
      args = { name: positional[0], ...(positional[1] ? { program: positional[1] } : {}) };
      break;
    case 'read':
    case 'fetch':
      if (need(2)) return fail(need(2)!);
      args = { ...who(positional[0]), addr: positional[1], ...(positional[2] ? { size: num(positional[2]) } : {}) };
      break;
    case 'write':
      if (need(3)) return fail(need(3)!);
      args = { ...who(positional[0]), addr: positional[1], value: positional[2], ...(positional[3] ? { size: num(positional[3]) } : {}) };
      break;
    case 'fork':
      if (need(2)) return fail(need(2)!);
      args = { parent: positional[0], child: positional[1] };
      break;
    case 'exec':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], program: positional[1] };
      break;
    case 'exit':
      if (need(1)) return fail(need(1)!);
      args = { process: positional[0] };
      break;
    case 'thread':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], name: positional[1], ...(positional[2] ? { cpu: num(positional[2]) } : {}) };
      break;
    case 'brk':
      if (need(2)) return fail(need(2)!);
      args = positional[1].startsWith('+') || positional[1].startsWith('-')
        ? { process: positional[0], grow: (positional[1].startsWith('-') ? -1 : 1) * (num(positional[1].slice(1)) ?? NaN) }
        : { process: positional[0], to: positional[1] };
      break;
    case 'mmap': {
      if (need(2)) return fail(need(2)!);
      const flags = positional.slice(2);
      const perms = flags.find((f) => /^[rwx-]+$/.test(f));
      args = {
        process: positional[0],
        length: positional[1],
        ...(perms ? { perms } : {}),
        shared: flags.includes('shared'),
        ...(named.file ? { file: named.file } : {}),
        ...(named.at ? { addr: named.at } : {}),
        ...(named.offset ? { offset: named.offset } : {}),
        ...(named.name ? { name: named.name } : {}),
      };
      break;
    }
    case 'munmap':
      if (need(3)) return fail(need(3)!);
      args = { process: positional[0], addr: positional[1], length: positional[2] };
      break;
    case 'mprotect':
      if (need(4)) return fail(need(4)!);
      args = { process: positional[0], addr: positional[1], length: positional[2], perms: positional[3] };
      break;
    case 'shm-create':
      if (need(2)) return fail(need(2)!);
      args = { name: positional[0], size: positional[1] };
      break;
    case 'shm-map':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], name: positional[1], ...(named.at ? { addr: named.at } : {}), ...(positional[2] ? { perms: positional[2] } : {}) };
      break;
    case 'shm-unlink':
      if (need(1)) return fail(need(1)!);
      args = { name: positional[0] };
      break;
    case 'map':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], addr: positional[1], ...(positional[2] ? { pages: num(positional[2]) } : {}), ...(named.frame ? { frame: num(named.frame) } : {}), ...(named.perms ? { perms: named.perms } : {}) };
      break;
    case 'populate':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], addr: positional[1], ...(named.frame ? { frame: num(named.frame) } : {}) };
      break;
    case 'translate':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], addr: positional[1] };
      break;
    case 'switch':
      if (need(1)) return fail(need(1)!);
      args = who(positional[0]);
      break;
    case 'move':
      if (need(2)) return fail(need(2)!);
      args = { thread: positional[0], cpu: num(positional[1]) };
      break;
    case 'tlb-flush':
      args = positional[0] !== undefined ? { cpu: num(positional[0]) } : {};
      break;
    case 'numa-policy':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], policy: positional[1], ...(positional[2] ? { nodes: positional[2].split(',').map((n) => num(n)) } : {}) };
      break;
    case 'migrate':
      if (need(3)) return fail(need(3)!);
      args = { process: positional[0], addr: positional[1], node: num(positional[2]) };
      break;
    case 'reference-string':
      if (need(3)) return fail(need(3)!);
      args = { pages: positional[0].split(',').map((n) => num(n)), frames: num(positional[1]), policy: positional[2] };
      break;
    case 'note':
      args = rest.join(' ');
      break;
  }
  return checkStep(op, args);
}

function checkStep(op: StepOp, args: unknown): ParsedCommand {
  const r = StepSchemas[op].safeParse(args);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue.path.join('.');
    return fail(`${op}: ${field ? `${field}: ` : ''}${issue.message.replace(/^Invalid input: /, '')}`);
  }
  const data = r.data as unknown;
  let expanded: Record<string, unknown>;
  if (op === 'spawn' && typeof data === 'string') expanded = { name: data };
  else if (op === 'exit' && typeof data === 'string') expanded = { process: data };
  else if (op === 'shm-unlink' && typeof data === 'string') expanded = { name: data };
  else if (op === 'tlb-flush' && data === null) expanded = {};
  else if (op === 'note') expanded = { text: data };
  else expanded = data as Record<string, unknown>;
  return { step: { op, args: expanded }, error: null };
}

function parseYamlStep(text: string): ParsedCommand {
  let value: unknown;
  try {
    value = parseYamlText(text.replace(/^-\s*/, ''));
  } catch (e) {
    return fail(`could not read that as YAML: ${String((e as Error).message).split('\n')[0]}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1) return fail('a YAML step is a mapping with one operation, e.g. {read: {process: A, addr: 0x1000}}');
  const op = Object.keys(value)[0];
  if (!(STEP_OPS as string[]).includes(op)) {
    const hint = didYouMean(op, STEP_OPS);
    return fail(`unknown operation "${op}"${hint ? ` — did you mean "${hint}"?` : ''}`);
  }
  return checkStep(op as StepOp, (value as Record<string, unknown>)[op]);
}

/** A step as it would be written in a scenario document (inverse of the loader's shorthand). */
export function stepToDocument(step: Step): Record<string, unknown> {
  if (step.op === 'note') return { note: step.args.text };
  return { [step.op]: { ...step.args } };
}
