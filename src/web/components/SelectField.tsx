import { FormField, FormFieldErrorMessage, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { type Ref, type SelectHTMLAttributes, useId } from 'react';
import { errorText } from '../lib/i18n';

export function SelectField(
  props: { label: string; options: { value: string; label: string }[]; error?: string; ref?: Ref<HTMLSelectElement> } & SelectHTMLAttributes<HTMLSelectElement>,
) {
  const { label, options, error, ...select } = props;
  const id = useId();
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {error && <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>}
      <Select id={id} invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} {...select}>
        {options.map((o) => (
          <SelectOption key={o.value} value={o.value}>
            {o.label}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}
