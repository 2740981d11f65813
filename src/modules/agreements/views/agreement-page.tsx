import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { ErrorSummary, FileField, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, href } from '../../../ui/layout.tsx';
import type { AgreementAbilities } from '../policy.ts';
import type { AgreementDetailView } from '../presenters.ts';
import { StatusBadge } from './parts.tsx';

/** A progress bar drawn with SVG attributes (no inline styles under the CSP), with its value as text. */
function ProgressBar({ ctx, value, small = false }: { ctx: RequestContext; value: number; small?: boolean }) {
  const pct = Math.max(0, Math.min(100, value));
  const label = ctx.t('agreements.area.progress', { value: formatNumber(pct, ctx.lang, { maximumFractionDigits: 1 }) });
  return (
    <p class={small ? 'agreements-progress agreements-progress--small' : 'agreements-progress'}>
      <svg
        width={small ? '96' : '160'}
        height={small ? '8' : '10'}
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        aria-hidden="true"
        class="agreements-progress__bar"
      >
        <rect x="0" y="0" width="100" height="10" rx="5" fill="#d8dde3" />
        <rect x={ctx.dir === 'rtl' ? String(100 - pct) : '0'} y="0" width={String(pct)} height="10" rx="5" fill="#1f6f5c" />
      </svg>{' '}
      <span>{label}</span>
    </p>
  );
}

const STATUS_TONE: Record<string, string> = {
  done: 'badge--success',
  completed: 'badge--success',
  in_progress: 'badge--warning',
  active: 'badge--warning',
  cancelled: 'badge--danger',
};

/** A program's or activity's status, named with the programs module's words for it. */
function ProgramsStatusBadge({ ctx, kind, status }: { ctx: RequestContext; kind: 'program' | 'activity'; status: string }) {
  return <span class={`badge ${STATUS_TONE[status] ?? ''}`}>{ctx.t(`programs.${kind}Status.${status}`)}</span>;
}

/** One area's wording field; ids carry the area's id, since every area has its own small form on the page. */
function AreaDescriptionField({
  ctx,
  areaId,
  number,
  form,
  current,
}: {
  ctx: RequestContext;
  areaId: number;
  number: number;
  form: FormState | null;
  current: string;
}) {
  const id = `edit-area-${areaId}`;
  const error = form?.errors.description ?? form?.errors._form;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{ctx.t('agreements.area.description', { number })}</label>
      <input
        id={id}
        name="description"
        type="text"
        dir="auto"
        maxLength={1000}
        required
        value={form ? (form.values.description ?? '') : current}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export interface AgreementPageForms {
  /** Editing one area's wording (its values name the area in `areaId`). */
  area: FormState;
  areas: FormState;
  target: FormState;
  document: FormState;
}

/** One agreement: parties and signatories, period, goals, numbered areas with targets and progress, documents. */
export function AgreementPage({
  ctx,
  agreement,
  can,
  forms,
}: {
  ctx: RequestContext;
  agreement: AgreementDetailView;
  can: AgreementAbilities;
  forms: AgreementPageForms;
}) {
  const { t } = ctx;
  // One URL per action (routes/pages.ts).
  const base = `/agreements/${agreement.id}`;
  return (
    <Layout ctx={ctx} title={agreement.title} description={agreement.goals.slice(0, 160)}>
      <div class="page-header">
        <h1 dir="auto">{agreement.title}</h1>
        {can.edit && (
          <div class="page-header__actions">
            <a class="button button--secondary" href={href(ctx, `/agreements/${agreement.id}/edit`)}>
              {t('common.edit')}
            </a>
          </div>
        )}
      </div>
      <p>
        <StatusBadge ctx={ctx} status={agreement.status} /> · {t('agreements.form.period')}: {agreement.periodText}
        {agreement.signedOnText && (
          <>
            {' · '}
            {t('agreements.signedOnText', { date: agreement.signedOnText })}
          </>
        )}
      </p>
      <section class="card">
        <h2>{t('agreements.parties')}</h2>
        <ul class="list-plain stack">
          {agreement.parties.map((p) => (
            <li>
              <a href={href(ctx, `/organizations/${p.slug}`)}>
                <bdi>{p.name}</bdi>
              </a>
              {p.signatoryName && (
                <p class="meta">
                  {t('agreements.signedBy')} <bdi>{p.signatoryRole ? `${p.signatoryName}, ${p.signatoryRole}` : p.signatoryName}</bdi>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
      {agreement.goals && (
        <section class="card">
          <h2>{t('agreements.form.goals')}</h2>
          <p class="meetings-text" dir="auto">
            {agreement.goals}
          </p>
        </section>
      )}
      <section>
        <h2>{t('agreements.area.title')}</h2>
        {agreement.areas.length === 0 ? (
          <p class="muted">{t('agreements.area.empty')}</p>
        ) : (
          <ol class="list-plain stack">
            {agreement.areas.map((area) => (
              <li class="card" id={`area-${area.number}`}>
                <h3>
                  <span class="agreements-area-number">{formatNumber(area.number, ctx.lang)}.</span>{' '}
                  <span dir="auto">{area.description}</span>
                </h3>
                {area.progress !== null ? (
                  <ProgressBar ctx={ctx} value={area.progress} />
                ) : (
                  <p class="meta">{t('agreements.area.noPrograms')}</p>
                )}
                {area.programs.length > 0 && (
                  <ul class="list-plain agreements-programs">
                    {area.programs.map((p) => (
                      <li class="agreements-program">
                        <p class="agreements-program__title">
                          <a href={href(ctx, p.path)} dir="auto">
                            {p.title}
                          </a>{' '}
                          <ProgramsStatusBadge ctx={ctx} kind="program" status={p.status} />{' '}
                          <span class="meta">
                            {t('agreements.area.progress', { value: formatNumber(p.progress, ctx.lang, { maximumFractionDigits: 1 }) })}
                          </span>
                        </p>
                        {p.activities.length === 0 ? (
                          <p class="meta">{t('agreements.activity.none')}</p>
                        ) : (
                          <ol
                            class="list-plain agreements-activities"
                            aria-label={t('agreements.activity.listLabel', { program: p.title })}
                          >
                            {p.activities.map((a) => (
                              <li class="agreements-activity">
                                <span class="agreements-activity__title">
                                  <a href={href(ctx, a.path)}>
                                    <span class="agreements-area-number">{formatNumber(a.number, ctx.lang)}.</span> <bdi>{a.title}</bdi>
                                  </a>{' '}
                                  <ProgramsStatusBadge ctx={ctx} kind="activity" status={a.status} />
                                </span>
                                <ProgressBar ctx={ctx} value={a.progress} small />
                              </li>
                            ))}
                          </ol>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {area.targets.length > 0 && (
                  // Wide on a phone: the scrolling region takes keyboard focus and is named by the table's caption.
                  <div class="table-wrap" tabIndex={0} role="region" aria-label={t('agreements.target.caption', { number: area.number })}>
                    <table>
                      <caption class="visually-hidden">{t('agreements.target.caption', { number: area.number })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('agreements.target.year')}</th>
                          <th scope="col">{t('agreements.target.target')}</th>
                          <th scope="col">{t('agreements.target.amount')}</th>
                          <th scope="col">{t('agreements.target.yearProgress')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {area.targets.map((target) => (
                          <tr>
                            <td>{target.yearText}</td>
                            <td dir="auto">{target.target}</td>
                            <td>
                              {target.amountText} <bdi>{target.unit}</bdi>
                            </td>
                            <td>
                              {target.yearProgress === null ? (
                                <span class="meta">{t('agreements.target.noProgramsThatYear')}</span>
                              ) : (
                                <ProgressBar ctx={ctx} value={target.yearProgress} small />
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {can.edit && (
                  <details class="agreements-area-edit" open={forms.area.values.areaId === String(area.id)}>
                    <summary>{t('agreements.area.edit')}</summary>
                    <Form ctx={ctx} action={href(ctx, `${base}/areas/${area.id}/edit`)}>
                      <AreaDescriptionField
                        ctx={ctx}
                        areaId={area.id}
                        number={area.number}
                        form={forms.area.values.areaId === String(area.id) ? forms.area : null}
                        current={area.description}
                      />
                      <SubmitButton variant="secondary">{t('common.save')}</SubmitButton>
                    </Form>
                  </details>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {can.viewDocuments && (
        <section class="card">
          <h2>{t('agreements.document.title')}</h2>
          {agreement.documents.length === 0 ? (
            <p class="muted">{t('agreements.document.empty')}</p>
          ) : (
            <ul>
              {agreement.documents.map((d) => (
                <li>
                  <a href={href(ctx, `/agreements/${agreement.id}/documents/${d.id}`)}>
                    <bdi>{d.filename}</bdi>
                  </a>{' '}
                  <span class="meta">{t('agreements.document.size', { kb: d.sizeText })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {can.edit && (
        <div class="grid grid--2">
          <section class="card">
            <h2>{t('agreements.area.add')}</h2>
            <ErrorSummary ctx={ctx} form={forms.areas} />
            <Form ctx={ctx} action={href(ctx, `${base}/areas`)} id="add-areas">
              <TextArea
                form={forms.areas}
                name="areas"
                label={t('agreements.form.areas')}
                hint={t('agreements.form.areasHint')}
                rows={6}
                maxLength={20000}
                required
              />
              <SubmitButton variant="secondary">{t('agreements.area.addButton')}</SubmitButton>
            </Form>
          </section>
          {agreement.areas.length > 0 && (
            <section class="card">
              <h2>{t('agreements.target.add')}</h2>
              <ErrorSummary ctx={ctx} form={forms.target} />
              <Form ctx={ctx} action={href(ctx, `${base}/targets`)} id="add-target">
                <SelectField
                  form={forms.target}
                  name="areaId"
                  label={t('agreements.target.area')}
                  options={agreement.areas.map((a): [string, string] => [String(a.id), `${a.number}. ${a.description.slice(0, 80)}`])}
                  required
                />
                <TextField
                  form={forms.target}
                  name="year"
                  label={t('agreements.target.year')}
                  hint={t('agreements.target.yearHint')}
                  inputMode="numeric"
                  dir="ltr"
                  maxLength={4}
                  required
                />
                <TextField form={forms.target} name="target" label={t('agreements.target.target')} maxLength={500} required />
                <TextField
                  form={forms.target}
                  name="amount"
                  label={t('agreements.target.amount')}
                  inputMode="decimal"
                  dir="ltr"
                  maxLength={20}
                />
                <TextField
                  form={forms.target}
                  name="unit"
                  label={t('agreements.target.unit')}
                  hint={t('agreements.target.unitHint')}
                  maxLength={100}
                />
                <SubmitButton variant="secondary">{t('agreements.target.addButton')}</SubmitButton>
              </Form>
            </section>
          )}
          <section class="card">
            <h2>{t('agreements.document.add')}</h2>
            <ErrorSummary ctx={ctx} form={forms.document} />
            <Form ctx={ctx} action={href(ctx, `${base}/documents`)} multipart id="add-document">
              <FileField
                form={forms.document}
                name="document"
                label={t('agreements.document.file')}
                hint={t('agreements.document.hint')}
                accept="application/pdf,image/jpeg,image/png,image/webp"
                required
              />
              <SubmitButton variant="secondary">{t('agreements.document.upload')}</SubmitButton>
            </Form>
          </section>
        </div>
      )}
      <p>
        <a href={href(ctx, '/agreements')}>{t('agreements.list.back')}</a>
      </p>
    </Layout>
  );
}
