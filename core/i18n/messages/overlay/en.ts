/*
 * English source messages for lesson-pack translations (overlays): loader, fallback marker, validator translation checks and coverage.
 * Keys start with "overlay." (unique across areas; tests/unit/i18n-catalogue.test.ts checks).
 * Values are ICU MessageFormat (docs/i18n.md); es.ts, de.ts and zh-CN.ts beside this file
 * must have exactly these keys.
 */
export const overlayEn = {
  'overlay.templatesDiffer': "the translation must use the same '{{…}}' templates as the source text (missing: {missing}; not in the source: {extra})",
  'overlay.templatesHint': "copy every '{{…}}' from the source unchanged; only the words around them are translated",
  'overlay.templateBroken': 'the template {template} cannot be read: {problem}',
  'overlay.imageMissing': 'image "{image}" is not in the pack',
  'overlay.languageMismatch': 'language "{language}" does not match the folder "{folder}"',
  'overlay.languageMismatchHint': 'write language: {folder}, or move the file into the folder of its language',
  'overlay.packMismatch': 'this translation is for pack "{pack}", but this pack is "{id}"',
  'overlay.lessonMismatch': 'this translation is for lesson "{lesson}", but {file} is lesson "{id}"',
  'overlay.unknownField': '"{field}" has no source text to translate in this lesson',
  'overlay.unknownStep': 'there is no step {step}: the lesson has {count, plural, one {# step} other {# steps}} (numbered from 1)',
  'overlay.noSourceText': 'step {step} has no text in the source to translate',
  'overlay.unknownQuiz': 'the lesson has no quiz "{quiz}" (its quizzes: {quizzes})',
  'overlay.hintCount': 'the source has {source, plural, one {# hint} other {# hints}}, this translation {given, plural, one {# hint} other {# hints}}: translate each hint, in the same order',
  'overlay.unknownAnswerKey': 'the source has no feedback for the answer "{key}" (its answers: {keys}); answer keys are not translated',
  'overlay.optionsNotChoice': 'option labels are only for choice quizzes; this quiz is {kind}',
  'overlay.unknownOption': 'the quiz has no option "{option}" (its options: {options}); option values are not translated',
  'overlay.strayFile': 'this file is not part of a translation and is ignored',
  'overlay.layoutHint': 'a translation holds translations/LANG/pack.yaml and translations/LANG/lessons/LESSON-FILE',
  'overlay.badTag': '"{tag}" is not a language tag',
  'overlay.badTagHint': 'name the folder by a BCP 47 tag such as es, de or zh-CN',
  'overlay.tagSpelling': 'the folder "{tag}" should be spelled "{canonical}"',
  'overlay.sameAsPack': 'the pack is already in "{tag}": this translation is never shown',
  'overlay.noSuchLesson': 'the pack has no lesson file named "{name}"',
  'overlay.noSuchLessonHint': 'name the translation after the lesson file it translates ({files})',
  'overlay.coverage': '{language}: {translated, number} of {total, plural, one {# text} other {# texts}} translated ({percent, number, ::percent})',
  'overlay.instanceProblem': 'quiz "{quiz}" in this translation, with parameters {params}: {problem}',
  'overlay.tagExpected': 'a language tag such as es, de or zh-CN',
  'overlay.stepNumberExpected': 'step numbers count from 1 (1, 2, 3 …)',
  'overlay.coverageHeading': 'Translations:',
  'overlay.marker': 'not translated',
  'overlay.markerTitle': 'This text is not translated yet; it is shown in the pack\u2019s language ({language}).',
} as const;
