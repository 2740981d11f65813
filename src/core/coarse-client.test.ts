import { describe, expect, it } from 'vitest';
import { coarseAddress, coarseUserAgent } from './coarse-client.ts';

describe('coarseAddress', () => {
  it('keeps the /24 of an IPv4 address', () => {
    expect(coarseAddress('203.0.113.77')).toBe('203.0.113.0/24');
    expect(coarseAddress('10.0.0.1')).toBe('10.0.0.0/24');
  });
  it('treats IPv4 written as IPv6 as IPv4', () => {
    expect(coarseAddress('::ffff:203.0.113.77')).toBe('203.0.113.0/24');
    expect(coarseAddress('::FFFF:198.51.100.9')).toBe('198.51.100.0/24');
  });
  it('keeps the /48 of an IPv6 address, however it is written', () => {
    expect(coarseAddress('2001:db8:abcd:12::5')).toBe('2001:db8:abcd::/48');
    expect(coarseAddress('2001:0db8:0000:0012:0000:0000:0000:0005')).toBe('2001:db8:0::/48');
    expect(coarseAddress('::1')).toBe('0:0:0::/48');
    expect(coarseAddress('fe80::1%eth0')).toBe('fe80:0:0::/48');
    expect(coarseAddress('64:ff9b::192.0.2.33')).toBe('64:ff9b:0::/48');
  });
  it('answers null for no address or a word that is not one', () => {
    expect(coarseAddress(null)).toBeNull();
    expect(coarseAddress('')).toBeNull();
    expect(coarseAddress('localhost')).toBeNull();
    expect(coarseAddress('999.1.1.1')).toBeNull();
  });
});

describe('coarseUserAgent', () => {
  it('keeps the kind of browser and system, no version or device', () => {
    expect(
      coarseUserAgent(
        'Mozilla/5.0 (Linux; Android 14; SM-A546E Build/UP1A.231005.007) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
      ),
    ).toBe('Chrome on Android');
    expect(
      coarseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
    expect(coarseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox on Windows');
    expect(
      coarseUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      ),
    ).toBe('Edge on Windows');
    expect(coarseUserAgent('lightweight-probe/1.0')).toBe('other browser');
  });
  it('answers null for no User-Agent', () => {
    expect(coarseUserAgent(undefined)).toBeNull();
    expect(coarseUserAgent('')).toBeNull();
  });
});
