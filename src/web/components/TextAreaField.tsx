import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Textarea } from '@utrecht/component-library-react';
import { type TextareaHTMLAttributes, useId } from 'react';
import { errorText } from '../lib/i18n';

export function TextAreaField(props: { label: string; hint?: string; error?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { label, hint, error, ...area } = props;
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {hint && <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>}
      <Textarea id={id} invalid={Boolean(error)} aria-describedby={describedBy} rows={4} {...area} />
    </FormField>
  );
}
