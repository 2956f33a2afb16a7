/*
 * The sandbox's little command language: one line → one scenario step, so everything
 * typed in the sandbox can be saved as a scenario document and replayed.
 *
 *   fork A B            read A 0x1000         write T2 0x4000 7 4
 *   write A 0x2000 7 pages=64                 read A 0x2000..0x6000 stride=0x800
 *   repeat 3 write A 0x2000 1; read B 0x2000  report A smaps      kernel-option zero-page on
 *
 * Words with "=" are named arguments (pages=, length=, stride=, size=, mode=, label=, …);
 * the rest are positional. A line that starts with "{" or "-" or holds "op: …" is read as a
 * YAML/JSON step instead, in the scenario format itself. `parseSandboxLine` also knows the
 * lines that are not steps: `file` (a file on the simulated disk, a document's `files:`),
 * `undo`, `redo` and `help`. `commandHelpText()` is what `help` shows, grouped, in the current language.
 */
import { parse as parseYamlText } from 'yaml';
import { didYouMean } from '../diag.ts';
import { formatDocumentAddress } from '../sim/address.ts';
import { parseIntLiteral, STEP_OPS, StepSchemas, type Step, type StepOp } from './schema.ts';
import { t, type MessageKey } from '../i18n/index.ts';

/** One line of the sandbox's `help`: its group, how it is written (not translated) and what it does. */
export interface CommandHelp {
  group: string;
  usage: string;
  does: string;
}

type HelpGroup = 'processes' | 'memory' | 'spaces' | 'files' | 'kernel' | 'readings' | 'session';

const HELP_GROUPS: Record<HelpGroup, MessageKey> = {
  processes: 'scenario.help.group.processes',
  memory: 'scenario.help.group.memory',
  spaces: 'scenario.help.group.spaces',
  files: 'scenario.help.group.files',
  kernel: 'scenario.help.group.kernel',
  readings: 'scenario.help.group.readings',
  session: 'scenario.help.group.session',
};

/** Every command, in `help` order: the usage is the command language itself; `does` is a message key. */
const COMMANDS: { group: HelpGroup; usage: string; does: MessageKey }[] = [
  { group: 'processes', usage: 'spawn NAME [PROGRAM]', does: 'scenario.help.spawn' },
  { group: 'processes', usage: 'fork PARENT CHILD', does: 'scenario.help.fork' },
  { group: 'processes', usage: 'exec PROCESS PROGRAM', does: 'scenario.help.exec' },
  { group: 'processes', usage: 'exit PROCESS', does: 'scenario.help.exit' },
  { group: 'processes', usage: 'thread PROCESS NAME [CPU]', does: 'scenario.help.thread' },
  { group: 'processes', usage: 'switch THREAD', does: 'scenario.help.switch' },
  { group: 'processes', usage: 'move THREAD CPU', does: 'scenario.help.move' },
  { group: 'memory', usage: 'read WHO ADDR [SIZE]', does: 'scenario.help.read' },
  { group: 'memory', usage: 'write WHO ADDR VALUE [SIZE]', does: 'scenario.help.write' },
  { group: 'memory', usage: 'fetch WHO ADDR', does: 'scenario.help.fetch' },
  { group: 'memory', usage: '… ADDR pages=N [stride=BYTES]', does: 'scenario.help.rangePages' },
  { group: 'memory', usage: '… START..END [stride=BYTES]', does: 'scenario.help.rangeBytes' },
  { group: 'memory', usage: 'translate PROCESS ADDR', does: 'scenario.help.translate' },
  { group: 'spaces', usage: 'brk PROCESS +BYTES | ADDR', does: 'scenario.help.brk' },
  { group: 'spaces', usage: 'mmap PROCESS LENGTH [PERMS] [shared] [file=NAME] [at=ADDR] [name=AREA]', does: 'scenario.help.mmap' },
  { group: 'spaces', usage: 'munmap PROCESS ADDR LENGTH', does: 'scenario.help.munmap' },
  { group: 'spaces', usage: 'mprotect PROCESS ADDR LENGTH PERMS', does: 'scenario.help.mprotect' },
  { group: 'spaces', usage: 'map PROCESS ADDR [PAGES] [frame=N]', does: 'scenario.help.map' },
  { group: 'spaces', usage: 'populate PROCESS ADDR [frame=N]', does: 'scenario.help.populate' },
  { group: 'files', usage: 'file NAME SIZE [TEXT…]', does: 'scenario.help.file' },
  { group: 'files', usage: 'shm-create NAME SIZE', does: 'scenario.help.shmCreate' },
  { group: 'files', usage: 'shm-map PROCESS NAME [PERMS] [at=ADDR]', does: 'scenario.help.shmMap' },
  { group: 'files', usage: 'shm-unlink NAME', does: 'scenario.help.shmUnlink' },
  { group: 'kernel', usage: 'flush [CPU]', does: 'scenario.help.flush' },
  { group: 'kernel', usage: 'policy PROCESS first-touch|interleave|bind [NODES]', does: 'scenario.help.policy' },
  { group: 'kernel', usage: 'migrate PROCESS ADDR NODE', does: 'scenario.help.migrate' },
  { group: 'kernel', usage: 'kernel-option zero-page on|off', does: 'scenario.help.kernelOption' },
  { group: 'readings', usage: 'report [PROCESS] [smaps]', does: 'scenario.help.report' },
  { group: 'readings', usage: 'refstring PAGES FRAMES POLICY', does: 'scenario.help.refstring' },
  { group: 'readings', usage: 'repeat N CMD; CMD; …', does: 'scenario.help.repeat' },
  { group: 'readings', usage: 'note TEXT', does: 'scenario.help.note' },
  { group: 'session', usage: 'undo · redo', does: 'scenario.help.undoRedo' },
  { group: 'session', usage: 'help', does: 'scenario.help.help' },
];

/** The commands with their groups and descriptions in the current language. */
export function commandHelp(): CommandHelp[] {
  return COMMANDS.map((c) => ({ group: t(HELP_GROUPS[c.group]), usage: c.usage, does: t(c.does) }));
}

/** The help text, grouped, as the `help` command prints it (in the current language). */
export function commandHelpText(): string {
  const out: string[] = [t('scenario.help.intro')];
  let group = '';
  for (const c of commandHelp()) {
    if (c.group !== group) {
      group = c.group;
      out.push('', t('scenario.help.groupTitle', { group }));
    }
    out.push(`  ${c.usage} — ${c.does}`);
  }
  out.push('', t('scenario.help.yamlLine', { example: '{read: {process: A, addr: 0x2000, pages: 4}}' }));
  return out.join('\n');
}

const ALIASES: Record<string, StepOp> = { flush: 'tlb-flush', policy: 'numa-policy', refstring: 'reference-string', run: 'fetch', sbrk: 'brk', kernel: 'kernel-option', 'kernel-options': 'kernel-option' };
/** Lines that are not steps: the sandbox handles them itself. */
const SESSION_WORDS = ['file', 'undo', 'redo', 'help'];
const WORDS = [...STEP_OPS, ...Object.keys(ALIASES), ...SESSION_WORDS];
/** Named arguments every access (read, write, fetch) takes. */
const ACCESS_NAMED = ['pages', 'length', 'stride', 'size', 'mode', 'value', 'label'];

export type ParsedCommand = { step: Step; error: null } | { step: null; error: string };

/** A file the sandbox puts on the simulated disk (a scenario document's `files:` entry). */
export interface SandboxFile {
  name: string;
  size: number;
  content?: string;
}

/** Any sandbox line: a step, a file, or a session command. */
export type SandboxLine =
  | { kind: 'step'; step: Step }
  | { kind: 'file'; file: SandboxFile }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'help' }
  | { kind: 'error'; error: string };

/** Largest file the `file` command makes (the scenario format's limit). */
export const MAX_SANDBOX_FILE = 16 * 1024 * 1024;

function fail(error: string): ParsedCommand {
  return { step: null, error };
}

/** Parse any sandbox line (see the top of this file). */
export function parseSandboxLine(line: string, isThread: (name: string) => boolean = () => false): SandboxLine {
  const text = line.trim();
  const word = text.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (text === '?' || word === 'help') return { kind: 'help' };
  if ((word === 'undo' || word === 'redo') && text.split(/\s+/).length === 1) return word === 'undo' ? { kind: 'undo' } : { kind: 'redo' };
  if (word === 'file') return parseFileLine(text);
  const r = parseCommand(text, isThread);
  return r.step ? { kind: 'step', step: r.step } : { kind: 'error', error: r.error };
}

function parseFileLine(text: string): SandboxLine {
  const m = /^file\s+(\S+)(?:\s+(\S+))?(?:\s+([\s\S]*))?$/i.exec(text);
  if (!m || m[2] === undefined) return { kind: 'error', error: t('scenario.command.fileUsage') };
  const [, name, sizeText, content] = m;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127}$/.test(name)) return { kind: 'error', error: t('scenario.command.fileName', { name }) };
  const size = /^(0x[0-9a-f_]+|\d[\d_]*)$/i.test(sizeText) ? parseIntLiteral(sizeText) : NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_SANDBOX_FILE) return { kind: 'error', error: t('scenario.command.fileSize', { max: String(MAX_SANDBOX_FILE) }) };
  const file: SandboxFile = { name, size };
  if (content !== undefined && content.trim() !== '') file.content = content.trim();
  return { kind: 'file', file };
}

/** Parse one sandbox step line. `isThread(name)` tells thread names from process names. */
export function parseCommand(line: string, isThread: (name: string) => boolean = () => false): ParsedCommand {
  const text = line.trim();
  if (!text) return fail(t('scenario.command.empty'));
  if (text.startsWith('{') || text.startsWith('-') || /^[a-z-]+:\s/.test(text)) return parseYamlStep(text);
  const [word, ...rest] = text.split(/\s+/);
  const op = (ALIASES[word.toLowerCase()] ?? word.toLowerCase()) as StepOp;
  if (op === 'repeat') return parseRepeat(text, isThread);
  if (!(STEP_OPS as string[]).includes(op)) {
    const hint = didYouMean(word, WORDS);
    return fail(hint ? t('scenario.command.unknownHint', { word, hint }) : t('scenario.command.unknown', { word }));
  }
  if (op === 'note') return checkStep(op, rest.join(' '));
  const positional = rest.filter((w) => !w.includes('='));
  const named: Record<string, string> = {};
  for (const w of rest.filter((x) => x.includes('='))) {
    const at = w.indexOf('=');
    named[w.slice(0, at).toLowerCase()] = w.slice(at + 1);
  }
  const usage = COMMANDS.find((c) => c.usage.split(' ')[0] === word.toLowerCase())?.usage ?? op;
  const need = (n: number) => (positional.length < n ? t('scenario.command.needs', { word, n, usage }) : null);
  const who = (name: string) => (isThread(name) ? { thread: name } : { process: name });
  const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : /^(0x[0-9a-f_]+|0b[01_]+|\d[\d_]*)$/i.test(s) ? parseIntLiteral(s) : NaN);
  const label = named.label !== undefined ? { label: named.label } : {};
  let args: unknown;
  switch (op) {
    case 'spawn':
      if (need(1)) return fail(need(1)!);
      args = { name: positional[0], ...(positional[1] ? { program: positional[1] } : {}), ...(named.layout ? { layout: named.layout } : {}), ...(named.cpu ? { cpu: num(named.cpu) } : {}), ...label };
      break;
    case 'read':
    case 'fetch':
    case 'write': {
      const write = op === 'write';
      if (need(write ? 3 : 2)) return fail(need(write ? 3 : 2)!);
      const unknown = Object.keys(named).find((k) => !ACCESS_NAMED.includes(k));
      if (unknown) return fail(t('scenario.command.unknownArgument', { word, argument: unknown, list: ACCESS_NAMED.filter((k) => write || k !== 'value').map((k) => `${k}=`).join(', ') }));
      const range = /^(\S+?)\.\.(\S+)$/.exec(positional[1]);
      let addr: unknown = positional[1];
      let length: unknown = named.length;
      if (range) {
        const from = num(range[1]);
        const to = num(range[2]);
        if (from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to)) return fail(t('scenario.command.rangeForm', { word }));
        if (to <= from) return fail(t('scenario.command.rangeEmpty', { word, from: range[1], to: range[2] }));
        if (length !== undefined || named.pages !== undefined) return fail(t('scenario.command.rangeTwice', { word }));
        addr = range[1];
        length = to - from;
      }
      const sizeWord = positional[write ? 3 : 2] ?? named.size;
      args = {
        ...who(positional[0]),
        addr,
        ...(write ? { value: positional[2] } : {}),
        ...(sizeWord !== undefined ? { size: num(sizeWord) } : {}),
        ...(named.pages !== undefined ? { pages: num(named.pages) } : {}),
        ...(length !== undefined ? { length } : {}),
        ...(named.stride !== undefined ? { stride: named.stride } : {}),
        ...(named.mode !== undefined ? { mode: named.mode } : {}),
        ...label,
      };
      break;
    }
    case 'fork':
      if (need(2)) return fail(need(2)!);
      args = { parent: positional[0], child: positional[1], ...(named.thread ? { thread: named.thread } : {}), ...label };
      break;
    case 'exec':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], program: positional[1], ...label };
      break;
    case 'exit':
      if (need(1)) return fail(need(1)!);
      args = { process: positional[0], ...label };
      break;
    case 'thread':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], name: positional[1], ...(positional[2] ? { cpu: num(positional[2]) } : {}), ...label };
      break;
    case 'brk':
      if (need(2)) return fail(need(2)!);
      args = positional[1].startsWith('+') || positional[1].startsWith('-')
        ? { process: positional[0], grow: (positional[1].startsWith('-') ? -1 : 1) * (num(positional[1].slice(1)) ?? NaN), ...label }
        : { process: positional[0], to: positional[1], ...label };
      break;
    case 'mmap': {
      if (need(2)) return fail(need(2)!);
      const flags = positional.slice(2);
      const perms = flags.find((f) => /^[rwx-]+$/.test(f));
      const stray = flags.find((f) => f !== perms && f !== 'shared' && f !== 'private');
      if (stray) return fail(t('scenario.command.mmapFlag', { flag: stray, usage }));
      args = {
        process: positional[0],
        length: positional[1],
        ...(perms ? { perms } : {}),
        shared: flags.includes('shared'),
        ...(named.file ? { file: named.file } : {}),
        ...(named.at ? { addr: named.at } : named.addr ? { addr: named.addr } : {}),
        ...(named.offset ? { offset: named.offset } : {}),
        ...(named.name ? { name: named.name } : {}),
        ...label,
      };
      break;
    }
    case 'munmap':
      if (positional.length === 2 && !/^(0x|\d)/i.test(positional[1])) {
        args = { process: positional[0], area: positional[1], ...label };
        break;
      }
      if (need(3)) return fail(need(3)!);
      args = { process: positional[0], addr: positional[1], length: positional[2], ...label };
      break;
    case 'mprotect':
      if (need(4)) return fail(need(4)!);
      args = { process: positional[0], addr: positional[1], length: positional[2], perms: positional[3], ...label };
      break;
    case 'shm-create':
      if (need(2)) return fail(need(2)!);
      args = { name: positional[0], size: positional[1], ...label };
      break;
    case 'shm-map':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], name: positional[1], ...(named.at ? { addr: named.at } : {}), ...(positional[2] ? { perms: positional[2] } : {}), ...(named.area ? { area: named.area } : {}), ...label };
      break;
    case 'shm-unlink':
      if (need(1)) return fail(need(1)!);
      args = { name: positional[0], ...label };
      break;
    case 'map':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], addr: positional[1], ...(positional[2] ? { pages: num(positional[2]) } : {}), ...(named.frame ? { frame: num(named.frame) } : {}), ...(named.perms ? { perms: named.perms } : {}), ...(named.name ? { name: named.name } : {}), ...label };
      break;
    case 'populate':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], addr: positional[1], ...(named.frame ? { frame: num(named.frame) } : {}), ...label };
      break;
    case 'translate':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], addr: positional[1], ...label };
      break;
    case 'switch':
      if (need(1)) return fail(need(1)!);
      args = { ...who(positional[0]), ...label };
      break;
    case 'move':
      if (need(2)) return fail(need(2)!);
      args = { thread: positional[0], cpu: num(positional[1]), ...label };
      break;
    case 'tlb-flush':
      args = { ...(positional[0] !== undefined ? { cpu: num(positional[0]) } : {}), ...label };
      break;
    case 'numa-policy':
      if (need(2)) return fail(need(2)!);
      args = { process: positional[0], policy: positional[1], ...(positional[2] ? { nodes: positional[2].split(',').map((n) => num(n)) } : {}), ...label };
      break;
    case 'migrate':
      if (need(3)) return fail(need(3)!);
      args = { process: positional[0], addr: positional[1], node: num(positional[2]), ...label };
      break;
    case 'reference-string':
      if (need(3)) return fail(need(3)!);
      args = {
        pages: positional[0].split(',').map((n) => num(n)),
        frames: num(positional[1]),
        policy: positional[2],
        ...(named.random ? { random: named.random } : {}),
        ...(named['opt-ties'] ? { 'opt-ties': named['opt-ties'] } : {}),
        ...(named['clock-bits'] ? { 'clock-bits': num(named['clock-bits']) } : {}),
        ...label,
      };
      break;
    case 'report': {
      const words = positional.filter((w) => w.toLowerCase() !== 'smaps');
      if (words.length > 1) return fail(t('scenario.command.reportOne', { usage: COMMANDS.find((c) => c.usage.startsWith('report'))!.usage }));
      args = { ...(words[0] ? { process: words[0] } : {}), ...(positional.some((w) => w.toLowerCase() === 'smaps') ? { smaps: true } : {}), ...label };
      break;
    }
    case 'kernel-option': {
      // kernel-option zero-page on | zeroPage=on | zero-page=off
      const toggles: Record<string, string> = { ...named };
      delete toggles.label;
      for (let i = 0; i + 1 < positional.length; i += 2) toggles[positional[i].toLowerCase()] = positional[i + 1];
      if (positional.length % 2 === 1) return fail(t('scenario.command.kernelValue', { option: positional[positional.length - 1] }));
      const out: Record<string, unknown> = { ...label };
      for (const [key, value] of Object.entries(toggles)) {
        if (key !== 'zero-page' && key !== 'zeropage') return fail(t('scenario.command.kernelUnknown', { option: key }));
        const on = /^(on|true|yes|1)$/i.test(value) ? true : /^(off|false|no|0)$/i.test(value) ? false : null;
        if (on === null) return fail(t('scenario.command.kernelOnOff', { value }));
        out.zeroPage = on;
      }
      if (out.zeroPage === undefined) return fail(t('scenario.command.kernelNeedsOption'));
      args = out;
      break;
    }
  }
  return checkStep(op, args);
}

/** `repeat N CMD; CMD; …`: the commands, as scenario steps, N times over. */
function parseRepeat(text: string, isThread: (name: string) => boolean): ParsedCommand {
  const m = /^repeat\s+(\S+)\s+([\s\S]+)$/i.exec(text);
  if (!m) return fail(t('scenario.command.repeatUsage'));
  const times = /^\d+$/.test(m[1]) ? Number(m[1]) : NaN;
  const steps: Record<string, unknown>[] = [];
  const parts = m[2].split(';').map((p) => p.trim()).filter(Boolean);
  for (const [i, part] of parts.entries()) {
    if (/^repeat\b/i.test(part)) return fail(t('scenario.command.repeatNested'));
    const r = parseCommand(part, isThread);
    if (!r.step) return fail(t('scenario.command.repeatPart', { n: String(i + 1), part, error: r.error }));
    steps.push(stepToDocument(r.step));
  }
  return checkStep('repeat', { times, steps });
}

function checkStep(op: StepOp, args: unknown): ParsedCommand {
  const r = StepSchemas[op].safeParse(args);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue.path.join('.');
    const message = issue.message.replace(/^Invalid input: /, '');
    return fail(field ? t('scenario.command.stepFieldIssue', { op, field, message }) : t('scenario.command.stepIssue', { op, message }));
  }
  const data = r.data as unknown;
  let expanded: Record<string, unknown>;
  if (op === 'spawn' && typeof data === 'string') expanded = { name: data };
  else if (op === 'exit' && typeof data === 'string') expanded = { process: data };
  else if (op === 'shm-unlink' && typeof data === 'string') expanded = { name: data };
  else if ((op === 'tlb-flush' || op === 'report') && data === null) expanded = {};
  else if (op === 'note') expanded = { text: data };
  else expanded = data as Record<string, unknown>;
  return { step: { op, args: expanded }, error: null };
}

function parseYamlStep(text: string): ParsedCommand {
  let value: unknown;
  try {
    value = parseYamlText(text.replace(/^-\s*/, ''));
  } catch (e) {
    return fail(t('scenario.command.yamlUnreadable', { error: String((e as Error).message).split('\n')[0] }));
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1) return fail(t('scenario.command.yamlShape', { example: '{read: {process: A, addr: 0x1000}}' }));
  const op = Object.keys(value)[0];
  if (!(STEP_OPS as string[]).includes(op)) {
    const hint = didYouMean(op, STEP_OPS);
    return fail(hint ? t('scenario.command.unknownOperationHint', { op, hint }) : t('scenario.command.unknownOperation', { op }));
  }
  return checkStep(op as StepOp, (value as Record<string, unknown>)[op]);
}

/** Fields that hold a virtual address: a document writes them in hex, as the lessons and the CLI do. */
const ADDRESS_FIELDS = new Set(['addr', 'to']);

/**
 * A step as it would be written in a scenario document (inverse of the loader's shorthand).
 * Addresses are hex strings ("0x2000"; the upper half of a 64-bit machine as
 * "0xffff800000000000"), which the loader reads back exactly.
 */
export function stepToDocument(step: Step): Record<string, unknown> {
  if (step.op === 'note') return { note: step.args.text };
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(step.args)) args[k] = ADDRESS_FIELDS.has(k) && typeof v === 'number' && Number.isInteger(v) ? formatDocumentAddress(v) : v;
  return { [step.op]: args };
}
