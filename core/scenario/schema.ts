/*
 * The scenario document: a machine plus an ordered list of steps. Lessons embed these
 * steps, the sandbox records them, the CLI runs them and tests assert on them.
 *
 *   machine:  a built-in profile id, or { base: ID, ...overrides }, or a whole profile
 *   seed:     makes random replacement, random TLB replacement and quiz parameters repeatable
 *   kernel:   { replacement, swapSlots, asid, zeroPage }
 *   files:    files on the simulated disk, for mmap
 *   memory:   a raw memory image and page-table base register, for translation exercises
 *   steps:    each step is a one-key mapping: `- read: { process: A, addr: 0x1000 }`
 *
 * The zod schemas here are the single source of truth: the loader validates with them
 * and `docs/scenario.schema.json` is generated from them (tests fail if it is stale).
 */
import { z } from 'zod';
import { t } from '../i18n/index.ts';
// zod's own wording ("Invalid input: expected number") follows the learner's language too.
import '../i18n/zod.ts';

/** An integer, or a string in hex (0x…), binary (0b…) or decimal. */
export const Int = z
  .union([z.number().int(), z.string().regex(/^\s*(0x[0-9a-fA-F_]+|0b[01_]+|[0-9_]+)\s*$/, { error: () => t('scenario.schema.int') })])
  .transform((v) => (typeof v === 'number' ? (v >= 2 ** 63 && v < 2 ** 64 ? v - 2 ** 64 : v) : parseIntLiteral(v)));

export function parseIntLiteral(s: string): number {
  const t = s.trim().replace(/_/g, '').toLowerCase();
  const negative = t.startsWith('-');
  const body = negative ? t.slice(1) : t;
  if (!/^(0x[0-9a-f]+|0b[01]+|\d+)$/.test(body)) return NaN;
  const big = BigInt(body);
  return negative ? -Number(big) : fromUnsigned64(big);
}

/**
 * A 64-bit address as a number: values from 2^63 up are read as two's complement, so the
 * x86-64 kernel half (0xffff800000000000…) becomes an exact negative number (-2^47…).
 * Canonical addresses of 48- and 39-bit machines are therefore always exact.
 */
export function fromUnsigned64(v: bigint): number {
  if (v >= 2n ** 63n && v < 2n ** 64n) return Number(v - 2n ** 64n);
  return Number(v);
}

const Addr = Int.describe('A virtual or physical address: 4096, 0x1000 or 0b1000000000000');
const Name = z.string().min(1).max(64).regex(/^[A-Za-z_][A-Za-z0-9_.\-]*$/, { error: () => t('scenario.schema.name') });
const Perms = z.string().regex(/^(r?w?x?|-+|[r-][w-][x-])$/, { error: () => t('scenario.schema.perms') }).describe('Permissions: any of r, w, x ("rw", "r-x", "rx")');
const Label = z.string().min(1).max(64).optional().describe('A name for this step, so lessons and tests can refer to its result');
const Policy = z.enum(['fifo', 'lru', 'mru', 'opt', 'clock', 'random']);
/** Reference-string experiments also know UNOPT and the two variants of OSTEP's paging-policy.py. */
const ReferencePolicy = z.enum(['fifo', 'lru', 'mru', 'opt', 'unopt', 'clock', 'random', 'ostep-clock', 'ostep-rand']);
/** Most references one reference-string step may hold (a JSON document of this size is about 80 MB). */
export const MAX_SCENARIO_REFERENCES = 10_000_000;

/** Who performs an access: a process (its main thread) or a named thread. */
const Actor = {
  process: Name.optional().describe('Process doing it (its first thread)'),
  thread: Name.optional().describe('Thread doing it (instead of process)'),
};

/** Most accesses one range step may make (its work budget). */
export const MAX_RANGE_ACCESSES = 65536;
/** Most steps a document may hold once its `repeat` steps are unrolled. */
export const MAX_EXPANDED_STEPS = 100000;

const accessArgs = {
  ...Actor,
  addr: Addr,
  pages: z.number().int().min(1).max(MAX_RANGE_ACCESSES).optional().describe('Range: access this many pages, one access per page from addr (or per stride)'),
  length: Int.optional().describe('Range: access every stride (default: every page) of the bytes [addr, addr+length)'),
  stride: Int.optional().describe('Range: bytes between two accesses (default: the page size)'),
  size: z.union([z.literal(1), z.literal(2), z.literal(4)]).optional().describe('Bytes accessed: 1 (default), 2 or 4'),
  mode: z.enum(['user', 'kernel']).optional().describe('CPU mode: user (default) or kernel'),
  label: Label,
};

export const StepSchemas = {
  spawn: z
    .union([
      Name,
      z.strictObject({
        name: Name,
        program: Name.optional().describe('Program file to run (default: the process name); processes running the same program share its code frames'),
        layout: z.enum(['standard', 'empty']).optional().describe('standard: code, data, heap, stack (default); empty: nothing but the kernel'),
        cpu: z.number().int().min(0).optional(),
        label: Label,
      }),
    ])
    .describe('Create a process'),
  read: z.strictObject(accessArgs).describe('Load from a virtual address'),
  write: z.strictObject({ ...accessArgs, value: Int.optional().describe('Value stored (default 0)') }).describe('Store to a virtual address'),
  fetch: z.strictObject(accessArgs).describe('Instruction fetch (execute access) from a virtual address'),
  fork: z
    .strictObject({ parent: Name, child: Name, thread: Name.optional().describe('Forking thread (default: the parent\'s first)'), label: Label })
    .describe('fork(): copy the parent (copy-on-write)'),
  exec: z.strictObject({ process: Name, program: Name, label: Label }).describe('exec(): replace the program'),
  exit: z.union([Name, z.strictObject({ process: Name, label: Label })]).describe('The process ends'),
  thread: z.strictObject({ process: Name, name: Name, cpu: z.number().int().min(0).optional(), label: Label }).describe('A new thread in a process'),
  brk: z
    .strictObject({ process: Name, to: Addr.optional().describe('New program break'), grow: Int.optional().describe('Bytes to add (negative to shrink)'), label: Label })
    .describe('Move the program break (heap end)'),
  mmap: z
    .strictObject({
      process: Name,
      name: Name.optional().describe('Name for the new area, for later steps'),
      addr: Addr.optional().describe('Fixed address (default: the kernel chooses)'),
      length: Int,
      perms: Perms.optional(),
      file: z.string().min(1).optional().describe('File to map (default: anonymous memory)'),
      offset: Int.optional(),
      shared: z.boolean().optional().describe('MAP_SHARED (true) or MAP_PRIVATE (false, default)'),
      label: Label,
    })
    .describe('Map a new memory area'),
  munmap: z.strictObject({ process: Name, addr: Addr.optional(), length: Int.optional(), area: z.string().optional().describe('Unmap a whole area by name'), label: Label }).describe('Unmap a range'),
  mprotect: z.strictObject({ process: Name, addr: Addr.optional(), length: Int.optional(), area: z.string().optional(), perms: Perms, label: Label }).describe('Change permissions'),
  'shm-create': z.strictObject({ name: Name, size: Int, label: Label }).describe('Create a shared-memory object'),
  'shm-map': z
    .strictObject({ process: Name, name: Name, addr: Addr.optional(), perms: Perms.optional(), area: Name.optional().describe('Name for the new area'), label: Label })
    .describe('Map a shared-memory object into a process'),
  'shm-unlink': z.union([Name, z.strictObject({ name: Name, label: Label })]).describe('Remove a shared-memory object\'s name'),
  map: z
    .strictObject({
      process: Name,
      addr: Addr,
      pages: z.number().int().min(1).max(4096).optional(),
      perms: Perms.optional(),
      frame: z.number().int().min(0).optional().describe('Put the first page in this physical frame (the rest follow in order)'),
      name: Name.optional(),
      label: Label,
    })
    .describe('Create an anonymous area and make its pages resident at once (teaching shortcut)'),
  populate: z.strictObject({ process: Name, addr: Addr, frame: z.number().int().min(0).optional(), label: Label }).describe('Make one page resident now, optionally in a chosen frame'),
  switch: z.strictObject({ ...Actor, label: Label }).describe('Context switch: run this thread on its CPU'),
  move: z.strictObject({ thread: Name, cpu: z.number().int().min(0), label: Label }).describe('Move a thread to another CPU'),
  'tlb-flush': z.union([z.null(), z.strictObject({ cpu: z.number().int().min(0).optional(), label: Label })]).describe('Flush TLBs (all CPUs by default)'),
  'numa-policy': z
    .strictObject({ process: Name, policy: z.enum(['first-touch', 'interleave', 'bind']), nodes: z.array(z.number().int().min(0)).optional(), label: Label })
    .describe('Set a process\'s NUMA allocation policy'),
  migrate: z.strictObject({ process: Name, addr: Addr, node: z.number().int().min(0), label: Label }).describe('Move a page to another NUMA node'),
  translate: z
    .strictObject({ process: Name.optional(), addr: Addr, image: Name.optional().describe('With several memory images: the one to walk (default: the first)'), label: Label })
    .describe('Look up an address without side effects (with a memory image: walk it from the base register)'),
  'reference-string': z
    .strictObject({
      pages: z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1).max(MAX_SCENARIO_REFERENCES),
      frames: z.number().int().min(1).max(65536),
      policy: ReferencePolicy,
      random: z.enum(['pagewalk', 'python']).optional().describe('Generator for random choices: Pagewalk\'s own (default) or Python\'s random, to draw what an OSTEP homework run with the same seed draws'),
      'opt-ties': z.enum(['lowest-slot', 'ostep']).optional().describe('OPT/UNOPT among pages never used again: evict the lowest slot (default) or as paging-policy.py does (OPT: the latest loaded; UNOPT: the earliest)'),
      'clock-bits': z.number().int().min(0).max(64).optional().describe('ostep-clock: cap of each page\'s use counter (paging-policy.py -b, default 2)'),
      history: z.boolean().optional().describe('false: keep only the counts (for very long strings)'),
      label: Label,
    })
    .describe('Page-replacement experiment on a list of page numbers'),
  repeat: z
    .strictObject({
      times: z.number().int().min(1).max(10000).describe('How many times'),
      steps: z.array(z.unknown()).min(1).max(1000).describe('The steps to repeat, in order (labels inside get #1, #2, … appended)'),
    })
    .describe('Repeat some steps (unrolled when the document is loaded; at most 100000 steps in all)'),
  'kernel-option': z
    .strictObject({ zeroPage: z.boolean().optional().describe('Turn the shared zero page on or off from here on'), label: Label })
    .describe('Change a kernel option in the middle of a run'),
  report: z
    .union([
      z.null(),
      z.strictObject({
        process: Name.optional().describe('Only this process (default: every live process)'),
        smaps: z.boolean().optional().describe('Also print each area\'s smaps (the reading always holds them)'),
        label: Label,
      }),
    ])
    .describe('Take a reading now: free frames, statistics, TLBs, and per process RSS, PSS, smaps and smaps_rollup'),
  note: z.string().describe('A comment that appears in the trace'),
} as const;

export type StepOp = keyof typeof StepSchemas;
export const STEP_OPS = Object.keys(StepSchemas) as StepOp[];

const PteLayoutSchema = z.strictObject({
  bytes: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
  valid: z.number().int(),
  read: z.number().int().optional(),
  write: z.number().int().optional(),
  exec: z.number().int().optional(),
  noExec: z.number().int().optional(),
  user: z.number().int().optional(),
  accessed: z.number().int().optional(),
  dirty: z.number().int().optional(),
  global: z.number().int().optional(),
  cow: z.number().int().optional(),
  pfnShift: z.number().int(),
  pfnBits: z.number().int(),
});

const LayoutSchema = z.strictObject({
  codeBase: Int,
  codePages: z.number().int().min(0),
  dataPages: z.number().int().min(0),
  heapPages: z.number().int().min(0),
  stackTop: Int,
  stackPages: z.number().int().min(1),
  stackMaxPages: z.number().int().min(1),
  mmapTop: Int,
  kernelBase: z.union([Int, z.null()]),
  kernelPages: z.number().int().min(0),
});

const ProfileFields = {
  id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  vaBits: z.number().int(),
  canonical: z.boolean().optional().describe('64-bit canonical addresses (x86-64, Sv39): bits 63..vaBits-1 equal; the kernel in the upper half; others fault'),
  pageBits: z.number().int(),
  levels: z.array(z.number().int()).min(1),
  pte: PteLayoutSchema,
  leafRule: z.enum(['last-level', 'riscv']),
  hierarchicalPermissions: z.boolean(),
  physFrames: z.number().int(),
  reservedFrames: z.number().int().min(0),
  tlb: z.strictObject({ entries: z.number().int().min(0), ways: z.number().int().min(1), policy: z.enum(['lru', 'fifo', 'random']), asid: z.boolean() }),
  cpus: z.number().int().min(1),
  numa: z.union([
    z.null(),
    z.strictObject({
      nodes: z.array(z.strictObject({ cpus: z.array(z.number().int().min(0)), frames: z.number().int().min(1) })).min(1),
      distance: z.array(z.array(z.number().min(1))),
    }),
  ]),
  layout: LayoutSchema.optional().describe('Where a new process\'s areas go (default: derived from the sizes)'),
  swapSlots: z.number().int().min(0),
  replacement: Policy,
};

export const MachineSchema = z
  .union([
    z.string().describe('A built-in profile: teaching-16, linear-32, tiny-2level, x86-32, sv39, x86-64, numa-2node'),
    z
      .strictObject({
        base: z.string().describe('Built-in profile to start from'),
        ...Object.fromEntries(Object.entries(ProfileFields).map(([k, v]) => [k, (v as z.ZodType).optional()])),
        pte: PteLayoutSchema.partial().optional(),
        tlb: ProfileFields.tlb.partial().optional(),
        layout: LayoutSchema.partial().optional(),
      })
      .describe('A built-in profile with some fields changed'),
    z.strictObject(ProfileFields).describe('A complete machine profile'),
  ])
  .describe('The simulated machine');

export const FileSchema = z.strictObject({
  name: z.string().min(1).max(128),
  size: Int.optional().describe('Size in bytes (default: the length of the content)'),
  content: z.string().max(1_000_000).optional().describe('Text content'),
  bytes: z.string().max(2_000_000).optional().describe('Content as hex bytes: "de ad be ef"'),
});

export const MemorySchema = z
  .strictObject({
    ptbr: z.number().int().min(0).describe('Page-table base register: frame number of the root table'),
    pages: z.record(z.string().regex(/^\d+$/), z.string()).optional().describe('Frame number → its bytes in hex'),
    dump: z.string().optional().describe('Memory dump text, one frame per line: "page 108: 83 fe e0 ..."'),
  })
  .describe('A raw memory image for translation exercises');

export const ImagesSchema = z
  .array(z.strictObject({ name: Name, ...MemorySchema.shape }))
  .min(1)
  .max(64)
  .describe('Several memory images (one per exercise); a translate step names the one it walks');

export const ScenarioSchema = z
  .strictObject({
    title: z.string().optional(),
    description: z.string().optional(),
    machine: MachineSchema,
    seed: z.number().int().min(0).optional(),
    kernel: z
      .strictObject({
        replacement: Policy.optional().describe('Page-replacement policy when memory is full'),
        swapSlots: z.number().int().min(0).max(65536).optional(),
        asid: z.boolean().optional().describe('Tag TLB entries with address-space ids instead of flushing on a context switch'),
        zeroPage: z.boolean().optional().describe('Map reads of never-written private anonymous pages to the shared zero page, as Linux does (default false)'),
      })
      .optional(),
    files: z.array(FileSchema).optional(),
    memory: MemorySchema.optional(),
    images: ImagesSchema.optional(),
    steps: z.array(z.unknown()).describe('Steps, each a one-key mapping such as {read: {process: A, addr: 0x1000}}'),
  })
  .describe('A Pagewalk scenario');

export type ScenarioInput = z.input<typeof ScenarioSchema>;

export interface Step {
  op: StepOp;
  /** Parsed arguments (shorthand forms expanded). */
  args: Record<string, unknown>;
  /** Where the step is in its document, for messages. */
  line?: number;
  col?: number;
  /** Path of the step in its document when it came from a `repeat` (unrolled). */
  path?: (string | number)[];
}

export interface Scenario {
  title?: string;
  description?: string;
  machine: z.output<typeof MachineSchema>;
  seed: number;
  kernel: { replacement?: z.output<typeof Policy>; swapSlots?: number; asid?: boolean; zeroPage?: boolean };
  files: z.output<typeof FileSchema>[];
  memory?: z.output<typeof MemorySchema>;
  /** Named memory images, one per exercise (translate: { image }). */
  images?: (z.output<typeof MemorySchema> & { name: string })[];
  steps: Step[];
}

/** JSON Schema of the scenario format, with the step forms spelled out for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const base = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const stepForms = STEP_OPS.map((op) => {
    const s = z.toJSONSchema(StepSchemas[op], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete s.$schema;
    return { type: 'object', properties: { [op]: s }, required: [op], additionalProperties: false, description: (StepSchemas[op] as z.ZodType).description };
  });
  const props = base.properties as Record<string, Record<string, unknown>>;
  props.steps = { type: 'array', description: props.steps.description, items: { oneOf: stepForms } };
  return { $id: 'https://pagewalk.invalid/scenario.schema.json', title: 'Pagewalk scenario', ...base };
}
