import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';

export interface InvitationPageProps {
  ctx: RequestContext;
  /** The path of this page after the language (its forms post to …/accept and …/signup; login comes back here). */
  path: string;
  state: 'pending' | 'accepted' | 'revoked' | 'expired';
  organization: { slug: string; name: string };
  email: string;
  roleLabel: string;
  regionName: string | null;
  invitedByName: string | null;
  /** What the visitor can do: confirm (signed in), create an account, or log in (an account has this email). */
  mode: 'confirm' | 'signup' | 'login';
  form: FormState;
}

/** The page an invitation link opens: confirm the role, or create an account first, or log in. */
export function InvitationPage(props: InvitationPageProps) {
  const { ctx, organization, form } = props;
  const { t } = ctx;
  const title = t('organizations.invitation.title', { organization: organization.name });
  const loginHref = `${href(ctx, '/login')}?next=${encodeURIComponent(href(ctx, props.path))}`;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <PageHeader title={title} />
      {props.state !== 'pending' ? (
        <section class="card">
          <p role="alert">{t(`organizations.invitation.state.${props.state}`)}</p>
          <p>
            <a href={href(ctx, `/organizations/${organization.slug}`)}>
              <bdi>{organization.name}</bdi>
            </a>
          </p>
        </section>
      ) : (
        <section class="card">
          <p>
            {t('organizations.invitation.lead', { inviter: props.invitedByName ?? '—', role: props.roleLabel })}{' '}
            <bdi>{organization.name}</bdi>
            {props.regionName && (
              <>
                {' · '}
                {t('common.region')}: <bdi>{props.regionName}</bdi>
              </>
            )}
          </p>
          <p class="muted">
            {t('organizations.invitation.sentTo')} <span dir="ltr">{props.email}</span>
          </p>
          {props.mode === 'confirm' && (
            <Form ctx={ctx} action={href(ctx, `${props.path}/accept`)}>
              <ErrorSummary ctx={ctx} form={form} />
              <p>{t('organizations.invitation.confirmAs', { name: ctx.user?.name ?? '' })}</p>
              <SubmitButton>{t('organizations.invitation.accept')}</SubmitButton>
            </Form>
          )}
          {props.mode === 'login' && (
            <>
              <p>{t('organizations.invitation.accountExists')}</p>
              <p>
                <a class="button" href={loginHref}>
                  {t('layout.logIn')}
                </a>
              </p>
            </>
          )}
          {props.mode === 'signup' && (
            <>
              <h2>{t('organizations.invitation.signupHeading')}</h2>
              <Form ctx={ctx} action={href(ctx, `${props.path}/signup`)}>
                <ErrorSummary ctx={ctx} form={form} />
                <div class="field">
                  <label for="field-invited-email">{t('organizations.members.email')}</label>
                  <input id="field-invited-email" type="email" value={props.email} readOnly dir="ltr" />
                </div>
                <TextField form={form} name="name" label={t('common.name')} autocomplete="name" maxLength={100} required />
                <TextField
                  form={form}
                  name="password"
                  type="password"
                  label={t('organizations.invitation.password')}
                  hint={t('organizations.invitation.passwordHint')}
                  autocomplete="new-password"
                  required
                />
                <SubmitButton>{t('organizations.invitation.createAndAccept')}</SubmitButton>
              </Form>
              <p>
                {t('organizations.invitation.haveAccount')} <a href={loginHref}>{t('layout.logIn')}</a>
              </p>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
