/**
 * CSV as RFC 4180 writes it, safe to open in a spreadsheet. A cell that begins with = + - @ TAB or CR would be
 * read as a formula by Excel, LibreOffice or Google Sheets (CWE-1236), so it is prefixed with an apostrophe,
 * which spreadsheets show as text. Fields with a comma, a quote or a line break are quoted, quotes doubled;
 * records end with CRLF.
 */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * Reads CSV back (RFC 4180: quoted fields, doubled quotes, CRLF or LF). Used by the tests to check the export,
 * and useful to anyone re-importing it.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && src[i + 1] === '\n')) {
      if (ch === '\r') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
