// Types of legibility-measure.mjs (plain JavaScript so that bin/bench-legibility.mjs runs it with plain Node).
import type { Page } from '@playwright/test';

export interface Viewport {
  width: number;
  height: number;
}
export interface Label {
  node: string;
  text: string;
  px: number;
}
export interface Truncation {
  node: string;
  text: string;
  visible: string;
  how: 'ellipsis' | 'clipped' | 'ends-in-…';
  /** `number`: the cut falls inside a number, address or id (changes meaning). */
  kind: 'number' | 'hidden-number' | 'words';
  px: number;
}
export interface GraphFigures {
  zoom: number;
  pane: { width: number; height: number };
  labels: number;
  px: number[];
  minPx: number | null;
  medianPx: number | null;
  smallest: Label[];
  truncations: Truncation[];
  nodes: number;
  outside: { node: string; how: 'partly' | 'wholly' }[];
  overlays: string[];
  underControls: { node: string; overlay: string; px: number }[];
  overlaps: { a: string; b: string; px: number }[];
  edges: number;
  crossings: number;
  crossingPairs: { a: string; b: string; n: number }[];
  longEdges: { edge: string; ratio: number }[];
}
export interface StepRecord {
  viewport: string;
  fontSize: number;
  scene: string;
  sceneTitle?: string;
  step: number;
  stepTitle?: string;
  figures: GraphFigures;
}
export interface Summary {
  steps: number;
  labels: number;
  minPx: number | null;
  medianPx: number | null;
  lowestStepMedianPx: number | null;
  under11: number;
  truncations: number;
  meaningTruncations: number;
  hiddenNumberTruncations: number;
  wordTruncations: number;
  outsideNodes: number;
  whollyOutsideNodes: number;
  stepsWithOutside: number;
  underControls: number;
  overlaps: number;
  crossings: number;
  longEdges: number;
  zoomMedian: number | null;
}

export const PACK: string;
export const VIEWPORTS: Viewport[];
export const FONT_SIZES: number[];
export const LONG_EDGE: number;
export const TARGETS: {
  minPx: Record<string, number>;
  medianPx: Record<string, number>;
  meaningTruncations: number;
  underControls: number;
};
export const SANDBOX_COMMANDS: string[];
export const QUICK_LESSONS: string[];
export function builtInLessons(root: string): { id: string; title: string; steps: number }[];
export function viewportName(v: Viewport): string;
export function applySettings(page: Page, baseURL: string, settings: { fontSize: number; reducedMotion?: boolean }): Promise<void>;
export function paintedKey(page: Page): Promise<string>;
export function waitForSettledGraph(page: Page, before?: string | null): Promise<void>;
export function stepPosition(page: Page): Promise<{ index: number; count: number }>;
export function openLesson(page: Page, baseURL: string, lessonId: string): Promise<{ index: number; count: number }>;
export function nextStep(page: Page): Promise<void>;
export function openSandbox(page: Page, baseURL: string, commands?: string[]): Promise<void>;
export function measureGraph(page: Page): Promise<GraphFigures>;
export function summarize(records: StepRecord[]): Summary;
export function missedTargets(records: StepRecord[]): string[];
