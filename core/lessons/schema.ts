/*
 * The lesson-pack format as zod schemas: the manifest (`pack.yaml`) and one lesson file.
 * docs/authoring.md explains every field; `docs/lesson-pack.schema.json` is generated
 * from these schemas by `lessonPackJsonSchema()` (a test fails when it is stale).
 *
 * What the schemas check is the *shape*. Everything that needs the simulator or other
 * files (scenario steps, process names, quiz answers, Markdown, assets) is checked by
 * load.ts and validate.ts, with positions.
 *
 * Values inside `setup` and `observe` may be templates ("{{hex addr}}"), so their schemas
 * accept a template string wherever they accept a number; the real check happens after
 * the template is filled in, for every instance.
 */
import { ROLLUP_FIELDS, SMAPS_FIELDS } from '../sim/accounting.ts';
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import '../i18n/zod.ts';
import { isReservedName } from '../records.ts';
import { FileSchema, Int, MachineSchema, ImagesSchema, MemorySchema, scenarioJsonSchema } from '../scenario/schema.ts';

const TemplateText = z.string().regex(/\{\{.*\}\}/s, { error: () => t('validator.schema.template', { example: '{{hex addr}}' }) });
/** A value, or a template that gives one. */
const Tpl = <T extends z.ZodType>(s: T) => z.union([s, TemplateText]);

// Names such as "constructor" or "toString" are refused as ids and parameter names (see core/records.ts).
const notReserved = (s: string) => !isReservedName(s);
const reservedMessage = (input: unknown, what: 'id' | 'packId' | 'param') => t('validator.schema.reserved', { name: String(input), what });

export const PACK_ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*$/;
const Semver = z.string().regex(/^\d+\.\d+\.\d+$/, { error: () => t('validator.schema.version') });
const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: () => t('validator.schema.id') })
  .refine(notReserved, { error: (issue) => reservedMessage(issue.input, 'id') });
const Markdown = (what: string) => z.string().max(50_000).describe(`${what} (Markdown; no raw HTML, images only from assets/)`);

export const ManifestSchema = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(PACK_ID, { error: () => t('validator.schema.packId') })
      .refine(notReserved, { error: (issue) => reservedMessage(issue.input, 'packId') })
      .describe('Unique pack id'),
    title: z.string().min(1).max(120),
    version: Semver.describe('Version of this pack'),
    authors: z.array(z.string().min(1).max(120)).min(1).max(50),
    license: z.string().min(1).max(120).describe('An SPDX licence id (CC-BY-4.0, MIT) or a short licence name'),
    language: z.string().regex(/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: () => t('validator.schema.language') }).describe('BCP 47 language tag'),
    description: Markdown('Shown in the library'),
    minAppVersion: Semver.describe('Oldest Pagewalk version that can play this pack'),
    lessons: z
      .array(z.string().min(1).max(200).regex(/^[^\\:*?"<>|]+\.(ya?ml|json)$/, { error: () => t('validator.schema.lessonPath') }))
      .min(1)
      .max(500)
      .describe('Lesson files in the order learners see them, relative to the pack folder'),
  })
  .describe('Lesson-pack manifest (pack.yaml)');

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const COMPLETION_RULES = ['last-step', 'quizzes-correct', 'quizzes-mastered'] as const;
export const QUIZ_KINDS = ['choice', 'yesno', 'number', 'address', 'sequence', 'pick', 'order'] as const;

/** Observations about one memory access (they take `access`). */
export const ACCESS_OBSERVATION_NAMES = [
  'physical-address',
  'frame',
  'value',
  'tlb',
  'faults',
  'fault-cause',
  'fault-level',
  'fault-resolution',
  'segfault',
  'node',
  'cost',
  'remote',
  'evicted-page',
  'evicted-frame',
  'evicted-process',
  'translation-order',
] as const;
/** Observations of the machine's state (after an optional access). */
export const STATE_OBSERVATION_NAMES = ['refcount', 'free-frames', 'rss', 'pss', 'smaps'] as const;
/** Observations of a reference-string experiment (they take `reference`). */
export const REFERENCE_OBSERVATION_NAMES = ['reference-faults', 'reference-hits', 'reference-sequence', 'reference-evictions'] as const;

/** What a quiz can observe; see observe.ts for how each is measured. */
/** Observations of an experiment's curve (core/experiments): the engine runs the sweep and reads the answer off its table. */
export const CURVE_OBSERVATION_NAMES = ['curve-value', 'curve-settles', 'curve-rises'] as const;
export const OBSERVATIONS = [...ACCESS_OBSERVATION_NAMES, 'tlb-sequence', ...STATE_OBSERVATION_NAMES, ...REFERENCE_OBSERVATION_NAMES, ...CURVE_OBSERVATION_NAMES] as const;
export type Observation = (typeof OBSERVATIONS)[number];

const Name = z.string().min(1).max(64);
/** smaps field names as Linux prints them (the rollup-only Pss_Anon, Pss_File, Pss_Shmem included). */
const SMAPS_FIELD_NAMES = [...SMAPS_FIELDS, ...ROLLUP_FIELDS].map(([label]) => label) as [string, ...string[]];
const AccessSchema = z
  .strictObject({
    process: Tpl(Name).optional().describe('Process making the access (its first thread)'),
    thread: Tpl(Name).optional().describe('Thread making the access (instead of process)'),
    addr: Tpl(Int).describe('Virtual address'),
    op: Tpl(z.enum(['read', 'write', 'fetch'])).optional().describe('read (default), write or fetch'),
    value: Tpl(Int).optional().describe('Value written'),
    size: Tpl(z.union([z.literal(1), z.literal(2), z.literal(4)])).optional(),
    mode: Tpl(z.enum(['user', 'kernel'])).optional(),
  })
  .describe('A memory access, as the arguments of a scenario read/write/fetch step');

export const ObserveSchema = z
  .strictObject({
    what: z.enum(OBSERVATIONS).describe('The quantity whose value is the answer'),
    access: AccessSchema.optional(),
    accesses: z.array(AccessSchema).min(1).max(64).optional().describe('tlb-sequence: the accesses, in order'),
    frame: Tpl(Int).optional().describe('refcount: the frame'),
    page: z.strictObject({ process: Tpl(Name), addr: Tpl(Int) }).optional().describe('refcount: the frame mapped at this page'),
    process: Tpl(Name).optional().describe('rss / pss: the process'),
    unit: z.enum(['pages', 'bytes', 'KiB']).optional().describe('rss / pss / smaps: unit of the answer (default pages)'),
    field: z.enum(SMAPS_FIELD_NAMES).optional().describe('smaps: the field, as /proc/PID/smaps prints it (Rss, Pss, Shared_Dirty, Anonymous, Swap, …)'),
    area: Tpl(Name).optional().describe('smaps: the memory area (its name); without it, the smaps_rollup total of the process'),
    reference: z
      .strictObject({
        pages: z.union([z.array(Tpl(z.number().int().min(0))).min(1).max(1000), TemplateText]),
        frames: Tpl(z.number().int().min(1).max(1024)),
        policy: Tpl(z.enum(['fifo', 'lru', 'mru', 'opt', 'clock', 'random'])),
      })
      .optional()
      .describe('reference-*: a reference-string experiment'),
    experiment: z.record(z.string(), z.unknown()).optional().describe('curve-*: an experiment document (docs/experiments.md), run by the engine to draw the curve'),
    series: z.string().min(1).max(100).optional().describe('curve-*: which curve (a policy such as fifo, an associativity such as 4-way, a machine and layout such as "x86-64 sparse"); default the first'),
    measure: z.string().min(1).max(64).optional().describe("curve-*: the column on the y axis (faults, hit_rate, table_frames, …); default the experiment's first measure"),
    x: Tpl(z.number()).optional().describe('curve-value: where on the x axis to read the curve'),
  })
  .describe('What to observe: the engine computes the answer by running the simulation');

const Scalar = z.union([z.number(), z.string().max(200), z.boolean()]);

export const ParamSchema = z.union([
  z.strictObject({ range: z.tuple([Int, Int]).describe('[lowest, highest], both included'), step: Int.optional().describe('Distance between values (default 1)') }),
  z.strictObject({ choice: z.array(Scalar).min(1).max(1000).describe('One of these values') }),
  z.strictObject({ expr: z.string().min(1).max(500).describe('Computed from earlier parameters, e.g. "page * pageSize + offset"') }),
]);

export const ParamName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What predict mode hides, written by the author (replaces what the engine would choose). */
export const ConcealItemSchema = z.union([
  z.strictObject({ what: z.literal('process-size'), process: Tpl(Name) }).describe("RSS and PSS of the process"),
  z.strictObject({ what: z.literal('free-frames') }).describe('How many frames are free'),
  z.strictObject({ what: z.literal('frame-refs'), frame: Tpl(Int).optional(), page: z.strictObject({ process: Tpl(Name), addr: Tpl(Int) }).optional() }).describe('How many mappings the frame has, and who maps it'),
  z.strictObject({ what: z.literal('tlb'), cpu: Tpl(Int).optional(), process: Tpl(Name).optional() }).describe("A CPU's TLB entries and counters (give the CPU or a process running on it)"),
  z.strictObject({ what: z.literal('walk'), process: Tpl(Name), addr: Tpl(Int) }).describe('The decoded entries on the walk path of this address (raw values stay)'),
  z.strictObject({ what: z.literal('page-tables'), process: Tpl(Name).optional() }).describe("Every table of the process (or of the memory image) as raw bytes only"),
]);

export const QuizSchema = z
  .strictObject({
    id: Id.describe('Unique within the lesson; progress is kept per id'),
    kind: z.enum(QUIZ_KINDS),
    prompt: Markdown('The question, a template'),
    params: z
      .record(
        z
          .string()
          .regex(ParamName, { error: () => t('validator.schema.paramName') })
          .refine(notReserved, { error: (issue) => reservedMessage(issue.input, 'param') }),
        ParamSchema,
      )
      .optional().describe('Random parameters, drawn in order'),
    setup: z.array(z.unknown()).max(200).optional().describe('Scenario steps (templated) applied before observing'),
    observe: ObserveSchema,
    explanation: Markdown('Shown after an answer; a template that can quote simulated values').optional(),
    options: z.array(Scalar).min(2).max(8).optional().describe('choice: the options, written out'),
    distractors: z.number().int().min(1).max(7).optional().describe('choice: how many wrong options to generate from the simulation'),
    yesIf: Scalar.optional().describe('yesno: the answer is yes when the observed value equals this'),
    tolerance: z.number().min(0).optional().describe('number: accept answers within ± this'),
    format: z.enum(['hex', 'dec']).optional().describe('How numbers are shown'),
    optional: z.boolean().optional().describe('Not needed for completing the lesson'),
    mastery: z.number().int().min(1).max(10).optional().describe('Correct answers on distinct instances needed to master the quiz'),
    hints: z.array(z.string().min(1).max(5000).describe('A hint (Markdown; a template)')).min(1).max(3).optional().describe('Up to three graded hints, from a nudge to nearly the answer; learners ask for them one at a time before answering'),
    feedback: z
      .record(z.string().min(1).max(200), z.string().min(1).max(5000).describe('What this answer suggests the learner believes, and why it is not so (Markdown; a template)'))
      .optional()
      .describe('Notes on particular answers (an option, a number, a word), shown when the learner gives that answer: the misconception it stands for'),
    conceal: z.array(ConcealItemSchema).max(32).optional().describe('What predict mode hides while the quiz is unanswered; replaces what the engine chooses from the observation ([] hides nothing)'),
  })
  .describe('A prediction the learner makes; the simulator checks it');

export const FocusSchema = z
  .strictObject({
    processes: z.array(Name).max(64).optional(),
    levels: z.array(z.number().int().min(0).max(7)).max(8).optional().describe('Page-table levels to expand (0 = root)'),
    frames: z.array(z.number().int().min(0)).max(256).optional(),
    tlb: z.boolean().optional(),
    translate: z.strictObject({ process: Name, addr: Int }).optional().describe('Translation path to animate'),
  })
  .describe('What the graph brings forward');

export const LessonStepSchema = z.strictObject({
  title: z.string().min(1).max(120),
  text: Markdown('The narrative').optional(),
  run: z.array(z.unknown()).max(500).optional().describe('Scenario steps applied when the learner enters this step'),
  focus: FocusSchema.optional(),
  quiz: QuizSchema.optional(),
});

export const LessonSchema = z
  .strictObject({
    id: Id.describe('Unique within the pack'),
    title: z.string().min(1).max(120),
    level: z.enum(LEVELS),
    summary: z.string().min(1).max(500),
    machine: MachineSchema,
    seed: z.number().int().min(0).optional(),
    kernel: z
      .strictObject({
        replacement: z.enum(['fifo', 'lru', 'mru', 'opt', 'clock', 'random']).optional(),
        swapSlots: z.number().int().min(0).max(65536).optional(),
        asid: z.boolean().optional(),
        zeroPage: z.boolean().optional().describe('Map reads of untouched private anonymous pages to the shared zero page'),
      })
      .optional(),
    files: z.array(FileSchema).max(64).optional(),
    memory: MemorySchema.optional(),
    images: ImagesSchema.optional(),
    completion: z.enum(COMPLETION_RULES).optional().describe('When the lesson counts as complete'),
    steps: z.array(LessonStepSchema).min(1).max(200),
    recap: Markdown('A short recap of what the lesson taught, shown on its last step').optional(),
  })
  .describe('One lesson of a pack');

export type Manifest = z.output<typeof ManifestSchema>;
export type LessonDoc = z.output<typeof LessonSchema>;
export type QuizDoc = z.output<typeof QuizSchema>;
export type ObserveDoc = z.output<typeof ObserveSchema>;
export type ParamDoc = z.output<typeof ParamSchema>;
export type CompletionRule = (typeof COMPLETION_RULES)[number];

/**
 * JSON Schema for editors: a file is either a manifest or a lesson. Scenario steps in
 * `run` get the scenario format's step forms; `setup` items only their outline, because
 * templates stand where numbers go.
 */
export function lessonPackJsonSchema(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const;
  const strip = (s: Record<string, unknown>) => {
    delete s.$schema;
    return s;
  };
  const manifest = strip(z.toJSONSchema(ManifestSchema, opts) as Record<string, unknown>);
  const lesson = strip(z.toJSONSchema(LessonSchema, opts) as Record<string, unknown>);
  const scenario = scenarioJsonSchema() as { properties: { steps: { items: unknown } } };
  const stepProps = ((lesson.properties as Record<string, { items: { properties: Record<string, Record<string, unknown>> } }>).steps.items.properties);
  stepProps.run = { type: 'array', description: stepProps.run.description, items: { $ref: '#/$defs/scenarioStep' } };
  const quizProps = (stepProps.quiz as { properties: Record<string, Record<string, unknown>> }).properties;
  quizProps.setup = {
    type: 'array',
    description: quizProps.setup.description,
    items: { type: 'object', minProperties: 1, maxProperties: 1, description: 'A scenario step; values may be templates such as "{{hex addr}}"' },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://pagewalk.invalid/lesson-pack.schema.json',
    title: 'Pagewalk lesson pack (pack.yaml or a lesson file)',
    oneOf: [{ $ref: '#/$defs/manifest' }, { $ref: '#/$defs/lesson' }],
    $defs: { manifest, lesson, scenarioStep: scenario.properties.steps.items },
  };
}
