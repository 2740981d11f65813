/**
 * Turns a ?next= value into a path on this site, or the fallback. Only "/something" survives:
 * "//evil.example", "/\\evil.example", "https://…", "javascript:…" and anything with control
 * characters fall back, so the login form can never be used as an open redirect.
 */
export function safeNextPath(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return fallback;
  if (/[\u0000-\u001F\u007F]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, 'http://unionhall.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://unionhall.invalid') return fallback;
  const path = url.pathname + url.search + url.hash;
  // Logging out or back into the login page is never where anyone meant to go next.
  if (/^\/[a-z]{2}\/(login|logout|signup)(\/|\?|#|$)/.test(path)) return fallback;
  return path;
}
