import { isIPv4, isIPv6 } from 'node:net';

/** The prefix kept of an address: an IPv4 /24 (a street, an office), an IPv6 /48 (a site). */
export const COARSE_PREFIX = { v4: 24, v6: 48 } as const;

/**
 * The network of an address, as stored in sessions and audit entries (e.g. "203.0.113.0/24",
 * "2001:db8:abcd::/48"); null for no address or one that cannot be read. An exact address, matched with
 * a web server's access log, would tie a signed-in account to the anonymous posts sent from it; a network
 * still tells an administrator roughly where a sign-in came from. IPv4 written as IPv6 (::ffff:a.b.c.d)
 * is treated as IPv4.
 */
export function coarseAddress(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const address = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').replace(/%.*$/, '');
  if (isIPv4(address)) {
    const [a, b, c] = address.split('.');
    return `${Number(a)}.${Number(b)}.${Number(c)}.0/${COARSE_PREFIX.v4}`;
  }
  if (!isIPv6(address)) return null;
  const groups = expandIPv6(address);
  const kept = groups.slice(0, COARSE_PREFIX.v6 / 16).map((g) => g.replace(/^0+(?=.)/, ''));
  return `${kept.join(':')}::/${COARSE_PREFIX.v6}`;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail becomes two groups). */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right];
}

const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/\bAndroid\b/, 'Android'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * The kind of browser a session was started from ("Firefox on Android"), not its full User-Agent: the
 * full string (versions, device model, build) is nearly as telling as an address when matched with a web
 * server's access log. Null when nothing is known.
 */
export function coarseUserAgent(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'other browser';
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}
