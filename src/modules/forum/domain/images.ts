import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { filesOf, type UploadedFile } from '../../../core/uploads.ts';

/** Largest image file accepted before processing. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Images a post may carry. */
export const MAX_IMAGES_PER_POST = 4;
/** Longest side after resizing. */
export const MAX_IMAGE_SIDE = 1600;
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export interface ProcessedImage {
  contentType: 'image/webp';
  data: Buffer;
  width: number;
  height: number;
}

export type ImageResult = { ok: true; image: ProcessedImage } | { ok: false; reason: 'tooLarge' | 'notImage' | 'broken' };

/**
 * Checks an upload's type from its content (never the name or the claimed type), then decodes it,
 * turns it upright, shrinks it to at most 1600 px and re-encodes it as WebP. Re-encoding drops every
 * metadata block (EXIF location, camera serials) and anything hidden after the image data.
 */
export async function processImage(file: UploadedFile): Promise<ImageResult> {
  if (file.data.length > MAX_IMAGE_BYTES) return { ok: false, reason: 'tooLarge' };
  const detected = await fileTypeFromBuffer(file.data);
  if (!detected || !ACCEPTED.has(detected.mime)) return { ok: false, reason: 'notImage' };
  try {
    const { data, info } = await sharp(file.data, { failOn: 'error', limitInputPixels: 40_000_000, animated: false })
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, image: { contentType: 'image/webp', data, width: info.width, height: info.height } };
  } catch {
    return { ok: false, reason: 'broken' };
  }
}

/** Processes every image of a post form before anything is stored; the first failure names its reason. */
export async function readImages(body: unknown): Promise<{ ok: true; images: ProcessedImage[] } | { ok: false; messageId: string }> {
  const files = filesOf(body, 'images');
  if (files.length > MAX_IMAGES_PER_POST) return { ok: false, messageId: 'forum.errors.tooManyImages' };
  const images: ProcessedImage[] = [];
  for (const file of files) {
    const result = await processImage(file);
    if (!result.ok) return { ok: false, messageId: `forum.errors.image.${result.reason}` };
    images.push(result.image);
  }
  return { ok: true, images };
}
