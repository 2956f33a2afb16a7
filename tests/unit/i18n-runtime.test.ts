// The message runtime as the hosts use it: locale negotiation (OS, browser, LANG, policy),
// switching, plural rules per language, numbers for the locale and addresses in hex, the
// fallback when a value is missing, the CLI's --lang and the classroom policy's preset.
import { afterEach, describe, expect, it } from 'vitest';
import { applyCliLanguage, takeLanguage } from '../../core/cli/lang.ts';
import { formatNumber, getLocale, hex, localesFromEnvironment, negotiateLocale, onLocaleChange, resolveLocale, setLocale, t, textDirection, translate } from '../../core/i18n/index.ts';
import { parsePolicy } from '../../electron/main/policy.ts';

afterEach(() => void setLocale('en'));

describe('choosing the locale', () => {
  it('matches a preferred tag to a shipped locale: exact, then the language, else English', () => {
    expect(negotiateLocale(['de-AT'])).toBe('de');
    expect(negotiateLocale(['fr-FR', 'es-419'])).toBe('es');
    expect(negotiateLocale(['zh-Hans-CN'])).toBe('zh-CN');
    expect(negotiateLocale(['zh-SG'])).toBe('zh-CN');
    expect(negotiateLocale(['zh-TW'])).toBe('en'); // Traditional Chinese is not served Simplified
    expect(negotiateLocale(['zh-Hant-HK', 'de'])).toBe('de');
    expect(negotiateLocale(['ja', 'ko'])).toBe('en');
    expect(negotiateLocale(['en-XA'])).toBe('en'); // the pseudo-locale only when allowed
    expect(negotiateLocale(['en-XA'], { allowPseudo: true })).toBe('en-XA');
  });

  it('reads POSIX locale names as the CLI finds them in the environment', () => {
    expect(negotiateLocale(['de_DE.UTF-8'])).toBe('de');
    expect(negotiateLocale(['zh_CN.GB18030'])).toBe('zh-CN');
    expect(negotiateLocale(['C', 'es_ES@euro'])).toBe('es');
    expect(localesFromEnvironment({ LANG: 'de_DE.UTF-8', LC_ALL: 'es_MX.UTF-8' })).toEqual(['es_MX.UTF-8']);
    expect(localesFromEnvironment({ LANGUAGE: 'zh_CN:en', LANG: 'de_DE.UTF-8' })).toEqual(['zh_CN', 'en', 'de_DE.UTF-8']);
    expect(localesFromEnvironment({ LANGUAGE: 'zh_CN', LC_ALL: 'C' })).toEqual(['C']);
  });

  it('puts the learner’s choice before the classroom’s preset, and that before the computer’s language', () => {
    expect(resolveLocale({ chosen: 'de', policy: 'es', system: ['zh-CN'] })).toBe('de');
    expect(resolveLocale({ chosen: 'system', policy: 'es', system: ['zh-CN'] })).toBe('es');
    expect(resolveLocale({ chosen: 'system', system: ['zh-CN', 'en'] })).toBe('zh-CN');
    expect(resolveLocale({ system: ['pt-BR'] })).toBe('en');
  });

  it('gives left-to-right for the shipped languages and right-to-left for Arabic or Hebrew, so one can be added', () => {
    expect(['en', 'es', 'de', 'zh-CN'].map(textDirection)).toEqual(['ltr', 'ltr', 'ltr', 'ltr']);
    expect(textDirection('ar-EG')).toBe('rtl');
    expect(textDirection('he')).toBe('rtl');
  });
});

describe('formatting', () => {
  it('switches at once and tells listeners, only when the locale really changes', () => {
    const seen: string[] = [];
    const stop = onLocaleChange((l) => seen.push(l));
    expect(setLocale('es-ES')).toBe('es');
    setLocale('es');
    expect(t('settings.title')).toBe('Ajustes');
    setLocale('de');
    expect(t('settings.title')).toBe('Einstellungen');
    stop();
    setLocale('zh-CN');
    expect(seen).toEqual(['es', 'de']);
    expect(getLocale()).toBe('zh-CN');
    expect(t('settings.title')).toBe('设置');
  });

  it('chooses plural forms by each language’s rules and formats numbers for it; addresses stay hex', () => {
    expect(translate('en', 'library.steps', { count: 1 })).toBe('1 step');
    expect(translate('en', 'library.steps', { count: 12345 })).toBe('12,345 steps');
    expect(translate('es', 'library.steps', { count: 1 })).toBe('1 paso');
    expect(translate('de', 'library.steps', { count: 12345 })).toBe('12.345 Schritte');
    expect(translate('zh-CN', 'library.steps', { count: 3 })).toBe('3 步');
    setLocale('de');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(hex(0x3f00)).toBe('0x3f00');
    expect(hex(0x1f, 4)).toBe('0x001f');
  });

  it('selects by a value and falls back to English, then to the key, instead of throwing', () => {
    expect(translate('es', 'library.level', { level: 'advanced' })).toBe('avanzado');
    expect(translate('es', 'library.level', { level: 'expert' })).toBe('expert');
    expect(translate('de', 'library.steps', {} as { count: number })).toBe('library.steps');
  });
});

describe('the hosts', () => {
  it('CLI: --lang anywhere on the command line wins over LANG, and is taken out of argv', () => {
    expect(takeLanguage(['run', '--lang', 'es', 'a.yaml'], { LANG: 'de_DE.UTF-8' })).toEqual({ argv: ['run', 'a.yaml'], requested: ['es'] });
    expect(takeLanguage(['--lang=zh-CN', 'profiles'], {})).toEqual({ argv: ['profiles'], requested: ['zh-CN'] });
    expect(takeLanguage(['run', '--', '--lang', 'x'], {})).toEqual({ argv: ['run', '--', '--lang', 'x'], requested: [] });
    expect(applyCliLanguage(['profiles'], { LC_ALL: 'de_DE.UTF-8' })).toEqual({ argv: ['profiles'], locale: 'de' });
    expect(() => takeLanguage(['run', '--lang'], {})).toThrow(/--lang needs a language/);
  });

  it('classroom policy: "language" presets a shipped locale; anything else is ignored with a notice and restricts nothing', () => {
    expect(parsePolicy('{"language": "es-ES"}', '/etc/pagewalk/policy.json')).toEqual({
      policy: { allowImport: true, allowSandbox: true, allowAuthorPreview: true, language: 'es', source: '/etc/pagewalk/policy.json' },
      notices: [],
    });
    const bad = parsePolicy('{"language": "klingon", "allowSandbox": false}', 'p.json');
    expect(bad.policy).toEqual({ allowImport: true, allowSandbox: false, allowAuthorPreview: true, source: 'p.json' });
    expect(bad.notices).toEqual([expect.stringMatching(/"language" should be one of "en" \(English\), "es" \(Español\).*found "klingon"/)]);
  });
});

describe('the fast formatter', () => {
  it('formats every message of every locale exactly as intl-messageformat does, for counts 0, 1, 2, 5, 21, 1000 and every select branch', async () => {
    const { parse, TYPE } = await import('@formatjs/icu-messageformat-parser');
    const { IntlMessageFormat } = await import('intl-messageformat');
    const { catalogueFor } = await import('../../core/i18n/catalogues.ts');
    const { translate } = await import('../../core/i18n/index.ts');
    type El = ReturnType<typeof parse>[number];
    const args = (els: El[], out: Map<string, string[]>) => {
      for (const e of els) {
        if (e.type === TYPE.argument) out.set(e.value, out.get(e.value) ?? ['text']);
        if (e.type === TYPE.number || e.type === TYPE.plural) out.set(e.value, ['num']);
        if (e.type === TYPE.select) out.set(e.value, [...Object.keys(e.options).filter((k) => k !== 'other'), 'something-else']);
        if (e.type === TYPE.plural || e.type === TYPE.select) for (const o of Object.values(e.options)) args(o.value, out);
      }
      return out;
    };
    let compared = 0;
    for (const locale of ['en', 'es', 'de', 'zh-CN', 'en-XA'] as const) {
      const catalogue = catalogueFor(locale) as Record<string, string>;
      for (const [key, source] of Object.entries(catalogue)) {
        const shape = args(parse(source, { ignoreTag: true }), new Map());
        const reference = new IntlMessageFormat(source, locale === 'en-XA' ? 'en' : locale, undefined, { ignoreTag: true });
        for (const n of [0, 1, 2, 5, 21, 1000]) {
          const selects = [...shape].filter(([, kinds]) => kinds[0] !== 'text' && kinds[0] !== 'num');
          const rounds = Math.max(1, ...selects.map(([, options]) => options.length));
          for (let r = 0; r < rounds; r++) {
            const values: Record<string, string | number> = {};
            for (const [name, kinds] of shape) values[name] = kinds[0] === 'text' ? `«${name}»` : kinds[0] === 'num' ? n : kinds[r % kinds.length];
            expect(translate(locale, key as never, values as never), `${locale} ${key}`).toBe(String(reference.format(values)));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('remembers the small counts it formatted: a count formatted again, below and past the remembered range, still reads as intl-messageformat writes it', async () => {
    const { IntlMessageFormat } = await import('intl-messageformat');
    const { catalogueFor } = await import('../../core/i18n/catalogues.ts');
    const { translate } = await import('../../core/i18n/index.ts');
    let compared = 0;
    for (const locale of ['en', 'es', 'de', 'zh-CN'] as const) {
      const catalogue = catalogueFor(locale) as Record<string, string>;
      // Messages that start with a count (plural or number); those that need more values are skipped below.
      for (const [key, source] of Object.entries(catalogue)) {
        const m = /^[^{]*\{(\w+), (plural|number|selectordinal)/.exec(source);
        if (!m) continue;
        const reference = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
        for (const round of [1, 2]) {
          for (const n of [0, 1, 2, 3, 11, 21, 101, 1000, 4095, 4096, 12_345, 1.5, -1, -0]) {
            const values = { [m[1]]: n };
            let expected: string;
            try {
              expected = String(reference.format(values));
            } catch {
              continue; // the message needs other values too
            }
            expect(translate(locale, key as never, values as never), `${locale} ${key} ${n} (round ${round})`).toBe(expected);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
