/*
 * `pagewalk progress merge`: the instructor's side of progress exports. Each learner
 * exports a JSON file from the Progress screen; this reads them all and writes one table
 * for the class, with the same columns as the app's own CSV export.
 *
 * Files with the same learner name (a learner who worked on two computers, or exported
 * twice) are merged into one learner with the app's own merge (core/lessons/progress.ts),
 * so nothing is counted twice. A file without a name is listed under its file name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeProgress } from '../lessons/progress.ts';
import { describeProgress, progressOfExport, progressTable, ProgressFileError, readProgressExport, TABLE_COLUMNS, toCsv, type PackOutline, type ProgressExport } from '../lessons/progress-export.ts';
import { t } from '../i18n/index.ts';
import { readProblem } from './read-problem.ts';
import { terminalSafe } from './terminal.ts';
import { UsageError, type Command } from './usage.ts';

const err = (s: string) => process.stderr.write(terminalSafe(s) + '\n');

/** What the exports themselves say about each pack, for describing merged progress. */
function outlinesOf(docs: ProgressExport[]): PackOutline[] {
  const packs = new Map<string, PackOutline>();
  for (const doc of docs) {
    for (const p of doc.packs) {
      const pack = packs.get(p.id) ?? { id: p.id, title: p.title ?? '', version: p.version ?? '', lessons: [] };
      if (!packs.has(p.id)) packs.set(p.id, pack);
      if (!pack.title && p.title) pack.title = p.title;
      if (!pack.version && p.version) pack.version = p.version;
      for (const l of p.lessons) {
        let lesson = pack.lessons.find((x) => x.id === l.id);
        if (!lesson) pack.lessons.push((lesson = { id: l.id, title: l.title ?? '', steps: [], quizzes: [] }));
        if (!lesson.title && l.title) lesson.title = l.title;
        if (l.stepCount !== null && lesson.steps.length < l.stepCount) lesson.steps.push(...Array<string>(l.stepCount - lesson.steps.length).fill(''));
        for (const q of l.quizzes) {
          if (q.step === null || lesson.quizzes.some((x) => x.id === q.id)) continue;
          while (lesson.steps.length < q.step) lesson.steps.push('');
          if (q.stepTitle) lesson.steps[q.step - 1] = q.stepTitle;
          lesson.quizzes.push({ id: q.id, stepIndex: q.step - 1, prompt: q.question ?? '', masteryNeeded: q.masteryNeeded ?? 1 });
        }
      }
    }
  }
  // A pack no export had installed stays unknown (its titles empty), rather than made up.
  return [...packs.values()].filter((p) => p.title);
}

export const progressCommand: Command = {
  get summary() {
    return t('shell.cli.progress.summary');
  },
  get usage() {
    return t('shell.cli.progress.usage');
  },
  run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { output: { type: 'string', short: 'o' } }, allowPositionals: true });
    const [sub, ...files] = positionals;
    if (sub !== 'merge') throw new UsageError(sub ? t('shell.cli.progress.unknown', { name: sub }) : t('shell.cli.progress.needCommand'));
    if (files.length === 0) throw new UsageError(t('shell.cli.progress.needFiles'));
    let status = 0;
    const learners = new Map<string, { docs: ProgressExport[]; files: string[] }>();
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        err(readProblem(file, code, (e as Error).message));
        status = 1;
        continue;
      }
      let doc: ProgressExport;
      try {
        doc = readProgressExport(text);
      } catch (e) {
        if (!(e instanceof ProgressFileError)) throw e;
        err(t('shell.cli.progress.skipped', { file, message: e.message }));
        status = 1;
        continue;
      }
      const name = doc.learner || basename(file).replace(/\.json$/i, '');
      if (!doc.learner) err(t('shell.cli.progress.noName', { file, name }));
      const entry = learners.get(name) ?? { docs: [], files: [] };
      entry.docs.push({ ...doc, learner: name });
      entry.files.push(file);
      learners.set(name, entry);
    }
    const outlines = outlinesOf([...learners.values()].flatMap((l) => l.docs));
    const merged: ProgressExport[] = [];
    for (const [name, { docs, files: from }] of [...learners].sort(([a], [b]) => a.localeCompare(b))) {
      if (docs.length > 1) err(t('shell.cli.progress.merged', { name, count: docs.length, files: from.join(', ') }));
      let progress = progressOfExport(docs[0]);
      for (const d of docs.slice(1)) progress = mergeProgress(progress, progressOfExport(d)).progress;
      const latest = docs.map((d) => d.exportedAt).sort().pop() ?? '';
      merged.push(describeProgress(progress, outlines, { learner: name, exportedAt: latest, exportedBy: docs[0].exportedBy }));
    }
    const rows = merged.flatMap(progressTable);
    const output = values.output;
    const text = output && /\.json$/i.test(output) ? JSON.stringify(merged, null, 2) + '\n' : toCsv(TABLE_COLUMNS, rows);
    if (output) {
      try {
        writeFileSync(output, text);
      } catch (e) {
        err(t('shell.cli.cannotWrite', { path: output, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
        return 1;
      }
      err(t('shell.cli.progress.wrote', { file: output, learners: merged.length, rows: rows.length }));
    } else process.stdout.write(process.stdout.isTTY ? text.split('\r\n').map(terminalSafe).join('\r\n') : text);
    return status;
  },
};
