/** One CSV record: its fields, or why it could not be read, and the line it starts on (1-based). */
export interface CsvRow {
  line: number;
  fields: string[];
  error?: string;
}

export const MAX_CSV_FIELD = 4096;

/**
 * RFC 4180 CSV: comma-separated fields, optionally in double quotes, a doubled quote inside quotes for
 * a quote; quoted fields may span lines; LF or CRLF line ends; a leading byte-order mark is skipped.
 * A malformed record (a quote inside an unquoted field, text after a closing quote, an unterminated
 * quote, an oversized field) becomes one row with an error, and reading resumes on the next line.
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            error = 'a quoted field is not closed';
            i = n;
            break;
          }
          field += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            field += '"';
            i++;
            continue;
          }
          break;
        }
        for (let k = 0; k < field.length; k++) if (field.charCodeAt(k) === 10) line++;
        if (!error && i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) error = 'text after a closing quote';
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
        field = text.slice(i, j);
        if (field.endsWith('\r') && text[j] === '\n') field = field.slice(0, -1);
        if (field.includes('"')) error = 'a quote inside an unquoted field (quote the whole field)';
        i = j;
      }
      if (field.length > MAX_CSV_FIELD) error = `a field is longer than ${MAX_CSV_FIELD} characters`;
      fields.push(field);
      if (error) {
        // Skip the rest of this physical line.
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
        line++;
        break;
      }
      if (i >= n) endOfRecord = true;
      else if (text[i] === ',') i++;
      else {
        i += text[i] === '\r' ? 2 : 1;
        line++;
        endOfRecord = true;
      }
    }
    rows.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return rows;
}
