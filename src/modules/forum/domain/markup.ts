import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML off: "<script>" stays text. Links are recognized in plain text; a single newline is a line break.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// Headings, tables and horizontal rules are not part of the subset: keep posts simple on a small screen.
markdown.disable(['heading', 'lheading', 'table', 'hr']);

/** Images may only come from the forum's own uploads. */
export const OWN_IMAGE_SRC = /^\/forum\/images\/[0-9]{1,18}$/;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'blockquote', 'img', 'code', 'pre', 's', 'span'],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'], ol: ['start'], span: ['class'] },
  allowedClasses: { span: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'nofollow ugc noopener' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE_SRC.test(frame.attribs.src ?? ''),
};

/** Turns a post's markdown into sanitized HTML and counts its links (for new accounts' limits). */
export function renderPostBody(source: string, mentionNames: ReadonlySet<string> = new Set()): { html: string; linkCount: number } {
  let html = sanitizeHtml(markdown.render(source), SANITIZE);
  if (mentionNames.size > 0) html = highlightMentions(html, mentionNames);
  const linkCount = (html.match(/<a /g) ?? []).length;
  return { html, linkCount };
}

/** @mentions: "@" then a name with its spaces written as "_" (e.g. @Vũ_Thị_Mai, @رضا_محمدی). */
export const MENTION_PATTERN = /(^|[\s(>])@([\p{L}\p{M}\p{N}_.\u200c-]{2,60})/gu;

/** The mention handles written in a post, normalized, without duplicates (at most 10). */
export function mentionHandles(source: string): string[] {
  const handles = new Set<string>();
  for (const match of source.matchAll(MENTION_PATTERN)) {
    const handle = match[2];
    if (handle === undefined) continue;
    handles.add(mentionHandle(handle.replace(/[._-]+$/, '')));
    if (handles.size >= 10) break;
  }
  return [...handles];
}

/** A person's name as a mention handle: NFC, lower case, spaces as "_". */
export function mentionHandle(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase().replace(/\s+/g, '_');
}

// Wraps resolved mentions in text (never inside tags or attribute values) in a span the stylesheet highlights.
function highlightMentions(html: string, names: ReadonlySet<string>): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) =>
      part.startsWith('<')
        ? part
        : part.replace(MENTION_PATTERN, (whole, before: string, handle: string) =>
            names.has(mentionHandle(handle.replace(/[._-]+$/, ''))) ? `${before}<span class="mention">@${handle}</span>` : whole,
          ),
    )
    .join('');
}

/** The text of a post as a quote in a reply: each line prefixed with "> ". */
export function quoteSource(source: string): string {
  return source
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}
