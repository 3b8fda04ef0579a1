import { useTranslation } from 'react-i18next';

/** How much of a moment to show: the day ("28 Nov 2026"), or the day and the minute. */
export type DateStyle = 'date' | 'dateTime';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
};

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as the reader's language writes it, the same way on every page: the month in words (no "11/28/26"
 * to misread as 11 February), minutes but no seconds. Formatters are built once per language and style.
 */
export function formatDate(value: string | Date, language: string, style: DateStyle = 'dateTime'): string {
  const key = `${language}|${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, OPTIONS[style]);
    formats.set(key, format);
  }
  return format.format(typeof value === 'string' ? new Date(value) : value);
}

/** formatDate in the current i18n language; components re-render when the language changes. */
export function useFormatDate(): (value: string | Date, style?: DateStyle) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (value, style) => formatDate(value, language, style);
}
