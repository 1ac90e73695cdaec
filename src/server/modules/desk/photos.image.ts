/**
 * Decodes an uploaded photo and encodes a new one from its pixels, so nothing of the file survives
 * but the picture: no EXIF (GPS, camera serial), XMP or comments, no payload hidden in or after it.
 */
import sharp from 'sharp';

/**
 * One libvips thread per image (already the default on glibc without jemalloc; said here so other
 * builds behave alike): on a 2-core server one photo takes one core, and the event loop and other
 * requests keep the other. Work runs on libuv's pool, never on the main thread.
 */
sharp.concurrency(1);
/** Each upload is decoded once; caching its operations would only hold memory. */
sharp.cache(false);

/** Refused from the header, before any pixel is decoded: 40 megapixels are 160 MB as RGBA. */
const MAX_INPUT_PIXELS = 40_000_000;
/** Longest side kept: enough to read a meter or a crack, a few hundred KB as JPEG. */
const MAX_SIDE = 2560;

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The decoders a photo may reach, by the file's first bytes; libvips has many more (SVG, PDF, TIFF…). */
function sniff(d: Buffer): 'jpeg' | 'png' | 'webp' | 'heif' | null {
  if (d.length > 3 && d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff) return 'jpeg';
  if (d.length > 8 && d.readUInt32BE(0) === 0x89504e47 && d.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (d.length > 12 && d.toString('latin1', 0, 4) === 'RIFF' && d.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  // AVIF (an HEIF with AV1 pixels) decodes with the bundled libheif; HEIC (HEVC) does not and is refused.
  if (d.length > 12 && d.toString('latin1', 4, 8) === 'ftyp' && ['avif', 'avis'].includes(d.toString('latin1', 8, 12))) return 'heif';
  return null;
}

/** What a client may call each decoded type; anything else claimed (other than "no idea") disagrees. */
const CLAIMS: Record<string, string[]> = {
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  png: ['image/png'],
  webp: ['image/webp'],
  heif: ['image/avif'],
};
const UNDECLARED = ['', 'application/octet-stream'];

/**
 * The photo re-encoded, or null when it is not a whole JPEG, PNG, WebP or AVIF, is larger than
 * MAX_INPUT_PIXELS, or is declared (Content-Type) as another type. Turned upright by its EXIF
 * Orientation and shrunk to fit MAX_SIDE. A PNG with transparency stays PNG and a WebP stays WebP;
 * everything else becomes a JPEG.
 */
export async function reencodePhoto(data: Buffer, declared: string): Promise<{ data: Buffer; mime: PhotoType } | null> {
  const sniffed = sniff(data);
  if (!sniffed) return null;
  const claim = declared.toLowerCase().split(';')[0]!.trim();
  if (!UNDECLARED.includes(claim) && !CLAIMS[sniffed]!.includes(claim)) return null;
  try {
    // failOn 'error': a truncated or corrupt file is refused, not half-drawn; a libjpeg warning that
    // browsers shrug off (some phones' stray bytes between markers) is not worth refusing a photo for.
    const image = sharp(data, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true });
    const meta = await image.metadata();
    if (meta.format !== sniffed || (meta.format === 'heif' && meta.compression !== 'av1')) return null;
    image.resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true }).timeout({ seconds: 30 });
    if (meta.format === 'webp') return { data: await image.webp({ quality: 82 }).toBuffer(), mime: 'image/webp' };
    if (meta.format === 'png' && meta.hasAlpha) return { data: await image.png().toBuffer(), mime: 'image/png' };
    return { data: await image.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true }).toBuffer(), mime: 'image/jpeg' };
  } catch {
    return null; // libvips could not decode it, or it is over the pixel limit
  }
}
