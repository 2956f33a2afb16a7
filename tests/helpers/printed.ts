/* What a CLI command prints, run in this process: its direct output (core/cli/stdout.ts) and process.stdout's, in order. */
import { vi } from 'vitest';
import { stdout } from '../../core/cli/stdout.ts';

export function printed(run: () => number): { status: number; out: string } {
  let out = '';
  const decoder = new TextDecoder();
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : decoder.decode(chunk);
    return true;
  });
  const direct = stdout.write;
  stdout.write = (bytes) => {
    out += decoder.decode(bytes);
  };
  try {
    return { status: run(), out };
  } finally {
    spy.mockRestore();
    stdout.write = direct;
  }
}
