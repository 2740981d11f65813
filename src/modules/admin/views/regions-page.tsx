import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, PerLanguageFields, SelectField, SlugField, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { AdminNav } from './parts.tsx';

export interface RegionNodeView {
  id: number;
  code: string;
  kind: string;
  names: { fa: string; vi: string; en: string };
  children: RegionNodeView[];
}

function RegionList({ ctx, nodes }: { ctx: RequestContext; nodes: RegionNodeView[] }) {
  return (
    <ul class="region-tree">
      {nodes.map((n) => (
        <li>
          <span class="region-tree__names">
            <bdi lang="fa" dir="rtl">
              {n.names.fa}
            </bdi>
            {' · '}
            <bdi lang="vi">{n.names.vi}</bdi>
            {' · '}
            <bdi lang="en">{n.names.en}</bdi>
          </span>{' '}
          <span class="badge">{n.kind}</span>{' '}
          <code class="meta" dir="ltr">
            {n.code}
          </code>
          {n.children.length > 0 && <RegionList ctx={ctx} nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

/** The region tree with names in three languages, and a form to add a region under a parent. */
export function RegionsPage(props: {
  ctx: RequestContext;
  tree: RegionNodeView[];
  form: FormState;
  parentOptions: Array<[string, string]>;
  kindOptions: Array<[string, string]>;
}) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.regions.title')} noindex>
      <PageHeader title={t('admin.regions.title')} lead={t('admin.regions.lead')} />
      <AdminNav ctx={ctx} />
      <section class="card" aria-labelledby="region-tree-heading">
        <h2 id="region-tree-heading">{t('admin.regions.treeHeading')}</h2>
        {props.tree.length === 0 ? <p class="muted">{t('admin.regions.empty')}</p> : <RegionList ctx={ctx} nodes={props.tree} />}
      </section>
      <section class="card" aria-labelledby="region-add-heading">
        <h2 id="region-add-heading">{t('admin.regions.addHeading')}</h2>
        <Form ctx={ctx} action={href(ctx, '/admin/regions')}>
          <ErrorSummary ctx={ctx} form={form} />
          <SelectField
            form={form}
            name="parent"
            label={t('admin.regions.parent')}
            options={props.parentOptions}
            emptyLabel={t('admin.regions.noParent')}
          />
          <SelectField form={form} name="kind" label={t('admin.regions.kind')} options={props.kindOptions} required />
          <SlugField form={form} name="code" label={t('admin.regions.code')} hint={t('admin.regions.codeHint')} maxLength={60} />
          <PerLanguageFields
            form={form}
            name="name"
            label={(l) => t('common.nameInLanguage', { language: t(`common.languageName.${l}`) })}
            maxLength={120}
            required
          />
          <SubmitButton>{t('admin.regions.add')}</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}
