/*
 * English source messages for the lesson player: renderer/screens/Lesson.svelte, components for steps/quiz/state/reference table/recap/hints, and core/lessons quiz.ts, observe.ts, state-text.ts, player.ts, progress-export.ts, the curve cases of feedback.ts.
 * Keys start with "player." (unique across areas; tests/unit/i18n-catalogue.test.ts checks).
 * Values are ICU MessageFormat (docs/i18n.md); es.ts, de.ts and zh-CN.ts beside this file
 * must have exactly these keys.
 */
export const playerEn = {
} as const;
