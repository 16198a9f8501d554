/**
 * The import and export format of bank entries, in CSV and JSON lines (docs/hashing.md, "Bank files").
 * Field names are those of Meta HMA's signal exchange: signal_type, signal_value, bank, labels. Pure:
 * text in, records and per-line errors out.
 */
import { parseCsv } from './csv';

export const SIGNAL_TYPES = ['pdq', 'sha256', 'md5'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];
export const SIGNAL_HEX_LENGTH: Record<SignalType, number> = { pdq: 64, sha256: 64, md5: 32 };

export interface SignalRecord {
  signalType: SignalType;
  /** Lowercase hex. */
  value: string;
  /** The bank named on the line; null where the file names none (the importer's bank applies). */
  bank: string | null;
  labels: string[];
}

export interface SignalLineError {
  /** 1-based line of the file where the record starts. */
  line: number;
  field: string;
  message: string;
}

export interface ParsedSignals {
  records: SignalRecord[];
  errors: SignalLineError[];
  /** More errors than MAX_ERRORS: the rest were not listed. */
  errorsTruncated: boolean;
}

export const MAX_ERRORS = 1000;
export const MAX_LABELS = 32;
export const MAX_LABEL_LENGTH = 100;
export const MAX_BANK_NAME_LENGTH = 100;
const HEX = /^[0-9a-fA-F]*$/;
// A label is one word-ish token: the separators and control characters would not survive a round trip.
const LABEL = /^[^,;\p{Cc}]+$/u;

/** The accepted names of each column (HMA's first), compared without case. */
const COLUMNS = {
  signal_type: ['signal_type', 'type'],
  signal_value: ['signal_value', 'signal', 'value', 'hash'],
  bank: ['bank', 'bank_name'],
  labels: ['labels', 'tags'],
} as const;

/** Checks one signal; returns the normalised value or the error (field and message). */
export function normaliseSignal(type: unknown, value: unknown): { signalType: SignalType; value: string } | { field: string; message: string } {
  if (typeof type !== 'string' || !(SIGNAL_TYPES as readonly string[]).includes(type.trim().toLowerCase())) {
    return { field: 'signal_type', message: `unknown signal type ${JSON.stringify(type)} (expected one of ${SIGNAL_TYPES.join(', ')})` };
  }
  const signalType = type.trim().toLowerCase() as SignalType;
  if (typeof value !== 'string') return { field: 'signal_value', message: 'signal_value must be a string of hex digits' };
  const v = value.trim();
  if (!HEX.test(v)) return { field: 'signal_value', message: `${signalType} value is not hexadecimal` };
  if (v.length !== SIGNAL_HEX_LENGTH[signalType]) return { field: 'signal_value', message: `${signalType} value must be ${SIGNAL_HEX_LENGTH[signalType]} hex digits (got ${v.length})` };
  return { signalType, value: v.toLowerCase() };
}

/** Labels from a list ("a,b" or "a;b") or an array; errors name what is wrong. */
export function normaliseLabels(raw: unknown): string[] | string {
  if (raw === undefined || raw === null || raw === '') return [];
  const parts = typeof raw === 'string' ? raw.split(/[,;]/) : Array.isArray(raw) ? raw : null;
  if (!parts) return 'labels must be a list of strings';
  const labels: string[] = [];
  for (const p of parts) {
    if (typeof p !== 'string') return 'labels must be a list of strings';
    const l = p.trim();
    if (!l) continue;
    if (l.length > MAX_LABEL_LENGTH) return `a label is at most ${MAX_LABEL_LENGTH} characters`;
    if (!LABEL.test(l)) return 'a label may not hold commas, semicolons or control characters';
    if (!labels.includes(l)) labels.push(l);
  }
  if (labels.length > MAX_LABELS) return `at most ${MAX_LABELS} labels`;
  return labels;
}

class Collector {
  readonly records: SignalRecord[] = [];
  readonly errors: SignalLineError[] = [];
  errorsTruncated = false;
  error(line: number, field: string, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ line, field, message });
    else this.errorsTruncated = true;
  }
  /** Validates one record's fields; adds it or its first error. */
  record(line: number, type: unknown, value: unknown, bank: unknown, labels: unknown): void {
    const signal = normaliseSignal(type, value);
    if ('field' in signal) return this.error(line, signal.field, signal.message);
    let bankName: string | null = null;
    if (bank !== undefined && bank !== null && bank !== '') {
      if (typeof bank !== 'string' || !bank.trim() || bank.trim().length > MAX_BANK_NAME_LENGTH) return this.error(line, 'bank', `bank must be a name of 1..${MAX_BANK_NAME_LENGTH} characters`);
      bankName = bank.trim();
    }
    const l = normaliseLabels(labels);
    if (typeof l === 'string') return this.error(line, 'labels', l);
    this.records.push({ ...signal, bank: bankName, labels: l });
  }
  result(): ParsedSignals {
    return { records: this.records, errors: this.errors, errorsTruncated: this.errorsTruncated };
  }
}

/** CSV with a header row naming the columns (any order; other columns are ignored). */
export function parseSignalsCsv(text: string): ParsedSignals {
  const out = new Collector();
  const rows = parseCsv(text);
  const header = rows.shift();
  if (!header || header.error) {
    out.error(header?.line ?? 1, 'header', header?.error ?? 'the file is empty: expected a header row (signal_type,signal_value,bank,labels)');
    return out.result();
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const at = Object.fromEntries(Object.entries(COLUMNS).map(([k, aliases]) => [k, names.findIndex((n) => (aliases as readonly string[]).includes(n))])) as Record<keyof typeof COLUMNS, number>;
  for (const required of ['signal_type', 'signal_value'] as const) {
    if (at[required] < 0) {
      out.error(header.line, 'header', `no ${required} column (the header names ${names.join(', ')})`);
      return out.result();
    }
  }
  for (const row of rows) {
    if (row.error) {
      out.error(row.line, 'line', row.error);
      continue;
    }
    if (row.fields.length === 1 && row.fields[0].trim() === '') continue;
    if (row.fields.length !== names.length) {
      out.error(row.line, 'line', `${row.fields.length} fields where the header has ${names.length}`);
      continue;
    }
    const get = (k: keyof typeof COLUMNS) => (at[k] >= 0 ? row.fields[at[k]] : undefined);
    out.record(row.line, get('signal_type'), get('signal_value'), get('bank'), get('labels'));
  }
  return out.result();
}

/** One JSON object per line: {"signal_type", "signal_value", "bank"?, "labels"?: [..] or "a,b"}. */
export function parseSignalsJsonl(text: string): ParsedSignals {
  const out = new Collector();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch (e) {
      return out.error(line, 'line', `not JSON: ${(e as Error).message}`);
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) return out.error(line, 'line', 'each line must be a JSON object');
    const r = o as Record<string, unknown>;
    out.record(line, r.signal_type, r.signal_value, r.bank, r.labels);
  });
  return out.result();
}

const csvField = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with a header; labels joined by semicolons (so the field needs no quotes). */
export function formatSignalsCsv(records: Iterable<SignalRecord>): string {
  const lines = ['signal_type,signal_value,bank,labels'];
  for (const r of records) lines.push([r.signalType, r.value, r.bank ?? '', r.labels.join(';')].map(csvField).join(','));
  return lines.join('\n') + '\n';
}

export function formatSignalsJsonl(records: Iterable<SignalRecord>): string {
  let s = '';
  for (const r of records) s += JSON.stringify({ signal_type: r.signalType, signal_value: r.value, bank: r.bank, labels: r.labels }) + '\n';
  return s;
}
