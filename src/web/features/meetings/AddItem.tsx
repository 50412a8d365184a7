import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, type Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { Confirm } from '../families/parts';
import { type Elsewhere, type Meeting, meetingKeys, meetingsApi, useCaseCandidates, useDoubleDiscussion } from './queries';

export function AddItem({ m, me }: { m: Meeting; me: Me }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'case' | 'free' | 'anonymous'>(m.abilities.run ? 'case' : 'anonymous');
  const [form, setForm] = useState({ caseId: '', parentsInvited: false, title: '', pseudonym: '', summary: '' });
  const candidates = useCaseCandidates(me.abilities.coordinate, kind === 'case');
  const check = useDoubleDiscussion(m.id, form.caseId, kind === 'case' && Boolean(form.caseId));
  const add = useMutation({
    mutationFn: (confirm: boolean) =>
      meetingsApi.addItem(
        m.id,
        kind === 'case'
          ? { kind, caseId: form.caseId, parentsInvited: form.parentsInvited, confirmDoubleDiscussion: confirm }
          : kind === 'free'
            ? { kind, title: form.title }
            : { kind, pseudonym: form.pseudonym, summary: form.summary },
      ),
    onSuccess: () => {
      setForm({ caseId: '', parentsInvited: false, title: '', pseudonym: '', summary: '' });
      void qc.invalidateQueries({ queryKey: meetingKeys.meeting(m.id) });
    },
  });
  const double = add.error instanceof ApiError && add.error.code === 'double_discussion' ? (add.error.body.elsewhere as Elsewhere) : null;
  const fe = fieldErrors(add.error);
  // Invitees propose anonymised consultations here; cases and free items come from those who run the meeting.
  const kinds = m.abilities.run ? (['case', 'free', 'anonymous'] as const) : (['anonymous'] as const);
  return (
    <section aria-labelledby="add-item">
      <Heading2 id="add-item">{t('meetings.addItem')}</Heading2>
      <form
        className="kp-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          add.mutate(false);
        }}
      >
        {!double && <ErrorAlert error={add.error} />}
        <SelectField
          label={t('meetings.itemKind')}
          options={kinds.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
          value={kind}
          onChange={(e) => setKind(e.target.value as typeof kind)}
        />
        {kind === 'case' && (
          <>
            <SelectField
              label={t('meetings.case')}
              options={[{ value: '', label: t('clients.choose') }, ...(candidates.data ?? []).map((c) => ({ value: c.id, label: c.clientName }))]}
              value={form.caseId}
              onChange={(e) => setForm({ ...form, caseId: e.target.value })}
              error={fe.caseId}
            />
            {Boolean(check.data?.elsewhere.length) && !double && (
              <Alert type="warning">
                <Paragraph>
                  {t('meetings.doubleNotice', {
                    tables: check
                      .data!.elsewhere.map((d) =>
                        t('meetings.doubleTable', { table: d.tableName, chair: d.chairName, date: formatDate(d.startsAt, i18n.language) }),
                      )
                      .join('; '),
                  })}
                </Paragraph>
              </Alert>
            )}
            <CheckboxGroup
              legend={t('meetings.parents')}
              options={[{ value: 'yes', label: t('meetings.parentsInvitedLabel') }]}
              value={form.parentsInvited ? ['yes'] : []}
              onChange={(v) => setForm({ ...form, parentsInvited: v.includes('yes') })}
            />
          </>
        )}
        {kind === 'free' && (
          <Field label={t('meetings.itemTitle')} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} error={fe.title} />
        )}
        {kind === 'anonymous' && (
          <>
            <Paragraph className="kp-muted">{t('meetings.anonymousHint')}</Paragraph>
            <Field
              label={t('meetings.pseudonym')}
              value={form.pseudonym}
              onChange={(e) => setForm({ ...form, pseudonym: e.target.value })}
              error={fe.pseudonym}
            />
            <TextAreaField
              label={t('meetings.caseSummary')}
              rows={4}
              value={form.summary}
              onChange={(e) => setForm({ ...form, summary: e.target.value })}
              error={fe.summary}
            />
          </>
        )}
        {double ? (
          <Confirm
            question={t('meetings.doubleQuestion', {
              tables: double
                .map((d) => t('meetings.doubleTable', { table: d.tableName, chair: d.chairName, date: formatDate(d.startsAt, i18n.language) }))
                .join('; '),
            })}
            confirmLabel={t('meetings.addAnyway')}
            onConfirm={() => add.mutate(true)}
            onCancel={() => add.reset()}
            busy={add.isPending}
          />
        ) : (
          <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
            {t('meetings.addItemButton')}
          </Button>
        )}
      </form>
    </section>
  );
}
