import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { UploadedFile } from '../../../core/uploads.ts';

/** A file ready to store: images re-encoded (metadata such as GPS position dropped), documents as sent. */
export interface PreparedFile {
  filename: string;
  contentType: string;
  data: Buffer;
  width: number | null;
  height: number | null;
}

export const MAX_FILES_PER_REPORT = 10;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const DOCUMENT_TYPES = new Set(['application/pdf']);
const EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

/** Keeps a file name to letters, digits, dots, dashes and underscores (any script), at most 120 characters. */
export function safeFilename(name: string): string {
  const base = name
    .normalize('NFC')
    .replace(/[\\/]/g, '_')
    .replace(/[^\p{L}\p{N}._\- ]/gu, '')
    .trim();
  return (base || 'file').slice(-120);
}

export type PrepareResult =
  { ok: true; files: PreparedFile[] } | { ok: false; messageId: string; values?: Record<string, string | number> };

/**
 * Checks each upload's real type from its content (never the browser's claim), refuses files whose name or claimed
 * type says something else, and re-encodes photos. Runs before the transaction, so a bad file stores nothing.
 */
export async function prepareReportFiles(uploads: UploadedFile[]): Promise<PrepareResult> {
  if (uploads.length > MAX_FILES_PER_REPORT)
    return { ok: false, messageId: 'programs.errors.tooManyFiles', values: { max: MAX_FILES_PER_REPORT } };
  const files: PreparedFile[] = [];
  for (const upload of uploads) {
    const name = safeFilename(upload.filename);
    const detected = await fileTypeFromBuffer(upload.data);
    if (!detected || !(IMAGE_TYPES.has(detected.mime) || DOCUMENT_TYPES.has(detected.mime))) {
      return { ok: false, messageId: 'programs.errors.fileType', values: { name } };
    }
    const extension = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
    const claimed = upload.claimedType.toLowerCase();
    const claimOk =
      claimed === 'application/octet-stream' ||
      claimed === '' ||
      claimed === detected.mime ||
      (claimed === 'image/jpg' && detected.mime === 'image/jpeg');
    if ((extension && !(EXTENSIONS[detected.mime] ?? []).includes(extension)) || !claimOk) {
      return { ok: false, messageId: 'programs.errors.fileMismatch', values: { name } };
    }
    if (DOCUMENT_TYPES.has(detected.mime)) {
      files.push({ filename: name, contentType: detected.mime, data: upload.data, width: null, height: null });
      continue;
    }
    try {
      const { data, info } = await sharp(upload.data, { limitInputPixels: 40_000_000 })
        .rotate()
        .resize({ width: 2000, height: 2000, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      files.push({
        filename: name.replace(/\.[^.]*$/, '') + '.jpg',
        contentType: 'image/jpeg',
        data,
        width: info.width,
        height: info.height,
      });
    } catch {
      return { ok: false, messageId: 'programs.errors.fileBroken', values: { name } };
    }
  }
  return { ok: true, files };
}
