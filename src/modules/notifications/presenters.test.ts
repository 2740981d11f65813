import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { translator, type Translate } from '../../core/i18n.ts';
import { notificationParts, notificationText } from './presenters.ts';

/** A translator over one ad-hoc message, to try message shapes the catalogs do not hold. */
const oneMessage =
  (source: string, lang = 'en'): Translate =>
  (id, values) =>
    id === 'x.message' ? String(new IntlMessageFormat(source, lang).format(values)) : id;

describe('notificationParts', () => {
  it('keeps each string value apart from the message’s own words', () => {
    expect(
      notificationParts(translator('fa'), {
        messageId: 'notifications.messages.replied',
        values: { author: 'Worker 3', title: 'Night shift' },
      }),
    ).toEqual([{ value: 'Worker 3' }, ' در «', { value: 'Night shift' }, '» پاسخ داد']);
  });

  it('formats numbers in the reader’s language and plural', () => {
    const t = oneMessage('{count, plural, one {# report} other {# reports}} in {place}', 'fa');
    expect(notificationParts(t, { messageId: 'x.message', values: { count: 3, place: 'Rasht' } })).toEqual([
      '۳ reports in ',
      { value: 'Rasht' },
    ]);
  });

  it('leaves a value the message selects by as it is', () => {
    const t = oneMessage('{status, select, approved {Approved: {title}} other {Returned: {title}}}');
    expect(notificationParts(t, { messageId: 'x.message', values: { status: 'approved', title: 'Report 4' } })).toEqual([
      'Approved: Report 4',
    ]);
    // Here marking picks the same branch, so the title is still kept apart.
    expect(notificationParts(t, { messageId: 'x.message', values: { status: 'returned', title: 'Report 4' } })).toEqual([
      'Returned: ',
      { value: 'Report 4' },
    ]);
  });

  it('falls back to a generic line for unknown ids, odd ids and missing values', () => {
    const t = translator('vi');
    const rows: Array<{ messageId: string; values: Record<string, string | number> }> = [
      { messageId: 'gone.message', values: {} },
      { messageId: 'notifications.messages.replied\u202E', values: { author: 'a', title: 'b' } },
      { messageId: 'notifications.messages.replied', values: { author: 'a' } },
    ];
    for (const row of rows) {
      expect(notificationParts(t, row)).toEqual(['Bạn có một thông báo mới.']);
    }
  });
});

describe('notificationText', () => {
  it('wraps values in first-strong isolates for plain text', () => {
    expect(
      notificationText(translator('en'), { messageId: 'notifications.messages.mentioned', values: { author: 'کارگر ۳', title: 'Boots' } }),
    ).toBe('\u2068کارگر ۳\u2069 mentioned you in “\u2068Boots\u2069”');
  });
});
