import { describe, expect, it } from 'vitest';
import { formatDate } from './dates';

describe('formatDate', () => {
  // Midday UTC: the same calendar day in every time zone a test machine is likely to have.
  const moment = '2026-11-28T12:02:14Z';

  it('writes the month in words and no seconds, never the US numeric form', () => {
    const english = formatDate(moment, 'en', 'dateTime');
    expect(english).toMatch(/^Nov 28, 2026/);
    expect(english).not.toMatch(/11\/28|:14/);
    expect(formatDate(moment, 'en', 'date')).toBe('Nov 28, 2026');
  });

  it('follows the language it is given', () => {
    expect(formatDate(moment, 'fr', 'date')).toBe('28 nov. 2026');
    expect(formatDate(moment, 'es', 'date')).toBe('28 nov 2026');
  });
});
