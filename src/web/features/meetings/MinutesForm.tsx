import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { minutesInputSchema } from '../../../domain/meetings';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError } from '../../lib/api';
import { applyServerErrors, blankToNull, errorMessage, useZodForm } from '../../lib/form';
import { type AgendaItem, meetingKeys, meetingsApi } from './queries';

const MINUTES_FIELDS = Object.keys(minutesInputSchema.shape);

/**
 * An item's minutes, checked with the server's minutesInputSchema: every action needs what (3+ characters) and an
 * owner, a due date must be a date. The version goes along, so a colleague's save in between is detected.
 */
export function MinutesForm({ item, meetingId }: { item: AgendaItem; meetingId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useZodForm(minutesInputSchema, {
    defaultValues: {
      version: item.minutes?.version ?? 0,
      summary: item.minutes?.summary ?? '',
      decisions: item.minutes?.decisions ?? '',
      regieHolderId: item.kind === 'case' ? (item.minutes?.regieHolderId ?? item.directorId ?? null) : null,
      parentsPresent: item.minutes?.parentsPresent ?? false,
      actions: item.minutes?.actions ?? [],
    },
  });
  const { register, control, handleSubmit, setValue, watch, formState } = form;
  const actions = useFieldArray({ control, name: 'actions' });
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (body: z.output<typeof minutesInputSchema>) => meetingsApi.writeMinutes(item.id, body),
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: meetingKeys.meeting(meetingId) });
    },
    onError: (error) =>
      setUnplaced(applyServerErrors(error, form, MINUTES_FIELDS).length > 0 || !(error instanceof ApiError) || error.details.length === 0 ? error : null),
  });
  if (!open)
    return (
      <Button type="button" appearance="secondary-action-button" onClick={() => setOpen(true)}>
        {item.minutes ? t('meetings.editMinutes') : t('meetings.writeMinutes')}
      </Button>
    );
  const errors = formState.errors;
  const owners = [
    ...(item.people?.team ?? []).map((p) => ({ value: `u:${p.userId}`, label: `${p.name} (${p.organisationName})` })),
    ...(item.people?.household ?? []).map((p) => ({ value: `p:${p.personId}`, label: `${p.name} (${t('meetings.family')})` })),
  ];
  /** One owner select for two kinds of owner: a professional of the team or someone of the household. */
  const chooseOwner = (i: number, v: string) => {
    const professional = v.startsWith('u:');
    setValue(`actions.${i}.ownerKind`, professional ? 'professional' : 'family');
    setValue(`actions.${i}.ownerUserId`, professional ? v.slice(2) : null);
    setValue(`actions.${i}.ownerPersonId`, professional ? null : v.slice(2) || null, { shouldValidate: formState.isSubmitted });
  };
  const ownerOf = (i: number) => {
    const a = watch(`actions.${i}`);
    return a?.ownerUserId ? `u:${a.ownerUserId}` : a?.ownerPersonId ? `p:${a.ownerPersonId}` : '';
  };
  return (
    <form
      className="kp-form"
      noValidate
      onSubmit={handleSubmit((body) => {
        setUnplaced(null);
        save.mutate(body);
      })}
      aria-label={t('meetings.minutesFor', { n: item.position })}
    >
      <ErrorAlert error={unplaced} />
      <TextAreaField label={t('meetings.discussion')} rows={3} {...register('summary')} error={errorMessage(errors.summary)} />
      <TextAreaField label={t('meetings.decisions')} rows={2} {...register('decisions')} error={errorMessage(errors.decisions)} />
      {item.kind === 'case' && (
        <>
          <SelectField
            label={t('meetings.regieHolder')}
            options={[
              { value: '', label: t('clients.choose') },
              ...(item.people?.team ?? []).map((p) => ({ value: p.userId, label: `${p.name} (${p.organisationName})` })),
            ]}
            {...register('regieHolderId', { setValueAs: blankToNull })}
            error={errorMessage(errors.regieHolderId)}
          />
          <Controller
            control={control}
            name="parentsPresent"
            render={({ field }) => (
              <CheckboxGroup
                legend={t('meetings.parents')}
                options={[{ value: 'yes', label: t('meetings.parentsPresent') }]}
                value={field.value ? ['yes'] : []}
                onChange={(v) => field.onChange(v.includes('yes'))}
              />
            )}
          />
          <fieldset className="kp-fieldset">
            <legend>{t('meetings.actions')}</legend>
            {actions.fields.map((a, i) => {
              const e = errors.actions?.[i];
              return (
                <div className="kp-row" key={a.id}>
                  <Field label={t('meetings.actionWhat', { n: i + 1 })} {...register(`actions.${i}.what`)} error={errorMessage(e?.what)} />
                  <SelectField
                    label={t('meetings.actionOwner', { n: i + 1 })}
                    options={[{ value: '', label: t('clients.choose') }, ...owners]}
                    value={ownerOf(i)}
                    onChange={(ev) => chooseOwner(i, ev.target.value)}
                    error={errorMessage(e?.ownerUserId) ?? errorMessage(e?.ownerPersonId) ?? errorMessage(e?.ownerKind)}
                  />
                  <Field
                    label={t('meetings.actionDue', { n: i + 1 })}
                    type="date"
                    {...register(`actions.${i}.dueDate`, { setValueAs: blankToNull })}
                    error={errorMessage(e?.dueDate)}
                  />
                </div>
              );
            })}
            <Button
              type="button"
              appearance="subtle-button"
              onClick={() => actions.append({ what: '', ownerKind: 'professional', ownerUserId: null, ownerPersonId: null, dueDate: null })}
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
