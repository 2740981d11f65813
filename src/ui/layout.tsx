import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../core/context.ts';
import { LANGUAGES, type Lang } from '../core/i18n.ts';
import { assetUrl } from './assets.ts';

/** Each language named in itself, so a person who cannot read the page can still find theirs. */
export const LANGUAGE_NAMES: Record<Lang, string> = { fa: 'فارسی', vi: 'Tiếng Việt', en: 'English' };

export interface LayoutProps {
  ctx: RequestContext;
  title: string;
  children: ComponentChildren;
  /** Extra scripts (under public/js) this page enhances itself with. */
  scripts?: string[];
  /** A short description for search engines and link previews. */
  description?: string;
  /** Hide from search engines (account pages, admin pages). */
  noindex?: boolean;
}

/** A link to a path in the current language. */
export const href = (ctx: RequestContext, pathInLang: string) => `/${ctx.lang}${pathInLang === '/' ? '' : pathInLang}`;

/** The page shell: header with navigation and account links, main content, language switcher. */
export function Layout({ ctx, title, children, scripts = [], description, noindex }: LayoutProps) {
  const { t, lang, user } = ctx;
  const links = ctx.nav.filter((entry) => !entry.visible || entry.visible(ctx));
  return (
    <html lang={lang} dir={ctx.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('layout.brand')}`}</title>
        {description && <meta name="description" content={description} />}
        {noindex && <meta name="robots" content="noindex" />}
        <link rel="stylesheet" href={assetUrl('css/app.css')} />
        {lang === 'fa' && <link rel="stylesheet" href={assetUrl('css/fa.css')} />}
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        {LANGUAGES.filter((l) => l !== lang).map((l) => (
          <link rel="alternate" hreflang={l} href={`/${l}${ctx.pathInLang === '/' ? '' : ctx.pathInLang}`} />
        ))}
        <script src={assetUrl('js/app.js')} defer />
        {scripts.map((s) => (
          <script src={assetUrl(`js/${s}`)} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href={href(ctx, '/')}>
              <span class="brand__mark" aria-hidden="true">
                U
              </span>
              <span>{t('layout.brand')}</span>
            </a>
            <nav class="site-nav" aria-label={t('layout.mainNavigation')}>
              <ul>
                {links.map((entry) => {
                  const badge = entry.badge?.(ctx);
                  return (
                    <li>
                      <a href={href(ctx, entry.path)} aria-current={ctx.pathInLang.startsWith(entry.path) ? 'page' : undefined}>
                        {t(entry.labelId)}
                        {badge && (
                          <>
                            <span class="nav-badge" aria-hidden="true">
                              {badge.text}
                            </span>
                            <span class="visually-hidden"> ({badge.label})</span>
                          </>
                        )}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
            <div class="account-links">
              {user ? (
                <>
                  <a href={href(ctx, '/account')}>
                    <bdi>{user.name}</bdi>
                  </a>
                  <form method="post" action={href(ctx, '/logout')} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                    <button type="submit" class="button button--link">
                      {t('layout.logOut')}
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <a href={href(ctx, '/login')}>{t('layout.logIn')}</a>
                  <a class="button button--small" href={href(ctx, '/signup')}>
                    {t('layout.signUp')}
                  </a>
                </>
              )}
            </div>
          </div>
        </header>
        <main id="main" class="site-main">
          {ctx.flash && (
            <p class={`flash flash--${ctx.flash.kind}`} role={ctx.flash.kind === 'error' ? 'alert' : 'status'}>
              {ctx.flash.text}
            </p>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <nav aria-label={t('layout.languages')}>
            <ul class="language-switcher">
              {LANGUAGES.map((l) => (
                <li>
                  <a
                    href={`/${l}${ctx.pathInLang === '/' ? '' : ctx.pathInLang}${ctx.search}`}
                    hreflang={l}
                    lang={l}
                    aria-current={l === lang ? 'true' : undefined}
                  >
                    {LANGUAGE_NAMES[l]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <p class="muted">{t('layout.tagline')}</p>
        </footer>
      </body>
    </html>
  );
}

/** A page's title block: heading, optional lead text and actions. */
export function PageHeader({ title, lead, actions }: { title: string; lead?: string; actions?: ComponentChildren }) {
  return (
    <div class="page-header">
      <div>
        <h1 dir="auto">{title}</h1>
        {lead && <p class="lead">{lead}</p>}
      </div>
      {actions && <div class="page-header__actions">{actions}</div>}
    </div>
  );
}
