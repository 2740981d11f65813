import type { RequestContext } from '../../../core/context.ts';
import { pickLocalized, type Lang, type LocalizedText } from '../../../core/i18n.ts';
import { formatDate } from '../../../core/dates.ts';
import type { FormState } from '../../../core/forms.ts';
import { Form, SubmitButton } from '../../../ui/form.tsx';
import type { ProgramRow } from '../queries/index.ts';
import { href } from '../../../ui/layout.tsx';

/** A select option: value and label. */
export type Option = [string, string];

// Creating an Intl.NumberFormat costs far more than using one; a dashboard formats a thousand cells.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, kind: 'percent' | 'number'): Intl.NumberFormat {
  const key = `${lang}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      lang === 'fa' ? 'fa-IR' : lang,
      kind === 'percent' ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 },
    );
    formats.set(key, f);
  }
  return f;
}
/** A percentage in the page's digits, e.g. ۴۲٫۵٪ (same output as formatNumber with style percent). */
export const percent = (value: number, lang: Lang) => numberFormat(lang, 'percent').format(value / 100);
/** A count or amount in the page's digits. */
export const num = (value: number, lang: Lang) => numberFormat(lang, 'number').format(value);
/** A date range ("from – to"), or a dash when neither end is known. */
export function dateRange(ctx: RequestContext, from: string | null, to: string | null): string {
  if (!from && !to) return '—';
  if (from && to && from !== to) return `${formatDate(from, ctx.lang)} – ${formatDate(to, ctx.lang)}`;
  const day = from ?? to;
  return day ? formatDate(day, ctx.lang) : '—';
}

/** Organizations or regions named in the page's language and joined, or "none" when there are none. */
export function nameList(ctx: RequestContext, items: Array<{ name: LocalizedText }>): string {
  if (items.length === 0) return ctx.t('common.none');
  return items.map((item) => pickLocalized(item.name, ctx.lang)).join(ctx.t('programs.listSeparator'));
}

/** A program's period, partners and regions, as facts of its dashboard and its printed report. */
export function ProgramScopeFacts({ ctx, program }: { ctx: RequestContext; program: ProgramRow }) {
  const { t } = ctx;
  return (
    <>
      <dt>{t('programs.program.period')}</dt>
      <dd>{dateRange(ctx, program.periodStart, program.periodEnd)}</dd>
      <dt>{t('programs.program.partners')}</dt>
      <dd>{nameList(ctx, program.partners)}</dd>
      <dt>{t('programs.program.regions')}</dt>
      <dd>{nameList(ctx, program.regions)}</dd>
    </>
  );
}

/** The head of a table of progress by region, as the activity page and the printed report show it. */
export function RegionProgressHead({ ctx }: { ctx: RequestContext }) {
  return (
    <thead>
      <tr>
        <th scope="col">{ctx.t('common.region')}</th>
        <th scope="col">{ctx.t('programs.progress.progress')}</th>
      </tr>
    </thead>
  );
}

/** A progress bar that needs no style attribute (CSP): the native element, with the number beside it. */
export function ProgressValue({ ctx, value, label }: { ctx: RequestContext; value: number; label?: string }) {
  return (
    <span class="programs-progress">
      <progress max={100} value={value} aria-label={label}>
        {percent(value, ctx.lang)}
      </progress>
      <span class="programs-progress__value">{percent(value, ctx.lang)}</span>
    </span>
  );
}

const statusTone: Record<string, string> = {
  approved: 'badge--success',
  done: 'badge--success',
  completed: 'badge--success',
  returned: 'badge--danger',
  cancelled: 'badge--danger',
  submitted: 'badge--warning',
  in_progress: 'badge--warning',
  active: 'badge--warning',
};

/** A status as a coloured badge with its translated name. */
export function StatusBadge({ ctx, kind, status }: { ctx: RequestContext; kind: 'program' | 'activity' | 'report'; status: string }) {
  return <span class={`badge ${statusTone[status] ?? ''}`}>{ctx.t(`programs.${kind}Status.${status}`)}</span>;
}

/**
 * A horizontal bar chart drawn on the server as SVG (attributes only, no style: the CSP forbids inline styles).
 * Bars grow from the reading start: from the right on right-to-left pages.
 */
export function BarChart({
  ctx,
  id,
  title,
  bars,
}: {
  ctx: RequestContext;
  id: string;
  title: string;
  bars: Array<{ label: string; value: number }>;
}) {
  const rowHeight = 26;
  const labelWidth = 64;
  const valueWidth = 56;
  // Narrow enough that a phone shows the labels near their real size.
  const width = 400;
  const plot = width - labelWidth - valueWidth;
  const height = Math.max(rowHeight, bars.length * rowHeight) + 8;
  const rtl = ctx.dir === 'rtl';
  return (
    <figure class="programs-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        direction="ltr"
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        {bars.map((bar, i) => {
          const y = 4 + i * rowHeight;
          const w = Math.round((plot * Math.max(0, Math.min(100, bar.value))) / 100);
          const barX = rtl ? width - labelWidth - w : labelWidth;
          const trackX = rtl ? valueWidth : labelWidth;
          return (
            <g>
              <rect x={trackX} y={y + 4} width={plot} height={rowHeight - 10} fill="#e5e7eb" rx={3} />
              <rect x={barX} y={y + 4} width={w} height={rowHeight - 10} fill="#1d4ed8" rx={3} />
              <text x={rtl ? width - 4 : 4} y={y + rowHeight / 2 + 4} font-size="13" text-anchor={rtl ? 'end' : 'start'} fill="#111827">
                {bar.label}
              </text>
              <text x={rtl ? 4 : width - 4} y={y + rowHeight / 2 + 4} font-size="13" text-anchor={rtl ? 'start' : 'end'} fill="#111827">
                {percent(bar.value, ctx.lang)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="meta">{title}</figcaption>
    </figure>
  );
}

/** A group of checkboxes sharing one name (partners, regions); works without JavaScript. */
export function CheckboxGroup({
  form,
  name,
  legend,
  options,
  hint,
}: {
  form: FormState;
  name: string;
  legend: string;
  options: Option[];
  hint?: string;
}) {
  const chosen = new Set((form.values[name] ?? '').split('\n').filter(Boolean));
  const error = form.errors[name];
  return (
    <fieldset class={error ? 'field field--invalid programs-checkboxes' : 'field programs-checkboxes'} id={`field-${name}`}>
      <legend>{legend}</legend>
      {hint && <p class="field__hint">{hint}</p>}
      {options.map(([value, label]) => (
        <label class="programs-checkbox">
          <input type="checkbox" name={name} value={value} checked={chosen.has(value)} /> <bdi>{label}</bdi>
        </label>
      ))}
      {error && <p class="field__error">{error}</p>}
    </fieldset>
  );
}

/** A separate form on an edit page that deletes the thing (it posts to its own URL, `…/delete`). */
export function DeleteForm({ ctx, action, label, hint }: { ctx: RequestContext; action: string; label: string; hint: string }) {
  return (
    <Form ctx={ctx} action={href(ctx, action)} class="form programs-delete">
      <p class="field__hint">{hint}</p>
      <SubmitButton variant="danger">{label}</SubmitButton>
    </Form>
  );
}
