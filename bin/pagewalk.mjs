#!/usr/bin/env node
// Launcher for the `pagewalk` command: runs the TypeScript CLI through tsx, so the
// command works straight after `npm install` with no build step.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../core/cli/main.ts', import.meta.url);
process.exitCode = main(process.argv.slice(2));
