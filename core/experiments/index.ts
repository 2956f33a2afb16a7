/*
 * Experiments (core/experiments): parameter sweeps over the simulator that return a table
 * of measures, for the app's Experiments screen, `pagewalk experiment` and lessons.
 *
 *   types.ts         the table, run options, the plan every kind returns
 *   schema.ts        the documents (one schema per kind, every parameter defaulted)
 *   traces.ts        seeded reference-string generators and the working-set size
 *   replacement.ts   page replacement and working sets (reference-string simulator)
 *   machine-runs.ts  TLB, page tables, NUMA, fork/COW (the whole machine)
 *   run.ts           planning, jobs (a few points at a time) and whole runs
 *   load.ts          documents → checked specs, with file:line:col diagnostics
 *   format.ts        CSV, text tables and text plots
 */
export * from './types.ts';
export { expandRange, experimentJsonSchema, experimentSchemas, parseExperiment, type ExperimentSpec } from './schema.ts';
export { ExperimentJob, planExperiment, runExperiment } from './run.ts';
export { loadExperiment } from './load.ts';
export { plotSeries, tableToCsv, tableToText, textPlot } from './format.ts';
