import { Checkbox, Fieldset, FieldsetLegend, FormField, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';
import { useId } from 'react';
import { errorText } from '../lib/i18n';

/** A fieldset of checkboxes for a multi-valued choice (filters, target groups, phases…). */
export function CheckboxGroup(props: {
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
  compact?: boolean;
}) {
  const id = useId();
  const toggle = (v: string, on: boolean) => props.onChange(on ? [...props.value, v] : props.value.filter((x) => x !== v));
  return (
    <Fieldset invalid={Boolean(props.error)} className={props.compact ? 'kp-checks kp-checks--compact' : 'kp-checks'}>
      <FieldsetLegend>{props.legend}</FieldsetLegend>
      {props.error && <FormFieldErrorMessage>{errorText(props.error)}</FormFieldErrorMessage>}
      {props.options.map((o) => (
        <FormField type="checkbox" key={o.value}>
          <Checkbox id={`${id}-${o.value}`} checked={props.value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
          <FormLabel htmlFor={`${id}-${o.value}`} type="checkbox">
            {o.label}
          </FormLabel>
        </FormField>
      ))}
    </Fieldset>
  );
}
