import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { ErrorSummary, Form, SelectField, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';

export interface MemberRowView {
  userId: number;
  name: string;
  email: string | null;
  role: string;
  roleLabel: string;
  regionId: number | null;
  regionName: string | null;
  since: string;
  sinceIso: string;
}

export interface InvitationRowView {
  id: number;
  email: string;
  roleLabel: string;
  regionName: string | null;
  invitedByName: string | null;
  expires: string;
  expiresIso: string;
}

export interface MembersPageProps {
  ctx: RequestContext;
  organization: { slug: string; name: string };
  /** One page of the roles held here; page and pageCount drive the links between pages. */
  members: MemberRowView[];
  page: number;
  pageCount: number;
  /** The search box (q) and its query string, kept in the page links. */
  searchForm: FormState;
  searchQuery: string;
  invitations: InvitationRowView[];
  canManage: boolean;
  inviteForm: FormState;
  roleOptions: Array<[string, string]>;
  regionOptions: Array<[string, string]>;
  /** Why the last change was refused, shown at the top. */
  pageError?: string;
}

/** Member management: who holds which role, inviting people, changing and removing roles, pending invitations. */
export function MembersPage(props: MembersPageProps) {
  const { ctx, organization, canManage } = props;
  const { t } = ctx;
  const base = `/organizations/${organization.slug}`;
  const action = href(ctx, `${base}/members`);
  return (
    <Layout ctx={ctx} title={t('organizations.members.title', { organization: organization.name })} noindex>
      <PageHeader title={t('organizations.members.title', { organization: organization.name })} />
      <p>
        <a href={href(ctx, `/organizations/${organization.slug}`)}>{t('organizations.members.backToOrganization')}</a>
      </p>
      {props.pageError && (
        <p class="flash flash--error" role="alert">
          {props.pageError}
        </p>
      )}
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('organizations.members.heading')}</h2>
        <form method="get" action={action} class="filters" role="search" aria-label={t('organizations.members.searchLabel')}>
          <ErrorSummary ctx={ctx} form={props.searchForm} />
          <TextField form={props.searchForm} name="q" type="search" label={t('organizations.members.searchLabel')} maxLength={100} />
          <button type="submit" class="button button--secondary">
            {t('common.search')}
          </button>
          {props.searchQuery && <a href={action}>{t('common.clearFilters')}</a>}
        </form>
        {props.members.length === 0 ? (
          <p class="card">{t('organizations.members.empty')}</p>
        ) : (
          <ul class="list-plain member-list">
            {props.members.map((m) => {
              const key = `${m.userId}-${m.role}`;
              return (
                <li class="card member">
                  <p class="member__name">
                    <bdi>{m.name}</bdi> <span class="badge">{m.roleLabel}</span>
                  </p>
                  <dl class="member__facts">
                    <dt>{t('organizations.members.email')}</dt>
                    <dd dir="ltr">{m.email ?? ''}</dd>
                    <dt>{t('organizations.members.regionLimit')}</dt>
                    <dd>{m.regionName ? <bdi>{m.regionName}</bdi> : t('organizations.members.wholeOrganization')}</dd>
                    <dt>{t('organizations.members.since')}</dt>
                    <dd>
                      <time datetime={m.sinceIso}>{m.since}</time>
                    </dd>
                  </dl>
                  {canManage && (
                    <div class="member__actions">
                      <Form ctx={ctx} action={href(ctx, `${base}/members/${m.userId}/role`)} class="member-role-form">
                        <input type="hidden" name="role" value={m.role} />
                        <label for={`role-${key}`} class="visually-hidden">
                          {t('organizations.members.newRoleFor', { name: m.name })}
                        </label>
                        <select id={`role-${key}`} name="newRole">
                          {props.roleOptions.map(([value, label]) => (
                            <option value={value} selected={value === m.role}>
                              {label}
                            </option>
                          ))}
                        </select>
                        <label for={`region-${key}`} class="visually-hidden">
                          {t('organizations.members.regionFor', { name: m.name })}
                        </label>
                        <select id={`region-${key}`} name="region">
                          <option value="">{t('organizations.members.wholeOrganization')}</option>
                          {props.regionOptions.map(([value, label]) => (
                            <option value={value} selected={value === String(m.regionId ?? '')}>
                              {label}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="button button--small button--secondary">
                          {t('organizations.members.changeRole')}
                        </button>
                      </Form>
                      <Form ctx={ctx} action={href(ctx, `${base}/members/${m.userId}/remove`)} class="inline-form">
                        <input type="hidden" name="role" value={m.role} />
                        <button
                          type="submit"
                          class="button button--small button--danger"
                          aria-label={t('organizations.members.removeRoleFrom', { name: m.name, role: m.roleLabel })}
                        >
                          {t('common.remove')}
                        </button>
                      </Form>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {props.pageCount > 1 && (
          <nav class="pagination" aria-label={t('organizations.members.pages')}>
            {props.page > 1 && (
              <a href={`${action}?${props.searchQuery ? `${props.searchQuery}&` : ''}page=${props.page - 1}`} rel="prev">
                {t('common.previous')}
              </a>
            )}
            <span>
              {t('organizations.directory.pageOf', {
                page: formatNumber(props.page, ctx.lang),
                pages: formatNumber(props.pageCount, ctx.lang),
              })}
            </span>
            {props.page < props.pageCount && (
              <a href={`${action}?${props.searchQuery ? `${props.searchQuery}&` : ''}page=${props.page + 1}`} rel="next">
                {t('common.next')}
              </a>
            )}
          </nav>
        )}
      </section>
      {canManage && (
        <section class="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t('organizations.members.inviteHeading')}</h2>
          <p class="muted">{t('organizations.members.inviteLead')}</p>
          <Form ctx={ctx} action={href(ctx, `${base}/members/invitations`)}>
            <ErrorSummary ctx={ctx} form={props.inviteForm} />
            <TextField
              form={props.inviteForm}
              name="email"
              type="email"
              label={t('organizations.members.email')}
              autocomplete="off"
              maxLength={254}
              required
            />
            <SelectField form={props.inviteForm} name="role" label={t('organizations.members.role')} options={props.roleOptions} required />
            <SelectField
              form={props.inviteForm}
              name="region"
              label={t('organizations.members.regionLimit')}
              hint={t('organizations.members.regionHint')}
              options={props.regionOptions}
              emptyLabel={t('organizations.members.wholeOrganization')}
            />
            <SubmitButton>{t('organizations.members.sendInvitation')}</SubmitButton>
          </Form>
        </section>
      )}
      {canManage && (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">{t('organizations.members.pendingHeading')}</h2>
          {props.invitations.length === 0 ? (
            <p class="muted">{t('organizations.members.noPending')}</p>
          ) : (
            <ul class="list-plain member-list">
              {props.invitations.map((i) => (
                <li class="card member">
                  <p class="member__name" dir="ltr">
                    {i.email}
                  </p>
                  <dl class="member__facts">
                    <dt>{t('organizations.members.role')}</dt>
                    <dd>{i.roleLabel}</dd>
                    <dt>{t('organizations.members.regionLimit')}</dt>
                    <dd>{i.regionName ? <bdi>{i.regionName}</bdi> : t('organizations.members.wholeOrganization')}</dd>
                    <dt>{t('organizations.members.invitedBy')}</dt>
                    <dd>{i.invitedByName ? <bdi>{i.invitedByName}</bdi> : ''}</dd>
                    <dt>{t('organizations.members.expires')}</dt>
                    <dd>
                      <time datetime={i.expiresIso}>{i.expires}</time>
                    </dd>
                  </dl>
                  <Form ctx={ctx} action={href(ctx, `${base}/invitations/${i.id}/revoke`)} class="inline-form">
                    <button
                      type="submit"
                      class="button button--small button--secondary"
                      aria-label={t('organizations.members.revokeFor', { email: i.email })}
                    >
                      {t('organizations.members.revoke')}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Layout>
  );
}
