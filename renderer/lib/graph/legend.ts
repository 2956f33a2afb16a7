/*
 * What the graph's letters, colours, lines and badges mean, in words: the legend panel
 * and the tooltips of table rows and frames read from here, so they always agree.
 */

export { FLAG_WORDS, flagsInWords } from '../../../core/sim/flags.ts';

export interface LegendItem {
  /** A CSS class of graph.css's legend swatches. */
  swatch: string;
  label: string;
  text: string;
}

export const LEGEND: { title: string; items: LegendItem[] }[] = [
  {
    title: 'Boxes',
    items: [
      { swatch: 'sw-process', label: 'Process', text: 'its threads (● running), RSS and PSS in pages, its memory areas; each process has its own colour' },
      { swatch: 'sw-table', label: 'Page table', text: 'one frame of entries: [index] → the frame it maps (→ PT n: the next table)' },
      { swatch: 'sw-frame', label: 'Frame', text: 'one page of physical memory, tinted by the process that owns it' },
      { swatch: 'sw-kernel', label: 'Kernel frame', text: 'the kernel’s own memory' },
      { swatch: 'sw-free', label: 'Free frame', text: 'dashed: not in use; “free ×n” folds n of them into one box' },
      { swatch: 'sw-pt', label: 'PT Ln', text: 'a frame holding a level-n page table (double border)' },
      { swatch: 'sw-shared', label: 'Striped, ×n', text: 'mapped by n page-table entries (shared after fork, shared memory, shared code)' },
    ],
  },
  {
    title: 'Lines and marks',
    items: [
      { swatch: 'sw-edge', label: 'Solid line', text: 'a valid entry and what it points to' },
      { swatch: 'sw-cow', label: 'Dashed brown line', text: 'a copy-on-write mapping (read-only until a write makes the kernel copy)' },
      { swatch: 'sw-path', label: 'Orange', text: 'the translation being played: the TLB, each table entry read, the frame reached' },
      { swatch: 'sw-fault', label: 'Red', text: 'where a translation stopped with a fault' },
      { swatch: 'sw-changed', label: 'Purple', text: 'what the kernel or the MMU has just changed (a new entry, a frame, a TLB fill)' },
      { swatch: 'sw-dirty', label: '●', text: 'dirty: written since it was loaded' },
      { swatch: 'sw-concealed', label: '?', text: 'hidden until you check your prediction' },
    ],
  },
];
