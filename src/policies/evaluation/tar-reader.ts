import { gunzipSync } from 'zlib';

export interface ArchiveEntry {
  path: string;
  data: Buffer;
}

export interface ArchiveLimits {
  maxFiles: number;
  /** Limit on the unpacked size (a gzip bomb stops here, not in memory). */
  maxBytes: number;
}

function field(h: Buffer, start: number, len: number): string {
  const raw = h.subarray(start, start + len);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? len : nul).toString('utf8');
}

function octal(h: Buffer, start: number, len: number): number {
  const s = field(h, start, len).trim();
  if (!/^[0-7]*$/.test(s)) throw new Error('not a tar archive (bad size field)');
  return s ? parseInt(s, 8) : 0;
}

/** pax extended header records: "<len> key=value\n". Only `path` matters here. */
function paxPath(data: Buffer): string | null {
  const text = data.toString('utf8');
  const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text);
  return m ? m[1] : null;
}

/**
 * Reads regular files from a tar or tar.gz archive (ustar, pax and GNU long names), in memory and
 * within limits. Links, devices and directories are skipped: a sample archive only needs files.
 */
export function readTar(input: Buffer, limits: ArchiveLimits): ArchiveEntry[] {
  let buf = input;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: limits.maxBytes + 1024 * 1024 });
    } catch (e) {
      throw new Error(`cannot unpack the gzip archive: ${(e as Error).message}`);
    }
  }
  const out: ArchiveEntry[] = [];
  let off = 0;
  let longName: string | null = null;
  let total = 0;
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    if (field(h, 257, 6) !== 'ustar' && !h.subarray(257, 262).equals(Buffer.from('ustar'))) {
      throw new Error('not a tar archive (missing ustar magic)');
    }
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const body = buf.subarray(off + 512, off + 512 + size);
    if (body.length < size) throw new Error('truncated tar archive');
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = field(body, 0, body.length);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(body) ?? longName;
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(h, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    longName = null;
    if (type !== '0' && type !== '7') continue;
    total += size;
    if (out.length + 1 > limits.maxFiles) throw new Error(`the archive has more than ${limits.maxFiles} files`);
    if (total > limits.maxBytes) throw new Error(`the archive unpacks to more than ${limits.maxBytes} bytes`);
    out.push({ path: name.replace(/^\.\//, ''), data: Buffer.from(body) });
  }
  return out;
}
