import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';

/** The six UN languages. Arabic is written right to left. */
export const LANGUAGES = [
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'zh', name: '中文', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
] as const;

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('consulta.lang') : null;
const browser = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en';
const initial = [stored, browser].find((l) => LANGUAGES.some((x) => x.code === l)) ?? 'en';

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? { common: {} }),
  interpolation: { escapeValue: false },
});

function applyDirection(lang: string) {
  const dir = LANGUAGES.find((l) => l.code === lang)?.dir ?? 'ltr';
  document.documentElement.lang = lang;
  document.documentElement.dir = dir;
}
applyDirection(initial);
i18n.on('languageChanged', (lang) => {
  applyDirection(lang);
  localStorage.setItem('consulta.lang', lang);
});

export default i18n;
