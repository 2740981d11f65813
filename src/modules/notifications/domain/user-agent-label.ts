const BROWSERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Edge', /Edg(e|A|iOS)?\//],
  ['Opera', /OPR\//],
  ['Samsung Internet', /SamsungBrowser\//],
  ['Firefox', /Firefox\/|FxiOS\//],
  ['Chrome', /Chrome\/|CriOS\//],
  ['Safari', /Safari\//],
];
const SYSTEMS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Android', /Android/],
  ['iOS', /iPhone|iPad|iPod/],
  ['Windows', /Windows/],
  ['macOS', /Mac OS X|Macintosh/],
  ['Linux', /Linux|X11/],
];

/** A short label of a browser from its User-Agent header ("Firefox · Android", names no language needs translating), shown to its owner; never more than 100 characters. */
export function userAgentLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = BROWSERS.find(([, pattern]) => pattern.test(ua))?.[0] ?? '';
  const system = SYSTEMS.find(([, pattern]) => pattern.test(ua))?.[0] ?? '';
  const label = browser && system ? `${browser} · ${system}` : browser || system;
  return label.slice(0, 100);
}
