import { useMutation } from '@tanstack/react-query';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { tableInputSchema } from '../../../domain/meetings';
import { Nl } from '../../components/Content';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, type Me } from '../../lib/api';
import { applyServerErrors, errorMessage, useZodForm } from '../../lib/form';
import { Cell } from '../families/parts';
import { MEETING_TYPES, meetingsApi, meetingWhen, type Staff, useTables, useUpcoming } from './queries';
import { StaffPicker } from './StaffPicker';

export function TablesPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const tables = useTables();
  const upcoming = useUpcoming();
  return (
    <>
      <Heading1>{t('meetings.title')}</Heading1>
      <Paragraph>{t('meetings.intro')}</Paragraph>
      <section aria-labelledby="upcoming">
        <Heading2 id="upcoming">{t('meetings.upcoming')}</Heading2>
        <ErrorAlert error={upcoming.error} />
        <DataTable
          headers={[t('meetings.table'), t('meetings.when'), t('meetings.place')]}
          items={upcoming.data?.items}
          rowKey={(m) => m.id}
          empty={t('meetings.noUpcoming')}
          row={(m) => (
            <>
              <Cell>
                <RouterLink to={`/overleg/${m.id}`}>
                  <Nl>{m.tableName}</Nl>
                </RouterLink>
              </Cell>
              <Cell>{meetingWhen(m, i18n.language)}</Cell>
              <Cell>{m.place || m.videoUrl}</Cell>
            </>
          )}
        />
      </section>
      <section aria-labelledby="tables">
        <Heading2 id="tables">{t('meetings.tables')}</Heading2>
        <ErrorAlert error={tables.error} />
        <DataTable
          headers={[t('meetings.table'), t('meetings.type'), t('meetings.chair')]}
          items={tables.data?.items}
          rowKey={(x) => x.id}
          empty={t('meetings.noTables')}
          row={(x) => (
            <>
              <Cell>
                <RouterLink to={`/overleg/tafel/${x.id}`}>
                  <Nl>{x.name}</Nl>
                </RouterLink>
              </Cell>
              <Cell>{t(`meetings.types.${x.type}`)}</Cell>
              <Cell>{x.chairName}</Cell>
            </>
          )}
        />
      </section>
      {tables.data?.abilities.createTable && <NewTable me={me} />}
    </>
  );
}

const TABLE_FIELDS = Object.keys(tableInputSchema.shape);

/** A new meeting table, checked with the server's own tableInputSchema; the chair and members are picked by name. */
function NewTable({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useZodForm(tableInputSchema, {
    defaultValues: { name: '', type: 'rto', municipalityId: me.user.municipalities[0]?.id ?? '', chairId: '', place: '', description: '', members: [] },
  });
  const { register, handleSubmit, setValue, watch, formState } = form;
  const [chair, setChair] = useState<Staff[]>([]);
  const [members, setMembers] = useState<Staff[]>([]);
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (body: z.output<typeof tableInputSchema>) => meetingsApi.createTable(body),
    onSuccess: (r) => navigate(`/overleg/tafel/${r.id}`),
    onError: (error) =>
      setUnplaced(applyServerErrors(error, form, TABLE_FIELDS).length > 0 || !(error instanceof ApiError) || error.details.length === 0 ? error : null),
  });
  const err = (k: keyof z.input<typeof tableInputSchema>) => errorMessage(formState.errors[k]);
  const validateAgain = { shouldValidate: formState.isSubmitted };
  const chooseChair = (s: Staff[]) => {
    setChair(s);
    setValue('chairId', s[0]?.userId ?? '', validateAgain);
  };
  const chooseMembers = (s: Staff[]) => {
    setMembers(s);
    setValue(
      'members',
      s.map((m) => ({ organisationId: m.organisationId, userId: m.userId })),
      validateAgain,
    );
  };
  const municipalityId = watch('municipalityId');
  return (
    <section aria-labelledby="new-table">
      <Heading2 id="new-table">{t('meetings.newTable')}</Heading2>
      <form
        className="kp-form"
        noValidate
        onSubmit={handleSubmit((body) => {
          setUnplaced(null);
          save.mutate(body);
        })}
      >
        <ErrorAlert error={unplaced} />
        <Field label={t('meetings.tableName')} hint={t('meetings.tableNameHint')} {...register('name')} error={err('name')} />
        <SelectField label={t('meetings.type')} options={MEETING_TYPES.map((x) => ({ value: x, label: t(`meetings.types.${x}`) }))} {...register('type')} />
        <SelectField
          label={t('meetings.municipality')}
          options={me.user.municipalities.map((m) => ({ value: m.id, label: m.name }))}
          {...register('municipalityId')}
          error={err('municipalityId')}
        />
        <StaffPicker municipalityId={municipalityId} label={t('meetings.chair')} chosen={chair} onChange={chooseChair} single error={err('chairId')} />
        <StaffPicker municipalityId={municipalityId} label={t('meetings.members')} chosen={members} onChange={chooseMembers} error={err('members')} />
        <Field label={t('meetings.place')} {...register('place')} error={err('place')} />
        <TextAreaField label={t('meetings.description')} rows={2} {...register('description')} error={err('description')} />
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('meetings.createTable')}
        </Button>
      </form>
    </section>
  );
}
