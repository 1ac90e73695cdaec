/**
 * Checks an .xlsx (a zip) before any parser sees it: the sizes its central directory declares,
 * then the sizes its entries really inflate to, counted as a stream and thrown away. A zip bomb
 * either declares a huge size or lies about it; both are refused without holding the output.
 */
import { createInflateRaw } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

export type ZipProblem = 'badFile' | 'tooLarge';

/** The entries of the central directory, or null when the buffer is not a readable zip. */
export function centralDirectory(buf: Buffer): ZipEntry[] | null {
  if (buf.length < 22) return null;
  let eocd = -1;
  for (let i = buf.length - 22, min = Math.max(0, buf.length - 22 - 0xffff); i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    const skip = nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + skip;
  }
  return entries;
}

/** Bytes the deflated data expands to, stopping as soon as it passes `limit`. */
function inflatedSize(data: Buffer, limit: number): Promise<number | 'over' | 'bad'> {
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let n = 0;
    let settled = false;
    const settle = (v: number | 'over' | 'bad') => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > limit) {
        settle('over');
        z.destroy();
      }
    });
    z.on('end', () => settle(n));
    z.on('error', () => settle('bad'));
    z.end(data);
  });
}

/** null when the zip is readable and expands to at most `maxBytes` in all. */
export async function checkZip(buf: Buffer, maxBytes: number): Promise<ZipProblem | null> {
  const entries = centralDirectory(buf);
  if (!entries || !entries.length) return 'badFile';
  let declared = 0;
  for (const e of entries) {
    // 0xffffffff means the real size is in a zip64 field: more than 4 GB, so far past any limit.
    if (e.size === 0xffffffff || e.compressed === 0xffffffff) return 'tooLarge';
    declared += e.size;
  }
  if (declared > maxBytes) return 'tooLarge';
  let total = 0;
  for (const e of entries) {
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) return 'badFile';
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    if (start + e.compressed > buf.length) return 'badFile';
    const data = buf.subarray(start, start + e.compressed);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      // An entry may not expand past what it declares, nor the whole file past the limit.
      const got = await inflatedSize(data, Math.min(e.size, maxBytes - total));
      if (got === 'bad') return 'badFile';
      if (got === 'over') return 'tooLarge';
      size = got;
    } else return 'badFile';
    total += size;
    if (total > maxBytes) return 'tooLarge';
  }
  return null;
}
