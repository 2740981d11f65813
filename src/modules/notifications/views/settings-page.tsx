import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SelectField, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { PushSection, type PushSectionProps } from './push-section.tsx';

export interface SettingsPageProps {
  ctx: RequestContext;
  form: FormState;
  /** Every declared kind: its form field (the kind's name) and its label in the page's language. */
  kinds: Array<{ name: string; label: string }>;
  /** Where mail goes; null when the account has none (then no choice can be made). */
  email: string | null;
  /** The "Notify this device" section's facts. */
  push: Omit<PushSectionProps, 'ctx'>;
}

// First-strong isolates keep an email address left to right inside a Persian sentence (plain-text <bdi>).
const isolate = (text: string) => `\u2068${text}\u2069`;

/** Email per kind of notification (immediately, in the daily digest, or off), and push on this device. */
export function SettingsPage({ ctx, form, kinds, email, push }: SettingsPageProps) {
  const { t } = ctx;
  const options: Array<[string, string]> = [
    ['immediate', t('notifications.settings.choice.immediate')],
    ['digest', t('notifications.settings.choice.digest')],
    ['off', t('notifications.settings.choice.off')],
  ];
  return (
    <Layout ctx={ctx} title={t('notifications.settings.title')} scripts={['push.js']} noindex>
      <PageHeader title={t('notifications.settings.title')} lead={t('notifications.settings.lead')} />
      <section class="card">
        {email ? (
          <>
            <p class="notification-settings__status">{t('notifications.settings.sentTo', { email: isolate(email) })}</p>
            <Form ctx={ctx} action={href(ctx, '/notifications/settings')}>
              <ErrorSummary ctx={ctx} form={form} />
              {kinds.map((kind) => (
                <SelectField form={form} name={kind.name} label={kind.label} options={options} required />
              ))}
              <SubmitButton>{t('common.save')}</SubmitButton>
            </Form>
          </>
        ) : (
          <p class="notification-settings__notice">
            {t('notifications.settings.needsEmail')} <a href={href(ctx, '/account')}>{t('notifications.settings.accountLink')}</a>
          </p>
        )}
      </section>
      <PushSection ctx={ctx} {...push} />
      <p>
        <a href={href(ctx, '/notifications')}>{t('notifications.title')}</a>
      </p>
    </Layout>
  );
}
