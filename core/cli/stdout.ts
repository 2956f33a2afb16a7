/*
 * Standard output for the commands that print a lot (a reference-string trace is hundreds
 * of megabytes). Bytes go to file descriptor 1 with write(2) as soon as a block is ready,
 * and the call returns only once the kernel has them, so the process holds one block
 * whatever the trace's length and whoever reads it: node's own stream queues what a pipe
 * cannot take at once, and a loop that never yields would queue the whole trace.
 *
 * Where descriptor 1 does not block (a stream already opened on it, or a reader that made
 * it non-blocking), a full pipe answers EAGAIN: the writer waits a millisecond and tries
 * again. A reader that went away (`pagewalk … | head`) ends the run quietly, as it would
 * for any command-line tool.
 */
import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeToDescriptor(bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(1, bytes, done, bytes.length - done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      else throw e;
    }
  }
}

/**
 * Where standard output goes. Tests replace `write` to capture it; a replacement must copy
 * what it keeps, since a block is filled again once `write` returns.
 */
export const stdout = {
  write: writeToDescriptor as (bytes: Uint8Array) => void,
};

const encoder = new TextEncoder();

/** Text to standard output, in the same order as the blocks. */
export function writeText(text: string): void {
  stdout.write(encoder.encode(text));
}
