import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION, loadPack } from '../../core/lessons/load.ts';
import { lessonPackJsonSchema } from '../../core/lessons/schema.ts';
import { EXAMPLE_PACK, errorsOf, lesson, MANIFEST, packOf, readFolder, show } from '../fixtures/packs/helpers.ts';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

function load(files: Map<string, string | Uint8Array>) {
  return loadPack(files, 'user');
}

/** Diagnostics as "file:line:col: severity: message (hint)" lines, for matching. */
function messages(files: Map<string, string | Uint8Array>): string {
  return show(load(files).diagnostics);
}

const STEP = `  - title: Start
    run:
      - spawn: { name: A, layout: empty }
      - map: { process: A, addr: 0x1000, frame: 8 }
`;

describe('the example pack and the published documents', () => {
  it('loads the worked example without a single diagnostic', () => {
    const r = load(readFolder(EXAMPLE_PACK));
    expect(show(r.diagnostics)).toBe('');
    expect(r.pack).not.toBeNull();
    expect(r.summary).toMatchObject({ id: 'example.first-steps', version: '1.0.0', language: 'en', license: 'CC-BY-4.0', source: 'user', problems: [] });
    expect(r.summary.lessons.map((l) => [l.id, l.stepCount, l.quizCount])).toEqual([
      ['two-processes', 6, 4],
      ['tlb-and-faults', 6, 4],
      ['fork-and-replacement', 6, 5],
    ]);
    expect(r.pack!.assets.has('assets/va-split.png')).toBe(true);
  });

  it('quotes the example manifest and first lesson verbatim in the authoring guide', () => {
    const guide = read('docs/authoring.md');
    expect(guide).toContain('```yaml\n' + read('docs/examples/pack/pack.yaml') + '```');
    expect(guide).toContain('```yaml\n' + read('docs/examples/pack/lessons/01-two-processes.yaml') + '```');
  });

  it('publishes the JSON Schema generated from the zod schemas (regenerate: pagewalk schema lesson-pack > docs/lesson-pack.schema.json)', () => {
    const committed = JSON.parse(read('docs/lesson-pack.schema.json'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(lessonPackJsonSchema())));
    expect(committed.oneOf).toHaveLength(2);
    expect(Object.keys(committed.$defs.lesson.properties)).toEqual(expect.arrayContaining(['machine', 'steps', 'completion']));
    expect(JSON.stringify(committed)).not.toMatch(/"\$ref":"#\/(?!\$defs\/(manifest|lesson|scenarioStep))/);
  });

  it('checks packs against the version of the running app', () => {
    expect(ENGINE_VERSION).toBe(JSON.parse(read('package.json')).version);
    const files = packOf({ 'a.yaml': lesson(STEP) });
    files.set('pack.yaml', (files.get('pack.yaml') as string).replace('minAppVersion: 0.1.0', 'minAppVersion: 9.0.0'));
    expect(messages(files)).toMatch(/pack\.yaml:8:16: error: this pack needs Pagewalk 9\.0\.0 or newer \(this is 0\.1\.0\)/);
  });
});

describe('manifest problems', () => {
  it('explains a missing manifest, bad YAML and wrong types with positions', () => {
    expect(messages(new Map([['lessons/a.yaml', 'id: x']]))).toMatch(/pack\.yaml:1:1: error: no pack\.yaml/);
    expect(messages(new Map([['pack.yaml', 'id: [unclosed']]))).toMatch(/pack\.yaml:\d+:\d+: error: YAML:/);
    const files = packOf({ 'a.yaml': lesson(STEP) });
    files.set('pack.yaml', (files.get('pack.yaml') as string).replace('authors: [Tester]', 'authors: Tester').replace('title: Test pack', 'titel: Test pack'));
    const m = messages(files);
    expect(m).toMatch(/pack\.yaml:2:1: error: unknown key "titel" in \(document\) \(did you mean "title"\?\)/);
    expect(m).toMatch(/pack\.yaml:4:10: error: authors: expected array, got "Tester"/);
  });

  it('refuses missing, duplicate and unlisted lesson files', () => {
    const files = packOf({ 'a.yaml': lesson(STEP) });
    files.set('pack.yaml', MANIFEST(['lessons/a.yaml', 'lessons/a.yaml', 'lessons/gone.yaml']));
    files.set('lessons/extra.yaml', lesson(STEP, undefined, 'extra'));
    const m = messages(files);
    expect(m).toMatch(/pack\.yaml:11:5: error: "lessons\/a\.yaml" is listed twice/);
    expect(m).toMatch(/pack\.yaml:12:5: error: lesson file "lessons\/gone\.yaml" does not exist \(YAML files in the pack: lessons\/a\.yaml, lessons\/extra\.yaml\)/);
    expect(m).toMatch(/lessons\/extra\.yaml:1:1: warning: this lesson file is not listed in pack\.yaml/);
  });

  it('refuses two lessons with the same id', () => {
    const m = messages(packOf({ 'a.yaml': lesson(STEP), 'b.yaml': lesson(STEP) }));
    expect(m).toMatch(/lessons\/b\.yaml:1:1: error: duplicate lesson id "l1" \(also in lessons\/a\.yaml\)/);
  });

  it('accepts a zipped folder (everything under one top folder) and pack.json', () => {
    const nested = new Map([...packOf({ 'a.yaml': lesson(STEP) })].map(([k, v]) => [`my-pack/${k}`, v]));
    expect(load(nested).pack).not.toBeNull();
    const json = packOf({ 'a.yaml': lesson(STEP) });
    json.delete('pack.yaml');
    json.set('pack.json', JSON.stringify({ id: 'j.son', title: 'J', version: '1.0.0', authors: ['a'], license: 'MIT', language: 'en', description: 'd', minAppVersion: '0.1.0', lessons: ['lessons/a.yaml'] }));
    expect(load(json).summary.id).toBe('j.son');
  });

  it('refuses files that are not UTF-8, too large, or not text', () => {
    const files = packOf({ 'a.yaml': lesson(STEP) });
    files.set('lessons/a.yaml', new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe]));
    expect(messages(files)).toMatch(/lessons\/a\.yaml:1:1: error: file is not UTF-8 text \(save it as UTF-8/);
    files.set('lessons/a.yaml', 'x'.repeat(1_000_001));
    expect(messages(files)).toMatch(/file is too large/);
    files.set('lessons/a.yaml', 'id: a\u0000');
    expect(messages(files)).toMatch(/NUL characters/);
  });
});

describe('lesson problems', () => {
  it('points at unknown keys with a suggestion, inside steps and quizzes', () => {
    const m = messages(packOf({ 'a.yaml': lesson(`  - title: Start
    txt: hello
    quiz:
      id: q
      kind: number
      prompt: p
      observe: { what: free-frames, procss: A }
`) }));
    expect(m).toMatch(/lessons\/a\.yaml:8:5: error: unknown key "txt" in steps\[0\] \(did you mean "text"\?\)/);
    expect(m).toMatch(/lessons\/a\.yaml:13:37: error: unknown key "procss" in steps\[0\]\.quiz\.observe \(did you mean "process"\?\)/);
  });

  it('checks run steps with the scenario loader, reported at their place in the lesson file', () => {
    const m = messages(packOf({ 'a.yaml': lesson(`  - title: One
    run:
      - spawn: { name: A, layout: empty }
  - title: Two
    run:
      - read: { process: B, addr: 0x1000 }
      - raed: { process: A, addr: 0x1000 }
      - write: { process: A, addr: 0x10000 }
`) }));
    expect(m).toMatch(/lessons\/a\.yaml:13:9: error: unknown operation "raed" \(did you mean "read"\?\)/);
    // Once every step has the right shape, names and addresses are checked in order.
    const m2 = messages(packOf({ 'a.yaml': lesson(`  - title: One
    run:
      - spawn: { name: A, layout: empty }
  - title: Two
    run:
      - read: { process: B, addr: 0x1000 }
      - write: { process: A, addr: 0x10000 }
`) }));
    expect(m2).toMatch(/lessons\/a\.yaml:12:26: error: no process named "B" exists at this step/);
    expect(m2).toMatch(/lessons\/a\.yaml:13:36: error: address 0x10000 is outside the 16-bit address space/);
  });

  it('checks the machine header like a scenario', () => {
    expect(messages(packOf({ 'a.yaml': lesson(STEP, 'machine: teching-16\n') }))).toMatch(/lessons\/a\.yaml:5:10: error: unknown machine "teching-16" \(did you mean "teaching-16"\?\)/);
  });

  it('checks focus against the machine and the processes of the step', () => {
    const m = messages(packOf({ 'a.yaml': lesson(`${STEP}    focus:
      processes: [A, Z]
      frames: [8, 99]
      levels: [1]
      translate: { process: Q, addr: 0x1000 }
`) }));
    expect(m).toMatch(/:12:22: error: focus: no process named "Z" exists at this step/);
    expect(m).toMatch(/:13:19: error: focus: frame 99 does not exist \(the machine has 32\)/);
    expect(m).toMatch(/:14:16: error: focus: level 1 does not exist/);
    expect(m).toMatch(/:15:29: error: focus: no process named "Q"/);
  });

  it('refuses unsafe Markdown: raw HTML, scripts, remote and inline images, missing assets', () => {
    const m = messages(packOf({ 'a.yaml': lesson(`  - title: Start
    text: |
      Fine **bold** text.
      <script>alert(1)</script>

      ![remote](https://example.com/x.png) ![inline](data:image/png;base64,AAAA)
      [run](javascript:alert(1)) [web](https://example.com) ![](assets/missing.png)
`) }));
    expect(m).toMatch(/lessons\/a\.yaml:10:1: error: raw HTML is not allowed in pack text: <script>alert\(1\)<\/script>/);
    expect(m).toMatch(/error: remote image "https:\/\/example\.com\/x\.png"/);
    expect(m).toMatch(/error: image "data:image\/png;base64,AAAA" uses a data: URL/);
    expect(m).toMatch(/error: link "javascript:alert\(1\)" uses a javascript: URL/);
    expect(m).toMatch(/warning: link to "https:\/\/example\.com": the app makes no network requests/);
    expect(m).toMatch(/warning: image "assets\/missing\.png" has no description/);
    expect(m).toMatch(/lessons\/a\.yaml:8:11: error: image "assets\/missing\.png" is not in the pack/);
  });

  it('checks assets by content and size, and refuses SVG', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    const files = packOf(
      { 'a.yaml': lesson(`  - title: Start\n    text: "![a](assets/ok.png) ![b](assets/fake.png) ![c](assets/x.svg)"\n`) },
      { 'assets/ok.png': png, 'assets/fake.png': new TextEncoder().encode('<html>'), 'assets/x.svg': '<svg onload="x()"/>', 'assets/big.png': new Uint8Array(3 * 1024 * 1024), 'notes.docx': 'x' },
    );
    const m = messages(files);
    expect(m).toMatch(/assets\/fake\.png:1:1: error: the file is not a PNG image, whatever its name says/);
    expect(m).toMatch(/assets\/x\.svg:1:1: error: SVG images are not allowed/);
    expect(m).toMatch(/assets\/big\.png:1:1: error: image is too large/);
    expect(m).toMatch(/notes\.docx:1:1: warning: unexpected file "notes\.docx" is ignored/);
    expect(m).not.toMatch(/^assets\/ok\.png:/m);
  });

  it('checks quizzes before running them: kinds, observations, parameters, templates', () => {
    const m = messages(packOf({ 'a.yaml': lesson(`${STEP}    quiz:
      id: q1
      kind: address
      params:
        a: { expr: "b + 1" }
        b: { range: [5, 1] }
        pageSize: { range: [1, 2] }
        unused: { choice: [1, 2] }
      prompt: "{{hex a}} {{nope}}"
      observe: { what: tlb }
      explanation: "{{frame}} {{answr}}"
  - title: Two
    quiz:
      id: q1
      kind: choice
      prompt: p
      tolerance: 2
      observe: { what: tlb-sequence }
`) }));
    expect(m).toMatch(/lessons\/a\.yaml:13:13: error: quiz "q1": an address quiz cannot ask for "tlb" \("tlb" fits choice, yesno, pick\)/);
    expect(m).toMatch(/error: quiz "q1": "tlb" needs "access"/);
    expect(m).toMatch(/error: quiz "q1": the expression uses "b", which is not defined above it \(parameters are drawn in order: move it up\)/);
    expect(m).toMatch(/error: quiz "q1": the range \[5, 1\] is empty/);
    expect(m).toMatch(/error: quiz "q1": "pageSize" is a built-in name/);
    expect(m).toMatch(/warning: quiz "q1": parameter "unused" is never used/);
    expect(m).toMatch(/error: quiz "q1": the prompt uses "\{\{nope\}\}", which is not defined/);
    expect(m).toMatch(/error: quiz "q1": the explanation uses "\{\{answr\}\}"/);
    expect(m).not.toMatch(/\{\{frame\}\}/);
    expect(m).toMatch(/lessons\/a\.yaml:24:11: error: duplicate quiz id "q1" \(also in step 1\)/);
    expect(m).toMatch(/error: quiz "q1": a choice quiz needs "options" or "distractors"/);
    expect(m).toMatch(/error: quiz "q1": "tolerance" is only for number quizzes/);
    expect(m).toMatch(/error: quiz "q1": a choice quiz cannot ask for "tlb-sequence" \("tlb-sequence" fits sequence\)/);
    expect(m).toMatch(/error: quiz "q1": "tlb-sequence" needs "accesses"/);
  });

  it('catches options and yesIf values an observation can never give', () => {
    const m = messages(packOf({ 'a.yaml': lesson(`${STEP}    quiz:
      id: q
      kind: choice
      options: [demand-zero, demand-zeor, segfault]
      prompt: p
      observe: { what: fault-resolution, access: { process: A, addr: 0x1000 } }
  - title: two
    quiz:
      id: r
      kind: yesno
      yesIf: hti
      prompt: p
      observe: { what: tlb, access: { process: A, addr: 0x1000 } }
`) }));
    expect(m).toMatch(/lessons\/a\.yaml:14:30: error: quiz "q": "demand-zeor" is never a value of "fault-resolution" \(did you mean "demand-zero"\?\)/);
    expect(m).toMatch(/error: quiz "r": "hti" is never a value of "tlb" \(did you mean "hit"\?\)/);
  });
});
