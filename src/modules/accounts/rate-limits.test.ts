import { describe, expect, it } from 'vitest';
import { addressKey } from '../../core/rate-limit.ts';
import { safeNextPath } from './domain/safe-next.ts';
import { parseFormStrictly } from '../../core/form-body.ts';
import { parseIdentifier } from './schemas.ts';

describe('addressKey', () => {
  it('keeps IPv4 addresses, also when mapped into IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });
  it('counts IPv6 addresses by their /64 network', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('safeNextPath', () => {
  it('keeps local paths with their query', () => {
    expect(safeNextPath('/fa/account?x=1#top', '/')).toBe('/fa/account?x=1#top');
  });
  it.each([
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    'evil',
    '/ok\nSet-Cookie: x',
    '',
    '/en/logout',
    '/fa/login?next=/x',
  ])('falls back for %j', (raw) => {
    expect(safeNextPath(raw, '/fallback')).toBe('/fallback');
  });
  it('falls back for something that is not a string', () => {
    expect(safeNextPath(['/a', '/b'], '/fallback')).toBe('/fallback');
  });
});

describe('parseFormStrictly', () => {
  it('decodes UTF-8, plus signs and repeated keys', () => {
    expect({ ...parseFormStrictly(Buffer.from('name=L%C3%AA+Mai&tag=a&tag=b&empty=&flag')) }).toEqual({
      name: 'Lê Mai',
      tag: ['a', 'b'],
      empty: '',
      flag: '',
    });
  });
  it('refuses percent-escapes and raw bytes that are not UTF-8 with a 400', () => {
    expect(() => parseFormStrictly(Buffer.from('name=%FF'))).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => parseFormStrictly(Buffer.from('name=%E0%A4%A'))).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => parseFormStrictly(Buffer.concat([Buffer.from('name='), Buffer.from([0xed, 0xa0, 0x80])]))).toThrow(
      expect.objectContaining({ statusCode: 400 }),
    );
  });
  it('cannot be tricked into setting the object prototype', () => {
    const parsed = parseFormStrictly(Buffer.from('__proto__=x&constructor=y'));
    expect(Object.getPrototypeOf(parsed)).toBe(null);
    expect(parsed.__proto__).toBe('x');
  });
});

describe('parseIdentifier', () => {
  it('reads emails (lower-cased) and phone numbers in any digits', () => {
    expect(parseIdentifier(' Mai@Example.ORG ')).toEqual({ kind: 'email', value: 'mai@example.org' });
    expect(parseIdentifier('۰۹۱۲ ۳۴۵-۶۷۸۹')).toEqual({ kind: 'phone', value: '09123456789' });
    expect(parseIdentifier('٠٩١٢٣٤٥٦٧٨٩')).toEqual({ kind: 'phone', value: '09123456789' });
    expect(parseIdentifier('+84 912 345 678')).toEqual({ kind: 'phone', value: '+84912345678' });
  });
  it('returns null for anything else', () => {
    expect(parseIdentifier('not an account')).toBeNull();
    expect(parseIdentifier('a@b')).toBeNull();
    expect(parseIdentifier(42)).toBeNull();
  });
});
