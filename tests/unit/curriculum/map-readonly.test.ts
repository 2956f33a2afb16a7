// The `map` teaching shortcut must work for read-only and execute-only areas too: lessons
// use it to show the protection bits of a page table entry.
import { describe, expect, it } from 'vitest';
import { runText } from '../../helpers/scenario.ts';

describe('map with restricted permissions', () => {
  it('makes a read-only page resident in the chosen frame, and a write to it still faults', () => {
    const run = runText(`
machine: teaching-16
steps:
  - spawn: { name: A, layout: empty }
  - map: { process: A, addr: 0x5000, frame: 17, perms: r }
  - read: { process: A, addr: 0x5010 }
  - write: { process: A, addr: 0x5010, value: 1 }
`);
    const [, map, read, write] = run.results;
    expect(map.error).toBeNull();
    expect(read.access!.pfn).toBe(17);
    expect(read.access!.faults).toEqual([]);
    expect(write.access!.faults[0].cause).toBe('protection');
    expect(write.access!.segfault).toMatch(/read-only/);
  });

  it('makes an execute-only page resident', () => {
    const run = runText(`
machine: teaching-16
steps:
  - spawn: { name: A, layout: empty }
  - map: { process: A, addr: 0x4000, perms: x }
  - fetch: { process: A, addr: 0x4000 }
`);
    expect(run.results[1].error).toBeNull();
    expect(run.results[2].access!.faults).toEqual([]);
  });
});
