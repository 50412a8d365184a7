import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Textbox } from '@utrecht/component-library-react';
import { type InputHTMLAttributes, useId } from 'react';
import { errorText } from '../lib/i18n';

/** Labelled text input with an optional hint and an error linked through aria-describedby. */
export function Field(props: { label: string; hint?: string; error?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const { label, hint, error, ...input } = props;
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {hint && <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>}
      <Textbox id={id} invalid={Boolean(error)} aria-describedby={describedBy} {...input} />
    </FormField>
  );
}
