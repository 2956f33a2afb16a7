/*
 * Commands and schemas contributed by other parts of core/ (the lesson tooling), kept
 * here so main.ts does not depend on them directly.
 */
import { lessonCommands, lessonSchemas } from './lessons.ts';
import { progressCommand } from './progress.ts';
import type { Command } from './main.ts';

export const extraCommands: {
  commands: Record<string, Command>;
  schema?: Record<string, () => unknown>;
} = { commands: { ...lessonCommands }, schema: { ...lessonSchemas } };

// The instructor's side of progress exports: `pagewalk progress merge` (core/cli/progress.ts).
extraCommands.commands.progress = progressCommand;
