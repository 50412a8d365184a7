import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { ApiError, api, type Me } from '../../lib/api';
import { emptyPerson, PersonFields, personBody } from './PersonFields';

const DURATIONS = [3, 6, 12, 18, 24];

interface RegisterResult {
  registration: { id: string };
  person: { id: string };
  personCreated: boolean;
  matchCount: number;
}

/**
 * Registering involvement ("ik ben betrokken"): the person is found by BSN, or by name + date with a matching
 * postcode and house number, or created. When someone with this name and date may already be known, Knooppunt says
 * only that (never who): the professional adds what she really holds, or confirms a new record — never a silent merge.
 */
export function RegisterPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState(emptyPerson(me.user.municipalities[0]?.id ?? ''));
  const [months, setMonths] = useState('12');
  const [maybeKnown, setMaybeKnown] = useState(false);
  const save = useMutation({
    mutationFn: (choice: { confirmNewPerson?: boolean }) =>
      api<RegisterResult>('POST', '/involvements', {
        durationMonths: Number(months),
        person: personBody(form),
        confirmNewPerson: Boolean(choice.confirmNewPerson),
      }),
    onSuccess: (r) => navigate(`/clienten/${r.person.id}`, { state: { matchCount: r.matchCount } }),
    onError: (e) => setMaybeKnown(e instanceof ApiError && e.code === 'possible_duplicate'),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMaybeKnown(false);
    save.mutate({});
  };
  const fe = fieldErrors(save.error);
  const error = save.error instanceof ApiError && save.error.code === 'possible_duplicate' ? null : save.error;
  return (
    <>
      <Heading1>{t('clients.register')}</Heading1>
      <Paragraph>{t('clients.registerIntro')}</Paragraph>
      {maybeKnown ? (
        <section aria-labelledby="dup-title">
          <Heading2 id="dup-title">{t('clients.duplicatesTitle')}</Heading2>
          <Alert type="warning">
            <Paragraph>{t('clients.duplicatesIntro')}</Paragraph>
          </Alert>
          <div className="kp-row">
            <Button appearance="primary-action-button" onClick={() => setMaybeKnown(false)}>
              {t('clients.addIdentifier')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => save.mutate({ confirmNewPerson: true })} disabled={save.isPending}>
              {t('clients.newPerson')}
            </Button>
          </div>
        </section>
      ) : (
        <form className="kp-form" onSubmit={submit} noValidate>
          <ErrorAlert error={error} />
          <PersonFields form={form} setForm={setForm} error={save.error} />
          <SelectField
            label={t('registrations.duration')}
            options={DURATIONS.map((m) => ({ value: String(m), label: t('registrations.months', { count: m }) }))}
            value={months}
            error={fe.durationMonths}
            onChange={(e) => setMonths(e.target.value)}
          />
          <Paragraph>{t('registrations.noContent')}</Paragraph>
          <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
            {t('clients.registerSubmit')}
          </Button>
        </form>
      )}
    </>
  );
}
