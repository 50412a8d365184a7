import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { ApiError, type Me } from '../../lib/api';

/** The municipality an evaluation page is about, kept in the address (?gemeente=) so a link opens the same view. */
export function useMunicipality(me: Me) {
  const [params, setParams] = useSearchParams();
  const id = params.get('gemeente') ?? me.user.municipalities[0]?.id ?? '';
  return { id, set: (m: string) => setParams({ gemeente: m }) };
}

export function MunicipalityChoice({ me, value, onChange, label }: { me: Me; value: string; onChange: (id: string) => void; label: string }) {
  if (me.user.municipalities.length < 2) return null;
  return (
    <SelectField
      label={label}
      options={me.user.municipalities.map((m) => ({ value: m.id, label: m.name }))}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** The error code the API gave for one field path (e.g. "body.items.1.id"), for forms with nested lists. */
export function pathError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((d) => d.path === `body.${path}` || d.path === path)?.code;
}

/**
 * The form in which a register entry (or a questionnaire) is drafted: its heading, the API's error, the fields, and
 * the buttons — any extra ones (add a row), save, cancel.
 */
export function DraftForm(props: {
  id: string;
  title: string;
  intro?: string;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  extraButtons?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="kp-form"
      aria-labelledby={props.id}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <Heading2 id={props.id}>{props.title}</Heading2>
      {props.intro && <Paragraph>{props.intro}</Paragraph>}
      <ErrorAlert error={props.error} />
      {props.children}
      <div className="kp-row">
        {props.extraButtons}
        <Button type="submit" appearance="primary-action-button" disabled={props.pending}>
          {props.submitLabel}
        </Button>
        <Button appearance="subtle-button" onClick={props.onCancel}>
          {t('surveys.cancel')}
        </Button>
      </div>
    </form>
  );
}
