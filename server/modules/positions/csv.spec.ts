import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord, parseCsv, UTF8_BOM } from './csv.js';

describe('CSV export cells', () => {
  it('neutralises every formula-starting character with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}SUM(A1:A9)`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('plain text')).toBe('plain text');
  });

  it('quotes commas, quotes and line breaks, and reads them back unchanged', () => {
    const values = ['a,b', 'say "no"', 'two\nlines', '=1+1', 'نص عربي', ''];
    const [back] = parseCsv(UTF8_BOM + csvRecord(values));
    expect(back).toEqual(['a,b', 'say "no"', 'two\nlines', "'=1+1", 'نص عربي', '']);
  });
});
