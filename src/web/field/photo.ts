/** Photos are resized on the phone before they are queued: long edge 1600 px, JPEG quality 0.7. */
import { fitLongEdge } from '../../core/outbox.ts';

export const PHOTO_MAX_EDGE = 1600;
export const PHOTO_QUALITY = 0.7;

async function decode(file: Blob): Promise<ImageBitmap | HTMLImageElement> {
  if (typeof createImageBitmap === 'function') {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      /* older engines: fall back to an <img> */
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function resizePhoto(file: Blob): Promise<Blob> {
  const src = await decode(file);
  const w0 = 'naturalWidth' in src ? src.naturalWidth : src.width;
  const h0 = 'naturalHeight' in src ? src.naturalHeight : src.height;
  const { width, height } = fitLongEdge(w0, h0, PHOTO_MAX_EDGE);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(src, 0, 0, width, height);
  if ('close' in src) src.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('photo could not be encoded'))), 'image/jpeg', PHOTO_QUALITY),
  );
}
