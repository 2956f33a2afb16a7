/*
 * Commands and schemas contributed by other parts of core/ (the lesson tooling,
 * experiments), kept here so main.ts does not depend on them directly.
 */
import { experiment, experimentSchema } from './experiment.ts';
import { lessonCommands, lessonSchemas } from './lessons.ts';
import { progressCommand } from './progress.ts';
import type { Command } from './main.ts';

export const extraCommands: {
  commands: Record<string, Command>;
  schema?: Record<string, () => unknown>;
} = { commands: { ...lessonCommands }, schema: { ...lessonSchemas } };

// The instructor's side of progress exports: `pagewalk progress merge` (core/cli/progress.ts).
extraCommands.commands.progress = progressCommand;

// Experiments: `pagewalk experiment` and `pagewalk schema experiment` (core/cli/experiment.ts).
extraCommands.commands.experiment = experiment;
Object.assign(extraCommands.schema!, experimentSchema);
