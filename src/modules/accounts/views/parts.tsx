import type { RequestContext } from '../../../core/context.ts';
import { LANGUAGES, type Lang } from '../../../core/i18n.ts';
import type { FormState } from '../../../core/forms.ts';
import { SelectField, TextField } from '../../../ui/form.tsx';
import { LANGUAGE_NAMES, href } from '../../../ui/layout.tsx';
import { NAME_MAX } from '../schemas.ts';

/** Each language named in itself, so a person who cannot read the page can still find theirs. */
export const LANGUAGE_OPTIONS: Array<[Lang, string]> = LANGUAGES.map((l) => [l, LANGUAGE_NAMES[l]]);

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

/** A new password and its confirmation, as the change and reset forms both ask for them. */
export function NewPasswordFields({
  ctx,
  form,
  name,
  confirmationName,
}: {
  ctx: RequestContext;
  form: FormState;
  name: string;
  confirmationName: string;
}) {
  const { t } = ctx;
  return (
    <>
      <TextField
        form={form}
        name={name}
        type="password"
        label={t('accounts.fields.newPassword')}
        hint={t('accounts.fields.passwordHint')}
        required
        autocomplete="new-password"
      />
      <TextField
        form={form}
        name={confirmationName}
        type="password"
        label={t('accounts.fields.newPasswordConfirmation')}
        required
        autocomplete="new-password"
      />
    </>
  );
}

/** The person's name and preferred language, as sign-up and the profile both ask for them. */
export function NameField({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <TextField
      form={form}
      name="name"
      label={t('accounts.fields.name')}
      hint={t('accounts.fields.nameHint')}
      required
      autocomplete="name"
      maxLength={NAME_MAX}
    />
  );
}

/** The preferred-language select, each language named in itself. */
export function LanguageField({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <SelectField
      form={form}
      name="locale"
      label={t('accounts.fields.locale')}
      hint={t('accounts.fields.localeHint')}
      options={LANGUAGE_OPTIONS}
    />
  );
}
