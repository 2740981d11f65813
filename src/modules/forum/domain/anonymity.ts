import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

// Two keys derived from the one secret kept outside the database (ANONYMITY_KEY), one per purpose.
const derived = new Map<string, Buffer>();
function keyFor(secret: string, purpose: 'seal' | 'tag' | 'notices'): Buffer {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = Buffer.from(
      hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('unionhall-forum'), Buffer.from(`anonymous-${purpose}`), 32),
    );
    derived.set(cacheKey, key);
  }
  return key;
}

/** Seals a user id with AES-256-GCM and a random IV: iv (12) || auth tag (16) || ciphertext. */
export function sealAuthor(secret: string, userId: number): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, 'seal'), iv);
  const ciphertext = Buffer.concat([cipher.update(String(userId), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Opens a seal; null when it was sealed with another key or tampered with. */
export function unsealAuthor(secret: string, seal: Buffer): number | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, 'seal'), seal.subarray(0, 12));
    decipher.setAuthTag(seal.subarray(12, 28));
    const text = Buffer.concat([decipher.update(seal.subarray(28)), decipher.final()]).toString('utf8');
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** HMAC(key, "topicId:userId"): finds "my pseudonym in this topic" and "my anonymous posts" without storing who. */
export function anonymousTag(secret: string, topicId: number, userId: number): Buffer {
  return createHmac('sha256', keyFor(secret, 'tag')).update(`${topicId}:${userId}`).digest();
}

/** Compares two tags in constant time. */
export function sameTag(a: Buffer | null | undefined, b: Buffer | null | undefined): boolean {
  return !!a && !!b && a.length === b.length && timingSafeEqual(a, b);
}

/** Encrypts a small value for the author's own device (a cookie): AES-256-GCM, random IV, base64url. */
export function sealForDevice(secret: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, 'notices'), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** Opens what sealForDevice wrote; null when it was sealed with another key, tampered with or is not JSON. */
export function openFromDevice(secret: string, text: string): unknown {
  try {
    const sealed = Buffer.from(text, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, 'notices'), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
