import type { RequestContext } from '../../../core/context.ts';

export interface PushSectionProps {
  ctx: RequestContext;
  /** The app's VAPID public key (base64url); null when push is off on this server. */
  publicKey: string | null;
  /** How many browsers get this person's pushes now. */
  devices: number;
}

/**
 * "Notify this device". Without JavaScript, or in a browser without PushManager, it only says that push needs a
 * supporting browser; public/js/push.js (loaded by the settings page) registers /sw.js and adds the button (so that no button shows where it could not work).
 */
export function PushSection({ ctx, publicKey, devices }: PushSectionProps) {
  const { t } = ctx;
  return (
    <section
      class="card push-settings"
      id="push"
      aria-labelledby="push-title"
      data-push-key={publicKey ?? undefined}
      data-push-csrf={publicKey ? ctx.csrfToken() : undefined}
      data-msg-enable={t('notifications.push.enable')}
      data-msg-disable={t('notifications.push.disable')}
      data-msg-enabled={t('notifications.push.enabled')}
      data-msg-disabled={t('notifications.push.disabled')}
      data-msg-denied={t('notifications.push.denied')}
      data-msg-failed={t('notifications.push.failed')}
    >
      <h2 id="push-title">{t('notifications.push.title')}</h2>
      <p>
        {t('notifications.push.lead')} {t('notifications.push.sharedDevice')}
      </p>
      <p class="push-settings__devices">{t('notifications.push.devices', { count: devices })}</p>
      <p class="push-settings__status" data-push-status role="status">
        {publicKey ? t('notifications.push.unsupported') : t('notifications.push.off')}
      </p>
    </section>
  );
}
