import { useMutation } from '@tanstack/react-query';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { meetingInputSchema } from '../../../domain/meetings';
import { CONTENT_LANG } from '../../components/Content';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { ApiError } from '../../lib/api';
import { amsterdamToIso } from '../../lib/dates';
import { applyServerErrors, blankToNull, errorMessage, useZodForm } from '../../lib/form';
import type { CardOption } from '../cases/CardMemberPicker';
import { Cell } from '../families/parts';
import { CardInviteesField } from './CardInvitees';
import { meetingsApi, meetingWhen, type Staff, useTable } from './queries';
import { StaffPicker } from './StaffPicker';

export function TablePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const q = useTable(id);
  if (!q.data) return q.isLoading ? <Paragraph>{t('app.loading')}</Paragraph> : <ErrorAlert error={q.error} />;
  const x = q.data;
  return (
    <>
      <Heading1 lang={CONTENT_LANG}>{x.name}</Heading1>
      <DataList className="kp-datalist">
        <DataListItem>
          <DataListKey>{t('meetings.type')}</DataListKey>
          <DataListValue>{t(`meetings.types.${x.type}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.chair')}</DataListKey>
          <DataListValue>{x.chairName}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.members')}</DataListKey>
          <DataListValue>{x.members.map((m) => (m.userName ? `${m.userName} (${m.organisationName})` : m.organisationName)).join(', ') || '—'}</DataListValue>
        </DataListItem>
        {x.place && (
          <DataListItem>
            <DataListKey>{t('meetings.place')}</DataListKey>
            <DataListValue>{x.place}</DataListValue>
          </DataListItem>
        )}
      </DataList>
      {x.description && <Paragraph lang={CONTENT_LANG}>{x.description}</Paragraph>}
      <section aria-labelledby="meetings">
        <Heading2 id="meetings">{t('meetings.meetings')}</Heading2>
        <DataTable
          headers={[t('meetings.when'), t('meetings.place'), t('meetings.status')]}
          items={x.meetings}
          rowKey={(m) => m.id}
          empty={t('meetings.noMeetings')}
          row={(m) => (
            <>
              <Cell>
                <RouterLink to={`/overleg/${m.id}`}>{meetingWhen(m, i18n.language)}</RouterLink>
              </Cell>
              <Cell>{m.place || m.videoUrl}</Cell>
              <Cell>{t(`meetings.statuses.${m.status}`)}</Cell>
            </>
          )}
        />
      </section>
      {x.abilities.scheduleMeeting && <Schedule tableId={x.id} municipalityId={x.municipalityId} defaultPlace={x.place} />}
      {x.experiences && (
        <section aria-labelledby="experiences">
          <Heading2 id="experiences">{t('meetings.experiences')}</Heading2>
          {x.experiences.responses === 0 ? (
            <Paragraph>{t('meetings.noExperiences')}</Paragraph>
          ) : (
            <DataTable
              headers={[t('meetings.question'), t('experience.answers.yes'), t('experience.answers.partly'), t('experience.answers.no')]}
              items={(['heard', 'clearWhoHelps'] as const).map((k) => ({ k, c: x.experiences![k] }))}
              rowKey={(r) => r.k}
              empty=""
              row={(r) => (
                <>
                  <Cell>{t(`experience.questions.${r.k}`)}</Cell>
                  <Cell>{r.c.yes}</Cell>
                  <Cell>{r.c.partly}</Cell>
                  <Cell>{r.c.no}</Cell>
                </>
              )}
            />
          )}
        </section>
      )}
    </>
  );
}

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
/**
 * The schedule form: a Dutch date and two times of day, read in Europe/Amsterdam whatever the device's zone, then the
 * server's own meetingInputSchema (place or video link, an https link). Start in the past and end before start are
 * refused here as the server refuses them.
 */
const scheduleSchema = z
  .object({
    // Blank first: "fill this in" says more than "use the form 09:00" about an empty field.
    date: z
      .string()
      .min(1, { message: 'required' })
      .pipe(z.iso.date({ message: 'invalid_date' })),
    start: z.string().min(1, { message: 'required' }).regex(TIME, { message: 'invalid_time' }),
    end: z.string().min(1, { message: 'required' }).regex(TIME, { message: 'invalid_time' }),
    place: z.string(),
    videoUrl: z.string().nullable(),
    inviteeIds: z.array(z.string()),
    inviteePersonIds: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    const startsAt = amsterdamToIso(v.date, v.start);
    const endsAt = amsterdamToIso(v.date, v.end);
    if (startsAt && new Date(startsAt) < new Date()) ctx.addIssue({ code: 'custom', path: ['start'], message: 'in_past' });
    if (startsAt && endsAt && endsAt <= startsAt) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end_before_start' });
  })
  .transform(
    (v): z.input<typeof meetingInputSchema> => ({
      startsAt: amsterdamToIso(v.date, v.start) ?? '',
      endsAt: amsterdamToIso(v.date, v.end) ?? '',
      place: v.place,
      videoUrl: v.videoUrl,
      inviteeIds: v.inviteeIds,
      inviteePersonIds: v.inviteePersonIds,
    }),
  )
  .pipe(meetingInputSchema);
/** The server speaks of the instants; the form of the date and times they were made of. */
const SCHEDULE_FIELDS = ['date', 'start', 'end', 'place', 'videoUrl', 'inviteeIds', 'inviteePersonIds', 'startsAt', 'endsAt'];

function Schedule({ tableId, municipalityId, defaultPlace }: { tableId: string; municipalityId: string; defaultPlace: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useZodForm(scheduleSchema, {
    defaultValues: { date: '', start: '', end: '', place: defaultPlace, videoUrl: null, inviteeIds: [], inviteePersonIds: [] },
  });
  const { register, handleSubmit, setValue, formState } = form;
  const [invitees, setInvitees] = useState<Staff[]>([]);
  // From the smoelenboek: also professionals without an account, invited by mail with the .ics.
  const [cards, setCards] = useState<CardOption[]>([]);
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (body: z.output<typeof scheduleSchema>) => meetingsApi.schedule(tableId, body),
    onSuccess: (r) => navigate(`/overleg/${r.id}`),
    onError: (error) =>
      setUnplaced(applyServerErrors(error, form, SCHEDULE_FIELDS).length > 0 || !(error instanceof ApiError) || error.details.length === 0 ? error : null),
  });
  const e = formState.errors as Record<string, unknown>;
  const err = (...names: string[]) => names.map((n) => errorMessage(e[n])).find(Boolean);
  const chooseInvitees = (s: Staff[]) => {
    setInvitees(s);
    setValue(
      'inviteeIds',
      s.map((i) => i.userId),
    );
  };
  const chooseCards = (c: CardOption[]) => {
    setCards(c);
    setValue(
      'inviteePersonIds',
      c.map((x) => x.id),
    );
  };
  return (
    <section aria-labelledby="schedule">
      <Heading2 id="schedule">{t('meetings.schedule')}</Heading2>
      <form
        className="kp-form"
        noValidate
        onSubmit={handleSubmit((body) => {
          setUnplaced(null);
          save.mutate(body);
        })}
      >
        <ErrorAlert error={unplaced} />
        <Field label={t('meetings.date')} type="date" {...register('date')} error={err('date', 'startsAt')} />
        <div className="kp-row">
          <Field label={t('meetings.start')} type="time" {...register('start')} error={err('start')} />
          <Field label={t('meetings.end')} type="time" {...register('end')} error={err('end', 'endsAt')} />
        </div>
        <Paragraph className="kp-muted">{t('meetings.timeZoneHint')}</Paragraph>
        <Field label={t('meetings.place')} {...register('place')} error={err('place')} />
        <Field label={t('meetings.videoUrl')} type="url" {...register('videoUrl', { setValueAs: blankToNull })} error={err('videoUrl')} />
        <StaffPicker municipalityId={municipalityId} label={t('meetings.invitees')} chosen={invitees} onChange={chooseInvitees} />
        <CardInviteesField chosen={cards} onChange={chooseCards} />
        <Paragraph className="kp-muted">{t('meetings.invitationHint')}</Paragraph>
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('meetings.scheduleButton')}
        </Button>
      </form>
    </section>
  );
}
