import { describe, expect, it } from 'vitest';
import { MEMBERSHIPS, REGIONS, STAKEHOLDER_GROUPS, STANCES } from '../../../shared/domain';
import { resources } from './resources';

/**
 * Every language must say everything English says. A key missing from one language falls back to English
 * mid-page; a plural form missing falls back too, but only for the counts that need it (the Russian "5", the
 * Arabic "2"), so nobody notices until a reader does. These are the strings i18n/index.ts gives i18next.
 */
type Strings = Map<string, string>;
const locales = new Map<string, Map<string, Strings>>();
for (const [lang, namespaces] of Object.entries(resources)) {
  locales.set(lang, new Map(Object.entries(namespaces).map(([ns, tree]) => [ns, flatten(tree)])));
}

/** Nested objects become dotted keys, as i18next's keySeparator reads them. */
function flatten(tree: Record<string, unknown>, prefix = '', into: Strings = new Map()): Strings {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix + key;
    if (typeof value === 'string') into.set(path, value);
    else if (value && typeof value === 'object') flatten(value as Record<string, unknown>, `${path}.`, into);
    else into.set(path, String(value));
  }
  return into;
}

const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL = new RegExp(`^(.*)_(${CATEGORIES.join('|')})$`);

/** English keys split into plain keys and plural bases (`x` for `x_one`/`x_other`), with English's extras. */
function shapeOf(english: Strings) {
  const plurals = new Map<string, Set<string>>();
  for (const key of english.keys()) {
    const match = PLURAL.exec(key);
    if (match && english.has(`${match[1]}_other`)) {
      if (!plurals.has(match[1])) plurals.set(match[1], new Set());
      plurals.get(match[1])!.add(match[2]);
    }
  }
  const plain = [...english.keys()].filter((key) => {
    const match = PLURAL.exec(key);
    return !(match && plurals.has(match[1]));
  });
  return { plain, plurals };
}

/**
 * The suffixes i18next looks up for a count in this language: the categories of Intl.PluralRules (what
 * i18next's PluralResolver uses), plus `_zero` wherever English has one, since i18next tries `_zero` for a
 * count of 0 in every language before the language's own rule.
 */
function suffixesFor(lang: string, english: Set<string>): string[] {
  const categories = new Set<string>(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
  if (english.has('zero')) categories.add('zero');
  return CATEGORIES.filter((c) => categories.has(c));
}

/**
 * Whether a plural form stands for one number only (Arabic `_two` is 2; Russian `_one` is 1, 21, 31...),
 * so it may write the number in words instead of `{{count}}`.
 */
function singleNumber(lang: string, category: string, hasZero: boolean): boolean {
  if (category === 'zero') return true; // Arabic's zero, or i18next's own `_zero`: 0 alone
  const rule = new Intl.PluralRules(lang);
  let matches = 0;
  // With a `_zero` form, 0 never reaches the language's own categories.
  for (let n = hasZero ? 1 : 0; n <= 1000; n++) if (rule.select(n) === category) matches++;
  return matches <= 1;
}

/** `{{name}}` interpolations and the `<bdi>` tags a <Trans> fills in, sorted; they must survive translation. */
function markers(text: string): string[] {
  const found = [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}|<\/?[A-Za-z0-9]+\s*\/?>/g)].map((m) =>
    m[1] ? `{{${m[1]}}}` : m[0].replace(/\s/g, ''),
  );
  return [...new Set(found)].sort();
}

const english = locales.get('en')!;
const others = [...locales.keys()].filter((lang) => lang !== 'en').sort();

describe('locale files', () => {
  it('come in the six UN languages', () => {
    expect([...locales.keys()].sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  });

  it.each(others)('%s has the same namespaces as English', (lang) => {
    expect([...locales.get(lang)!.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(others)('%s has every English key and plural form its language needs, and no others', (lang) => {
    const problems: string[] = [];
    for (const [ns, strings] of english) {
      const { plain, plurals } = shapeOf(strings);
      const expected = new Set(plain);
      for (const [base, forms] of plurals) {
        for (const suffix of suffixesFor(lang, forms)) expected.add(`${base}_${suffix}`);
      }
      const actual = new Set(locales.get(lang)?.get(ns)?.keys() ?? []);
      for (const key of expected) if (!actual.has(key)) problems.push(`missing ${ns}:${key}`);
      for (const key of actual) if (!expected.has(key)) problems.push(`extra ${ns}:${key}`);
    }
    expect(problems).toEqual([]);
  });

  it('English has every plural form English needs', () => {
    const problems: string[] = [];
    for (const [ns, strings] of english) {
      for (const [base, forms] of shapeOf(strings).plurals) {
        for (const suffix of suffixesFor('en', forms)) {
          if (!forms.has(suffix)) problems.push(`missing ${ns}:${base}_${suffix}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(['en', ...others])('%s keeps the placeholders of the English strings', (lang) => {
    const problems: string[] = [];
    for (const [ns, strings] of english) {
      const { plurals } = shapeOf(strings);
      for (const [key, text] of locales.get(lang)?.get(ns) ?? []) {
        const match = PLURAL.exec(key);
        const plural = match && plurals.has(match[1]) ? { base: match[1], category: match[2] } : null;
        if (!plural) {
          if (!strings.has(key)) continue; // reported by the key test
          const want = markers(strings.get(key)!);
          if (markers(text).join(' ') !== want.join(' ')) {
            problems.push(
              `${ns}:${key} has ${markers(text).join(' ') || 'none'}, English ${want.join(' ') || 'none'}`,
            );
          }
          continue;
        }
        // A plural form keeps the placeholders of English's form for the same count (English's `_other` where
        // English has none, as for the Russian `_few`), and {{count}} unless it stands for one number.
        const reference = markers(
          strings.get(`${plural.base}_${plural.category}`) ?? strings.get(`${plural.base}_other`)!,
        );
        const want = reference.filter((m) => m !== '{{count}}');
        const have = markers(text).filter((m) => m !== '{{count}}');
        if (have.join(' ') !== want.join(' ')) {
          problems.push(`${ns}:${key} has ${have.join(' ') || 'none'}, English ${want.join(' ') || 'none'}`);
        }
        if (
          reference.includes('{{count}}') &&
          !text.includes('{{count}}') &&
          !singleNumber(lang, plural.category, plurals.get(plural.base)!.has('zero'))
        ) {
          problems.push(`${ns}:${key} lacks {{count}}, yet stands for more than one number in ${lang}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  /**
   * The words for the shared vocabularies (stance, stakeholder group, ITU membership and region) are kept once,
   * in positions.json, so that a form, a chart, a citation, an admin table and a digest all say the same word;
   * the server's published summaries use the same group names (labels.spec.ts reads them there). What each
   * stance means, under its name in the position form, is no name.
   */
  it.each([
    ['stance', STANCES],
    ['group', STAKEHOLDER_GROUPS],
    ['membership', MEMBERSHIPS],
    ['region', REGIONS],
  ] as const)('name each %s in one place only', (name, values) => {
    const places: string[] = [];
    const visit = (tree: Record<string, unknown>, path: string) => {
      if (values.every((v) => typeof tree[v] === 'string')) places.push(path);
      for (const [key, value] of Object.entries(tree)) {
        if (value && typeof value === 'object') visit(value as Record<string, unknown>, `${path}.${key}`);
      }
    };
    for (const [ns, tree] of Object.entries(resources.en)) visit(tree, ns);
    const names = places.map((p) => p.replace('.', ':')).filter((p) => p !== 'positions:meaning');
    expect(names).toEqual([`positions:${name}`]);
  });
});
