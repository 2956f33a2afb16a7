// `pagewalk progress merge`: an instructor turns a class's progress exports into one table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LessonProgress } from '../../core/api.ts';
import { sanitizeProgress } from '../../core/lessons/progress.ts';
import { describeProgress, TABLE_COLUMNS, type PackOutline } from '../../core/lessons/progress-export.ts';

const BIN = join(__dirname, '..', '..', 'bin', 'pagewalk.mjs');
const dir = mkdtempSync(join(tmpdir(), 'pagewalk-class-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outline: PackOutline[] = [
  { id: 'os101', title: 'OS 101', version: '2.0.0', lessons: [{ id: 'tlb', title: 'The TLB', steps: ['Intro', 'Hit or miss?', 'Why'], quizzes: [{ id: 'hit-or-miss', stepIndex: 1, prompt: 'Does the read of 0x1000 hit the TLB?', masteryNeeded: 1 }] }] },
];
function exportFile(name: string, learner: string, lp: Partial<LessonProgress>): string {
  const progress = sanitizeProgress({ version: 1, packs: { os101: { tlb: { furthestStep: 0, completed: false, completedAt: null, quizzes: {}, ...lp } } } });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(describeProgress(progress, outline, { learner, exportedAt: '2026-12-01T09:00:00Z', exportedBy: 'Pagewalk 0.1.0' })));
  return file;
}
function pagewalk(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const parse = (csv: string) => csv.trim().split('\r\n').map((l) => l.split(','));

describe('pagewalk progress merge', () => {
  it('writes one table for the class, merging a learner who used two computers', () => {
    const ada1 = exportFile('ada-lab.json', 'Ada Lovelace', { furthestStep: 1, quizzes: { 'hit-or-miss': { attempts: 2, correct: 0, correctInstances: [], lastAnswered: '2026-12-01T08:00:00Z' } } });
    const ada2 = exportFile('ada-home.json', 'Ada Lovelace', { furthestStep: 2, completed: true, completedAt: '2026-12-01T08:30:00Z', quizzes: { 'hit-or-miss': { attempts: 3, correct: 1, correctInstances: [2], lastAnswered: '2026-12-01T08:20:00Z' } } });
    const alan = exportFile('alan.json', 'Alan Turing', { furthestStep: 0 });
    const anon = exportFile('student-7.json', '', { furthestStep: 1 });
    const out = join(dir, 'class.csv');
    const r = pagewalk('progress', 'merge', ada1, ada2, alan, anon, '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/Ada Lovelace: 2 files merged/);
    expect(r.err).toMatch(/student-7.json: has no learner name; listed as "student-7"/);
    expect(r.err).toMatch(/class.csv: 3 learners, 3 rows/);
    const [header, ...rows] = parse(readFileSync(out, 'utf8'));
    expect(header).toEqual([...TABLE_COLUMNS]);
    const col = (row: string[], name: (typeof TABLE_COLUMNS)[number]) => row[TABLE_COLUMNS.indexOf(name)];
    expect(rows.map((row) => col(row, 'learner'))).toEqual(['Ada Lovelace', 'Alan Turing', 'student-7']);
    const ada = rows[0];
    expect([col(ada, 'pack_title'), col(ada, 'pack_version'), col(ada, 'lesson_title'), col(ada, 'status'), col(ada, 'steps_seen'), col(ada, 'step_count')]).toEqual(['OS 101', '2.0.0', 'The TLB', 'complete', '3', '3']);
    expect([col(ada, 'quiz'), col(ada, 'quiz_step'), col(ada, 'quiz_step_title'), col(ada, 'question'), col(ada, 'attempts'), col(ada, 'correct'), col(ada, 'instances_right'), col(ada, 'mastered')]).toEqual(['hit-or-miss', '2', 'Hit or miss?', 'Does the read of 0x1000 hit the TLB?', '3', '1', '3', 'true']);
    expect(col(rows[1], 'status')).toBe('in progress');
    expect(col(rows[1], 'quiz')).toBe('');
  });

  it('skips what is not a progress export, says why, and exits 1', () => {
    const good = exportFile('good.json', 'Grace', { furthestStep: 0 });
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, 'learner,pack,lesson\r\n');
    const r = pagewalk('progress', 'merge', good, csv, join(dir, 'missing.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/export.csv: this is a CSV export; import the JSON export instead .*; skipped/);
    expect(r.err).toMatch(/missing.json: no such file/);
    expect(parse(r.out).length).toBe(2);
    expect(pagewalk('progress').code).toBe(2);
    expect(pagewalk('progress', 'merge').code).toBe(2);
  });
});
