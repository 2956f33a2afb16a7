// Issue 12, finding 8: which stored progress the browser build backs up before using it
// (the IndexedDB behaviour itself is tested in Chromium: tests/e2e/storage.spec.ts).
import { describe, expect, it } from 'vitest';
import { progressProblem } from '../../renderer/worker/storage.ts';

const lesson = { furthestStep: 1, completed: false, completedAt: null, quizzes: {} };

describe('stored progress the browser build cannot use as it is', () => {
  it('accepts nothing stored yet, and good progress', () => {
    expect(progressProblem(undefined)).toBeNull();
    expect(progressProblem({ version: 1, packs: {} })).toBeNull();
    expect(progressProblem({ version: 1, packs: { p: { a: lesson, b: lesson } } })).toBeNull();
  });

  it('names what is wrong with anything else, so it is backed up and the learner told', () => {
    expect(progressProblem('garbage')).toBe('it is not a progress record');
    expect(progressProblem(null)).toBe('it is not a progress record');
    expect(progressProblem([1, 2])).toBe('it is not a progress record');
    expect(progressProblem({ version: 7, packs: {} })).toBe('it was written by a newer Pagewalk (format 7)');
    expect(progressProblem({ version: 'x', packs: {} })).toBe('its format is unknown');
    expect(progressProblem({ version: 1 })).toBe('it holds no list of lessons');
    expect(progressProblem({ version: 1, packs: { p: { a: lesson, b: 42 } } })).toBe('1 of its 2 lesson records could not be read');
    expect(progressProblem({ version: 1, packs: { p: 'x', q: { a: lesson } } })).toBe('1 of its 2 lesson records could not be read');
  });
});
