/*
 * Loading a scenario document: parse (YAML or JSON) → check the shape with the schemas →
 * resolve the machine profile → check that every process and thread a step names
 * exists by then. Every problem is reported with its file, line and column; a document
 * with any error is not run at all.
 */
import { didYouMean, didYouMeanHint, diagnosticAt, parseDocumentText, zodDiagnostics, type Diagnostic, type ParsedYaml } from '../diag.ts';
import { machineAddress } from '../sim/address.ts';
import { hex, t } from '../i18n/index.ts';
import { BUILTIN_PROFILES, checkProfile, defaultLayout, PROFILE_IDS, type MachineProfile } from '../sim/profile.ts';
import { MAX_EXPANDED_STEPS, ScenarioSchema, STEP_OPS, StepSchemas, type Scenario, type Step, type StepOp } from './schema.ts';

export interface LoadResult {
  scenario: Scenario | null;
  profile: MachineProfile | null;
  diagnostics: Diagnostic[];
}

/** Parse and check scenario text. `file` is used in messages only. */
export function loadScenario(text: string, file = 'scenario.yaml'): LoadResult {
  const parsed = parseDocumentText(text, file);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { scenario: null, profile: null, diagnostics: parsed.diagnostics };
  return checkScenarioValue(parsed, []);
}

/** Check an already-parsed value (also used for scenarios embedded in lessons, at `basePath`). */
export function checkScenarioValue(parsed: ParsedYaml, basePath: (string | number)[]): LoadResult {
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  let value: unknown = parsed.value;
  for (const p of basePath) value = (value as Record<string | number, unknown>)?.[p];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(diagnosticAt(parsed, basePath, t('scenario.load.notMapping')));
    return { scenario: null, profile: null, diagnostics };
  }
  const top = ScenarioSchema.safeParse(value);
  if (!top.success) {
    diagnostics.push(...zodDiagnostics(parsed, top.error.issues, basePath, ScenarioSchema));
    return { scenario: null, profile: null, diagnostics };
  }
  const doc = top.data;
  const profile = resolveProfile(doc.machine, parsed, [...basePath, 'machine'], diagnostics, !!(doc.memory || doc.images));
  const steps = checkSteps(parsed, doc.steps, [...basePath, 'steps'], diagnostics);
  if (doc.memory || doc.images) checkImageMode(parsed, steps, [...basePath, 'steps'], diagnostics);
  if (doc.memory && profile) checkMemory(parsed, doc.memory, profile, [...basePath, 'memory'], diagnostics);
  if (doc.images && profile) {
    const names = new Set<string>();
    doc.images.forEach((img, i) => {
      if (names.has(img.name)) diagnostics.push(diagnosticAt(parsed, [...basePath, 'images', i, 'name'], t('scenario.load.duplicateImage', { name: img.name })));
      names.add(img.name);
      checkMemory(parsed, img, profile, [...basePath, 'images', i], diagnostics);
    });
    if (doc.memory) diagnostics.push(diagnosticAt(parsed, [...basePath, 'images'], t('scenario.load.memoryOrImages')));
    steps?.forEach((s, i) => {
      if (s.op === 'translate' && typeof s.args.image === 'string' && !names.has(s.args.image))
        diagnostics.push(diagnosticAt(parsed, s.path ?? [...basePath, 'steps', i, 'translate', 'image'], t('scenario.load.noImage', { name: String(s.args.image) }), { hint: t('scenario.load.imagesHint', { names: [...names].join(', ') }) }));
    });
  }
  if (doc.files) checkFiles(parsed, doc.files, [...basePath, 'files'], diagnostics);
  if (steps && profile) checkNames(parsed, steps, profile, [...basePath, 'steps'], diagnostics, doc.files?.map((f) => f.name) ?? []);
  if (diagnostics.some((d) => d.severity === 'error') || !profile || !steps) return { scenario: null, profile, diagnostics };
  const scenario: Scenario = {
    title: doc.title,
    description: doc.description,
    machine: doc.machine,
    seed: doc.seed ?? 1,
    kernel: doc.kernel ?? {},
    files: doc.files ?? [],
    memory: doc.memory,
    images: doc.images,
    steps,
  };
  return { scenario, profile, diagnostics };
}

/** Build the profile a `machine:` field names; problems are reported against that field. */
export function resolveProfile(machine: Scenario['machine'], parsed: ParsedYaml, path: (string | number)[], out: Diagnostic[], imageOnly = false): MachineProfile | null {
  let profile: MachineProfile;
  if (typeof machine === 'string') {
    const base = BUILTIN_PROFILES[machine];
    if (!base) {
      const hint = didYouMean(machine, PROFILE_IDS);
      out.push(diagnosticAt(parsed, path, t('scenario.load.unknownMachine', { name: machine }), { hint: hint ? didYouMeanHint(hint) : t('scenario.load.builtinMachines', { ids: PROFILE_IDS.join(', ') }) }));
      return null;
    }
    profile = structuredClone(base);
  } else if ('base' in machine && typeof machine.base === 'string') {
    const base = BUILTIN_PROFILES[machine.base];
    if (!base) {
      const hint = didYouMean(machine.base, PROFILE_IDS);
      out.push(diagnosticAt(parsed, [...path, 'base'], t('scenario.load.unknownMachine', { name: machine.base }), { hint: hint ? didYouMeanHint(hint) : t('scenario.load.builtinMachines', { ids: PROFILE_IDS.join(', ') }) }));
      return null;
    }
    const { base: _base, ...over } = machine as Record<string, unknown>;
    const merged = structuredClone(base) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(over)) {
      if (v === undefined) continue;
      if ((k === 'pte' || k === 'tlb' || k === 'layout') && v && typeof v === 'object') merged[k] = { ...(merged[k] as object), ...(v as object) };
      else merged[k] = v;
    }
    merged.id = (over.id as string) ?? `${base.id}-custom`;
    profile = merged as unknown as MachineProfile;
  } else {
    profile = { id: 'custom', name: t('scenario.load.customMachine'), description: '', ...(machine as object) } as MachineProfile;
  }
  // Sizes changed without a layout (or a whole machine given without one): derive a layout
  // from the sizes instead of refusing a machine whose base layout no longer fits.
  if (machine !== null && typeof machine === 'object') {
    const over = machine as Record<string, unknown>;
    const resized = ['vaBits', 'pageBits', 'levels', 'canonical'].some((k) => over[k] !== undefined);
    if (!profile.layout || (resized && over.layout === undefined)) profile.layout = defaultLayout(profile, profile.layout ? profile.layout.kernelBase !== null : false);
  }
  // A canonical machine's layout may be written with real (sign-extended) addresses.
  if (profile.canonical && profile.layout) {
    const L = profile.layout as unknown as Record<string, number | null>;
    for (const k of ['codeBase', 'stackTop', 'mmapTop', 'kernelBase']) {
      const v = L[k];
      if (typeof v === 'number' && v < 0) L[k] = machineAddress(profile, v) ?? v;
    }
  }
  // A memory-image exercise runs no process, so the layout does not matter there.
  const problems = checkProfile(profile).filter((p) => !(imageOnly && p.path.startsWith('layout')));
  for (const p of problems) {
    const sub = p.path.split(/[.[\]]/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    out.push(diagnosticAt(parsed, [...path, ...sub], t('scenario.load.machineProblem', { path: p.path, message: p.message })));
  }
  return problems.length ? null : profile;
}

function checkSteps(parsed: ParsedYaml, raw: unknown[], path: (string | number)[], out: Diagnostic[]): Step[] | null {
  const steps: Step[] = [];
  const ok = collectSteps(parsed, raw, path, out, steps, '', path);
  if (steps.length > MAX_EXPANDED_STEPS) {
    out.push(diagnosticAt(parsed, path, t('scenario.load.tooManySteps', { n: steps.length, limit: MAX_EXPANDED_STEPS }), { hint: t('scenario.load.tooManyStepsHint') }));
    return null;
  }
  return ok ? steps : null;
}

/** Check `raw` and append its steps to `steps`, unrolling `repeat` (labels get `suffix`). */
function collectSteps(parsed: ParsedYaml, raw: unknown[], path: (string | number)[], out: Diagnostic[], steps: Step[], suffix: string, top: (string | number)[]): boolean {
  let ok = true;
  raw.forEach((item, i) => {
    const here = [...path, i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      out.push(diagnosticAt(parsed, here, t('scenario.load.stepNotMapping', { n: String(i + 1), example: 'read: {process: A, addr: 0x1000}' })));
      ok = false;
      return;
    }
    const keys = Object.keys(item);
    if (keys.length !== 1) {
      out.push(
        diagnosticAt(parsed, here, keys.length === 0 ? t('scenario.load.stepEmpty', { n: String(i + 1) }) : t('scenario.load.stepKeys', { n: String(i + 1), count: keys.length, keys: keys.join(', ') }), {
          hint: keys.length > 1 ? t('scenario.load.stepKeysHint', { example: '"- read:\\n    process: A"' }) : undefined,
        }),
      );
      ok = false;
      return;
    }
    const op = keys[0];
    if (!(STEP_OPS as string[]).includes(op)) {
      const hint = didYouMean(op, STEP_OPS);
      out.push(diagnosticAt(parsed, [...here, op], t('scenario.command.unknownOperation', { op }), { key: true, hint: hint ? didYouMeanHint(hint) : t('scenario.load.operations', { ops: STEP_OPS.join(', ') }) }));
      ok = false;
      return;
    }
    const schema = StepSchemas[op as StepOp];
    const r = schema.safeParse((item as Record<string, unknown>)[op]);
    if (!r.success) {
      out.push(...zodDiagnostics(parsed, r.error.issues, [...here, op], pickObjectBranch(schema)));
      ok = false;
      return;
    }
    if (op === 'repeat') {
      const { times, steps: inner } = r.data as { times: number; steps: unknown[] };
      for (let k = 1; k <= times && ok; k++) {
        ok = collectSteps(parsed, inner, [...here, op, 'steps'], out, steps, `${suffix}#${k}`, top) && ok;
        if (steps.length > MAX_EXPANDED_STEPS) return;
      }
      return;
    }
    const args = expandShorthand(op as StepOp, r.data);
    if (suffix && typeof args.label === 'string') args.label = `${args.label}${suffix}`;
    if ((op === 'read' || op === 'write' || op === 'fetch') && args.pages !== undefined && args.length !== undefined) {
      out.push(diagnosticAt(parsed, [...here, op, 'length'], t('scenario.load.pagesOrLength')));
      ok = false;
    }
    // A step's position is kept for YAML documents (where the parser has it anyway); in JSON it is found only for messages.
    const pos = parsed.json === undefined ? diagnosticAt(parsed, here, '') : undefined;
    const step: Step = { op: op as StepOp, args, line: pos?.line, col: pos?.col };
    if (path !== top) step.path = here;
    steps.push(step);
  });
  return ok;
}

/** For "did you mean" on unknown keys, the object form of a union step schema. */
function pickObjectBranch(schema: unknown): import('zod').ZodType {
  const def = (schema as { def?: { type?: string; options?: unknown[] } }).def;
  if (def?.type === 'union' && def.options) {
    const obj = def.options.find((o) => (o as { def?: { type?: string } }).def?.type === 'object');
    if (obj) return obj as import('zod').ZodType;
  }
  return schema as import('zod').ZodType;
}

function expandShorthand(op: StepOp, data: unknown): Record<string, unknown> {
  if (op === 'spawn' && typeof data === 'string') return { name: data };
  if (op === 'exit' && typeof data === 'string') return { process: data };
  if (op === 'shm-unlink' && typeof data === 'string') return { name: data };
  if ((op === 'tlb-flush' || op === 'report') && data === null) return {};
  if (op === 'note') return { text: data };
  return data as Record<string, unknown>;
}

const IMAGE_OPS: StepOp[] = ['translate', 'note', 'reference-string'];

function checkImageMode(parsed: ParsedYaml, steps: Step[] | null, path: (string | number)[], out: Diagnostic[]): void {
  steps?.forEach((s, i) => {
    if (!IMAGE_OPS.includes(s.op)) out.push(diagnosticAt(parsed, [...path, i], t('scenario.load.imageOnly', { ops: IMAGE_OPS.join(', '), op: s.op }), { hint: t('scenario.load.imageOnlyHint') }));
    else if (s.op === 'translate' && s.args.process !== undefined)
      out.push(diagnosticAt(parsed, [...path, i, 'translate', 'process'], t('scenario.load.imageNoProcess')));
  });
}

function checkMemory(parsed: ParsedYaml, memory: NonNullable<Scenario['memory']>, profile: MachineProfile, path: (string | number)[], out: Diagnostic[]): void {
  if (memory.ptbr >= profile.physFrames) out.push(diagnosticAt(parsed, [...path, 'ptbr'], t('scenario.load.ptbrBeyond', { pfn: String(memory.ptbr), frames: profile.physFrames })));
  if (!memory.pages && !memory.dump) out.push(diagnosticAt(parsed, path, t('scenario.load.imageNeedsPages')));
  try {
    parseImage(memory, profile);
  } catch (e) {
    const err = e as ImageError;
    out.push(diagnosticAt(parsed, [...path, ...(err.path ?? [])], err.message));
  }
}

class ImageError extends Error {
  constructor(
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
}

/** Physical address → byte, from `pages` (frame → hex) and/or a `dump` text ("page N: hex hex …"). */
export function parseImage(memory: NonNullable<Scenario['memory']>, profile: MachineProfile): Map<number, number> {
  const ps = 2 ** profile.pageBits;
  const image = new Map<number, number>();
  const putPage = (frame: number, bytesHex: string, where: (string | number)[]) => {
    if (frame >= profile.physFrames) throw new ImageError(t('scenario.load.frameBeyond', { pfn: String(frame), frames: profile.physFrames }), where);
    const bytes = bytesHex.trim().split(/[\s,]+/).filter(Boolean);
    if (bytes.length > ps) throw new ImageError(t('scenario.load.frameTooLong', { pfn: String(frame), bytes: bytes.length, pageSize: ps }), where);
    bytes.forEach((b, i) => {
      if (!/^(0x)?[0-9a-fA-F]{1,2}$/.test(b)) throw new ImageError(t('scenario.load.notHexByte', { text: b, pfn: String(frame), index: String(i) }), where);
      image.set(frame * ps + i, parseInt(b.replace(/^0x/, ''), 16));
    });
  };
  for (const [k, bytesHex] of Object.entries(memory.pages ?? {})) putPage(Number(k), bytesHex, ['pages', k]);
  if (memory.dump) {
    memory.dump.split('\n').forEach((line, n) => {
      const text = line.trim();
      if (!text || text.startsWith('#')) return;
      const m = /^page\s+(\d+)\s*:\s*(.*)$/i.exec(text);
      if (!m) throw new ImageError(t('scenario.load.dumpLine', { n: String(n + 1), example: 'page 12: 0a 1b …' }), ['dump']);
      putPage(Number(m[1]), m[2], ['dump']);
    });
  }
  return image;
}

function checkFiles(parsed: ParsedYaml, files: NonNullable<Scenario['files']>, path: (string | number)[], out: Diagnostic[]): void {
  const seen = new Set<string>();
  files.forEach((f, i) => {
    if (seen.has(f.name)) out.push(diagnosticAt(parsed, [...path, i, 'name'], t('scenario.load.duplicateFile', { name: f.name })));
    seen.add(f.name);
    if (f.name.startsWith('shm:')) out.push(diagnosticAt(parsed, [...path, i, 'name'], t('scenario.load.shmPrefix')));
    if (f.content !== undefined && f.bytes !== undefined) out.push(diagnosticAt(parsed, [...path, i], t('scenario.load.contentOrBytes')));
    if (f.bytes !== undefined && !/^[\s0-9a-fA-F]*$/.test(f.bytes)) out.push(diagnosticAt(parsed, [...path, i, 'bytes'], t('scenario.load.bytesHex')));
    if (f.size !== undefined && (f.size < 0 || f.size > 16 * 1024 * 1024)) out.push(diagnosticAt(parsed, [...path, i, 'size'], t('scenario.load.fileSize')));
  });
}

/**
 * Walk the steps in order keeping track of which processes and threads exist, so that a
 * step naming one that does not exist yet is caught before anything runs.
 */
function checkNames(parsed: ParsedYaml, steps: Step[], profile: MachineProfile, path: (string | number)[], out: Diagnostic[], files: string[]): void {
  const processes = new Set<string>();
  const threads = new Set<string>();
  const shm = new Set<string>();
  const labels = new Set<string>();
  // A process's program is a file on the disk from its spawn (or exec) on, so it can be mapped too.
  const programs = new Set<string>();
  const where = (i: number): (string | number)[] => steps[i].path ?? [...path, i];
  const needProcess = (i: number, op: string, field: string, name: unknown) => {
    if (typeof name !== 'string') return;
    if (!processes.has(name)) {
      const hint = didYouMean(name, [...processes]);
      out.push(
        diagnosticAt(parsed, [...where(i), op, field], t('scenario.load.noProcess', { name }), {
          hint: hint ? didYouMeanHint(hint) : processes.size ? t('scenario.load.processesSoFar', { names: [...processes].join(', ') }) : t('scenario.load.spawnFirst'),
        }),
      );
    }
  };
  const needThread = (i: number, op: string, name: unknown) => {
    if (typeof name !== 'string') return;
    if (!threads.has(name)) {
      const hint = didYouMean(name, [...threads]);
      out.push(diagnosticAt(parsed, [...where(i), op, 'thread'], t('scenario.load.noThread', { name }), { hint: hint ? didYouMeanHint(hint) : t('scenario.load.threadsSoFar', { names: [...threads].join(', ') || t('scenario.diag.none') }) }));
    }
  };
  const declare = (i: number, op: string, field: string, name: string, kind: 'process' | 'thread') => {
    if (threads.has(name) || processes.has(name)) out.push(diagnosticAt(parsed, [...where(i), op, field], t('scenario.load.nameTaken', { name, by: processes.has(name) ? 'process' : 'thread' })));
    if (kind === 'process') processes.add(name);
    threads.add(name);
  };
  steps.forEach((s, i) => {
    const a = s.args;
    const key = s.op === 'spawn' && typeof parsed.value === 'object' ? s.op : s.op;
    if (typeof a.label === 'string') {
      if (labels.has(a.label)) out.push(diagnosticAt(parsed, [...where(i), key, 'label'], t('scenario.load.duplicateLabel', { label: a.label })));
      labels.add(a.label);
    }
    if (typeof a.cpu === 'number' && a.cpu >= profile.cpus) out.push(diagnosticAt(parsed, [...where(i), key, 'cpu'], t('scenario.load.noCpu', { cpu: String(a.cpu), count: profile.cpus })));
    if (typeof a.node === 'number' && a.node >= (profile.numa?.nodes.length ?? 1))
      out.push(diagnosticAt(parsed, [...where(i), key, 'node'], t('scenario.load.noNode', { node: String(a.node), count: profile.numa?.nodes.length ?? 1 })));
    if (typeof a.frame === 'number' && a.frame >= profile.physFrames)
      out.push(diagnosticAt(parsed, [...where(i), key, 'frame'], t('scenario.sim.noSuchFrame', { pfn: String(a.frame), frames: profile.physFrames })));
    // On canonical machines any 64-bit address is accepted: a non-canonical one faults when run.
    if (typeof a.addr === 'number' && !profile.canonical && (a.addr < 0 || a.addr >= 2 ** profile.vaBits) && s.op !== 'translate')
      out.push(diagnosticAt(parsed, [...where(i), key, 'addr'], t('scenario.load.addressOutside', { addr: hex(a.addr), bits: String(profile.vaBits), top: hex(2 ** profile.vaBits - 1) })));
    switch (s.op) {
      case 'spawn':
        declare(i, key, 'name', a.name as string, 'process');
        if (a.layout !== 'empty') programs.add((a.program as string | undefined) ?? (a.name as string));
        break;
      case 'fork':
        needProcess(i, key, 'parent', a.parent);
        if (a.thread !== undefined) needThread(i, key, a.thread);
        declare(i, key, 'child', a.child as string, 'process');
        break;
      case 'thread':
        needProcess(i, key, 'process', a.process);
        declare(i, key, 'name', a.name as string, 'thread');
        break;
      case 'read':
      case 'write':
      case 'fetch':
      case 'switch':
        if ((a.process === undefined) === (a.thread === undefined)) out.push(diagnosticAt(parsed, [...where(i), key], t('scenario.load.processOrThread', { op: s.op })));
        needProcess(i, key, 'process', a.process);
        needThread(i, key, a.thread);
        break;
      case 'brk':
        needProcess(i, key, 'process', a.process);
        if ((a.to === undefined) === (a.grow === undefined)) out.push(diagnosticAt(parsed, [...where(i), key], t('scenario.load.toOrGrow')));
        break;
      case 'munmap':
      case 'mprotect':
        needProcess(i, key, 'process', a.process);
        if (a.area === undefined && (a.addr === undefined || a.length === undefined))
          out.push(diagnosticAt(parsed, [...where(i), key], t('scenario.load.areaOrRange', { op: s.op })));
        break;
      case 'mmap':
        needProcess(i, key, 'process', a.process);
        if (typeof a.file === 'string' && !files.includes(a.file) && !programs.has(a.file))
          out.push(
            diagnosticAt(parsed, [...where(i), key, 'file'], t('scenario.load.noFile', { name: a.file }), {
              hint: files.length || programs.size ? t('scenario.load.filesHint', { names: [...files, ...[...programs].map((p) => t('scenario.load.programFile', { name: p }))].join(', ') }) : t('scenario.load.declareFile'),
            }),
          );
        break;
      case 'shm-create':
        shm.add(a.name as string);
        break;
      case 'shm-map':
        needProcess(i, key, 'process', a.process);
        if (!shm.has(a.name as string)) out.push(diagnosticAt(parsed, [...where(i), key, 'name'], t('scenario.load.noShm', { name: String(a.name) }), { hint: t('scenario.load.shmCreateFirst') }));
        break;
      case 'move':
        needThread(i, key, a.thread);
        break;
      case 'exec':
        needProcess(i, key, 'process', a.process);
        programs.add(a.program as string);
        break;
      case 'translate':
      case 'exit':
      case 'map':
      case 'populate':
      case 'numa-policy':
      case 'migrate':
        needProcess(i, key, 'process', a.process);
        break;
      default:
        break;
    }
  });
}
