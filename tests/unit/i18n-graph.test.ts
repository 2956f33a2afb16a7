// The graph area in Spanish, German and Chinese: what a learner actually reads. Legend
// entries, an experiment's column labels, curve names, notes and errors (with their
// file:line:col), the translation path's sentences, and the graph's node sizes, which
// must grow with longer labels so a German or Chinese label is never cut.
import { afterAll, describe, expect, it } from 'vitest';
import { setLocale } from '../../core/i18n/index.ts';
import { formatDiagnostic } from '../../core/diag.ts';
import { plotSeries, tableToCsv, textPlot } from '../../core/experiments/format.ts';
import { loadExperiment } from '../../core/experiments/load.ts';
import { FIELDS, KIND_LABELS, PRESETS } from '../../core/experiments/presets.ts';
import { runExperiment } from '../../core/experiments/run.ts';
import { sandboxPlan } from '../../core/experiments/sandbox.ts';
import { parseExperiment } from '../../core/experiments/schema.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { layoutGraph, textUnits, type GraphNode } from '../../renderer/lib/graph/layout.ts';
import { flagsInWords, flagWords, legendGroups } from '../../renderer/lib/graph/legend.ts';
import { translationPaths } from '../../renderer/lib/graph/path.ts';

afterAll(() => void setLocale('en'));

const BELADY = { kind: 'replacement', trace: [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5], policies: ['fifo'], frames: { from: 1, to: 5 } };
const TLB = { kind: 'tlb', entries: [4, 8], ways: [4, 'full'] };

function inLocale<T>(locale: string, f: () => T): T {
  setLocale(locale);
  try {
    return f();
  } finally {
    setLocale('en');
  }
}

describe('the legend', () => {
  it('names boxes, lines and flags in each language', () => {
    const es = inLocale('es', () => ({ groups: legendGroups(), flags: flagWords() }));
    expect(es.groups.map((g) => g.title)).toEqual(['Cajas', 'Líneas y marcas']);
    expect(es.groups[0].items[1]).toMatchObject({ label: 'Tabla de páginas', text: 'un marco de entradas: [índice] → el marco que mapea (→ PT n: la tabla siguiente)' });
    expect(es.flags.find(([l]) => l === 'COW')![1]).toBe('copia en escritura: compartida de solo lectura; una escritura provoca un fallo y el núcleo copia la página');

    const de = inLocale('de', () => legendGroups());
    expect(de[0].items.map((i) => i.label)).toEqual(['Prozess', 'Seitentabelle', 'Seitenrahmen', 'Kernel-Seitenrahmen', 'Freier Seitenrahmen', 'PT Ln', 'Gestreift, ×n']);
    expect(de[1].items[1].label).toBe('Gestrichelte braune Linie');

    const zh = inLocale('zh-CN', () => legendGroups());
    expect(zh[0].items[1]).toMatchObject({ label: '页表', text: '一个页框的表项：[索引] → 它映射的页框（→ PT n：下一级页表）' });
    expect(inLocale('zh-CN', () => flagsInWords('V R W U COW'))).toBe('有效、可读、可写、用户、写时复制');
    expect(inLocale('de', () => flagsInWords('V R W U COW'))).toBe('gültig, lesbar, schreibbar, Benutzer, Copy-on-Write');
  });

  it('keeps English as it was', () => {
    expect(legendGroups()[0].items[0].text).toBe('its threads (● running), RSS and PSS in pages, its memory areas; each process has its own colour');
    expect(flagsInWords('V R W')).toBe('valid, readable, writable');
  });
});

describe('experiments', () => {
  it('heads its columns, names its curves and writes its notes in the language in force', () => {
    const es = inLocale('es', () => runExperiment(parseExperiment(BELADY)));
    expect(es.columns.map((c) => c.label)).toEqual(['política', 'marcos', 'fallos', 'aciertos', 'tasa de aciertos', 'fallos por referencia']);
    expect(es.title).toBe('Reemplazo de páginas: 1,2,3,4,1,2,5,1,2,3,4,5');
    expect(es.notes[0]).toBe('Anomalía de Belady: FIFO provoca 9 fallos con 3 marcos, pero 10 con 4.');

    const de = inLocale('de', () => runExperiment(parseExperiment(BELADY)));
    expect(de.columns.find((c) => c.key === 'hit_rate')!.label).toBe('Trefferquote');
    expect(de.notes[0]).toBe('Belady-Anomalie: FIFO macht mit 3 Seitenrahmen 9 Seitenfehler, mit 4 aber 10.');

    const zh = inLocale('zh-CN', () => runExperiment(parseExperiment(BELADY)));
    expect(zh.columns.find((c) => c.key === 'fault_rate')).toMatchObject({ label: '每次引用的缺页数', unit: '缺页/引用' });
    expect(zh.notes[0]).toBe('Belady 异常：FIFO 在 3 个页框时产生 9 次缺页，而在 4 个页框时反而产生 10 次。');
  });

  it('keeps the table machine-readable: CSV column ids and cell values are the same in every language', () => {
    const en = runExperiment(parseExperiment(TLB));
    const de = inLocale('de', () => runExperiment(parseExperiment(TLB)));
    expect(tableToCsv(de)).toBe(tableToCsv(en));
    expect(de.rows[0].ways).toBe('4-way');
    // …while the curves are named in words for the chart's legend.
    expect(inLocale('de', () => plotSeries(de).map((s) => s.name))).toEqual(['4-fach assoziativ', 'vollassoziativ']);
    expect(inLocale('es', () => plotSeries(de).map((s) => s.name))).toEqual(['asociativa de 4 vías', 'totalmente asociativa']);
    expect(inLocale('zh-CN', () => plotSeries(de).map((s) => s.name))).toEqual(['4 路组相联', '全相联']);
    expect(inLocale('es', () => textPlot(en))).toContain('* = varias');
  });

  it('reports a mistake in a document in the language in force, at its line and column', () => {
    const bad = 'kind: replacement\nframes: { from: 5, to: 2 }\n';
    expect(inLocale('de', () => formatDiagnostic(loadExperiment(bad, 'b.yaml').diagnostics[0]))).toMatch(/^b\.yaml:2:9: .*frames: „to“ \(2\) liegt unter „from“ \(5\)$/);
    expect(inLocale('es', () => formatDiagnostic(loadExperiment(bad, 'b.yaml').diagnostics[0]))).toMatch(/^b\.yaml:2:9: .*frames: «to» \(2\) es menor que «from» \(5\)$/);
    expect(inLocale('zh-CN', () => formatDiagnostic(loadExperiment(bad, 'b.yaml').diagnostics[0]))).toMatch(/^b\.yaml:2:9: .*frames：“to”（2）小于“from”（5）$/);
    expect(inLocale('es', () => formatDiagnostic(loadExperiment('kind: replacment\n', 'a.yaml').diagnostics[0]))).toMatch(/^a\.yaml:1:7: .*tipo de experimento desconocido: "replacment".*¿quisiste decir «replacement»\?/);
    // An error thrown while planning (not a schema error) is translated too.
    expect(() => inLocale('de', () => parseExperiment({ kind: 'numa', machine: 'teaching-16' }) && runExperiment(parseExperiment({ kind: 'numa', machine: 'teaching-16' })))).toThrow('teaching-16 hat keinen zweiten NUMA-Knoten (nimm numa-2node)');
  });

  it('formats large numbers for the locale in errors', () => {
    const huge = { kind: 'replacement', trace: { generate: 'uniform', length: 10_000_000, pages: 100, seed: 1 }, policies: ['fifo', 'lru', 'opt'], frames: { from: 1, to: 64 } };
    expect(() => inLocale('de', () => runExperiment(parseExperiment(huge)))).toThrow(/simulieren: 1\.920\.000\.000|1\.920\.000\.000 Referenzen simulieren/);
    expect(() => runExperiment(parseExperiment(huge))).toThrow('this sweep would simulate 1,920,000,000 references, more than the 200,000,000 an experiment may');
  });

  it('offers its kinds, fields and presets in the language in force', () => {
    expect(inLocale('es', () => KIND_LABELS['page-tables'])).toBe('Sobrecoste de las tablas de páginas');
    expect(inLocale('de', () => FIELDS.tlb.map((f) => f.label))).toContain('Assoziativität (Wege)');
    expect(inLocale('zh-CN', () => PRESETS.replacement[0].label)).toBe('Belady 异常：FIFO 与 LRU 处理 1,2,3,4,1,2,5,1,2,3,4,5');
    expect(KIND_LABELS.fork).toBe('fork and copy-on-write');
  });

  it('explains a point handed to the sandbox in the language in force', () => {
    const spec = parseExperiment(BELADY);
    expect(inLocale('es', () => sandboxPlan(spec, { policy: 'fifo', frames: 4 }).note)).toBe('La cadena de referencias con 4 marcos con FIFO: la tabla muestra los marcos después de cada referencia.');
  });
});

function run(yaml: string): ScenarioRun {
  const { scenario, profile, diagnostics } = loadScenario(yaml, 'test.yaml');
  if (!scenario || !profile) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const r = new ScenarioRun(scenario, profile);
  r.runAll();
  return r;
}

describe('the node graph', () => {
  const r = run(`
machine: x86-32
steps:
  - spawn: A
`);
  const step = r.apply({ op: 'write', args: { process: 'A', addr: 0x0804a000, value: 1 } });
  const snap = r.snapshot();

  it('tells the translation path and labels its nodes in each language', () => {
    const es = inLocale('es', () => {
      const layout = layoutGraph(snap);
      return { attempts: translationPaths(step.events, snap, layout), layout };
    });
    expect(es.attempts[0].fault?.text).toBe('página no presente en el nivel 0');
    expect(es.attempts[1].hops[1].text).toMatch(/^Fallo de TLB para la página 0x804a \(conjunto \d+\): se recorre la tabla de páginas$/);
    expect(es.attempts[1].hops.at(-1)!.text).toMatch(/^escritura en 0x804a000 → física 0x[0-9a-f]+ \(marco \d+\)$/);
    expect(es.layout.nodes.find((n) => n.id.startsWith('cpu-'))!.ariaLabel).toBe('CPU 0, ejecutando A');

    const zh = inLocale('zh-CN', () => translationPaths(step.events, snap, layoutGraph(snap)));
    expect(zh[0].hops.at(-1)!.faultText).toBe('页不在内存中（第 0 级）');
    const de = inLocale('de', () => layoutGraph(snap));
    expect(de.nodes.find((n) => n.data.kind === 'memory')?.data).toMatchObject({ title: 'Physischer Speicher' });
    const pageTableFrame = de.nodes.find((n) => n.data.kind === 'frame' && n.data.frameKind === 'page-table');
    expect(pageTableFrame?.ariaLabel).toMatch(/^Seitenrahmen \d+: PT L[01], A$/);
    expect(de.nodes.find((n) => n.data.kind === 'table')?.ariaLabel).toMatch(/^Seitentabelle der Ebene [01] von A im Seitenrahmen \d+, \d+ Einträge? in Gebrauch$/);
  });

  it('sizes frame cells and tables for the longer German and the wider Chinese labels', () => {
    const widths = (locale: string) =>
      inLocale(locale, () => {
        const nodes = layoutGraph(snap).nodes;
        const cell = (kind: string) => nodes.find((n): n is GraphNode => n.data.kind === kind)!;
        return { frame: cell('frame').width, table: cell('table').width, labels: nodes.filter((n) => n.data.kind === 'frame').map((n) => (n.data as { label: string }).label) };
      });
    const en = widths('en');
    for (const locale of ['es', 'de', 'zh-CN']) {
      const w = widths(locale);
      // Every frame label fits its cell: text units × the per-character width, plus padding.
      for (const label of w.labels) expect(textUnits(label) * 8.6 + 18, `${locale}: “${label}”`).toBeLessThanOrEqual(w.frame + 0.5);
      expect(w.table).toBeGreaterThanOrEqual(en.table);
    }
    expect(textUnits('内核')).toBeGreaterThan('kernel'.length / 2);
    expect(textUnits('页框 12')).toBeCloseTo(2 * 1.9 + 3);
  });
});
