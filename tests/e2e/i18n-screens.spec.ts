/*
 * Issue 13: the Sandbox, Progress and Author screens in Spanish, German and Chinese, in the
 * browser build. Each is used as a learner or author would — buttons, the command line,
 * importing a progress file (with its confirm dialog), a pack folder with a broken lesson —
 * and then audited with axe (WCAG 2.x A/AA), checked for clipped buttons, badges and labels
 * at 1024×640, 1280×800 and 1920×1080, and photographed at each size for a person to look
 * at (test-results/, not kept in git).
 */
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { readPackFolder } from '../../core/cli/lessons.ts';
import { clearStorage, encoded, watchErrors, writeOpfsPack } from './helpers.ts';

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const example = readPackFolder(join(process.cwd(), 'docs', 'examples', 'pack')).files;
const PACK_TITLE = 'First steps in virtual memory';

/** What each language must show (exact words from the catalogue, as a learner reads them). */
const LANGS = [
  {
    tag: 'es-ES',
    lang: 'es',
    sandbox: { h1: 'Zona de pruebas', spawn: 'Crear', write: 'Escribir', fork: 'Fork', command: 'Línea de órdenes', run: 'Ejecutar', log: 'Registro de eventos', undo: '↶ Deshacer', ctrl: 'Ctrl', hint: 'para ver todas las órdenes', empty: 'Escribe una orden, o «help» para verlas todas.' },
    progress: {
      h1: 'Progreso',
      name: 'Tu nombre',
      named: 'Tus exportaciones llevarán el nombre de Ana.',
      importFile: 'Archivo de progreso que importar',
      confirm: 'progreso-ada.json es el progreso de Ada, y quien aprende en este ordenador es Ana. ¿Quieres combinarlo igualmente con el progreso de aquí?',
      imported: /^Se ha importado progreso-ada\.json: 1 lección añadida; no se ha rebajado nada/,
      column: 'Última respuesta',
      date: /1 dic 2026/,
      status: 'En curso',
      reset: 'Borrar…',
      resetConfirm: '¿Borrar todo el progreso de este ordenador?',
    },
    author: { h1: 'Vista previa de autoría', open: 'Abrir carpeta de paquete…', status: 'se recarga solo', errors: '1 error', lessons: 'Lecciones', play: '▶ Probar' },
  },
  {
    tag: 'de-DE',
    lang: 'de',
    sandbox: { h1: 'Sandbox', spawn: 'Starten', write: 'Schreiben', fork: 'Fork', command: 'Befehlszeile', run: 'Ausführen', log: 'Ereignisprotokoll', undo: '↶ Rückgängig', ctrl: 'Strg', hint: 'um alle Befehle zu sehen', empty: 'Gib einen Befehl ein oder „help“, um alle zu sehen.' },
    progress: {
      h1: 'Fortschritt',
      name: 'Dein Name',
      named: 'Deine Exporte tragen jetzt den Namen Ana.',
      importFile: 'Fortschrittsdatei zum Importieren',
      confirm: 'progreso-ada.json ist der Fortschritt von Ada, aber auf diesem Computer lernt Ana. Trotzdem mit dem Fortschritt hier zusammenführen?',
      imported: /^progreso-ada\.json importiert: 1 Lektion hinzugefügt; nichts hier wurde herabgesetzt\./,
      column: 'Zuletzt beantwortet',
      date: /01\.12\.2026/,
      status: 'Begonnen',
      reset: 'Zurücksetzen …',
      resetConfirm: 'Den gesamten Fortschritt auf diesem Computer zurücksetzen?',
    },
    author: { h1: 'Autorenvorschau', open: 'Paketordner öffnen …', status: 'lädt von selbst neu', errors: '1 Fehler', lessons: 'Lektionen', play: '▶ Spielen' },
  },
  {
    tag: 'zh-CN',
    lang: 'zh-CN',
    sandbox: { h1: '沙盒', spawn: '创建进程', write: '写', fork: 'fork', command: '命令行', run: '运行', log: '事件日志', undo: '↶ 撤销', ctrl: 'Ctrl', hint: '查看所有命令', empty: '请输入一条命令，或输入“help”查看所有命令。' },
    progress: {
      h1: '学习进度',
      name: '你的名字',
      named: '你的导出文件将以 Ana 命名。',
      importFile: '要导入的进度文件',
      confirm: 'progreso-ada.json 是 Ada 的学习进度，而这台电脑的学习者是 Ana。仍要把它合并到这里的进度中吗？',
      imported: /^已导入 progreso-ada\.json：新增 1 节课；这里原有的记录都没有被降低。/,
      column: '最后作答',
      date: /2026年12月1日/,
      status: '进行中',
      reset: '重置…',
      resetConfirm: '要重置这台电脑上的全部学习进度吗？',
    },
    author: { h1: '编写预览', open: '打开课程包文件夹…', status: '自动重新加载', errors: '1 个错误', lessons: '课程', play: '▶ 试用' },
  },
] as const;

/** A progress export from another computer, by another learner, for the built-in pack's first lesson. */
const PROGRESS_FILE = JSON.stringify({
  format: 'pagewalk-progress',
  formatVersion: 2,
  learner: 'Ada',
  exportedAt: '2026-12-01T10:00:00Z',
  exportedBy: 'Pagewalk 0.1.0',
  numbering: 'Steps and quiz instances are counted from 1, as Pagewalk shows them.',
  packs: [
    {
      id: 'pagewalk.memory-management',
      title: null,
      version: null,
      lessons: [
        {
          id: 'virtual-vs-physical',
          title: null,
          status: 'in progress',
          stepsSeen: 3,
          stepCount: null,
          completedAt: null,
          startedAt: '2026-12-01T08:50:00Z',
          lastActiveAt: '2026-12-01T09:00:00Z',
          activeSeconds: 600,
          quizzes: [{ id: 'pa-in-a', step: null, stepTitle: null, question: null, attempts: 2, correct: 1, instancesRight: [2], nextInstance: 3, masteryNeeded: null, mastered: null, hintsUsed: 1, lastAnswered: '2026-12-01T09:00:00Z' }],
        },
      ],
    },
  ],
});

/**
 * Controls whose text does not fit their box (buttons, button-links, badges, selects, nav
 * links), and block-level labels, headings, table headers and terms whose words run past
 * their box (a long German compound or a CJK line that cannot wrap).
 */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const shown = (e: HTMLElement) => e.offsetParent !== null;
    const controls = [...document.querySelectorAll<HTMLElement>('main button, main a.button, main .badge, main select, nav a')].filter(
      (e) => shown(e) && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2),
    );
    const words = [...document.querySelectorAll<HTMLElement>('main h1, main h2, main h3, main label, main th, main dt, main legend')].filter(
      (e) => shown(e) && getComputedStyle(e).display !== 'inline' && e.scrollWidth > e.clientWidth + 1,
    );
    // The header bar: nothing pushed past the window's right edge, no tab name broken over two lines.
    const bar = [...document.querySelectorAll<HTMLElement>('header.top > *, nav a')].filter((e) => {
      const r = e.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(e);
      const lines = new Set([...range.getClientRects()].map((c) => Math.round(c.top))).size;
      return shown(e) && (r.right > window.innerWidth + 1 || (e.matches('nav a') && lines > 1));
    });
    return [...controls, ...words, ...bar].map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.trim()}`);
  });
}

async function audit(page: Page, name: string): Promise<string[]> {
  await page.waitForTimeout(300);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.passes.some((p) => p.id === 'color-contrast' && p.nodes.length > 5), `${name}: contrast was checked`).toBe(true);
  return result.violations.map((v) => `${name}: ${v.id} (${v.impact}) — ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('\n    ')}`);
}

/** At each size: nothing clipped, and a screenshot to look at. */
async function atEverySize(page: Page, testInfo: TestInfo, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250);
    for (const c of await clipped(page)) found.push(`${name} at ${size.width}×${size.height}: ${c}`);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[1]);
  return found;
}


for (const L of LANGS) {
  test.describe(`in ${L.lang}`, () => {
    test.use({ locale: L.tag, timezoneId: 'UTC' });

    test('the sandbox, progress and author screens speak the language, pass axe and clip nothing at three sizes', async ({ page }, testInfo) => {
      const errors = watchErrors(page);
      const problems: string[] = [];
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        // Merging someone else's progress: yes; resetting everything: no.
        void (d.message().startsWith(L.progress.resetConfirm) ? d.dismiss() : d.accept());
      });
      // showDirectoryPicker opens a native dialog: answer it with an origin-private folder.
      await page.addInitScript(() => {
        (window as unknown as { showDirectoryPicker: () => Promise<unknown> }).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('i18n-pack');
      });
      await page.goto('/');
      await clearStorage(page);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', L.lang);

      // ── Sandbox: the buttons, the command line, undo ──
      await page.goto('/#/sandbox');
      await expect(page.getByRole('heading', { level: 1, name: L.sandbox.h1 })).toBeVisible();
      await page.getByRole('button', { name: L.sandbox.spawn, exact: true }).click();
      await page.getByRole('button', { name: L.sandbox.write, exact: true }).click();
      await page.getByRole('button', { name: L.sandbox.fork, exact: true }).click();
      await expect(page.locator('.svelte-flow__node-process')).toHaveCount(2);
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(L.sandbox.log) })).toBeVisible();
      await expect(page.locator('.log .entry')).toHaveCount(3);
      const hint = page.locator('.console-hint');
      await expect(hint).toContainText(L.sandbox.hint);
      await expect(hint.locator('code')).toHaveText('help');
      await expect(hint.locator('kbd').nth(2)).toHaveText(L.sandbox.ctrl);
      const line = page.getByLabel(L.sandbox.command);
      await page.getByRole('button', { name: L.sandbox.run, exact: true }).click();
      await expect(page.locator('#command-error')).toHaveText(L.sandbox.empty);
      await line.fill('help');
      await line.press('Enter');
      await expect(page.locator('.help pre')).toBeVisible();
      await expect(page.locator('#command-error')).toHaveCount(0);
      await page.getByRole('button', { name: L.sandbox.undo }).click();
      await expect(page.locator('.svelte-flow__node-process')).toHaveCount(1);
      problems.push(...(await audit(page, 'sandbox')));
      problems.push(...(await atEverySize(page, testInfo, `sandbox-${L.lang}`)));

      // ── Progress: a name, an import by another learner (confirm), the table, reset refused ──
      await page.goto('/#/progress');
      await expect(page.getByRole('heading', { level: 1, name: L.progress.h1 })).toBeVisible();
      await page.getByLabel(L.progress.name).fill('Ana');
      await page.getByLabel(L.progress.name).blur();
      await expect(page.getByText(L.progress.named)).toBeVisible();
      await page.getByLabel(L.progress.importFile).setInputFiles({ name: 'progreso-ada.json', mimeType: 'application/json', buffer: Buffer.from(PROGRESS_FILE) });
      await expect.poll(() => dialogs).toContain(L.progress.confirm);
      await expect(page.getByText(L.progress.imported)).toBeVisible();
      await expect(page.getByRole('columnheader', { name: L.progress.column })).toBeVisible();
      await expect(page.locator('table.data tbody')).toContainText(L.progress.date);
      await expect(page.locator('table.data .badge')).toHaveText(L.progress.status);
      await page.getByRole('button', { name: L.progress.reset }).click();
      await expect.poll(() => dialogs.some((d) => d.startsWith(L.progress.resetConfirm))).toBe(true);
      await expect(page.locator('table.data')).toBeVisible(); // refused: nothing reset
      problems.push(...(await audit(page, 'progress')));
      problems.push(...(await atEverySize(page, testInfo, `progress-${L.lang}`)));

      // ── Author preview: a folder with one broken lesson ──
      const files = encoded([...example, ['lessons/02-tlb-and-faults.yaml', 'id: tlb-and-faults\ntitle: [unclosed\n']]);
      await writeOpfsPack(page, 'i18n-pack', files);
      await page.goto('/#/author');
      await expect(page.getByRole('heading', { level: 1, name: L.author.h1 })).toBeVisible();
      await expect(page.locator('.page-head code')).toHaveText('docs/authoring.md');
      await page.getByRole('button', { name: L.author.open }).click();
      await expect(page.getByRole('heading', { level: 2, name: PACK_TITLE })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: L.author.status })).toBeVisible();
      await expect(page.locator('.badge.bad')).toHaveText(L.author.errors);
      await expect(page.locator('.problems li.error')).toHaveCount(1);
      await expect(page.getByRole('heading', { level: 3, name: L.author.lessons })).toBeVisible();
      await expect(page.getByRole('link', { name: L.author.play }).first()).toBeVisible();
      problems.push(...(await audit(page, 'author')));
      problems.push(...(await atEverySize(page, testInfo, `author-${L.lang}`)));

      expect(problems, problems.join('\n')).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
}

test.describe('a German browser whose learner chose Spanish', () => {
  test.use({ locale: 'de-DE' });

  test('the browser storage’s start-up notice is in Spanish, the learner’s language, not the browser’s', async ({ page }) => {
    await page.route('**/__blank', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
    await page.goto('/__blank');
    await clearStorage(page);
    // A stored progress record that cannot be read, and the learner's choice of Spanish.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open('pagewalk', 1);
          r.onupgradeneeded = () => r.result.createObjectStore('documents');
          r.onerror = () => reject(r.error);
          r.onsuccess = () => {
            const tx = r.result.transaction('documents', 'readwrite');
            tx.objectStore('documents').put('not a progress record at all', 'progress');
            tx.objectStore('documents').put({ language: 'es' }, 'settings');
            tx.oncomplete = () => (r.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Biblioteca' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Avisos' })).toContainText('Tu progreso guardado en este navegador no se ha podido leer del todo (no es un registro de progreso).');
  });
});
