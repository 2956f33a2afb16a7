/*
 * Commands and schemas contributed by other parts of core/ (the lesson tooling and the
 * instructor's progress merge), kept here so main.ts does not depend on them directly.
 */
import { lessonCommands, lessonSchemas } from './lessons.ts';
import { progressCommand } from './progress.ts';
import type { Command } from './main.ts';

export const extraCommands: {
  commands: Record<string, Command>;
  schema?: Record<string, () => unknown>;
} = { commands: { ...lessonCommands, progress: progressCommand }, schema: { ...lessonSchemas } };
