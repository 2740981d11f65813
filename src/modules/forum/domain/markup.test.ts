import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionHandles, quoteSource, renderPostBody } from './markup.ts';

describe('renderPostBody', () => {
  it('keeps the safe subset and drops raw HTML', () => {
    const { html } = renderPostBody('**b** *i* <b>raw</b> <iframe src="x"></iframe>\n\n1. one\n2. two\n\n> q');
    expect(html).toContain('<strong>b</strong>');
    expect(html).toContain('<em>i</em>');
    expect(html).toContain('&lt;b&gt;raw&lt;/b&gt;');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('<ol>');
    expect(html).toContain('<blockquote>');
  });
  it('allows images only from the forum’s own uploads', () => {
    expect(renderPostBody('![a](/forum/images/12)').html).toContain('<img src="/forum/images/12" alt="a" />');
    expect(renderPostBody('![a](https://tracker.example/p.gif)').html).not.toContain('<img');
    expect(renderPostBody('![a](/forum/images/12/../../admin)').html).not.toContain('<img');
  });
  it('marks links nofollow ugc, drops script links, and counts links', () => {
    const { html, linkCount } = renderPostBody(
      '[ok](https://example.org) https://example.com [bad](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)',
    );
    expect(html).toContain('rel="nofollow ugc noopener"');
    expect(html).not.toMatch(/href="(javascript|data):/);
    expect(linkCount).toBe(2);
  });
  it('never lets a script element or an event handler through, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('<script>', '<img src=x onerror=a()>', '<svg onload=a()>', '"><script>', '[x](javascript:a)'),
        (text, attack) => {
          const { html } = renderPostBody(`${text}${attack}${text}`);
          // Escaped text may still read "onerror=": what matters is that no real tag or attribute carries it.
          expect(html).not.toMatch(/<(script|svg|iframe)|<[a-z][^>]*\son[a-z]+=|href="javascript/i);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('highlights only mentions of people resolved as readers', () => {
    const { html } = renderPostBody('hi @Vũ_Thị_Mai and @nobody, mail a@b.org', new Set(['vũ_thị_mai']));
    expect(html).toContain('<span class="mention">@Vũ_Thị_Mai</span>');
    expect(html).not.toContain('<span class="mention">@nobody');
  });
});

describe('mentions and quotes', () => {
  it('finds Persian and Vietnamese handles, lower-cased, once each', () => {
    expect(mentionHandles('@رضا_محمدی سلام @Vũ_Thị_Mai @vũ_thị_mai.')).toEqual(['رضا_محمدی', 'vũ_thị_mai']);
  });
  it('prefixes every quoted line', () => {
    expect(quoteSource('a\nb')).toBe('> a\n> b');
  });
});
