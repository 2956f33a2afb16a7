/*
 * Turning the engine's feedback into answers, the way a learner would type or click them.
 *
 * A quiz never stores its answer, so the curriculum test learns it the honest way: it
 * answers once on a throw-away player, reads `expected` from the feedback (the real
 * outcome, formatted as the app shows it), and gives that back on the learner's player
 * for the same instance. These helpers convert between the shown form and a QuizAnswer,
 * and build an answer that is certainly wrong, to check what the learner is told then.
 */
import { parseNumberText } from '../../../core/lessons/observe.ts';
import type { QuizAnswer, QuizView } from '../../../core/lessons/types.ts';
import { t } from '../../../core/i18n/index.ts';

/** Some answer of the right shape, right or wrong: the first option, "yes", 0 … */
export function anyAnswer(q: QuizView): QuizAnswer {
  switch (q.kind) {
    case 'choice':
      return { kind: 'choice', option: q.options[0].id };
    case 'yesno':
      return { kind: 'yesno', value: true };
    case 'number':
      return { kind: 'number', value: 0 };
    case 'address':
      return { kind: 'address', text: '0x0' };
    case 'sequence':
      return { kind: 'sequence', items: Array.from({ length: q.length ?? 1 }, () => q.alphabet[0]) };
    case 'pick':
      return { kind: 'pick', target: 0 };
    case 'order':
      return { kind: 'order', items: q.options.map((o) => o.id) };
  }
}

/** Stage labels of an order answer shown as "1. first; 2. second". */
function orderLabels(shown: string): string[] {
  return shown.split(/; (?=\d+\. )/).map((s) => s.replace(/^\d+\. /, ''));
}

function numberOf(shown: string): number {
  // "frame 27", "marco 27", "Knoten 1", "节点 1": the number after the word, in any language.
  const n = parseNumberText(shown.replace(/^[^\d-]*?(?=-?\d)/u, ''));
  if (n === null) throw new Error(`"${shown}" is not a number`);
  return n;
}

/** The answer a learner gives to say `shown` (the feedback's `expected`). */
export function answerFor(q: QuizView, shown: string): QuizAnswer {
  switch (q.kind) {
    case 'choice': {
      const o = q.options.find((x) => x.label === shown);
      if (!o) throw new Error(`no option reads "${shown}" (options: ${q.options.map((x) => x.label).join(' | ')})`);
      return { kind: 'choice', option: o.id };
    }
    case 'yesno':
      return { kind: 'yesno', value: shown === 'yes' || shown === t('player.answer.yes') };
    case 'number':
      return { kind: 'number', value: numberOf(shown) };
    case 'address':
      return { kind: 'address', text: shown };
    case 'sequence':
      // The feedback shows each item's label ("fallo, acierto"); the answer gives its id ("miss", "hit").
      return { kind: 'sequence', items: shown.split(', ').map((word) => q.alphabet[q.alphabetLabels.indexOf(word)] ?? word) };
    case 'pick':
      return { kind: 'pick', target: q.pick === 'process' ? shown : numberOf(shown) };
    case 'order': {
      const ids = orderLabels(shown).map((label) => {
        const o = q.options.find((x) => x.label === label);
        if (!o) throw new Error(`no stage reads "${label}"`);
        return o.id;
      });
      return { kind: 'order', items: ids };
    }
  }
}

/** An answer that differs from the right one (`shown`) in the way a learner's slip would. */
export function wrongAnswerFor(q: QuizView, shown: string): QuizAnswer {
  const right = answerFor(q, shown);
  switch (right.kind) {
    case 'choice':
      return { kind: 'choice', option: q.options.find((o) => o.id !== right.option)!.id };
    case 'yesno':
      return { kind: 'yesno', value: !right.value };
    case 'number':
      return { kind: 'number', value: right.value + 1 };
    case 'address':
      // Flip the lowest bit: still a valid address of the machine, one byte off.
      return { kind: 'address', text: '0x' + (numberOf(right.text) ^ 1).toString(16) };
    case 'sequence':
      return { kind: 'sequence', items: [q.alphabet.find((t) => t !== right.items[0])!, ...right.items.slice(1)] };
    case 'pick':
      if (typeof right.target === 'string') throw new Error('no wrong process to pick');
      return { kind: 'pick', target: right.target === 0 ? 1 : right.target - 1 };
    case 'order':
      return { kind: 'order', items: [...right.items].reverse() };
  }
}
