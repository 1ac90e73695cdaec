/**
 * Ticket photos: at most the documented 6 per ticket and stage, a daily quota per user, and every
 * file rewritten without its metadata or an appended payload; files that are not images refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

// A 16×12 JPEG as a browser encodes it (JFIF + ICC profile), made with Chromium's canvas.
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAVEAEBAAAAAAAAAAAAAAAAAAAAAf/EABUBAQEAAAAAAAAAAAAAAAAAAAQG/8QAHhEAAQIHAQAAAAAAAAAAAAAAFAATBBEhI1KBsYL/2gAMAwEAAhEDEQA/AJaFAQmFDZbuZbnyivw4w8h61j5l2q//2Q==', 'base64');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f3e3c40000000049454e44ae426082', 'hex');
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

describe('photo content', () => {
  it('strips EXIF GPS, comments and an appended payload from a JPEG, keeps its orientation, stores it privately', async () => {
    const id = await register();
    const payload = Buffer.from('<?php system($_GET["c"]); ?>');
    const dirty = Buffer.concat([JPEG.subarray(0, 2), exifWithGps(), comment('secret camera serial'), JPEG.subarray(2), payload]);
    expect(dirty.includes(LATITUDE)).toBe(true);
    const res = await upload(id, 'desk1', [{ name: '现场.jpg', data: dirty }]);
    expect(res.statusCode, res.body).toBe(201);
    const got = await t.as('desk1', 'GET', `/api/v1/photos/${res.json().ids[0]}`);
    expect(got.statusCode).toBe(200);
    const clean = got.rawPayload;
    expect(clean.includes(LATITUDE)).toBe(false);
    expect(clean.includes(Buffer.from([0x88, 0x25]))).toBe(false); // the GPS pointer tag
    expect(clean.includes(Buffer.from('secret camera serial'))).toBe(false);
    expect(clean.includes(payload)).toBe(false);
    expect(clean.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
    // Orientation survives, alone, so a portrait photo is not shown on its side.
    const exif = clean.indexOf(Buffer.from('Exif\0\0', 'latin1'));
    expect(exif).toBeGreaterThan(0);
    expect(clean.readUInt16BE(exif + 6 + 10)).toBe(0x0112);
    expect(clean.readUInt16BE(exif + 6 + 18)).toBe(6);
    // The picture itself is byte for byte the browser's.
    expect(clean.length).toBe(JPEG.length + clean.readUInt16BE(exif - 2) + 2);

    const row = await t.db.selectFrom('ticket_photos').select(['file_key', 'size']).where('ticket_id', '=', id).executeTakeFirstOrThrow();
    const file = path.join(t.config.filesDir, row.file_key);
    expect(fs.readFileSync(file).equals(clean)).toBe(true);
    expect(row.size).toBe(clean.length);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('refuses a text file named .jpg, also one that starts like a JPEG, naming it', async () => {
    const id = await register();
    const text = await upload(id, 'desk1', [{ name: 'notes.jpg', data: Buffer.from('hello, not a picture') }]);
    expect(text.statusCode).toBe(400);
    const forged = await upload(id, 'desk1', [{ name: 'forged.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('rest is text, not an image')]) }]);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.fields.file).toContain('forged.jpg');
    const truncated = await upload(id, 'desk1', [{ name: 'cut.png', data: PNG.subarray(0, 40), type: 'image/png' }]);
    expect(truncated.statusCode).toBe(400);
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
