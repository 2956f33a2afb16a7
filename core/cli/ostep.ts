/*
 * `pagewalk ostep linear|multilevel`: the OSTEP paging homework generators with their own
 * command lines (core/scenario/ostep-homework.ts draws the same problem from the same
 * seed; the answers come from the simulator's walks). --scenario prints the problem as a
 * Pagewalk scenario instead, for `pagewalk run` or a lesson.
 */
import { parseArgs } from 'node:util';
import { formatLinear, formatMultilevel, HomeworkError, homeworkSize, linearInstance, linearScenario, multilevelInstance, multilevelScenario } from '../scenario/ostep-homework.ts';
import { UsageError, type Command } from './usage.ts';
import { t } from '../i18n/index.ts';

const write = (s: string) => process.stdout.write(s);

function wholeNumber(text: string, flag: string): number {
  if (!/^[+-]?\d+$/.test(text.trim())) throw new UsageError(t('shell.cli.ostep.wholeNumber', { flag, text }));
  return Number(text);
}

function linear(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string', short: 's', default: '0' },
      asize: { type: 'string', short: 'a', default: '16k' },
      physmem: { type: 'string', short: 'p', default: '64k' },
      pagesize: { type: 'string', short: 'P', default: '4k' },
      numaddrs: { type: 'string', short: 'n', default: '5' },
      used: { type: 'string', short: 'u', default: '50' },
      addresses: { type: 'string', short: 'A', default: '-1' },
      verbose: { type: 'boolean', short: 'v', default: false },
      solve: { type: 'boolean', short: 'c', default: false },
      scenario: { type: 'boolean', default: false },
    },
  });
  const given = values.addresses.trim() === '-1' ? null : values.addresses.split(',').map((a) => wholeNumber(a, '-A'));
  const inst = linearInstance({
    seed: wholeNumber(values.seed, '-s'),
    asize: homeworkSize(values.asize),
    psize: homeworkSize(values.physmem),
    pagesize: homeworkSize(values.pagesize),
    num: wholeNumber(values.numaddrs, '-n'),
    used: wholeNumber(values.used, '-u'),
    addresses: given,
  });
  if (values.scenario) write(JSON.stringify(linearScenario(inst), null, 2) + '\n');
  else write(formatLinear(inst, { asize: values.asize, psize: values.physmem, pagesize: values.pagesize, addresses: values.addresses, verbose: values.verbose, solve: values.solve }));
  return 0;
}

function multilevel(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string', short: 's', default: '0' },
      allocated: { type: 'string', short: 'a', default: '64' },
      addresses: { type: 'string', short: 'n', default: '10' },
      solve: { type: 'boolean', short: 'c', default: false },
      scenario: { type: 'boolean', default: false },
    },
  });
  const allocated = wholeNumber(values.allocated, '-a');
  const inst = multilevelInstance(wholeNumber(values.seed, '-s'), allocated, wholeNumber(values.addresses, '-n'));
  if (values.scenario) write(JSON.stringify(multilevelScenario(inst), null, 2) + '\n');
  else write(formatMultilevel(inst, allocated, values.solve));
  return 0;
}

export const ostep: Command = {
  get summary() {
    return t('shell.cli.ostep.summary');
  },
  get usage() {
    return t('shell.cli.ostep.usage');
  },
  run(argv) {
    const [which, ...rest] = argv;
    try {
      if (which === 'linear') return linear(rest);
      if (which === 'multilevel') return multilevel(rest);
    } catch (e) {
      if (e instanceof HomeworkError) throw new UsageError(e.message);
      throw e;
    }
    throw new UsageError(which === undefined ? t('shell.cli.ostep.which') : t('shell.cli.ostep.unknown', { name: which }));
  },
};
