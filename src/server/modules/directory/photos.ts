import sharp from 'sharp';
import { AppError } from '../../errors.js';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const ACCEPTED = new Set(['jpeg', 'png', 'webp']);

/**
 * Checks an upload by its content (not its name or declared type) and re-encodes it: rotated upright, at most
 * 600×600, JPEG. sharp drops EXIF, GPS, ICC and XMP metadata unless asked to keep it, so none survives.
 */
export async function reencodePhoto(upload: Buffer): Promise<Buffer> {
  if (upload.length > MAX_PHOTO_BYTES) throw new AppError('payload_too_large');
  let format: string | undefined;
  try {
    format = (await sharp(upload, { limitInputPixels: 40_000_000 }).metadata()).format;
  } catch {
    throw new AppError('invalid_image');
  }
  if (!format || !ACCEPTED.has(format)) throw new AppError('invalid_image');
  try {
    return await sharp(upload, { limitInputPixels: 40_000_000, failOn: 'error' })
      .rotate()
      .resize(600, 600, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    throw new AppError('invalid_image');
  }
}
