import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAKEHOLDER_GROUPS } from '../../../../shared/domain.js';
import { LABELS, SUMMARY_LANGUAGES } from './labels.js';

/**
 * The client's stakeholder group names, kept in positions.json alone: its forms, charts, tables and digest
 * show them.
 */
const clientGroups = (language: string): Record<string, string> =>
  (
    JSON.parse(
      readFileSync(join(process.cwd(), 'client/src/i18n/locales', language, 'positions.json'), 'utf8'),
    ) as { group: Record<string, string> }
  ).group;

describe('the labels written into a published summary', () => {
  it.each(SUMMARY_LANGUAGES)(
    'name each stakeholder group in %s as the app does everywhere else',
    (language) => {
      const client = clientGroups(language);
      for (const group of STAKEHOLDER_GROUPS) expect(LABELS[language].groups[group]).toBe(client[group]);
    },
  );
});
