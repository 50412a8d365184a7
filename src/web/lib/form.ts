import { zodResolver } from '@hookform/resolvers/zod';
import { type FieldValues, type Path, type UseFormProps, type UseFormReturn, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { fieldErrors } from '../components/ErrorAlert';
import { ApiError, type ErrorDetail } from './api';
import i18n from './i18n';

/**
 * Zod's own issues in the user's words, with the limit that was missed ("Gebruik minstens 2 tekens."). Messages a
 * domain schema sets itself (`invalid_phone`, `waiting_needs_date`) take precedence and are codes of the locale files.
 */
export const zodErrorText: z.core.$ZodErrorMap = (issue) => {
  const t = (key: string, o: Record<string, unknown> = {}) => i18n.t(`formErrors.${key}`, o);
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      // An empty field is a missing answer, not a short one.
      if (issue.origin === 'string') return min <= 1 || issue.input === '' ? t('required') : t('minChars', { count: min });
      if (issue.origin === 'array' || issue.origin === 'set') return t('minItems', { count: min });
      return t('minNumber', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('maxChars', { count: max });
      if (issue.origin === 'array' || issue.origin === 'set') return t('maxItems', { count: max });
      return t('maxNumber', { max });
    }
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return t('number');
      return t('required');
    case 'invalid_format':
      if (issue.format === 'email') return i18n.t('errors.invalid_email');
      if (issue.format === 'url') return i18n.t('errors.invalid_url');
      if (issue.format === 'date') return i18n.t('errors.invalid_date');
      if (issue.format === 'datetime') return i18n.t('errors.invalid_datetime');
      if (issue.format === 'uuid') return t('choose');
      return t('format');
    case 'invalid_value':
      return t('choose');
    case 'not_multiple_of':
      return t('wholeNumber');
    case 'invalid_union':
      return t('format');
    default:
      return undefined;
  }
};

/**
 * A form validated in the browser by the same Zod schema the server validates the request with, so a user sees what
 * is wrong before sending. Values are the schema's input; the submit handler receives its output (trimmed, blank → null).
 */
export function useZodForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S> & FieldValues, unknown, z.output<S> & FieldValues>, 'resolver'> = {},
): UseFormReturn<z.input<S> & FieldValues, unknown, z.output<S> & FieldValues> {
  return useForm<z.input<S> & FieldValues, unknown, z.output<S> & FieldValues>({
    // biome-ignore lint/suspicious/noExplicitAny: zodResolver's overloads cannot see through the generic schema
    resolver: zodResolver(schema as any, { error: zodErrorText }) as never,
    mode: 'onTouched',
    ...options,
  });
}

/** The field a server detail is about: its path without the request part (`body.phone` → `phone`). */
export const fieldOfPath = (path: string) => path.replace(/^(body|params|querystring)\./, '');

/**
 * Puts a 400's field errors on the form's own fields (the same names: the form holds the request body), so the server's
 * verdict shows where the user's own check would have shown it. Returns the details no field of the form carries.
 */
export function applyServerErrors<F extends FieldValues>(error: unknown, form: Pick<UseFormReturn<F>, 'setError'>, fields: readonly string[]): ErrorDetail[] {
  if (!(error instanceof ApiError)) return [];
  const rest: ErrorDetail[] = [];
  let first = true;
  for (const d of error.details) {
    const name = fieldOfPath(d.path);
    // A path inside a list (actions.1.what, languages.2) stays whole: the item's own field shows it, or the list's.
    const field = fields.find((f) => name === f || name.startsWith(`${f}.`));
    if (!field) {
      rest.push(d);
      continue;
    }
    form.setError(name as Path<F>, { type: 'server', message: d.code }, { shouldFocus: first });
    first = false;
  }
  return rest;
}

/** The first message of a field's error, also when it sits on an item of a list (expertise.2). */
export function errorMessage(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const m = (e as { message?: unknown }).message;
  if (typeof m === 'string' && m) return m;
  for (const v of Object.values(e)) {
    const inner = v && typeof v === 'object' && v !== (e as { ref?: unknown }).ref ? errorMessage(v) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** Number inputs hold text; the schema wants a number or null (blank). */
export const numberOrNull = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));
/** Selects and date inputs of optional values: blank is null. */
export const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/**
 * Binds text inputs of a form held in one state object: value, change handler and the field's error code from
 * the last failed save (the API's field paths end in the field name). For the forms not yet on react-hook-form.
 */
export function bindFields<F extends Record<string, unknown>>(form: F, setForm: (f: F) => void, error: unknown) {
  const fe = fieldErrors(error);
  return {
    errors: fe,
    field: (k: keyof F & string) => ({
      value: form[k] as string,
      error: fe[k],
      onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
    }),
  };
}
