import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PUBLIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');
const versions = new Map<string, string>();

/** URL of a file under public/, with a content hash so it can be cached forever. */
export function assetUrl(file: string): string {
  let version = versions.get(file);
  if (!version) {
    version = createHash('sha256')
      .update(readFileSync(path.join(PUBLIC, file)))
      .digest('hex')
      .slice(0, 10);
    versions.set(file, version);
  }
  return `/static/${file}?v=${version}`;
}
