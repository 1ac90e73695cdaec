/**
 * A minimal zip writer for hostile test files: entries are given already deflated (or built by
 * streaming a repeated chunk through deflate), and each may declare a size other than its own.
 */
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

export interface RawEntry {
  name: string;
  data: Buffer; // deflated
  crc: number;
  size: number; // what the headers declare
}

export function entryOf(name: string, content: Buffer): RawEntry {
  return { name, data: deflateRawSync(content), crc: crc32(content), size: content.length };
}

/** `head`, then `chunk` repeated `times`, then `tail`, deflated without holding the whole text. */
export async function repeatedEntry(name: string, head: string, chunk: string, times: number, tail: string): Promise<RawEntry> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise((r) => z.on('end', r));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await new Promise((r) => z.once('drain', r));
  };
  await write(Buffer.from(head));
  const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length))));
  const per = block.length / Buffer.byteLength(chunk);
  for (let i = 0; i < times; i += per) await write(i + per <= times ? block : Buffer.from(chunk.repeat(times - i)));
  await write(Buffer.from(tail));
  z.end();
  await ended;
  return { name, data: Buffer.concat(out), crc, size };
}

export function writeZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A real workbook's entries, with `sheet` (e.g. xl/worksheets/sheet1.xml) replaced. */
export async function replaceEntry(workbook: Buffer, replacement: RawEntry): Promise<Buffer> {
  const zip = await JSZip.loadAsync(workbook);
  const entries: RawEntry[] = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name].dir) continue;
    entries.push(name === replacement.name ? replacement : entryOf(name, await zip.files[name].async('nodebuffer')));
  }
  return writeZip(entries);
}
