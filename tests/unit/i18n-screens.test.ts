// What the Sandbox, Progress and Author screens' helpers say in the learner's language:
// the progress export's own words (JSON note, CSV image marks, why a file cannot be
// imported), the browser build's storage notices and pack problems, and the sentences with
// marked-up words the screens split (rich.ts). Real outputs in es, de and zh-CN, and
// English unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../core/i18n/index.ts';
import { describeProgress, exportCsv, progressTable, readProgressExport, TABLE_COLUMNS } from '../../core/lessons/progress-export.ts';
import type { Progress } from '../../core/api.ts';
import { richParts, slots } from '../../renderer/lib/rich.ts';
import { memoryStorage, progressProblem } from '../../renderer/worker/storage.ts';
import { importUpload, PackShelf, parseSchoolIndex } from '../../renderer/worker/web-packs.ts';
import { t } from '../../core/i18n/index.ts';

afterEach(() => {
  setLocale('en');
});

const outline = [
  {
    id: 'pk',
    title: 'Pack',
    version: '1.0.0',
    lessons: [{ id: 'l', title: 'Lesson', steps: ['Intro', 'Guess'], quizzes: [{ id: 'q', stepIndex: 1, prompt: 'Which frame? ![the page table](table.png)', masteryNeeded: 1 }] }],
  },
];
const progress: Progress = {
  version: 1,
  packs: { pk: { l: { furthestStep: 1, completed: false, completedAt: null, quizzes: { q: { attempts: 1, correct: 1, correctInstances: [0], lastAnswered: '2026-12-01T09:00:00Z' } } } } },
};
const about = { learner: 'Ada', exportedAt: '2026-12-01T10:00:00Z', exportedBy: 'Pagewalk 0.1.0' };

describe('the progress export in the language it is made in', () => {
  it('keeps keys, status values and CSV column ids as identifiers, and translates the note on numbering', () => {
    setLocale('es');
    const doc = describeProgress(progress, outline, about);
    expect(doc.numbering).toBe('Los pasos y las variantes de cada pregunta se cuentan desde 1, tal como los muestra Pagewalk.');
    expect(doc.packs[0].lessons[0].status).toBe('in progress');
    expect(exportCsv(doc).split('\r\n')[0]).toBe(TABLE_COLUMNS.join(','));
    setLocale('de');
    expect(describeProgress(progress, outline, about).numbering).toBe('Schritte und Varianten einer Frage werden ab 1 gezählt, so wie Pagewalk sie anzeigt.');
    setLocale('en');
    expect(describeProgress(progress, outline, about).numbering).toBe('Steps and quiz instances are counted from 1, as Pagewalk shows them.');
  });

  it('marks an image in a CSV question in the language of the export', () => {
    const question = (locale: string) => {
      setLocale(locale);
      const [row] = progressTable(describeProgress(progress, outline, about));
      return row[TABLE_COLUMNS.indexOf('question')];
    };
    expect(question('en')).toBe('Which frame? [image: the page table]');
    expect(question('es')).toBe('Which frame? [imagen: the page table]');
    expect(question('de')).toBe('Which frame? [Bild: the page table]');
    expect(question('zh-CN')).toBe('Which frame? [图片：the page table]');
  });

  it('says why a file cannot be imported, in the learner’s language', () => {
    const why = (locale: string, text: string) => {
      setLocale(locale);
      try {
        readProgressExport(text);
        return 'read';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(why('es', 'learner,pack,pack_title\r\n')).toBe('esta es una exportación CSV; importa la exportación JSON (el CSV es para hojas de cálculo)');
    expect(why('de', JSON.stringify({ format: 'pagewalk-progress', formatVersion: 9 }))).toBe(
      'diese Datei wurde von einer neueren Pagewalk-Version exportiert (Format 9; diese liest bis Format 2): aktualisier Pagewalk, um sie zu importieren',
    );
    expect(why('zh-CN', '{"hello": 1}')).toBe('此文件不是 Pagewalk 的进度导出文件（缺少 "format": "pagewalk-progress"）');
    expect(why('en', 'not json')).toBe('this file is not a Pagewalk progress export (it is not JSON)');
    // An old-format file names its exporter in the language it is read in.
    setLocale('es');
    expect(readProgressExport(JSON.stringify({ version: 1, exportedAt: 'x', packs: {} })).exportedBy).toBe('una versión anterior de Pagewalk');
  });
});

describe('the browser build’s storage and packs', () => {
  it('explains a damaged progress record with the field’s words, numbers for the language', () => {
    const lesson = { furthestStep: 0, completed: false, completedAt: null, quizzes: {} };
    const damaged = { version: 1, packs: { p: { a: lesson, b: 42 } } };
    expect(progressProblem(damaged)).toBe('1 of its 2 lesson records could not be read');
    setLocale('de');
    expect(progressProblem(damaged)).toBe('1 von seinen 2 Lektionseinträgen konnten nicht gelesen werden');
    expect(progressProblem({ version: 7, packs: {} })).toBe('er wurde von einer neueren Pagewalk-Version geschrieben (Format 7)');
    setLocale('zh-CN');
    expect(progressProblem(damaged)).toBe('2 条课程记录中有 1 条无法读取');
  });

  it('words a notice when it is asked for, so the page gets it in the language it set first', () => {
    const storage = memoryStorage(() => t('screens.storage.memoryOnly', { reason: 'QuotaExceededError' }));
    expect(storage.notices[0]).toMatch(/^Progress cannot be saved in this browser \(QuotaExceededError\)/);
    setLocale('es');
    expect(storage.notices).toEqual(['El progreso no se puede guardar en este navegador (QuotaExceededError); dura hasta que cierres esta pestaña. Para conservarlo, expórtalo desde la pantalla Progreso.']);
    setLocale('zh-CN');
    expect(storage.problem).toBe('无法在此浏览器中保存学习进度（QuotaExceededError）；它只保留到你关闭此标签页为止。要保留它，请在“学习进度”页面导出。');
  });

  it('reports a bad school index and a wrong file in the learner’s language', async () => {
    setLocale('zh-CN');
    expect(parseSchoolIndex('[1]').problems).toEqual(['packs/index.json 必须是包含 "packs" 列表的对象：{ "packs": ["os101.pagewalk"] }']);
    setLocale('de');
    expect(parseSchoolIndex(JSON.stringify({ packs: ['../x.pagewalk'] })).problems[0]).toBe(
      'packs/index.json nennt "../x.pagewalk": Jeder Eintrag muss der Name einer .pagewalk-Datei im Ordner packs sein',
    );
    setLocale('es');
    const shelf = new PackShelf(() => null);
    const r = await importUpload(shelf, { kind: 'archive', name: 'notas.txt', file: new File(['x'], 'notas.txt') });
    expect(r.problems).toEqual(['notas.txt no es un paquete de lecciones: los archivos de paquete terminan en .pagewalk (también se puede importar una carpeta de paquete)']);
  });
});

describe('sentences with marked-up words', () => {
  const hint = () => richParts(t('screens.sandbox.consoleHint', slots('codeHelp', 'kbdUp', 'kbdDown', 'kbdCtrl', 'kbdZ')));
  it('keeps each language’s word order and hands the marked words back in place', () => {
    expect(hint()).toEqual([
      { text: 'Type ' },
      { slot: 'codeHelp' },
      { text: ' for every command; ' },
      { slot: 'kbdUp' },
      { text: ' ' },
      { slot: 'kbdDown' },
      { text: ' recall earlier ones; ' },
      { slot: 'kbdCtrl' },
      { text: '+' },
      { slot: 'kbdZ' },
      { text: ' undoes.' },
    ]);
    setLocale('de');
    expect(hint()[0]).toEqual({ text: 'Gib ' });
    expect(hint()[2]).toEqual({ text: ' ein, um alle Befehle zu sehen; ' });
    expect(t('screens.sandbox.ctrlKey')).toBe('Strg');
    setLocale('zh-CN');
    const parts = richParts(t('screens.progress.emptyText', slots('linkLibrary')));
    expect(parts).toEqual([{ text: '从' }, { slot: 'linkLibrary' }, { text: '打开一节课；当你浏览它的步骤或回答问题后，它就会出现在这里。在另一台电脑上学过？导入那里的 JSON 导出文件即可。' }]);
  });

  it('gives the sandbox’s plural counts and the author screen’s lesson facts per language', () => {
    setLocale('es');
    expect(t('screens.sandbox.sessionBack', { machine: 'Toy', count: 3 })).toBe('Toy: tu sesión ha vuelto (3 órdenes).');
    setLocale('de');
    expect(t('screens.author.lessonFacts', { steps: 1, quizzes: 2, level: t('library.level', { level: 'beginner' }) })).toBe('– 1 Schritt, 2 Fragen, Einstieg');
    expect(t('screens.sandbox.machineDesc', { description: 'x', cpus: 2, frames: 1024, pageSize: '4 KiB' })).toBe('x · 2 CPUs · 1.024 Seitenrahmen zu 4 KiB');
    setLocale('zh-CN');
    expect(t('screens.progress.minutes', { count: 12 })).toBe('12\u00a0分钟');
    expect(t('screens.progress.changesBoth', { added: 1, updated: 2 })).toBe('新增 1 节课，更新 2 节课');
  });
});
