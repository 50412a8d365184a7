import { Checkbox, Fieldset, FieldsetLegend, FormField, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';
import { useEffect, useId, useState } from 'react';
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
  // Shown at once, even when the owner stores the value somewhere slower (the URL): no flicker back to the old state.
  const [value, setValue] = useState(props.value);
  const key = props.value.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the joined key stands for props.value
  useEffect(() => setValue(props.value), [key]);
  const toggle = (v: string, on: boolean) => {
    const next = on ? [...value, v] : value.filter((x) => x !== v);
    setValue(next);
    props.onChange(next);
  };
  return (
    <Fieldset invalid={Boolean(props.error)} className={props.compact ? 'kp-checks kp-checks--compact' : 'kp-checks'}>
      <FieldsetLegend>{props.legend}</FieldsetLegend>
      {props.error && <FormFieldErrorMessage>{errorText(props.error)}</FormFieldErrorMessage>}
      {props.options.map((o) => (
        <FormField type="checkbox" key={o.value}>
          <Checkbox id={`${id}-${o.value}`} checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
          <FormLabel htmlFor={`${id}-${o.value}`} type="checkbox">
            {o.label}
          </FormLabel>
        </FormField>
      ))}
    </Fieldset>
  );
}
