/**
 * Every language's strings, as i18next takes them: resources[lang][namespace]. Each feature keeps its strings
 * in its own namespace file (locales/<lang>/<namespace>.json), so features add text without touching one
 * another's files.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
  eager: true,
  import: 'default',
});

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, strings] of Object.entries(files)) {
  const [, lang, ns] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  (resources[lang] ??= {})[ns] = strings;
}
