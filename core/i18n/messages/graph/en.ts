/*
 * English source messages for the graph (renderer/lib/graph/**), the Experiments screen, ExperimentChart, MeasureMachine, and core/experiments.
 * Keys start with "graph." (unique across areas; tests/unit/i18n-catalogue.test.ts checks).
 * Values are ICU MessageFormat (docs/i18n.md); es.ts, de.ts and zh-CN.ts beside this file
 * must have exactly these keys.
 */
export const graphEn = {
} as const;
