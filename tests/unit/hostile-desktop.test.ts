// Issue 12, findings 4 and 5, in the desktop host: a learner cannot lift the classroom
// policy with environment variables or Electron's own switches, and the page cannot name
// a path the learner never chose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PathGrants } from '../../electron/main/grants.ts';

describe('Electron fuses in electron-builder.yml', () => {
  it('turn off run-as-Node, NODE_OPTIONS and --inspect, and load only the integrity-checked app.asar', () => {
    const config = parse(readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as { asar: boolean; electronFuses: Record<string, boolean> };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('path grants', () => {
  it('stand for the path they were issued for, and nothing else does', () => {
    const grants = new PathGrants();
    const a = grants.issue('/home/l/Downloads/os.pagewalk');
    expect(a).toMatch(/^grant:[0-9a-f]{32}\/os\.pagewalk$/);
    expect(grants.redeem(a)).toBe('/home/l/Downloads/os.pagewalk');
    expect(grants.redeem('/home/l/Downloads/os.pagewalk')).toBeNull();
    expect(grants.redeem(a.replace(/[0-9a-f](?=[0-9a-f]*\/)/, (c) => (c === '0' ? '1' : '0')))).toBeNull();
    expect(new PathGrants().redeem(a)).toBeNull();
  });

  it('keep only the most recent 256', () => {
    const grants = new PathGrants();
    const first = grants.issue('/a');
    for (let i = 0; i < 256; i++) grants.issue(`/p${i}`);
    expect(grants.redeem(first)).toBeNull();
  });
});
