/*
 * Commands and schemas contributed by other parts of core/ (the lesson tooling,
 * experiments), kept here so main.ts does not depend on them directly.
 */
import { experiment, experimentSchema } from './experiment.ts';
import { lessonCommands, lessonSchemas } from './lessons.ts';
import type { Command } from './main.ts';

export const extraCommands: {
  commands: Record<string, Command>;
  schema?: Record<string, () => unknown>;
} = { commands: { ...lessonCommands, experiment }, schema: { ...lessonSchemas, ...experimentSchema } };
