import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../core/context.ts';
import type { FormState } from '../core/forms.ts';
import { dateInputType } from '../core/dates.ts';
import { LANGUAGES, type Lang } from '../core/i18n.ts';
import { NONCE_FIELD, newFormNonce } from '../core/idempotency.ts';

/**
 * A form that changes something: posts, carries the CSRF token and a nonce used once (a resubmission
 * gets the first outcome instead of doing the work twice, see core/idempotency.ts), and can take files.
 */
export function Form(props: {
  ctx: RequestContext;
  action: string;
  children: ComponentChildren;
  multipart?: boolean;
  class?: string;
  id?: string;
}) {
  return (
    <form
      method="post"
      action={props.action}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      class={props.class ?? 'form'}
      id={props.id}
      novalidate
    >
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken()} />
      <input type="hidden" name={NONCE_FIELD} value={newFormNonce()} />
      {props.children}
    </form>
  );
}

/** The list of a form's errors at its top, so a screen reader hears them first. */
export function ErrorSummary({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <p class="error-summary__title">{ctx.t('forms.errorSummary', { count: entries.length })}</p>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === '_form' ? message : <a href={`#field-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

function FieldShell({ form, name, label, hint, required, children }: FieldProps & { children: ComponentChildren }) {
  const error = form.errors[name];
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={`field-${name}`}>
        {label}
        {required && (
          <span class="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p class="field__hint" id={`hint-${name}`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field__error" id={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(form: FormState, name: string, hint?: string): string | undefined {
  const ids = [hint ? `hint-${name}` : '', form.errors[name] ? `error-${name}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A labelled single-line input with its hint and error. User text keeps its own direction. */
export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'password' | 'number' | 'url' | 'search' | 'date' | 'time';
    autocomplete?: string;
    inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'decimal';
    maxLength?: number;
    dir?: 'auto' | 'ltr' | 'rtl';
    placeholder?: string;
  },
) {
  const { form, name, type = 'text' } = props;
  return (
    <FieldShell {...props}>
      <input
        id={`field-${name}`}
        name={name}
        type={type}
        value={type === 'password' ? '' : (form.values[name] ?? '')}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        dir={props.dir ?? (type === 'email' || type === 'tel' || type === 'password' || type === 'url' ? 'ltr' : 'auto')}
        required={props.required}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(form, name, props.hint)}
      />
    </FieldShell>
  );
}

/** A slug or a code (core/forms.ts slugText): Latin letters, digits and dashes, so always left-to-right, and required. */
export function SlugField(props: FieldProps & { maxLength: number }) {
  return <TextField {...props} dir="ltr" required />;
}

/** A date field: Jalali text with Persian or ASCII digits on Persian pages, the browser's date picker elsewhere. */
export function DateField(props: FieldProps & { ctx: RequestContext }) {
  const { ctx } = props;
  const hint = props.hint ?? (ctx.lang === 'fa' ? ctx.t('forms.jalaliDateHint') : undefined);
  return (
    <TextField
      {...props}
      hint={hint}
      type={dateInputType(ctx.lang)}
      inputMode={ctx.lang === 'fa' ? 'numeric' : undefined}
      dir="ltr"
      placeholder={ctx.lang === 'fa' ? '۱۴۰۱/۰۱/۲۲' : undefined}
    />
  );
}

/** A labelled multi-line input. */
export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const { form, name } = props;
  return (
    <FieldShell {...props}>
      <textarea
        id={`field-${name}`}
        name={name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        dir="auto"
        required={props.required}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(form, name, props.hint)}
      >
        {form.values[name] ?? ''}
      </textarea>
    </FieldShell>
  );
}

/**
 * One field per language for a text kept in all three (`name_fa`, `name_vi`, `name_en` for the name `name`):
 * single-line, or multi-line when `rows` is given.
 */
export function PerLanguageFields(props: {
  form: FormState;
  name: string;
  label: (lang: Lang) => string;
  maxLength: number;
  rows?: number;
  required?: boolean;
}) {
  const { form, name, label, maxLength, rows, required } = props;
  return (
    <>
      {LANGUAGES.map((l) =>
        rows === undefined ? (
          <TextField form={form} name={`${name}_${l}`} label={label(l)} maxLength={maxLength} required={required} />
        ) : (
          <TextArea form={form} name={`${name}_${l}`} label={label(l)} maxLength={maxLength} rows={rows} required={required} />
        ),
      )}
    </>
  );
}

/** A labelled select; options are [value, label] pairs. */
export function SelectField(props: FieldProps & { options: Array<[string, string]>; emptyLabel?: string }) {
  const { form, name } = props;
  const current = form.values[name] ?? '';
  return (
    <FieldShell {...props}>
      <select
        id={`field-${name}`}
        name={name}
        required={props.required}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(form, name, props.hint)}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === current}>
            {label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A checkbox with its label after it. */
export function CheckboxField({ form, name, label, hint }: FieldProps) {
  const checked = ['on', 'true', '1'].includes(form.values[name] ?? '');
  return (
    <div class="field field--checkbox">
      <input
        id={`field-${name}`}
        name={name}
        type="checkbox"
        value="on"
        checked={checked}
        aria-describedby={hint ? `hint-${name}` : undefined}
      />
      <label for={`field-${name}`}>{label}</label>
      {hint && (
        <p class="field__hint" id={`hint-${name}`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A file input; the server checks the content, whatever the browser claims. */
export function FileField(props: FieldProps & { accept?: string; multiple?: boolean }) {
  const { form, name } = props;
  return (
    <FieldShell {...props}>
      <input
        id={`field-${name}`}
        name={name}
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(form, name, props.hint)}
      />
    </FieldShell>
  );
}

/** The form's main button. */
export function SubmitButton({
  children,
  variant = 'primary',
}: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  return (
    <button type="submit" class={`button button--${variant}`}>
      {children}
    </button>
  );
}
