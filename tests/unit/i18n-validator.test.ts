// What a pack author reads from `pagewalk validate` in Spanish, German and Chinese:
// purpose-made broken packs (bad YAML, unknown keys and values, bad templates, unsafe
// Markdown, oversize files, bad archives, zod's own shape checks) run through the CLI's
// own code path (`main(['--lang', …, 'validate', PACK])`), and every message is compared
// whole, with its FILE:LINE:COL position. The same packs in English give the messages
// the validator has always printed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../core/cli/main.ts';
import { setLocale } from '../../core/i18n/index.ts';
import { unpackArchive } from '../../core/lessons/archive.ts';
import { identifyPack } from '../../core/lessons/load.ts';
import { LessonSchema } from '../../core/lessons/schema.ts';
import { MANIFEST } from '../fixtures/packs/helpers.ts';
import { rawZip } from '../fixtures/packs/zip.ts';

type Files = Record<string, string | Uint8Array>;

/** Write a pack folder (or, with a name ending in .pagewalk, one archive file) and return its path. */
function onDisk(files: Files | Uint8Array, name = 'pack'): string {
  const root = mkdtempSync(join(tmpdir(), 'pw-i18n-'));
  const path = join(root, name);
  if (files instanceof Uint8Array) {
    writeFileSync(path, files);
    return path;
  }
  for (const [f, data] of Object.entries(files)) {
    mkdirSync(join(path, f, '..'), { recursive: true });
    writeFileSync(join(path, f), data);
  }
  return path;
}

/** "FILE:LINE:COL: severity: message" without the severity word (core/diag.ts's, not this area's). */
const withoutSeverity = (line: string) => line.replace(/^(.*?:\d+:\d+): [^:]+: /, '$1: ');

/** Run `pagewalk --lang LANG validate PATH --instances 3` in-process; the diagnostics it prints, as "FILE:LINE:COL: message (hint)" (the severity word left out). */
function validate(lang: string, path: string): { code: number; lines: string[] } {
  let stderr = '';
  const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  let code: number;
  try {
    code = main(['--lang', lang, 'validate', path, '--instances', '3']);
  } finally {
    spyErr.mockRestore();
    spyOut.mockRestore();
  }
  const lines = stderr
    .split('\n')
    .filter((l) => l.startsWith(path))
    .map((l) => {
      return withoutSeverity(l.slice(path.length + 1));
    });
  return { code, lines };
}

const LESSON = (steps: string, header = 'machine: teaching-16\n') => `id: l1
title: Test lesson
level: beginner
summary: For tests.
${header}steps:
${steps}`;
const SPAWN = `  - title: Setup
    run:
      - spawn: { name: A, layout: empty, cpu: 0 }
      - map: { process: A, addr: 0x1000, pages: 4, frame: 8 }
`;
const pack = (lesson: string, extra: Files = {}): Files => ({ 'pack.yaml': MANIFEST(['lessons/a.yaml']), 'lessons/a.yaml': lesson, ...extra });

const CASES: Record<string, () => string> = {
  'bad YAML': () => onDisk(pack('- just\n- a list\n')),
  'bad YAML syntax': () => onDisk(pack(LESSON(SPAWN + '  - title: "unclosed\n'))),
  'unknown key': () => onDisk(pack(LESSON(SPAWN + '  - title: Q\n    txt: typo\n'))),
  'unknown keys and values': () =>
    onDisk(
      pack(
        LESSON(
          SPAWN +
            `  - title: Q
    quiz:
      id: q1
      kind: choice
      prompt: Why?
      options: [not-presnt, protection]
      observe: { what: fault-cause, access: { process: A, addr: 0x9000 }, unit: pages }
`,
        ),
      ),
    ),
  'bad templates': () =>
    onDisk(
      pack(
        LESSON(
          SPAWN +
            `  - title: Q
    quiz:
      id: q2
      kind: number
      prompt: "Which frame backs {{hex adr}}?"
      params: { page: { range: [1, 3] }, addr: { expr: "page * 4096 + wat(1)" }, off: { expr: "page +" } }
      observe: { what: frame, access: { process: A, addr: "{{adr}}" } }
      explanation: "It is frame {{frame"
`,
        ),
      ),
    ),
  'bad template shape': () =>
    onDisk(
      pack(
        LESSON(
          SPAWN +
            `  - title: Q
    quiz:
      id: q2
      kind: number
      prompt: Which frame?
      observe: { what: frame, access: { process: A, addr: "{{addr" } }
`,
        ),
      ),
    ),
  'unsafe Markdown': () =>
    onDisk(
      pack(
        LESSON(
          SPAWN +
            `  - title: Read this
    text: |
      See ![](https://example.com/x.png) and [this](javascript:alert(1)).

      <script>alert(1)</script>
`,
        ),
      ),
    ),
  'unsafe Markdown once filled in': () =>
    onDisk(
      pack(
        LESSON(
          SPAWN +
            `  - title: Q
    quiz:
      id: q5
      kind: number
      prompt: "Which frame backs {{hex addr}}?"
      params: { addr: { choice: [0x1000, 0x2000] }, pic: { choice: ["![x](https://example.com/a.png)"] } }
      observe: { what: frame, access: { process: A, addr: "{{addr}}" } }
      explanation: "See {{pic}}"
`,
        ),
      ),
    ),
  'oversize image': () => onDisk(pack(LESSON(SPAWN), { 'assets/big.png': new Uint8Array(2 * 1024 * 1024 + 1) })),
  'oversize lesson': () => onDisk(pack(LESSON(SPAWN) + '#'.repeat(1_000_000))),
  'bad archive': () => onDisk(new TextEncoder().encode('not a zip at all, just text'), 'broken.pagewalk'),
  'unsafe archive entry': () => onDisk(rawZip([{ name: 'pack.yaml', data: MANIFEST(['lessons/a.yaml']) }, { name: '../evil.yaml', data: 'x: 1' }]), 'unsafe.pagewalk'),
  'manifest shape': () => onDisk({ 'pack.yaml': MANIFEST(['lessons/a.yaml']).replace('id: test.pack', 'id: My Pack'), 'lessons/a.yaml': LESSON(SPAWN) }),
  'zod generic issue': () => onDisk(pack(LESSON('  []\n').replace('steps:\n  []', 'steps: []'))),
  'quiz instances': () =>
    onDisk(
      pack(
        LESSON(
          SPAWN +
            `  - title: Q
    quiz:
      id: q3
      kind: number
      prompt: Which frame?
      observe: { what: frame, access: { process: A, addr: 0x1000 } }
  - title: R
    quiz:
      id: q4
      kind: number
      prompt: "Which frame backs {{hex addr}}?"
      params: { page: { range: [0, 2] }, addr: { expr: "4096 // page" } }
      observe: { what: frame, access: { process: A, addr: "{{addr}}" } }
`,
        ),
      ),
    ),
};

/**
 * What each pack prints, per language, in the order the CLI prints it. ⟪*⟫ stands for text
 * another area writes (core/diag.ts's YAML and unknown-key sentences, the player's
 * "no answer" reasons); everything else is this area's and is compared exactly. The
 * English rows are what the validator printed before the conversion, byte for byte.
 */
const EXPECTED: Record<string, Record<'en' | 'es' | 'de' | 'zh-CN', string[]>> = {
  'bad YAML': {
    en: [
      "lessons/a.yaml:1:1: a lesson file must be a mapping with id, title, level, summary, machine and steps",
    ],
    es: [
      "lessons/a.yaml:1:1: un archivo de lección debe ser un mapa con id, title, level, summary, machine y steps",
    ],
    de: [
      "lessons/a.yaml:1:1: eine Lektionsdatei muss eine Zuordnung (Mapping) mit id, title, level, summary, machine und steps sein",
    ],
    'zh-CN': [
      "lessons/a.yaml:1:1: 课程文件必须是包含 id、title、level、summary、machine 和 steps 的映射",
    ],
  },
  'bad YAML syntax': {
    en: [
      "lessons/a.yaml:12:1: YAML: Missing closing \"quote",
    ],
    es: [
      "lessons/a.yaml:12:1: ⟪*⟫",
    ],
    de: [
      "lessons/a.yaml:12:1: ⟪*⟫",
    ],
    'zh-CN': [
      "lessons/a.yaml:12:1: ⟪*⟫",
    ],
  },
  'unknown key': {
    en: [
      "lessons/a.yaml:12:5: unknown key \"txt\" in steps[1] (did you mean \"text\"?)",
    ],
    es: [
      "lessons/a.yaml:12:5: ⟪*⟫",
    ],
    de: [
      "lessons/a.yaml:12:5: ⟪*⟫",
    ],
    'zh-CN': [
      "lessons/a.yaml:12:5: ⟪*⟫",
    ],
  },
  'unknown keys and values': {
    en: [
      "lessons/a.yaml:16:17: quiz \"q1\": \"not-presnt\" is never a value of \"fault-cause\" (did you mean \"not-present\"?)",
      "lessons/a.yaml:17:81: quiz \"q1\": \"unit\" has no meaning for \"fault-cause\"",
    ],
    es: [
      "lessons/a.yaml:16:17: pregunta «q1»: \"not-presnt\" nunca es un valor de «fault-cause» (¿querías decir «not-present»?)",
      "lessons/a.yaml:17:81: pregunta «q1»: «unit» no tiene sentido para «fault-cause»",
    ],
    de: [
      "lessons/a.yaml:16:17: Frage „q1“: \"not-presnt\" ist nie ein Wert von „fault-cause“ (meintest du „not-present“?)",
      "lessons/a.yaml:17:81: Frage „q1“: „unit“ hat für „fault-cause“ keine Bedeutung",
    ],
    'zh-CN': [
      "lessons/a.yaml:16:17: 题目“q1”：\"not-presnt\" 绝不会是“fault-cause”的值 (你是不是想写“not-present”？)",
      "lessons/a.yaml:17:81: 题目“q1”：“unit”对“fault-cause”没有意义",
    ],
  },
  'bad templates': {
    en: [
      "lessons/a.yaml:15:15: quiz \"q2\": the prompt uses \"{{adr}}\", which is not defined (defined here: page, addr, off)",
      "lessons/a.yaml:16:23: quiz \"q2\": parameter \"page\" is never used (use it as {{page}} in the prompt, setup or observe)",
      "lessons/a.yaml:16:48: quiz \"q2\": parameter \"addr\" is never used (use it as {{addr}} in the prompt, setup or observe)",
      "lessons/a.yaml:16:56: quiz \"q2\": bad expression: unknown function \"wat\" (functions: min, max, floor, ceil, abs)",
      "lessons/a.yaml:16:87: quiz \"q2\": parameter \"off\" is never used (use it as {{off}} in the prompt, setup or observe)",
      "lessons/a.yaml:16:95: quiz \"q2\": bad expression: the expression ends too early",
      "lessons/a.yaml:17:59: quiz \"q2\": observe uses \"{{adr}}\", which is not defined (defined here: page, addr, off)",
      "lessons/a.yaml:18:20: quiz \"q2\": the explanation: \"{{\" without a closing \"}}\"",
    ],
    es: [
      "lessons/a.yaml:15:15: pregunta «q2»: el enunciado usa «{{adr}}», que no está definido (definidos aquí: page, addr, off)",
      "lessons/a.yaml:16:23: pregunta «q2»: el parámetro «page» no se usa nunca (úsalo como {{page}} en el enunciado, en setup o en observe)",
      "lessons/a.yaml:16:48: pregunta «q2»: el parámetro «addr» no se usa nunca (úsalo como {{addr}} en el enunciado, en setup o en observe)",
      "lessons/a.yaml:16:56: pregunta «q2»: expresión incorrecta: función desconocida «wat» (funciones: min, max, floor, ceil, abs)",
      "lessons/a.yaml:16:87: pregunta «q2»: el parámetro «off» no se usa nunca (úsalo como {{off}} en el enunciado, en setup o en observe)",
      "lessons/a.yaml:16:95: pregunta «q2»: expresión incorrecta: la expresión termina antes de tiempo",
      "lessons/a.yaml:17:59: pregunta «q2»: observe usa «{{adr}}», que no está definido (definidos aquí: page, addr, off)",
      "lessons/a.yaml:18:20: pregunta «q2»: la explicación: «{{» sin un «}}» que lo cierre",
    ],
    de: [
      "lessons/a.yaml:15:15: Frage „q2“: die Fragestellung verwendet „{{adr}}“, das nicht definiert ist (hier definiert: page, addr, off)",
      "lessons/a.yaml:16:23: Frage „q2“: der Parameter „page“ wird nie verwendet (verwende ihn als {{page}} in der Fragestellung, in setup oder in observe)",
      "lessons/a.yaml:16:48: Frage „q2“: der Parameter „addr“ wird nie verwendet (verwende ihn als {{addr}} in der Fragestellung, in setup oder in observe)",
      "lessons/a.yaml:16:56: Frage „q2“: fehlerhafter Ausdruck: unbekannte Funktion „wat“ (Funktionen: min, max, floor, ceil, abs)",
      "lessons/a.yaml:16:87: Frage „q2“: der Parameter „off“ wird nie verwendet (verwende ihn als {{off}} in der Fragestellung, in setup oder in observe)",
      "lessons/a.yaml:16:95: Frage „q2“: fehlerhafter Ausdruck: der Ausdruck endet zu früh",
      "lessons/a.yaml:17:59: Frage „q2“: observe verwendet „{{adr}}“, das nicht definiert ist (hier definiert: page, addr, off)",
      "lessons/a.yaml:18:20: Frage „q2“: die Erklärung: „{{“ ohne schließendes „}}“",
    ],
    'zh-CN': [
      "lessons/a.yaml:15:15: 题目“q2”：题干用到了“{{adr}}”，但它没有定义 (此处已定义：page, addr, off)",
      "lessons/a.yaml:16:23: 题目“q2”：参数“page”从未使用 (在题干、setup 或 observe 中以 {{page}} 使用它)",
      "lessons/a.yaml:16:48: 题目“q2”：参数“addr”从未使用 (在题干、setup 或 observe 中以 {{addr}} 使用它)",
      "lessons/a.yaml:16:56: 题目“q2”：表达式有误：未知函数“wat”（可用函数：min, max, floor, ceil, abs）",
      "lessons/a.yaml:16:87: 题目“q2”：参数“off”从未使用 (在题干、setup 或 observe 中以 {{off}} 使用它)",
      "lessons/a.yaml:16:95: 题目“q2”：表达式有误：表达式过早结束",
      "lessons/a.yaml:17:59: 题目“q2”：observe 中用到了“{{adr}}”，但它没有定义 (此处已定义：page, addr, off)",
      "lessons/a.yaml:18:20: 题目“q2”：讲解：“{{”缺少对应的“}}”",
    ],
  },
  'bad template shape': {
    en: [
      "lessons/a.yaml:16:59: steps[1].quiz.observe.access.addr: a template such as \"{{hex addr}}\"",
    ],
    es: [
      "lessons/a.yaml:16:59: steps[1].quiz.observe.access.addr: una plantilla como «{{hex addr}}»",
    ],
    de: [
      "lessons/a.yaml:16:59: steps[1].quiz.observe.access.addr: eine Vorlage wie „{{hex addr}}“",
    ],
    'zh-CN': [
      "lessons/a.yaml:16:59: steps[1].quiz.observe.access.addr: 应为模板，例如“{{hex addr}}”",
    ],
  },
  'unsafe Markdown': {
    en: [
      "lessons/a.yaml:13:1: remote image \"https://example.com/x.png\": the app never loads anything from the network (download it into assets/ and refer to assets/name.png)",
      "lessons/a.yaml:13:1: image \"https://example.com/x.png\" has no description (write what it shows between the brackets, for screen-reader users)",
      "lessons/a.yaml:13:1: link \"javascript:alert(1)\" uses a javascript: URL, which is not allowed",
      "lessons/a.yaml:15:1: raw HTML is not allowed in pack text: <script>alert(1)</script> (use Markdown (**bold**, `code`, lists, tables) instead)",
    ],
    es: [
      "lessons/a.yaml:13:1: imagen remota «https://example.com/x.png»: la aplicación nunca carga nada de la red (descárgala en assets/ y enlázala como assets/nombre.png)",
      "lessons/a.yaml:13:1: la imagen «https://example.com/x.png» no tiene descripción (escribe entre los corchetes lo que muestra, para quienes usan lector de pantalla)",
      "lessons/a.yaml:13:1: el enlace «javascript:alert(1)» usa una URL javascript:, que no está permitida",
      "lessons/a.yaml:15:1: en el texto de un paquete no se admite HTML directo: <script>alert(1)</script> (usa Markdown en su lugar (**negrita**, `código`, listas, tablas))",
    ],
    de: [
      "lessons/a.yaml:13:1: entferntes Bild „https://example.com/x.png“: Die App lädt nie etwas aus dem Netz (lade es nach assets/ herunter und verweise auf assets/name.png)",
      "lessons/a.yaml:13:1: das Bild „https://example.com/x.png“ hat keine Beschreibung (schreib zwischen die eckigen Klammern, was es zeigt – für alle, die einen Screenreader nutzen)",
      "lessons/a.yaml:13:1: der Link „javascript:alert(1)“ verwendet eine javascript:-URL, und die ist nicht erlaubt",
      "lessons/a.yaml:15:1: rohes HTML ist im Text eines Pakets nicht erlaubt: <script>alert(1)</script> (verwende stattdessen Markdown (**fett**, `Code`, Listen, Tabellen))",
    ],
    'zh-CN': [
      "lessons/a.yaml:13:1: 远程图片“https://example.com/x.png”：本程序从不从网络加载任何内容 (请把它下载到 assets/ 并引用 assets/name.png)",
      "lessons/a.yaml:13:1: 图片“https://example.com/x.png”没有描述 (请在方括号中写明图片内容，方便使用屏幕阅读器的用户)",
      "lessons/a.yaml:13:1: 链接“javascript:alert(1)”使用了 javascript: URL，这是不允许的",
      "lessons/a.yaml:15:1: 课程包文本中不允许使用原始 HTML：<script>alert(1)</script> (请改用 Markdown（**粗体**、`代码`、列表、表格）)",
    ],
  },
  'unsafe Markdown once filled in': {
    en: [
      "lessons/a.yaml:18:20: quiz \"q5\" (3 of 3 instances, e.g. instance 0 (addr=0x1000, pic=![x](https://example.com/a.png))): the explanation, once filled in, has a problem: remote image \"https://example.com/a.png\": the app never loads anything from the network (every instance needs exactly one right answer; adjust the parameters, setup or observation)",
    ],
    es: [
      "lessons/a.yaml:18:20: pregunta «q5» (3 de 3 variantes, p. ej. variante 0 (addr=0x1000, pic=![x](https://example.com/a.png))): la explicación, una vez rellenada, tiene un problema: imagen remota «https://example.com/a.png»: la aplicación nunca carga nada de la red (cada variante necesita exactamente una respuesta correcta; ajusta los parámetros, el setup o la observación)",
    ],
    de: [
      "lessons/a.yaml:18:20: Frage „q5“ (3 von 3 Varianten, z. B. Variante 0 (addr=0x1000, pic=![x](https://example.com/a.png))): die Erklärung hat, sobald sie ausgefüllt ist, ein Problem: entferntes Bild „https://example.com/a.png“: Die App lädt nie etwas aus dem Netz (jede Variante braucht genau eine richtige Antwort; pass die Parameter, das setup oder die Beobachtung an)",
    ],
    'zh-CN': [
      "lessons/a.yaml:18:20: 题目“q5”（3 个实例中有 3 个，例如实例 0 (addr=0x1000, pic=![x](https://example.com/a.png))）：讲解填入数值后有问题：远程图片“https://example.com/a.png”：本程序从不从网络加载任何内容 (每个实例都必须恰好有一个正确答案；请调整参数、setup 或观察对象)",
    ],
  },
  'oversize image': {
    en: [
      "assets/big.png:1:1: is too large (2097153 bytes; the limit is 2097152); it is not read",
    ],
    es: [
      "assets/big.png:1:1: es demasiado grande (2097153 bytes; el límite es 2097152); no se lee",
    ],
    de: [
      "assets/big.png:1:1: ist zu groß (2097153 Bytes; die Grenze ist 2097152); sie wird nicht gelesen",
    ],
    'zh-CN': [
      "assets/big.png:1:1: 太大（2097153 字节；上限为 2097152）；不读取",
    ],
  },
  'oversize lesson': {
    en: [
      "lessons/a.yaml:1:1: file is too large (1000228 characters; the limit is 1000000)",
    ],
    es: [
      "lessons/a.yaml:1:1: el archivo es demasiado grande (1000228 caracteres; el límite es 1000000)",
    ],
    de: [
      "lessons/a.yaml:1:1: die Datei ist zu groß (1000228 Zeichen; die Grenze ist 1000000)",
    ],
    'zh-CN': [
      "lessons/a.yaml:1:1: 文件太大（1000228 个字符；上限为 1000000）",
    ],
  },
  'bad archive': {
    en: [
      "archive:1:1: this is not a zip archive (no end-of-archive record) (make the archive again with \"pagewalk pack FOLDER\")",
    ],
    es: [
      "archive:1:1: esto no es un archivo zip (no tiene registro de fin de archivo) (vuelve a crear el archivo con «pagewalk pack CARPETA»)",
    ],
    de: [
      "archive:1:1: das ist kein ZIP-Archiv (kein Archivende-Eintrag) (erstelle das Archiv neu mit „pagewalk pack ORDNER“)",
    ],
    'zh-CN': [
      "archive:1:1: 这不是 zip 压缩包（没有压缩包结束记录） (请用“pagewalk pack 文件夹”重新制作压缩包)",
    ],
  },
  'unsafe archive entry': {
    en: [
      "archive:1:1: the entry \"../evil.yaml\" climbs out of the pack folder with \"..\"",
    ],
    es: [
      "archive:1:1: la entrada «../evil.yaml» sale de la carpeta del paquete con «..»",
    ],
    de: [
      "archive:1:1: der Eintrag „../evil.yaml“ verlässt mit „..“ den Paketordner",
    ],
    'zh-CN': [
      "archive:1:1: 条目“../evil.yaml”用“..”跳出了课程包文件夹",
    ],
  },
  'manifest shape': {
    en: [
      "pack.yaml:1:5: id: a pack id uses lowercase letters, digits, \"-\" and \".\", e.g. \"myschool.os101\"",
    ],
    es: [
      "pack.yaml:1:5: id: el id de un paquete usa minúsculas, cifras, «-» y «.», p. ej. «miescuela.so101»",
    ],
    de: [
      "pack.yaml:1:5: id: eine Paket-ID besteht aus Kleinbuchstaben, Ziffern, „-“ und „.“, z. B. „meineschule.bs101“",
    ],
    'zh-CN': [
      "pack.yaml:1:5: id: 课程包 ID 只能使用小写字母、数字、“-”和“.”，例如“myschool.os101”",
    ],
  },
  'zod generic issue': {
    en: [
      "lessons/a.yaml:6:8: steps: expected array to have >=1 items (got a list)",
    ],
    es: [
      "lessons/a.yaml:6:8: steps: Demasiado pequeño: se esperaba que arreglo tuviera >=1 elementos ⟪*⟫",
    ],
    de: [
      "lessons/a.yaml:6:8: steps: Zu klein: erwartet, dass array >=1 Elemente hat ⟪*⟫",
    ],
    'zh-CN': [
      "lessons/a.yaml:6:8: steps: 数值过小：期望 array >=1 项 ⟪*⟫",
    ],
  },
  'quiz instances': {
    en: [
      "lessons/a.yaml:13:11: quiz \"q3\": the quiz has no parameters, so every instance is the same question and \"Try a fresh instance\" cannot offer another (the button is hidden): add \"params\" that change the answer",
      "lessons/a.yaml:19:7: quiz \"q4\" (2 of 3 instances, e.g. instance 0 (page=2, addr=0x800)): no answer: the access reaches no frame (segmentation fault: no memory area contains 0x800) (every instance needs exactly one right answer; adjust the parameters, setup or observation)",
      "lessons/a.yaml:22:15: quiz \"q4\": the parameters never change the question or its answer, so \"Try a fresh instance\" shows the same question (the button is hidden)",
      "lessons/a.yaml:22:56: quiz \"q4\" (1 of 3 instances, e.g. instance 2): parameter \"addr\": division by zero (every instance needs exactly one right answer; adjust the parameters, setup or observation)",
    ],
    es: [
      "lessons/a.yaml:13:11: pregunta «q3»: la pregunta no tiene parámetros, así que todas las variantes son la misma pregunta y «Probar otra variante» no puede ofrecer otra (el botón se oculta): añade «params» que cambien la respuesta",
      "lessons/a.yaml:19:7: pregunta «q4» (2 de 3 variantes, p. ej. variante 0 (page=2, addr=0x800)):⟪*⟫ (cada variante necesita exactamente una respuesta correcta; ajusta los parámetros, el setup o la observación)",
      "lessons/a.yaml:22:15: pregunta «q4»: los parámetros nunca cambian la pregunta ni su respuesta, así que «Probar otra variante» muestra la misma pregunta (el botón se oculta)",
      "lessons/a.yaml:22:56: pregunta «q4» (1 de 3 variantes, p. ej. variante 2): ⟪*⟫división por cero (cada variante necesita exactamente una respuesta correcta; ajusta los parámetros, el setup o la observación)",
    ],
    de: [
      "lessons/a.yaml:13:11: Frage „q3“: die Frage hat keine Parameter, daher ist jede Variante dieselbe Frage und „Neue Variante versuchen“ kann keine andere anbieten (die Schaltfläche ist ausgeblendet): Füg „params“ hinzu, die die Antwort ändern",
      "lessons/a.yaml:19:7: Frage „q4“ (2 von 3 Varianten, z. B. Variante 0 (page=2, addr=0x800)):⟪*⟫ (jede Variante braucht genau eine richtige Antwort; pass die Parameter, das setup oder die Beobachtung an)",
      "lessons/a.yaml:22:15: Frage „q4“: die Parameter ändern nie die Frage oder ihre Antwort, daher zeigt „Neue Variante versuchen“ dieselbe Frage (die Schaltfläche ist ausgeblendet)",
      "lessons/a.yaml:22:56: Frage „q4“ (1 von 3 Varianten, z. B. Variante 2): ⟪*⟫Division durch null (jede Variante braucht genau eine richtige Antwort; pass die Parameter, das setup oder die Beobachtung an)",
    ],
    'zh-CN': [
      "lessons/a.yaml:13:11: 题目“q3”：这道题没有参数，所以每个实例都是同一道题，“换一道新题”无法提供别的题（该按钮已隐藏）：请添加能改变答案的“params”",
      "lessons/a.yaml:19:7: 题目“q4”（3 个实例中有 2 个，例如实例 0 (page=2, addr=0x800)）：⟪*⟫ (每个实例都必须恰好有一个正确答案；请调整参数、setup 或观察对象)",
      "lessons/a.yaml:22:15: 题目“q4”：参数从不改变题目或答案，所以“换一道新题”显示的还是同一道题（该按钮已隐藏）",
      "lessons/a.yaml:22:56: 题目“q4”（3 个实例中有 1 个，例如实例 2）：⟪*⟫除以零 (每个实例都必须恰好有一个正确答案；请调整参数、setup 或观察对象)",
    ],
  },
};

const OTHER_AREA = '⟪*⟫';

function matches(line: string, expected: string): boolean {
  if (!expected.includes(OTHER_AREA)) return line === expected;
  const pattern = expected.split(OTHER_AREA).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
  return new RegExp(`^${pattern}$`, 's').test(line);
}

afterEach(() => void setLocale('en'));
afterAll(() => void setLocale('en'));

describe('pagewalk validate in every language', () => {
  for (const [name, make] of Object.entries(CASES)) {
    it(`${name}: the same diagnostics at the same FILE:LINE:COL in en, es, de and zh-CN`, () => {
      const path = make();
      for (const lang of ['en', 'es', 'de', 'zh-CN'] as const) {
        const { code, lines } = validate(lang, path);
        const want = EXPECTED[name][lang];
        expect(lines.length, `${lang}: ${lines.join('\n')}`).toBe(want.length);
        lines.forEach((line, i) => expect(matches(line, want[i]), `${lang} line ${i + 1}:\n  got  ${line}\n  want ${want[i]}`).toBe(true));
        expect(code, 'exit status').toBe(1);
      }
    });
  }
});

describe('importing a pack in the app (desktop core thread, browser worker)', () => {
  it('refuses a broken pack with the errors in the learner’s language, as FILE:LINE:COL lines', () => {
    const files = new Map<string, string | Uint8Array>([
      ['pack.yaml', MANIFEST(['lessons/a.yaml', 'lessons/missing.yaml'])],
      ['lessons/a.yaml', LESSON(SPAWN + '  - title: Picture\n    text: "![A frame](assets/frame.png)"\n')],
      ['assets/evil.svg', '<svg/>'],
    ]);
    const errors = () => identifyPack(files).errors.map(withoutSeverity);
    setLocale('de');
    expect(identifyPack(files).id).toBeNull();
    expect(errors()).toEqual([
        'pack.yaml:11:5: error: die Lektionsdatei „lessons/missing.yaml“ gibt es nicht (YAML-Dateien im Paket: lessons/a.yaml)',
        'assets/evil.svg:1:1: error: SVG-Bilder sind nicht erlaubt (sie können Skripte enthalten) (exportiere es als PNG)',
        'lessons/a.yaml:12:11: error: das Bild „assets/frame.png“ ist nicht im Paket (assets: assets/evil.svg)',
      ].map(withoutSeverity));
    setLocale('zh-CN');
    expect(errors()[0]).toBe('pack.yaml:11:5: 课程文件“lessons/missing.yaml”不存在 (课程包中的 YAML 文件：lessons/a.yaml)');
    setLocale('en');
    expect(identifyPack(files).errors[0]).toBe('pack.yaml:11:5: error: lesson file "lessons/missing.yaml" does not exist (YAML files in the pack: lessons/a.yaml)');
  });

  it('an archive that is not one is refused in the learner’s language', () => {
    setLocale('es');
    expect(unpackArchive(new TextEncoder().encode('PK')).diagnostics.map((d) => d.message)).toEqual(['esto no es un archivo zip (es demasiado corto)']);
  });

  it("zod's own wording follows every locale change, not only the first", () => {
    const issue = () => LessonSchema.safeParse({ id: 'l', title: 't', level: 'beginner', summary: 's', machine: 'teaching-16', steps: [] }).error!.issues[0].message;
    setLocale('zh-CN');
    expect(issue()).toBe('数值过小：期望 array >=1 项');
    setLocale('de');
    expect(issue()).toBe('Zu klein: erwartet, dass array >=1 Elemente hat');
    setLocale('en');
    expect(issue()).toBe('Too small: expected array to have >=1 items');
  });
});
