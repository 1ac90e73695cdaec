/**
 * Ticket photos: at most the documented 6 per ticket and stage, a daily quota per user, and every
 * file decoded and encoded anew, so no metadata or appended payload survives; files that are not
 * images, or declare more pixels than the limit, refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

// A 16×12 JPEG as a browser encodes it (JFIF + ICC profile), made with Chromium's canvas.
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAVEAEBAAAAAAAAAAAAAAAAAAAAAf/EABUBAQEAAAAAAAAAAAAAAAAAAAQG/8QAHhEAAQIHAQAAAAAAAAAAAAAAFAATBBEhI1KBsYL/2gAMAwEAAhEDEQA/AJaFAQmFDZbuZbnyivw4w8h61j5l2q//2Q==', 'base64');
// A 1×1 transparent-capable PNG (RGBA), as the e2e test's.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const LATITUDE = Buffer.from([0, 0, 0, 31, 0, 0, 0, 1, 0, 0, 0, 14, 0, 0, 0, 1, 0, 0, 0x09, 0x29, 0, 0, 0, 100]);

/** An EXIF block as a phone writes it: Orientation 6 (turn right) and a GPS position. */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 2 + 2 * 12 + 4 + LATITUDE.length);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  let p = 8;
  tiff.writeUInt16BE(2, p);
  const entry = (at: number, tag: number, type: number, count: number, value: number, short = false) => {
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    if (short) tiff.writeUInt16BE(value, at + 8);
    else tiff.writeUInt32BE(value, at + 8);
  };
  const gpsIfd = 8 + 2 + 24 + 4;
  entry(p + 2, 0x0112, 3, 1, 6, true);
  entry(p + 14, 0x8825, 4, 1, gpsIfd);
  p = gpsIfd;
  tiff.writeUInt16BE(2, p);
  const rationals = gpsIfd + 2 + 24 + 4;
  tiff.write('N\0', p + 2 + 8, 'latin1');
  tiff.writeUInt16BE(0x0001, p + 2);
  tiff.writeUInt16BE(2, p + 4);
  tiff.writeUInt32BE(2, p + 6);
  entry(p + 14, 0x0002, 5, 3, rationals);
  LATITUDE.copy(tiff, rationals);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

function comment(text: string) {
  const body = Buffer.from(text);
  const head = Buffer.from([0xff, 0xfe, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

let t: TestApp;
let unitId: number;
beforeAll(async () => {
  t = await createTestApp({ config: { photoDailyQuota: 10 } });
  unitId = (await demoIds(t)).owner1Unit.id;
});
afterAll(() => t.close());

const register = async () => {
  const res = await t.as('desk1', 'POST', '/api/v1/tickets', { type: 'repair', channel: 'phone', unitId, title: '漏水', description: '厨房漏水' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};

async function upload(id: number, user: string, files: Array<{ name: string; data: Buffer; type?: string }>) {
  const boundary = '----photo';
  const parts = files.map((f) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'image/jpeg'}\r\n\r\n`), f.data, Buffer.from('\r\n')]));
  const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  return t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/photos`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: await t.login(user) } });
}
const photos = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `${i}.png`, data: PNG, type: 'image/png' }));

/** A PNG chunk; CRCs are left zero, which libpng only warns about for ancillary chunks. */
function pngChunk(type: string, body: Buffer) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), body])));
  return Buffer.concat([head, body, crc]);
}
function crc32(b: Buffer) {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A black 1-bit PNG of side × side: a few KB on the wire, side² bytes and more once decoded. */
function bomb(side: number) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  const rows = Buffer.alloc((Math.ceil(side / 8) + 1) * side); // each row: filter 0, all zero
  return Buffer.concat([PNG.subarray(0, 8), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

// Content tests upload as someone the quota test below does not count on.
const UPLOADER = 'director';
const photo = async (id: number) => {
  const got = await t.as(UPLOADER, 'GET', `/api/v1/photos/${id}`);
  expect(got.statusCode).toBe(200);
  return { type: got.headers['content-type'], data: got.rawPayload, meta: await sharp(got.rawPayload).metadata() };
};

describe('photo content', () => {
  it('re-encodes a JPEG: no EXIF GPS, comment or appended payload, turned upright, stored privately', async () => {
    const id = await register();
    const payload = Buffer.from('<?php system($_GET["c"]); ?>');
    const dirty = Buffer.concat([JPEG.subarray(0, 2), exifWithGps(), comment('secret camera serial'), JPEG.subarray(2), payload]);
    expect(dirty.includes(LATITUDE)).toBe(true);
    expect(await sharp(dirty).metadata()).toMatchObject({ format: 'jpeg', width: 16, height: 12, orientation: 6 });
    const res = await upload(id, UPLOADER, [{ name: '现场.jpg', data: dirty }]);
    expect(res.statusCode, res.body).toBe(201);
    const { type, data: clean, meta } = await photo(res.json().ids[0]);
    expect(type).toBe('image/jpeg');
    expect(clean.includes(LATITUDE)).toBe(false);
    expect(clean.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(clean.includes(Buffer.from('secret camera serial'))).toBe(false);
    expect(clean.includes(payload)).toBe(false);
    // New bytes for the same picture, turned as the camera said (Orientation 6: a quarter turn right).
    expect(clean.includes(JPEG.subarray(-40))).toBe(false);
    expect(meta).toMatchObject({ format: 'jpeg', width: 12, height: 16 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();

    const row = await t.db.selectFrom('ticket_photos').select(['file_key', 'size', 'mime']).where('ticket_id', '=', id).executeTakeFirstOrThrow();
    expect(row.mime).toBe('image/jpeg');
    const file = path.join(t.config.filesDir, row.file_key);
    expect(fs.readFileSync(file).equals(clean)).toBe(true);
    expect(row.size).toBe(clean.length);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('re-encodes PNGs: transparent ones stay PNG, opaque ones become JPEG, text chunks and appended payloads go', async () => {
    const id = await register();
    const payload = Buffer.from('PK\x03\x04 a zip after the image');
    const text = pngChunk('tEXt', Buffer.from('Comment\0owner phone 13800000000'));
    const opaque = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const withText = (png: Buffer) => Buffer.concat([png.subarray(0, 33), text, png.subarray(33), payload]);
    const res = await upload(id, UPLOADER, [{ name: 'a.png', data: withText(PNG), type: 'image/png' }, { name: 'b.png', data: withText(opaque), type: 'image/png' }]);
    expect(res.statusCode, res.body).toBe(201);
    const [alpha, flat] = [await photo(res.json().ids[0]), await photo(res.json().ids[1])];
    expect(alpha.type).toBe('image/png');
    expect(alpha.meta).toMatchObject({ format: 'png', width: 1, height: 1, hasAlpha: true });
    expect(flat.type).toBe('image/jpeg');
    expect(flat.meta).toMatchObject({ format: 'jpeg', width: 30, height: 20 });
    for (const p of [alpha, flat]) {
      expect(p.data.includes(payload)).toBe(false);
      expect(p.data.includes(Buffer.from('13800000000'))).toBe(false);
    }
    const keys = await t.db.selectFrom('ticket_photos').select('file_key').where('ticket_id', '=', id).orderBy('id').execute();
    expect(keys.map((k) => path.extname(k.file_key))).toEqual(['.png', '.jpeg']);
  });

  it('keeps WebP as WebP, turns AVIF into JPEG, and shrinks a large photo to 2560 px on its long side', async () => {
    const id = await register();
    const webp = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#884422' } }).webp().toBuffer();
    const avif = await sharp({ create: { width: 24, height: 18, channels: 3, background: '#228844' } }).avif().toBuffer();
    const large = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#cccccc' } }).jpeg().toBuffer();
    const res = await upload(id, UPLOADER, [
      { name: 'w.webp', data: webp, type: 'image/webp' },
      { name: 'a.avif', data: avif, type: 'image/avif' },
      { name: 'big.jpg', data: large, type: 'application/octet-stream' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const [w, a, big] = await Promise.all(res.json().ids.map(photo));
    expect(w).toMatchObject({ type: 'image/webp', meta: { format: 'webp', width: 20, height: 10 } });
    expect(a).toMatchObject({ type: 'image/jpeg', meta: { format: 'jpeg', width: 24, height: 18 } });
    expect(big).toMatchObject({ type: 'image/jpeg', meta: { format: 'jpeg', width: 2560, height: 1920 } });
  });

  it('refuses a text file named .jpg, a forged or truncated image, and a type other than declared, naming the file', async () => {
    const id = await register();
    const text = await upload(id, UPLOADER, [{ name: 'notes.jpg', data: Buffer.from('hello, not a picture') }]);
    expect(text.statusCode).toBe(400);
    expect(text.json().error.fields.file).toContain('notes.jpg');
    const forged = await upload(id, UPLOADER, [{ name: 'forged.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('rest is text, not an image')]) }]);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.fields.file).toContain('forged.jpg');
    const truncated = await upload(id, UPLOADER, [{ name: 'cut.png', data: PNG.subarray(0, 40), type: 'image/png' }]);
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error.fields.file).toContain('cut.png');
    const cutJpeg = await upload(id, UPLOADER, [{ name: 'half.jpg', data: JPEG.subarray(0, JPEG.length - 30) }]);
    expect(cutJpeg.statusCode).toBe(400);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect((await upload(id, UPLOADER, [{ name: 'x.png', data: svg, type: 'image/png' }])).statusCode).toBe(400);
    const disguised = await upload(id, UPLOADER, [{ name: 'photo.jpg', data: PNG, type: 'image/jpeg' }]);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error.fields.file).toContain('photo.jpg');
    expect(await t.db.selectFrom('ticket_photos').select('id').where('ticket_id', '=', id).execute()).toEqual([]);
  });

  it('refuses an image declaring more than 40 megapixels before decoding it', async () => {
    const id = await register();
    const huge = bomb(20_000); // 400 megapixels: 400 MB as grey, 1.6 GB as RGBA
    const over = bomb(7_000); // 49 megapixels: under libvips' own default limit, over ours
    expect(huge.length).toBeLessThan(100_000);
    expect(await sharp(huge, { limitInputPixels: false }).metadata()).toMatchObject({ width: 20_000, height: 20_000 });
    const before = process.memoryUsage().rss;
    for (const [name, data] of [['huge.png', huge], ['over.png', over]] as const) {
      const res = await upload(id, UPLOADER, [{ name, data, type: 'image/png' }]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.file).toContain(name);
    }
    // Decoding either would take hundreds of MB; refusing from the header takes next to nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
    expect(await t.db.selectFrom('ticket_photos').select('id').where('ticket_id', '=', id).execute()).toEqual([]);
  });
});

describe('photo limits', () => {
  it('takes 6 report photos and 6 of the finished work per ticket; the 7th of each is a 409', async () => {
    const id = await register();
    const first = await upload(id, 'desk1', photos(4));
    expect(first.statusCode, first.body).toBe(201);
    const seventh = await upload(id, 'cs1', photos(3));
    expect(seventh.statusCode).toBe(409);
    expect(seventh.json().error.fields.file).toBe('每张工单最多 6 张报事照片，已有 4 张');
    expect((await upload(id, 'cs1', photos(2))).statusCode).toBe(201);
    expect((await upload(id, 'cs1', photos(1))).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/tickets/${id}/resolve`, { note: '已修好' })).statusCode).toBe(200);
    expect((await upload(id, 'cs1', photos(6))).statusCode).toBe(201);
    const work = await upload(id, 'cs1', photos(1));
    expect(work.statusCode).toBe(409);
    expect(work.json().error.fields.file).toContain('完工照片');
    expect((await t.as('director', 'GET', `/api/v1/tickets/${id}`)).json().photos).toHaveLength(12);
  });

  it('holds a user to the daily quota across tickets, and frees it after 24 hours', async () => {
    const [a, b] = [await register(), await register()];
    expect((await upload(a, 'assistant', photos(6))).statusCode).toBe(201);
    expect((await upload(b, 'assistant', photos(4))).statusCode).toBe(201);
    const over = await upload(b, 'assistant', photos(1));
    expect(over.statusCode).toBe(409);
    expect(over.json().error.fields.file).toContain('每人每天最多 10 张');
    expect((await upload(b, 'desk1', photos(1))).statusCode).toBe(201); // someone else still may
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 24 * 60 + 1 });
    await t.as('assistant', 'GET', '/api/v1/auth/me'); // signs in again past the session's lifetime
    expect((await upload(b, 'assistant', photos(1))).statusCode).toBe(201);
  });
});
