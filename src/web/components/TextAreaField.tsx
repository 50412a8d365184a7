import { Textarea } from '@utrecht/component-library-react';
import type { Ref, TextareaHTMLAttributes } from 'react';
import { FieldShell } from './FieldShell';

export function TextAreaField(
  props: { label: string; hint?: string; error?: string; ref?: Ref<HTMLTextAreaElement> } & TextareaHTMLAttributes<HTMLTextAreaElement>,
) {
  const { label, hint, error, ...area } = props;
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {(id, describedBy) => <Textarea id={id} invalid={Boolean(error)} aria-describedby={describedBy} rows={4} {...area} />}
    </FieldShell>
  );
}
