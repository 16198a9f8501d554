import { parseCsv } from './csv';
import { formatSignalsCsv, formatSignalsJsonl, MAX_ERRORS, parseSignalsCsv, parseSignalsJsonl, SignalRecord } from './signal-format';

const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const rows = parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n"multi\nline",x,\r\n\nlast');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b,c', 'say "hi"'] },
      { line: 2, fields: ['multi\nline', 'x', ''] },
      { line: 4, fields: [''] },
      { line: 5, fields: ['last'] },
    ]);
  });

  it('reports malformed records with their line and carries on', () => {
    const rows = parseCsv('ok,1\nbad"quote,2\n"closed"junk,3\nfine,4\n"never closed,5\n');
    expect(rows.map((r) => [r.line, r.error ?? 'ok'])).toEqual([
      [1, 'ok'],
      [2, 'a quote inside an unquoted field (quote the whole field)'],
      [3, 'text after a closing quote'],
      [4, 'ok'],
      [5, 'a quoted field is not closed'],
    ]);
    expect(rows[3].fields).toEqual(['fine', '4']);
  });
});

describe('bank files', () => {
  it('parses HMA-style CSV: header in any order, labels by comma or semicolon, upper-case hex, extra columns ignored', () => {
    const csv = [
      'labels,signal_value,signal_type,bank,note',
      `"spam,scam",${PDQ.toUpperCase()},pdq,known-bad,x`,
      `spam;  nsfw ;,${SHA},SHA256,,y`,
      `,${MD5},md5,other,z`,
    ].join('\n');
    expect(parseSignalsCsv(csv)).toEqual({
      records: [
        { signalType: 'pdq', value: PDQ, bank: 'known-bad', labels: ['spam', 'scam'] },
        { signalType: 'sha256', value: SHA, bank: null, labels: ['spam', 'nsfw'] },
        { signalType: 'md5', value: MD5, bank: 'other', labels: [] },
      ],
      errors: [],
      errorsTruncated: false,
    });
  });

  it('refuses unknown types, bad hex, wrong lengths and bad labels, naming line and field', () => {
    const csv = [
      'signal_type,signal_value,bank,labels',
      `pdq,${PDQ},b,ok`,
      `photodna,${PDQ},b,`,
      `pdq,${PDQ.slice(0, 62)}zz,b,`,
      `pdq,${PDQ.slice(0, 60)},b,`,
      `md5,${SHA},b,`,
      `sha256,${SHA},b,"bad\u0007label"`,
      `sha256,${SHA},b`,
      `sha256,${SHA},${'x'.repeat(101)},`,
    ].join('\n');
    const { records, errors } = parseSignalsCsv(csv);
    expect(records).toHaveLength(1);
    expect(errors).toEqual([
      { line: 3, field: 'signal_type', message: 'unknown signal type "photodna" (expected one of pdq, sha256, md5)' },
      { line: 4, field: 'signal_value', message: 'pdq value is not hexadecimal' },
      { line: 5, field: 'signal_value', message: 'pdq value must be 64 hex digits (got 60)' },
      { line: 6, field: 'signal_value', message: 'md5 value must be 32 hex digits (got 64)' },
      { line: 7, field: 'labels', message: 'a label may not hold commas, semicolons or control characters' },
      { line: 8, field: 'line', message: '3 fields where the header has 4' },
      { line: 9, field: 'bank', message: 'bank must be a name of 1..100 characters' },
    ]);
  });

  it('needs a header naming the signal columns', () => {
    expect(parseSignalsCsv('').errors).toEqual([{ line: 1, field: 'header', message: expect.stringContaining('header row') }]);
    expect(parseSignalsCsv(`pdq,${PDQ}\n`).errors).toEqual([{ line: 1, field: 'header', message: expect.stringContaining('no signal_type column') }]);
  });

  it('stops listing errors after MAX_ERRORS and says so', () => {
    const csv = 'signal_type,signal_value\n' + 'pdq,00\n'.repeat(MAX_ERRORS + 5);
    const r = parseSignalsCsv(csv);
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.errorsTruncated).toBe(true);
  });

  it('parses JSON lines, with per-line errors', () => {
    const text = [
      JSON.stringify({ signal_type: 'pdq', signal_value: PDQ, bank: 'b', labels: ['x', 'y'] }),
      '',
      JSON.stringify({ signal_type: 'md5', signal_value: MD5, labels: 'a;b' }),
      '{not json',
      '[1,2]',
      JSON.stringify({ signal_type: 'sha256', signal_value: 12 }),
      JSON.stringify({ signal_type: 'sha256', signal_value: SHA, labels: [1] }),
    ].join('\n');
    const r = parseSignalsJsonl(text);
    expect(r.records).toEqual([
      { signalType: 'pdq', value: PDQ, bank: 'b', labels: ['x', 'y'] },
      { signalType: 'md5', value: MD5, bank: null, labels: ['a', 'b'] },
    ]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'line'],
      [5, 'line'],
      [6, 'signal_value'],
      [7, 'labels'],
    ]);
  });

  it('round-trips through both formats', () => {
    const records: SignalRecord[] = [
      { signalType: 'pdq', value: PDQ, bank: 'bank, with comma', labels: ['a', 'b c'] },
      { signalType: 'sha256', value: SHA, bank: null, labels: [] },
      { signalType: 'md5', value: MD5, bank: ' padded ', labels: ['z'] },
    ];
    const trimmed = records.map((r) => ({ ...r, bank: r.bank?.trim() ?? null }));
    expect(parseSignalsCsv(formatSignalsCsv(records))).toEqual({ records: trimmed, errors: [], errorsTruncated: false });
    expect(parseSignalsJsonl(formatSignalsJsonl(records))).toEqual({ records: trimmed, errors: [], errorsTruncated: false });
  });
});
