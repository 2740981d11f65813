import type { RequestContext } from '../../../core/context.ts';
import { href } from '../../../ui/layout.tsx';

const SECTIONS = [
  ['/admin', 'admin.overview.title'],
  ['/admin/audit', 'admin.audit.title'],
  ['/admin/outbox', 'admin.outbox.title'],
  ['/admin/regions', 'admin.regions.title'],
] as const;

/** The administration pages' own navigation. */
export function AdminNav({ ctx }: { ctx: RequestContext }) {
  return (
    <nav class="admin-nav" aria-label={ctx.t('admin.sections')}>
      <ul class="list-plain">
        {SECTIONS.map(([path, labelId]) => (
          <li>
            <a href={href(ctx, path)} aria-current={ctx.pathInLang === path ? 'page' : undefined}>
              {ctx.t(labelId)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
