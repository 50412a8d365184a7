import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { type AgendaItem, type MinutesAction, meetingKeys, meetingsApi } from './queries';

export function MinutesForm({ item, meetingId }: { item: AgendaItem; meetingId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    summary: item.minutes?.summary ?? '',
    decisions: item.minutes?.decisions ?? '',
    regieHolderId: item.minutes?.regieHolderId ?? item.directorId ?? '',
    parentsPresent: item.minutes?.parentsPresent ?? false,
  });
  const [actions, setActions] = useState<MinutesAction[]>(item.minutes?.actions ?? []);
  const save = useMutation({
    mutationFn: () =>
      meetingsApi.writeMinutes(item.id, {
        version: item.minutes?.version ?? 0,
        summary: form.summary,
        decisions: form.decisions,
        regieHolderId: item.kind === 'case' ? form.regieHolderId || null : null,
        parentsPresent: form.parentsPresent,
        actions,
      }),
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: meetingKeys.meeting(meetingId) });
    },
  });
  if (!open)
    return (
      <Button type="button" appearance="secondary-action-button" onClick={() => setOpen(true)}>
        {item.minutes ? t('meetings.editMinutes') : t('meetings.writeMinutes')}
      </Button>
    );
  const fe = fieldErrors(save.error);
  const owners = [
    ...(item.people?.team ?? []).map((p) => ({ value: `u:${p.userId}`, label: `${p.name} (${p.organisationName})` })),
    ...(item.people?.household ?? []).map((p) => ({ value: `p:${p.personId}`, label: `${p.name} (${t('meetings.family')})` })),
  ];
  const setAction = (i: number, patch: Partial<MinutesAction>) => setActions(actions.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <form
      className="kp-form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
      aria-label={t('meetings.minutesFor', { n: item.position })}
    >
      <ErrorAlert error={save.error} />
      <TextAreaField label={t('meetings.discussion')} rows={3} value={form.summary} onChange={(e) => setForm({ ...form, summary: e.target.value })} />
      <TextAreaField label={t('meetings.decisions')} rows={2} value={form.decisions} onChange={(e) => setForm({ ...form, decisions: e.target.value })} />
      {item.kind === 'case' && (
        <>
          <SelectField
            label={t('meetings.regieHolder')}
            options={[
              { value: '', label: t('clients.choose') },
              ...(item.people?.team ?? []).map((p) => ({ value: p.userId, label: `${p.name} (${p.organisationName})` })),
            ]}
            value={form.regieHolderId}
            onChange={(e) => setForm({ ...form, regieHolderId: e.target.value })}
            error={fe.regieHolderId}
          />
          <CheckboxGroup
            legend={t('meetings.parents')}
            options={[{ value: 'yes', label: t('meetings.parentsPresent') }]}
            value={form.parentsPresent ? ['yes'] : []}
            onChange={(v) => setForm({ ...form, parentsPresent: v.includes('yes') })}
          />
          <fieldset className="kp-fieldset">
            <legend>{t('meetings.actions')}</legend>
            {actions.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id until they reach the plan
              <div className="kp-row" key={i}>
                <Field label={t('meetings.actionWhat', { n: i + 1 })} value={a.what} onChange={(e) => setAction(i, { what: e.target.value })} />
                <SelectField
                  label={t('meetings.actionOwner', { n: i + 1 })}
                  options={[{ value: '', label: t('clients.choose') }, ...owners]}
                  value={a.ownerUserId ? `u:${a.ownerUserId}` : a.ownerPersonId ? `p:${a.ownerPersonId}` : ''}
                  onChange={(e) => {
                    const v = e.target.value;
                    setAction(
                      i,
                      v.startsWith('u:')
                        ? { ownerKind: 'professional', ownerUserId: v.slice(2), ownerPersonId: null }
                        : { ownerKind: 'family', ownerPersonId: v.slice(2) || null, ownerUserId: null },
                    );
                  }}
                />
                <Field
                  label={t('meetings.actionDue', { n: i + 1 })}
                  type="date"
                  value={a.dueDate ?? ''}
                  onChange={(e) => setAction(i, { dueDate: e.target.value || null })}
                />
              </div>
            ))}
            <Button
              type="button"
              appearance="subtle-button"
              onClick={() => setActions([...actions, { what: '', ownerKind: 'professional', ownerUserId: null, ownerPersonId: null, dueDate: null }])}
            >
              {t('meetings.addAction')}
            </Button>
          </fieldset>
        </>
      )}
      <div className="kp-row">
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('meetings.saveMinutes')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}
