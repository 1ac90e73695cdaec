/**
 * Rewrites an uploaded photo keeping only what draws the picture: no EXIF (GPS, camera serial),
 * XMP, IPTC or comments, and nothing after the image's end marker (a payload appended to a valid
 * image). The structure is checked on the way; a file that does not parse as the image type its
 * first bytes claim is refused. Without an image library the JPEG's and WebP's compressed pixel
 * data are copied, not decoded; PNG pixel data is inflated and its size checked (chunk CRCs are
 * not: browsers ignore them too).
 */
import { inflateRawSync } from 'node:zlib';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';
const MAX_SIDE = 20_000;

export function cleanImage(data: Buffer, mime: ImageMime): Buffer | null {
  try {
    if (mime === 'image/jpeg') return cleanJpeg(data);
    if (mime === 'image/png') return cleanPng(data);
    return cleanWebp(data);
  } catch {
    return null; // read past the end: a truncated or forged file
  }
}

/** SOFn markers (frame headers): C0–CF except C4 (DHT), C8 (JPG), CC (DAC). */
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Segments kept besides the frame, tables and scans: JFIF, ICC profile (colours), Adobe (CMYK). */
const KEEP_APP = new Set([0xe0, 0xe2, 0xee]);

function cleanJpeg(d: Buffer): Buffer | null {
  if (d.readUInt16BE(0) !== 0xffd8) return null;
  const out: Buffer[] = [d.subarray(0, 2)];
  let p = 2;
  let frame = false;
  let scan = false;
  for (;;) {
    if (d[p] !== 0xff) return null;
    while (d[p] === 0xff) p++; // fill bytes
    const m = d[p++]!;
    if (m === 0xd9) {
      if (!frame || !scan) return null;
      out.push(Buffer.from([0xff, 0xd9]));
      return Buffer.concat(out); // whatever follows the end of image is dropped
    }
    if (m >= 0xd0 && m <= 0xd7) return null; // restart marker outside a scan
    const len = d.readUInt16BE(p);
    if (len < 2 || p + len > d.length) return null;
    const segment = d.subarray(p - 2, p + len);
    if (isFrame(m)) {
      const h = d.readUInt16BE(p + 3);
      const w = d.readUInt16BE(p + 5);
      if (!w || !h || w > MAX_SIDE || h > MAX_SIDE) return null;
      frame = true;
    }
    if (m >= 0xe0 && m <= 0xef) {
      if (KEEP_APP.has(m)) out.push(segment);
      else if (m === 0xe1) {
        const o = orientationApp1(segment.subarray(4));
        if (o) out.push(o);
      }
    } else if (m !== 0xfe) out.push(segment); // FE: comment
    p += len;
    if (m === 0xda) {
      if (!frame) return null;
      scan = true;
      // Entropy-coded data runs to the next marker that is not a stuffed 00 or a restart.
      const start = p;
      while (p < d.length - 1 && !(d[p] === 0xff && d[p + 1] !== 0x00 && !(d[p + 1]! >= 0xd0 && d[p + 1]! <= 0xd7))) p++;
      if (p >= d.length - 1) return null;
      out.push(d.subarray(start, p));
    }
  }
}

/**
 * A camera's EXIF says how to turn the picture (Orientation); dropping it would show portrait
 * photos on their side. Returns an APP1 with only that tag, or null.
 */
function orientationApp1(exif: Buffer): Buffer | null {
  if (exif.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return null;
  const tiff = exif.subarray(6);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (u16(e) !== 0x0112) continue;
    const value = u16(e + 8);
    if (value < 2 || value > 8) return null; // 1 is upright: nothing to keep
    const t = Buffer.alloc(26);
    t.write('MM', 0, 'latin1');
    t.writeUInt16BE(42, 2);
    t.writeUInt32BE(8, 4);
    t.writeUInt16BE(1, 8); // one entry
    t.writeUInt16BE(0x0112, 10);
    t.writeUInt16BE(3, 12); // SHORT
    t.writeUInt32BE(1, 14);
    t.writeUInt16BE(value, 18);
    t.writeUInt32BE(0, 22); // no next IFD
    const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]);
    const head = Buffer.from([0xff, 0xe1, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that draw the picture or its colours; text, time, EXIF and unknown chunks are dropped. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD']);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function cleanPng(d: Buffer): Buffer | null {
  if (!d.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const out: Buffer[] = [PNG_SIGNATURE];
  const idat: Buffer[] = [];
  let p = 8;
  let header: { w: number; h: number; depth: number; color: number; interlace: number } | null = null;
  for (;;) {
    const len = d.readUInt32BE(p);
    const type = d.toString('latin1', p + 4, p + 8);
    if (p + 12 + len > d.length) return null;
    const chunk = d.subarray(p, p + 12 + len);
    if (!header && type !== 'IHDR') return null;
    if (type === 'IHDR') {
      header = { w: d.readUInt32BE(p + 8), h: d.readUInt32BE(p + 12), depth: d[p + 16]!, color: d[p + 17]!, interlace: d[p + 20]! };
      if (!header.w || !header.h || header.w > MAX_SIDE || header.h > MAX_SIDE || !(header.color in CHANNELS) || ![1, 2, 4, 8, 16].includes(header.depth)) return null;
    }
    if (type === 'IDAT') idat.push(d.subarray(p + 8, p + 8 + len));
    if (PNG_KEEP.has(type)) out.push(chunk);
    p += 12 + len;
    if (type === 'IEND') break;
  }
  if (!header || !idat.length) return null;
  // The pixel data must inflate to exactly what the header promises (one filter byte per row).
  const rowBytes = (w: number) => Math.ceil((w * CHANNELS[header!.color]! * header!.depth) / 8) + 1;
  let expected = 0;
  if (header.interlace === 0) expected = header.h * rowBytes(header.w);
  else {
    // Adam7: seven passes over sub-images.
    const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
    for (const [x0, y0, dx, dy] of passes) {
      const w = Math.ceil((header.w - x0!) / dx!);
      const h = Math.ceil((header.h - y0!) / dy!);
      if (w > 0 && h > 0) expected += h * rowBytes(w);
    }
  }
  // Raw inflate after the 2-byte zlib header: browsers ignore the trailing Adler-32, so do we.
  const pixels = inflateRawSync(Buffer.concat(idat).subarray(2), { maxOutputLength: expected + 1 });
  if (pixels.length !== expected) return null;
  return Buffer.concat(out);
}

/** WebP chunks kept: the image itself, alpha, animation and colour profile; EXIF and XMP dropped. */
const WEBP_KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

function cleanWebp(d: Buffer): Buffer | null {
  if (d.toString('latin1', 0, 4) !== 'RIFF' || d.toString('latin1', 8, 12) !== 'WEBP') return null;
  const end = 8 + d.readUInt32LE(4);
  if (end > d.length) return null;
  const chunks: Buffer[] = [];
  let p = 12;
  let image = false;
  while (p + 8 <= end) {
    const type = d.toString('latin1', p, p + 4);
    const len = d.readUInt32LE(p + 4);
    const padded = len + (len & 1);
    if (p + 8 + len > end) return null;
    const body = d.subarray(p + 8, p + 8 + len);
    if (type === 'VP8 ' && body.readUIntBE(3, 3) === 0x9d012a) image = true;
    if (type === 'VP8L' && body[0] === 0x2f) image = true;
    if (type === 'ANMF') image = true;
    if (WEBP_KEEP.has(type)) {
      const chunk = Buffer.from(d.subarray(p, p + 8 + padded));
      // VP8X flags say which chunks follow: no EXIF (bit 3), no XMP (bit 2) any more.
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    p += 8 + padded;
  }
  if (!image) return null;
  const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  const body = Buffer.concat(chunks);
  head.writeUInt32LE(4 + body.length, 4);
  return Buffer.concat([head, body]);
}
