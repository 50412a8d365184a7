import { Textbox } from '@utrecht/component-library-react';
import type { InputHTMLAttributes, Ref } from 'react';
import { FieldShell } from './FieldShell';

/** Labelled text input with an optional hint and an error linked through aria-describedby. */
export function Field(props: { label: string; hint?: string; error?: string; ref?: Ref<HTMLInputElement> } & InputHTMLAttributes<HTMLInputElement>) {
  const { label, hint, error, ...input } = props;
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {(id, describedBy) => <Textbox id={id} invalid={Boolean(error)} aria-describedby={describedBy} {...input} />}
    </FieldShell>
  );
}
