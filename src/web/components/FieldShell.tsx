import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import { errorText } from '../lib/i18n';

/** Label, optional hint and error around one control, linked to it through aria-describedby. */
export function FieldShell(props: { label: string; hint?: string; error?: string; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const { label, hint, error } = props;
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {hint && <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>}
      {props.children(id, describedBy)}
    </FormField>
  );
}
