import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, api, type Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { safeHref } from '../../lib/safe-href';
import { Cell, Confirm } from '../families/parts';
import { type AgendaItem, MEETING_TYPES, type Meeting, type MinutesAction, meetingWhen, type Staff, useMeeting, useTable, useTables, useUpcoming } from './api';

/** Search staff of a municipality by name and pick one or more (chair, invitees). */
function StaffPicker(props: { municipalityId: string; label: string; chosen: Staff[]; onChange: (s: Staff[]) => void; single?: boolean; error?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const found = useQuery({
    queryKey: ['meeting-staff', props.municipalityId, query],
    queryFn: () => api<{ items: Staff[] }>('GET', `/meeting-tables/staff?municipalityId=${props.municipalityId}&q=${encodeURIComponent(query)}`),
    enabled: query.length >= 2 && Boolean(props.municipalityId),
  });
  const add = (s: Staff) => {
    if (props.chosen.some((c) => c.userId === s.userId)) return;
    props.onChange(props.single ? [s] : [...props.chosen, s]);
  };
  return (
    <fieldset className="kp-fieldset">
      <legend>{props.label}</legend>
      {props.error && <Paragraph className="kp-error">{t(`errors.${props.error}`, { defaultValue: props.error })}</Paragraph>}
      {props.chosen.length > 0 && (
        <ul className="kp-plain">
          {props.chosen.map((c) => (
            <li key={c.userId}>
              {c.name} ({c.organisationName}){' '}
              <Button
                type="button"
                appearance="subtle-button"
                onClick={() => props.onChange(props.chosen.filter((x) => x.userId !== c.userId))}
                aria-label={t('meetings.removePerson', { name: c.name })}
              >
                {t('meetings.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="kp-row">
        <Field label={t('meetings.searchStaff')} value={q} onChange={(e) => setQ(e.target.value)} />
        <Button type="button" appearance="secondary-action-button" onClick={() => setQuery(q.trim())}>
          {t('meetings.search')}
        </Button>
      </div>
      {found.data && found.data.items.length === 0 && <Paragraph>{t('meetings.noStaff')}</Paragraph>}
      {found.data && found.data.items.length > 0 && (
        <ul className="kp-plain">
          {found.data.items.map((s) => (
            <li key={s.userId}>
              <Button type="button" appearance="subtle-button" onClick={() => add(s)}>
                {t('meetings.choosePerson', { name: s.name, organisation: s.organisationName })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** "Overleg": my upcoming meetings, the tables of my municipalities, and (coordinators) a new table. */
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
                <RouterLink to={`/overleg/${m.id}`}>{m.tableName}</RouterLink>
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
                <RouterLink to={`/overleg/tafel/${x.id}`}>{x.name}</RouterLink>
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

function NewTable({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: '', type: 'rto', municipalityId: me.user.municipalities[0]?.id ?? '', place: '', description: '' });
  const [chair, setChair] = useState<Staff[]>([]);
  const [members, setMembers] = useState<Staff[]>([]);
  const save = useMutation({
    mutationFn: () =>
      api<{ id: string }>('POST', '/meeting-tables', {
        ...form,
        chairId: chair[0]?.userId ?? '',
        members: members.map((m) => ({ organisationId: m.organisationId, userId: m.userId })),
      }),
    onSuccess: (r) => navigate(`/overleg/tafel/${r.id}`),
  });
  const fe = fieldErrors(save.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="new-table">
      <Heading2 id="new-table">{t('meetings.newTable')}</Heading2>
      <form
        className="kp-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorAlert error={save.error} />
        <Field label={t('meetings.tableName')} hint={t('meetings.tableNameHint')} value={form.name} onChange={set('name')} error={fe.name} />
        <SelectField
          label={t('meetings.type')}
          options={MEETING_TYPES.map((x) => ({ value: x, label: t(`meetings.types.${x}`) }))}
          value={form.type}
          onChange={set('type')}
        />
        <SelectField
          label={t('meetings.municipality')}
          options={me.user.municipalities.map((m) => ({ value: m.id, label: m.name }))}
          value={form.municipalityId}
          onChange={set('municipalityId')}
        />
        <StaffPicker municipalityId={form.municipalityId} label={t('meetings.chair')} chosen={chair} onChange={setChair} single error={fe.chairId} />
        <StaffPicker municipalityId={form.municipalityId} label={t('meetings.members')} chosen={members} onChange={setMembers} />
        <Field label={t('meetings.place')} value={form.place} onChange={set('place')} />
        <TextAreaField label={t('meetings.description')} rows={2} value={form.description} onChange={set('description')} />
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('meetings.createTable')}
        </Button>
      </form>
    </section>
  );
}

/** A table: standing members, its meetings, scheduling, and the parents' experience in numbers. */
export function TablePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const q = useTable(id);
  if (!q.data) return q.isLoading ? <Paragraph>{t('app.loading')}</Paragraph> : <ErrorAlert error={q.error} />;
  const x = q.data;
  return (
    <>
      <Heading1>{x.name}</Heading1>
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
      {x.description && <Paragraph>{x.description}</Paragraph>}
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

function Schedule({ tableId, municipalityId, defaultPlace }: { tableId: string; municipalityId: string; defaultPlace: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState({ date: '', start: '', end: '', place: defaultPlace, videoUrl: '' });
  const [invitees, setInvitees] = useState<Staff[]>([]);
  const save = useMutation({
    mutationFn: () => {
      const at = (time: string) => (form.date && time ? new Date(`${form.date}T${time}`).toISOString() : '');
      return api<{ id: string }>('POST', `/meeting-tables/${tableId}/meetings`, {
        startsAt: at(form.start),
        endsAt: at(form.end),
        place: form.place,
        videoUrl: form.videoUrl || null,
        inviteeIds: invitees.map((i) => i.userId),
      });
    },
    onSuccess: (r) => navigate(`/overleg/${r.id}`),
  });
  const fe = fieldErrors(save.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="schedule">
      <Heading2 id="schedule">{t('meetings.schedule')}</Heading2>
      <form
        className="kp-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorAlert error={save.error} />
        <Field label={t('meetings.date')} type="date" value={form.date} onChange={set('date')} error={fe.startsAt} />
        <div className="kp-row">
          <Field label={t('meetings.start')} type="time" value={form.start} onChange={set('start')} />
          <Field label={t('meetings.end')} type="time" value={form.end} onChange={set('end')} error={fe.endsAt} />
        </div>
        <Field label={t('meetings.place')} value={form.place} onChange={set('place')} error={fe.place} />
        <Field label={t('meetings.videoUrl')} type="url" value={form.videoUrl} onChange={set('videoUrl')} error={fe.videoUrl} />
        <StaffPicker municipalityId={municipalityId} label={t('meetings.invitees')} chosen={invitees} onChange={setInvitees} />
        <Paragraph className="kp-muted">{t('meetings.invitationHint')}</Paragraph>
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('meetings.scheduleButton')}
        </Button>
      </form>
    </section>
  );
}

/** One meeting: who comes, the agenda as this participant may see it, minutes, adoption and addenda. */
export function MeetingPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const q = useMeeting(id);
  const [links, setLinks] = useState<{ itemId: string; link: string }[]>([]);
  if (!q.data) return q.isLoading ? <Paragraph>{t('app.loading')}</Paragraph> : <ErrorAlert error={q.error} />;
  const m = q.data;
  const editable = m.status === 'scheduled';
  return (
    <>
      <Heading1>{t('meetings.meetingTitle', { table: m.tableName })}</Heading1>
      {m.status === 'cancelled' && (
        <Alert type="warning">
          <Paragraph>{t('meetings.cancelledNotice')}</Paragraph>
        </Alert>
      )}
      {m.status === 'adopted' && (
        <Alert type="info">
          <Paragraph>{t('meetings.adoptedNotice', { date: formatDate(m.minutesAdoptedAt, i18n.language) })}</Paragraph>
        </Alert>
      )}
      <DataList className="kp-datalist">
        <DataListItem>
          <DataListKey>{t('meetings.when')}</DataListKey>
          <DataListValue>{meetingWhen(m, i18n.language)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.place')}</DataListKey>
          <DataListValue>
            {m.place}
            {safeHref(m.videoUrl) && (
              <>
                {m.place && ' — '}
                <a href={safeHref(m.videoUrl)}>{t('meetings.videoLink')}</a>
              </>
            )}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.chair')}</DataListKey>
          <DataListValue>{m.chairName}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.invitees')}</DataListKey>
          <DataListValue>{m.invitees.map((i) => `${i.name} (${i.organisationName})`).join(', ')}</DataListValue>
        </DataListItem>
      </DataList>
      <Paragraph>
        <RouterLink to={`/overleg/tafel/${m.tableId}`}>{t('meetings.toTable')}</RouterLink>
      </Paragraph>
      <section aria-labelledby="agenda">
        <Heading2 id="agenda">{t('meetings.agenda')}</Heading2>
        {m.items.length === 0 && <Paragraph>{t('meetings.emptyAgenda')}</Paragraph>}
        {m.items.map((item) => (
          <AgendaItemView key={item.id} m={m} item={item} editable={editable} />
        ))}
      </section>
      {editable && <AddItem m={m} me={me} />}
      {links.length > 0 && (
        <Alert type="ok">
          <Paragraph>{t('meetings.experienceLinks')}</Paragraph>
          <ul>
            {links.map((l) => (
              <li key={l.itemId}>
                <code>{l.link}</code>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {editable && m.abilities.adoptMinutes && <Adopt m={m} onLinks={setLinks} />}
      {editable && m.abilities.cancel && <CancelMeeting m={m} />}
      {m.status === 'adopted' && <Addenda m={m} />}
    </>
  );
}

/** The item's title in the reader's language: a case by its number and family name, or masked without consent. */
function itemTitle(item: AgendaItem, t: TFunction): string {
  if (item.kind === 'free') return item.title;
  if (item.kind === 'anonymous') return t('meetings.anonymousTitle', { pseudonym: item.pseudonym });
  return item.masked ? t('meetings.masked', { n: item.position }) : t('meetings.caseTitle', { n: item.position, name: item.clientName });
}

function AgendaItemView({ m, item, editable }: { m: Meeting; item: AgendaItem; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const title = itemTitle(item, t);
  const people = new Map([
    ...(item.people?.team ?? []).map((p) => [p.userId, p.name] as const),
    ...(item.people?.household ?? []).map((p) => [p.personId, p.name] as const),
  ]);
  return (
    <article className="kp-subsection" aria-labelledby={`item-${item.id}`}>
      <Heading3 id={`item-${item.id}`}>
        {item.position}. {title}
      </Heading3>
      {item.caseId && (
        <Paragraph>
          <RouterLink to={`/casussen/${item.caseId}`}>{t('meetings.toCase')}</RouterLink>
          {item.parentsInvited && ` — ${t('meetings.parentsInvited')}`}
          {item.doubleDiscussionConfirmed && ` — ${t('meetings.alsoElsewhere')}`}
        </Paragraph>
      )}
      {item.summary && <Paragraph>{item.summary}</Paragraph>}
      {item.kind === 'case' && item.consent.length > 0 && (
        <Paragraph>
          {t('meetings.mayHear')}:{' '}
          {item.consent.map((c) => `${c.organisationName} — ${c.mayHear ? t('meetings.consentYes') : t('meetings.consentNo')}`).join('; ')}
        </Paragraph>
      )}
      {item.isOwner && item.kind === 'anonymous' && <LinkAnonymous item={item} meetingId={m.id} />}
      {item.minutes && (
        <DataList className="kp-datalist">
          {item.minutes.summary && (
            <DataListItem>
              <DataListKey>{t('meetings.discussion')}</DataListKey>
              <DataListValue>{item.minutes.summary}</DataListValue>
            </DataListItem>
          )}
          {item.minutes.decisions && (
            <DataListItem>
              <DataListKey>{t('meetings.decisions')}</DataListKey>
              <DataListValue>{item.minutes.decisions}</DataListValue>
            </DataListItem>
          )}
          {item.minutes.actions.length > 0 && (
            <DataListItem>
              <DataListKey>{t('meetings.actions')}</DataListKey>
              <DataListValue>
                {item.minutes.actions
                  .map(
                    (a) =>
                      `${a.what} — ${people.get(a.ownerUserId ?? a.ownerPersonId ?? '') ?? ''}${a.dueDate ? `, ${formatDate(a.dueDate, i18n.language)}` : ''}`,
                  )
                  .join('; ')}
              </DataListValue>
            </DataListItem>
          )}
          {item.kind === 'case' && (
            <DataListItem>
              <DataListKey>{t('meetings.regieHolder')}</DataListKey>
              <DataListValue>{item.minutes.regieHolderName ?? '—'}</DataListValue>
            </DataListItem>
          )}
        </DataList>
      )}
      {editable && m.abilities.writeMinutes && !item.masked && <MinutesForm item={item} meetingId={m.id} />}
    </article>
  );
}

function LinkAnonymous({ item, meetingId }: { item: AgendaItem; meetingId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: ['cases', 'mine'],
    queryFn: () => api<{ items: { id: string; clientName: string }[] }>('GET', '/cases/mine?perPage=500'),
  });
  const [caseId, setCaseId] = useState('');
  const link = useMutation({
    mutationFn: () => api('POST', `/agenda-items/${item.id}/link`, { caseId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['meeting', meetingId] }),
  });
  if (item.linkedCaseId)
    return (
      <Paragraph>
        <RouterLink to={`/casussen/${item.linkedCaseId}`}>{t('meetings.linkedCase')}</RouterLink>
      </Paragraph>
    );
  return (
    <div className="kp-row">
      <ErrorAlert error={link.error} />
      <SelectField
        label={t('meetings.linkToCase')}
        options={[{ value: '', label: t('clients.choose') }, ...(mine.data?.items ?? []).map((c) => ({ value: c.id, label: c.clientName }))]}
        value={caseId}
        onChange={(e) => setCaseId(e.target.value)}
      />
      <Button type="button" appearance="secondary-action-button" disabled={!caseId || link.isPending} onClick={() => link.mutate()}>
        {t('meetings.link')}
      </Button>
    </div>
  );
}

function MinutesForm({ item, meetingId }: { item: AgendaItem; meetingId: string }) {
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
      api('PUT', `/agenda-items/${item.id}/minutes`, {
        version: item.minutes?.version ?? 0,
        summary: form.summary,
        decisions: form.decisions,
        regieHolderId: item.kind === 'case' ? form.regieHolderId || null : null,
        parentsPresent: form.parentsPresent,
        actions,
      }),
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['meeting', meetingId] });
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

/** Add a case (with the double-discussion check), a free item, or an anonymised consultation. */
function AddItem({ m, me }: { m: Meeting; me: Me }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'case' | 'free' | 'anonymous'>(m.abilities.run ? 'case' : 'anonymous');
  const [form, setForm] = useState({ caseId: '', parentsInvited: false, title: '', pseudonym: '', summary: '' });
  const candidates = useQuery({
    queryKey: ['meeting-case-candidates', me.abilities.coordinate],
    queryFn: async () =>
      me.abilities.coordinate
        ? (await api<{ items: { id: string; clientName: string }[] }>('GET', '/cases/board?perPage=200')).items
        : (await api<{ items: { id: string; clientName: string; isDirector: boolean }[] }>('GET', '/cases/mine?perPage=500')).items.filter((c) => c.isDirector),
    enabled: kind === 'case',
  });
  const check = useQuery({
    queryKey: ['double-discussion', m.id, form.caseId],
    queryFn: () =>
      api<{ elsewhere: { tableName: string; chairName: string; startsAt: string }[] }>('GET', `/meetings/${m.id}/double-discussion?caseId=${form.caseId}`),
    enabled: kind === 'case' && Boolean(form.caseId),
  });
  const add = useMutation({
    mutationFn: (confirm: boolean) =>
      api('POST', `/meetings/${m.id}/items`, {
        kind,
        ...(kind === 'case' ? { caseId: form.caseId, parentsInvited: form.parentsInvited, confirmDoubleDiscussion: confirm } : {}),
        ...(kind === 'free' ? { title: form.title } : {}),
        ...(kind === 'anonymous' ? { pseudonym: form.pseudonym, summary: form.summary } : {}),
      }),
    onSuccess: () => {
      setForm({ caseId: '', parentsInvited: false, title: '', pseudonym: '', summary: '' });
      void qc.invalidateQueries({ queryKey: ['meeting', m.id] });
    },
  });
  const double =
    add.error instanceof ApiError && add.error.code === 'double_discussion'
      ? (add.error.body.elsewhere as { tableName: string; chairName: string; startsAt: string }[])
      : null;
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

function Adopt({ m, onLinks }: { m: Meeting; onLinks: (l: { itemId: string; link: string }[]) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const adopt = useMutation({
    mutationFn: () => api<{ experienceLinks: { itemId: string; link: string }[] }>('POST', `/meetings/${m.id}/adopt`, { version: m.version }),
    onSuccess: (r) => {
      onLinks(r.experienceLinks);
      setAsking(false);
      void qc.invalidateQueries({ queryKey: ['meeting', m.id] });
    },
  });
  return (
    <section aria-labelledby="adopt">
      <Heading2 id="adopt">{t('meetings.adoptTitle')}</Heading2>
      <Paragraph>{t('meetings.adoptIntro')}</Paragraph>
      <ErrorAlert error={adopt.error} />
      {asking ? (
        <Confirm
          question={t('meetings.adoptQuestion')}
          confirmLabel={t('meetings.adopt')}
          onConfirm={() => adopt.mutate()}
          onCancel={() => setAsking(false)}
          busy={adopt.isPending}
        />
      ) : (
        <Button type="button" appearance="primary-action-button" onClick={() => setAsking(true)}>
          {t('meetings.adopt')}
        </Button>
      )}
    </section>
  );
}

function CancelMeeting({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const cancel = useMutation({
    mutationFn: () => api('POST', `/meetings/${m.id}/cancel`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['meeting', m.id] }),
  });
  return (
    <section aria-labelledby="cancel-meeting">
      <Heading2 id="cancel-meeting">{t('meetings.cancelTitle')}</Heading2>
      <ErrorAlert error={cancel.error} />
      {asking ? (
        <Confirm
          question={t('meetings.cancelQuestion')}
          confirmLabel={t('meetings.cancelMeeting')}
          onConfirm={() => cancel.mutate()}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <Button type="button" appearance="secondary-action-button" onClick={() => setAsking(true)}>
          {t('meetings.cancelMeeting')}
        </Button>
      )}
    </section>
  );
}

function Addenda({ m }: { m: Meeting }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({ itemId: '', text: '' });
  const add = useMutation({
    mutationFn: () => api('POST', `/meetings/${m.id}/addenda`, { itemId: form.itemId || null, text: form.text }),
    onSuccess: () => {
      setForm({ itemId: '', text: '' });
      void qc.invalidateQueries({ queryKey: ['meeting', m.id] });
    },
  });
  const fe = fieldErrors(add.error);
  return (
    <section aria-labelledby="addenda">
      <Heading2 id="addenda">{t('meetings.addenda')}</Heading2>
      {m.addenda.length === 0 ? (
        <Paragraph>{t('meetings.noAddenda')}</Paragraph>
      ) : (
        <ul>
          {m.addenda.map((a) => (
            <li key={a.id}>
              {formatDate(a.at, i18n.language)}, {a.authorName}: {a.text}
            </li>
          ))}
        </ul>
      )}
      {m.abilities.addAddendum && (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <ErrorAlert error={add.error} />
          <SelectField
            label={t('meetings.addendumItem')}
            options={[
              { value: '', label: t('meetings.wholeMeeting') },
              ...m.items.filter((i) => !i.masked).map((i) => ({ value: i.id, label: `${i.position}. ${itemTitle(i, t)}` })),
            ]}
            value={form.itemId}
            onChange={(e) => setForm({ ...form, itemId: e.target.value })}
          />
          <TextAreaField
            label={t('meetings.addendumText')}
            rows={2}
            value={form.text}
            onChange={(e) => setForm({ ...form, text: e.target.value })}
            error={fe.text}
          />
          <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
            {t('meetings.addAddendum')}
          </Button>
        </form>
      )}
    </section>
  );
}

/** The parents' three questions after a meeting, in plain language, without signing in. */
export function ExperiencePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const form = useQuery({
    queryKey: ['experience', token],
    queryFn: () => api<{ tableName: string; startsAt: string; answered: boolean; answers: string[] }>('GET', `/public/experience/${token}`),
    retry: false,
  });
  const [a, setA] = useState({ heard: '', clearWhoHelps: '', better: '' });
  const send = useMutation({
    mutationFn: () => api('POST', `/public/experience/${token}`, { heard: a.heard, clearWhoHelps: a.clearWhoHelps, better: a.better }),
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

/** On the home page: my next meetings. */
export function DashboardMeetings() {
  const { t, i18n } = useTranslation();
  const q = useUpcoming();
  if (!q.data?.items.length) return null;
  return (
    <section aria-labelledby="next-meetings">
      <Heading2 id="next-meetings">{t('meetings.upcoming')}</Heading2>
      <ul>
        {q.data.items.slice(0, 5).map((m) => (
          <li key={m.id}>
            <RouterLink to={`/overleg/${m.id}`}>{m.tableName}</RouterLink> — {meetingWhen(m, i18n.language)}
          </li>
        ))}
      </ul>
    </section>
  );
}
