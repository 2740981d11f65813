import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { UploadedFile } from '../../../core/uploads.ts';

/** Largest document kept (the multipart limit is the same; this also covers API callers). */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
const ALLOWED: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
};

/** Keeps letters, digits, dots, dashes, underscores and spaces (any script), at most 120 characters. */
export function safeDocumentName(name: string): string {
  const base = name
    .normalize('NFC')
    .replace(/[\\/]/g, '_')
    .replace(/[^\p{L}\p{N}\p{M}._\- ]/gu, '')
    .trim();
  return (base || 'document').slice(-120);
}

export type PreparedDocument = { ok: true; filename: string; contentType: string; data: Buffer } | { ok: false; messageId: string };

/**
 * Checks an agreement document by its content (file-type), never by the browser's claim or the name, and
 * re-encodes images with sharp (dropping metadata such as a GPS position and anything hidden after the image).
 * PDFs are kept as sent and always served as downloads. Runs before the transaction: a bad file stores nothing.
 */
export async function prepareDocument(upload: UploadedFile): Promise<PreparedDocument> {
  if (upload.data.length === 0) return { ok: false, messageId: 'agreements.document.empty' };
  if (upload.data.length > MAX_DOCUMENT_BYTES) return { ok: false, messageId: 'agreements.document.tooLarge' };
  const detected = await fileTypeFromBuffer(upload.data);
  const extensions = detected ? ALLOWED[detected.mime] : undefined;
  if (!detected || !extensions) return { ok: false, messageId: 'agreements.document.wrongType' };
  const name = safeDocumentName(upload.filename);
  const extension = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  if (extension && !extensions.includes(extension)) return { ok: false, messageId: 'agreements.document.mismatch' };
  if (detected.mime === 'application/pdf') return { ok: true, filename: name, contentType: detected.mime, data: upload.data };
  try {
    const data = await sharp(upload.data, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ width: 2400, height: 2400, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer();
    return { ok: true, filename: name.replace(/\.[^.]*$/, '') + '.jpg', contentType: 'image/jpeg', data };
  } catch {
    return { ok: false, messageId: 'agreements.document.broken' };
  }
}
