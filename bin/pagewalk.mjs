#!/usr/bin/env node
// Launcher for the `pagewalk` command: runs the TypeScript CLI through tsx, so the
// command works straight after `npm install` with no build step.
import { tsImport } from 'tsx/esm/api';

// `pagewalk … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const { main } = await tsImport('../core/cli/main.ts', import.meta.url);
process.exitCode = main(process.argv.slice(2));
