#!/usr/bin/env node
// Benchmark: validate a generated pack of 100 lessons × 10 quizzes with 50 random
// instances each (50 000 quiz instances built and checked), and print how long it takes
// and how many instances were actually simulated: instances whose filled-in setup and
// observation equal an earlier one's share its simulation. Target: under 5 s.
//
//   npm run bench:validate [-- --lessons N --instances N --machine ID]
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const { values } = parseArgs({
  options: { lessons: { type: 'string', default: '100' }, instances: { type: 'string', default: '50' }, machine: { type: 'string' } },
});
const lessonCount = Number(values.lessons);
const instances = Number(values.instances);
const { benchmarkPack } = await tsImport('../tests/fixtures/packs/generate.ts', import.meta.url);
const { validatePack } = await tsImport('../core/lessons/validate.ts', import.meta.url);

const files = benchmarkPack(lessonCount, values.machine);
const quizzes = lessonCount * 10;
// Warm-up on a small pack so the JIT has seen the code (reported separately).
validatePack(benchmarkPack(2, values.machine), { instances: 5 });

const t0 = performance.now();
const counts = { instances: 0, simulated: 0 };
const result = validatePack(files, { instances, counts });
const ms = performance.now() - t0;
const errors = result.diagnostics.filter((d) => d.severity === 'error');
if (errors.length) {
  for (const d of errors.slice(0, 10)) console.error(`${d.file}:${d.line}:${d.col}: ${d.message}`);
  console.error(`benchmark pack has ${errors.length} errors`);
  process.exitCode = 1;
}
const total = quizzes * instances;
console.log(`validated ${lessonCount} lessons × 10 quizzes × ${instances} instances (${counts.instances} instances built) in ${(ms / 1000).toFixed(2)} s${ms < 5000 ? ' (target < 5 s: ok)' : ' (target < 5 s: MISSED)'}`);
console.log(`  ${counts.simulated} of them simulated (${((100 * counts.simulated) / Math.max(1, counts.instances)).toFixed(0)}%; the rest repeat an earlier instance's setup): ${((ms * 1000) / Math.max(1, counts.simulated)).toFixed(0)} µs per simulated instance, ${((ms * 1000) / Math.max(1, counts.instances)).toFixed(0)} µs per instance built`);
if (counts.instances !== total) console.log(`  (${total - counts.instances} instances could not be built; see the errors above)`);
