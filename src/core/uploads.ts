import type { FastifyRequest } from 'fastify';
import { assertWellFormedText } from './form-body.ts';

/** A file sent with a form, held in memory (uploads are size-limited). */
export interface UploadedFile {
  filename: string;
  /** What the browser claimed; never trusted: check the content instead. */
  claimedType: string;
  data: Buffer;
}

interface MultipartPart {
  type: 'field' | 'file';
  value?: unknown;
  filename?: string;
  mimetype?: string;
  toBuffer?: () => Promise<Buffer>;
}

const isPart = (v: unknown): v is MultipartPart =>
  !!v &&
  typeof v === 'object' &&
  'type' in v &&
  ((v as MultipartPart).type === 'field' || (v as MultipartPart).type === 'file') &&
  'fieldname' in v;

async function flattenPart(part: MultipartPart): Promise<string | UploadedFile | undefined> {
  if (part.type === 'field') return typeof part.value === 'string' ? part.value : undefined;
  const data = part.toBuffer ? await part.toBuffer() : Buffer.alloc(0);
  if (!part.filename && data.length === 0) return undefined; // an empty file input
  return { filename: part.filename ?? 'file', claimedType: part.mimetype ?? 'application/octet-stream', data };
}

/** Turns @fastify/multipart's parts into plain strings and UploadedFile objects, like a urlencoded body. */
export async function flattenMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body = request.body as Record<string, unknown> | undefined;
  if (!body) return;
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) {
      const items = [];
      for (const item of value) if (isPart(item)) items.push(await flattenPart(item));
      flat[key] = items.filter((i) => i !== undefined);
    } else if (isPart(value)) {
      const item = await flattenPart(value);
      if (item !== undefined) flat[key] = item;
    }
  }
  // Field names, values and file names are text like any other form's (see core/form-body.ts).
  assertWellFormedText(flat);
  request.body = flat;
}

/** The files sent under one field name. */
export function filesOf(body: unknown, field: string): UploadedFile[] {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is UploadedFile => !!v && typeof v === 'object' && Buffer.isBuffer((v as UploadedFile).data));
}
