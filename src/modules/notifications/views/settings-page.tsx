import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { CheckboxField, ErrorSummary, Form, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { PushSection, type PushSectionProps } from './push-section.tsx';

export interface SettingsPageProps {
  ctx: RequestContext;
  form: FormState;
  /** Whether the digest is on now (as stored, not as typed). */
  digestEnabled: boolean;
  /** The address the digest goes to; null when the account has none. */
  email: string | null;
  /** The "Notify this device" section's facts. */
  push: Omit<PushSectionProps, 'ctx'>;
}

// First-strong isolates keep an email address left to right inside a Persian sentence (plain-text <bdi>).
const isolate = (text: string) => `\u2068${text}\u2069`;

/** The daily email digest: on or off, and where it goes. */
export function SettingsPage({ ctx, form, digestEnabled, email, push }: SettingsPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('notifications.settings.title')} scripts={['push.js']} noindex>
      <PageHeader title={t('notifications.settings.title')} lead={t('notifications.settings.lead')} />
      <section class="card">
        <p class="notification-settings__status">
          {digestEnabled && email ? t('notifications.settings.on', { email: isolate(email) }) : t('notifications.settings.off')}
        </p>
        {!email && (
          <p class="notification-settings__notice">
            {t('notifications.settings.needsEmail')} <a href={href(ctx, '/account')}>{t('notifications.settings.accountLink')}</a>
          </p>
        )}
        <Form ctx={ctx} action={href(ctx, '/notifications/settings')}>
          <ErrorSummary ctx={ctx} form={form} />
          <CheckboxField form={form} name="digest" label={t('notifications.settings.digestLabel')} />
          <SubmitButton>{t('common.save')}</SubmitButton>
        </Form>
      </section>
      <PushSection ctx={ctx} {...push} />
      <p>
        <a href={href(ctx, '/notifications')}>{t('notifications.title')}</a>
      </p>
    </Layout>
  );
}
