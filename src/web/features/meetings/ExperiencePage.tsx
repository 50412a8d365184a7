import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { formatDate } from '../../lib/dates';
import { type ExperienceBody, meetingsApi, useExperienceForm } from './queries';

export function ExperiencePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const form = useExperienceForm(token);
  const [a, setA] = useState({ heard: '', clearWhoHelps: '', better: '' });
  const send = useMutation({
    // An unanswered question goes as it is: the server's schema refuses it, and its field error shows on the question.
    mutationFn: () =>
      meetingsApi.answerExperience(token, {
        heard: a.heard as ExperienceBody['heard'],
        clearWhoHelps: a.clearWhoHelps as ExperienceBody['clearWhoHelps'],
        better: a.better,
      }),
  });
  const fe = fieldErrors(send.error);
  if (form.error) return <ErrorAlert error={form.error} />;
  if (!form.data) return <Paragraph>{t('app.loading')}</Paragraph>;
  const done = form.data.answered || send.isSuccess;
  const options = [{ value: '', label: t('clients.choose') }, ...form.data.answers.map((x) => ({ value: x, label: t(`experience.answers.${x}`) }))];
  return (
    <>
      <Heading1>{t('experience.title')}</Heading1>
      <Paragraph>{t('experience.intro', { table: form.data.tableName, date: formatDate(form.data.startsAt, i18n.language) })}</Paragraph>
      {done ? (
        <Alert type="ok">
          <Paragraph>{t('experience.thanks')}</Paragraph>
        </Alert>
      ) : (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <ErrorAlert error={send.error} />
          <SelectField
            label={t('experience.questions.heard')}
            options={options}
            value={a.heard}
            onChange={(e) => setA({ ...a, heard: e.target.value })}
            error={fe.heard}
          />
          <SelectField
            label={t('experience.questions.clearWhoHelps')}
            options={options}
            value={a.clearWhoHelps}
            onChange={(e) => setA({ ...a, clearWhoHelps: e.target.value })}
            error={fe.clearWhoHelps}
          />
          <TextAreaField label={t('experience.questions.better')} rows={3} value={a.better} onChange={(e) => setA({ ...a, better: e.target.value })} />
          <Button type="submit" appearance="primary-action-button" disabled={send.isPending}>
            {t('experience.send')}
          </Button>
        </form>
      )}
    </>
  );
}
