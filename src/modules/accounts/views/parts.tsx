import type { RequestContext } from '../../../core/context.ts';
import { LANGUAGES, type Lang } from '../../../core/i18n.ts';
import { href } from '../../../ui/layout.tsx';

/** Each language named in itself, so a person who cannot read the page can still find theirs. */
export const LANGUAGE_OPTIONS: Array<[Lang, string]> = LANGUAGES.map((l) => [l, { fa: 'فارسی', vi: 'Tiếng Việt', en: 'English' }[l]]);

/** The account section's own navigation: profile, password, API tokens. */
export function AccountNav({ ctx, current }: { ctx: RequestContext; current: 'profile' | 'password' | 'tokens' }) {
  const { t } = ctx;
  const links: Array<[typeof current, string, string]> = [
    ['profile', '/account', t('accounts.account.profile')],
    ['password', '/account/password', t('accounts.account.changePassword')],
    ['tokens', '/account/tokens', t('accounts.account.apiTokens')],
  ];
  return (
    <nav class="account-nav" aria-label={t('accounts.account.navLabel')}>
      <ul>
        {links.map(([key, path, label]) => (
          <li>
            <a href={href(ctx, path)} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
