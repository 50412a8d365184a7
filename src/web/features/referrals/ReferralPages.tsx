import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { dutchInstant } from '../../../domain/calendar';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { api } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/dates';
import { useCase } from '../cases/api';
import { Cell } from '../families/parts';
import { DECLINE_REASONS, HANDOVER_KINDS, type ReferralStatus, type ReferralSummary, URGENCIES, useCaseReferrals, useIncoming, useReferral } from './api';

/** Who holds the next step, in words: after a decline it is the referrer again, never the organisation that declined. */
function ResponsibleText({ r }: { r: ReferralSummary }) {
  const { t } = useTranslation();
  if (r.responsible === 'receiver') return <>{t('referrals.receiverResponsible', { organisation: r.organisationName })}</>;
  if (r.responsible === 'nobody') return <>{t('referrals.nobodyResponsible')}</>;
  return <>{r.needsNewReferral ? t('referrals.senderResponsibleAgain', { organisation: r.organisationName }) : t('referrals.senderResponsible')}</>;
}

/** Status with its due day: overdue and escalated said in words, not only in colour. */
function StatusText({ r }: { r: ReferralSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {t(`referrals.statuses.${r.status}`)}
      {r.overdue && ` — ${t('referrals.overdueSince', { date: formatDate(r.dueOn, i18n.language) })}`}
      {r.escalated && ` (${t('referrals.escalated')})`}
      {r.status === 'waiting_list' && r.expectedStart && ` — ${t('referrals.expectedStartOn', { date: formatDate(r.expectedStart, i18n.language) })}`}
    </>
  );
}

/** On the case page: the case's referrals and where each stands; the sender stays responsible until accepted. */
export function ReferralSection({ caseId, mayRefer }: { caseId: string; mayRefer: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useCaseReferrals(caseId);
  return (
    <section aria-labelledby="referrals">
      <Heading2 id="referrals">{t('referrals.title')}</Heading2>
      <ErrorAlert error={list.error} />
      <DataTable
        headers={[t('referrals.service'), t('referrals.status'), t('referrals.sentBy'), t('referrals.responsible')]}
        items={list.data?.items}
        rowKey={(r) => r.id}
        empty={t('referrals.noneForCase')}
        row={(r) => (
          <>
            <Cell>
              <RouterLink to={`/verwijzingen/${r.id}`}>{r.serviceName}</RouterLink> ({r.organisationName})
            </Cell>
            <Cell>
              <StatusText r={r} />
            </Cell>
            <Cell>
              {r.senderName}, {formatDate(r.sentAt, i18n.language)}
            </Cell>
            <Cell>
              <ResponsibleText r={r} />
            </Cell>
          </>
        )}
      />
      {mayRefer && (
        <Paragraph>
          <RouterLink to={`/casussen/${caseId}/verwijzen`}>{t('referrals.new')}</RouterLink>
        </Paragraph>
      )}
    </section>
  );
}

interface ServiceHit {
  id: string;
  name: string;
  summary: string;
  organisation: { id: string; name: string };
  waitingWeeks: number | null;
  acceptsNewClients?: boolean;
}

/** "Verwijzen": to a service from the sociale kaart, with a proposed warm hand-over and attachments under consent. */
export function ReferralFormPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const c = useCase(id);
  // Referring again after a decline: the earlier referral fills in whom and why, and is linked to the new one.
  const [params] = useSearchParams();
  const previousId = params.get('opnieuw') ?? '';
  const previous = useReferral(previousId, Boolean(previousId));
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [service, setService] = useState<ServiceHit | null>(null);
  const [form, setForm] = useState({ personId: '', purpose: '', question: '', urgency: 'normal', kind: 'joint_visit', at: '', note: '' });
  const [attach, setAttach] = useState<string[]>([]);
  const hits = useQuery({
    queryKey: ['directory', 'referral-search', query],
    queryFn: () => api<{ items: ServiceHit[] }>('GET', `/directory/services?q=${encodeURIComponent(query)}&perPage=10`),
    enabled: query.length > 0,
  });
  const save = useMutation({
    mutationFn: () =>
      api<{ id: string }>('POST', `/cases/${id}/referrals`, {
        personId: form.personId,
        serviceId: service?.id ?? '',
        purpose: form.purpose,
        question: form.question,
        urgency: form.urgency,
        // The time is on a Dutch clock, whatever zone the device is set to.
        handover: { kind: form.kind, at: form.at ? dutchInstant(form.at.slice(0, 10), form.at.slice(11, 16)) : null, note: form.note },
        previousReferralId: previous.data?.id ?? null,
        attachments: attach.map((a) =>
          a.startsWith('plan:') ? { kind: 'family_plan', planNumber: Number(a.slice(5)) } : { kind: 'note', eventId: a.slice(5) },
        ),
      }),
    onSuccess: (r) => navigate(`/verwijzingen/${r.id}`),
  });
  const earlier = previous.data;
  useEffect(() => {
    if (earlier?.caseId === id)
      setForm((f) => ({ ...f, personId: f.personId || earlier.person.id, purpose: f.purpose || earlier.purpose, question: f.question || earlier.question }));
  }, [earlier, id]);
  if (!c.data) return <Paragraph>{c.isLoading ? t('app.loading') : t('errors.not_found')}</Paragraph>;
  const data = c.data;
  const fe = fieldErrors(save.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const options = [
    ...(data.plan?.versions ?? [])
      .filter((v) => v.status === 'adopted')
      .map((v) => ({ value: `plan:${v.number}`, label: t('referrals.attachPlan', { n: v.number, date: formatDate(v.adoptedAt, i18n.language) }) })),
    ...(data.content?.timeline ?? [])
      .filter((e) => e.kind === 'note')
      .map((e) => ({
        value: `note:${e.id}`,
        label: t('referrals.attachNote', { text: String(e.data.text ?? '').slice(0, 80), date: formatDate(e.at, i18n.language) }),
      })),
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <>
      <Heading1>{t('referrals.newTitle', { name: data.client.name })}</Heading1>
      <Paragraph>
        <RouterLink to={`/casussen/${id}`}>{t('referrals.backToCase')}</RouterLink>
      </Paragraph>
      {earlier && (
        <Alert type="info">
          <Paragraph>
            {t('referrals.referringAgain', { service: earlier.serviceName, status: t(`referrals.statuses.${earlier.status}`) })}
            {earlier.declineReason && ` ${t('referrals.declinedBecause', { reason: t(`referrals.declineReasons.${earlier.declineReason}`) })}`}
            {earlier.declineNote && ` “${earlier.declineNote}”`}
          </Paragraph>
        </Alert>
      )}
      <form className="kp-form" onSubmit={submit} noValidate>
        <ErrorAlert error={save.error} />
        <SelectField
          label={t('referrals.person')}
          options={[{ value: '', label: t('clients.choose') }, ...(data.content?.household ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          value={form.personId}
          onChange={set('personId')}
          error={fe.personId}
        />
        <fieldset className="kp-fieldset">
          <legend>{t('referrals.service')}</legend>
          {service ? (
            <Paragraph>
              {t('referrals.chosenService', { service: service.name, organisation: service.organisation.name })}{' '}
              <Button type="button" appearance="subtle-button" onClick={() => setService(null)}>
                {t('referrals.otherService')}
              </Button>
            </Paragraph>
          ) : (
            <>
              <Field label={t('referrals.searchService')} value={q} onChange={(e) => setQ(e.target.value)} error={fe.serviceId} />
              <Button type="button" appearance="secondary-action-button" onClick={() => setQuery(q.trim())}>
                {t('referrals.searchButton')}
              </Button>
              {hits.data && hits.data.items.length === 0 && <Paragraph>{t('referrals.noServices')}</Paragraph>}
              {hits.data && hits.data.items.length > 0 && (
                <ul className="kp-plain">
                  {hits.data.items.map((s) => (
                    <li key={s.id}>
                      <Button type="button" appearance="subtle-button" onClick={() => setService(s)}>
                        {t('referrals.choose', { service: s.name, organisation: s.organisation.name })}
                      </Button>
                      {s.waitingWeeks !== null && ` — ${t('referrals.waitingWeeks', { count: s.waitingWeeks })}`}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </fieldset>
        <Field label={t('referrals.purpose')} value={form.purpose} onChange={set('purpose')} error={fe.purpose} />
        <TextAreaField
          label={t('referrals.question')}
          hint={t('referrals.questionHint')}
          rows={4}
          value={form.question}
          onChange={set('question')}
          error={fe.question}
        />
        <SelectField
          label={t('referrals.urgency')}
          options={URGENCIES.map((u) => ({ value: u, label: t(`referrals.urgencies.${u}`) }))}
          value={form.urgency}
          onChange={set('urgency')}
        />
        <SelectField
          label={t('referrals.handover')}
          options={HANDOVER_KINDS.map((k) => ({ value: k, label: t(`referrals.handovers.${k}`) }))}
          value={form.kind}
          onChange={set('kind')}
        />
        <Field
          label={t('referrals.handoverAt')}
          hint={t('referrals.handoverAtHint')}
          type="datetime-local"
          value={form.at}
          onChange={set('at')}
          error={fe.at}
        />
        <Field label={t('referrals.handoverNote')} value={form.note} onChange={set('note')} />
        {options.length > 0 ? (
          <CheckboxGroup legend={t('referrals.attachments')} options={options} value={attach} onChange={setAttach} error={fe.attachments} />
        ) : (
          <Paragraph>{t('referrals.nothingToAttach')}</Paragraph>
        )}
        <Paragraph className="kp-muted">{t('referrals.attachmentsHint')}</Paragraph>
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('referrals.send')}
        </Button>
      </form>
    </>
  );
}

/** One referral: the question, the hand-over, the whole history, and the next steps for this side. */
export function ReferralPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const r = useReferral(id);
  if (!r.data) return r.isLoading ? <Paragraph>{t('app.loading')}</Paragraph> : <ErrorAlert error={r.error} />;
  const x = r.data;
  return (
    <>
      <Heading1>{t('referrals.pageTitle', { service: x.serviceName, name: x.person.name })}</Heading1>
      {x.overdue && (
        <Alert type="warning">
          <Paragraph>{t('referrals.overdueNotice', { date: formatDate(x.dueOn, i18n.language) })}</Paragraph>
        </Alert>
      )}
      {x.needsNewReferral && x.side === 'sender' && (
        <Alert type="warning">
          <Paragraph>
            {t(x.status === 'declined' ? 'referrals.declinedNotice' : 'referrals.couldNotContactNotice', { organisation: x.organisationName })}
            {x.declineReason && ` ${t('referrals.declinedBecause', { reason: t(`referrals.declineReasons.${x.declineReason}`) })}`}
            {x.declineNote && ` “${x.declineNote}”`}
          </Paragraph>
          {x.abilities.referAgain && (
            <Paragraph>
              <RouterLink to={`/casussen/${x.caseId}/verwijzen?opnieuw=${x.id}`}>{t('referrals.referAgain')}</RouterLink>
            </Paragraph>
          )}
        </Alert>
      )}
      {x.followUp && (
        <Paragraph>
          {t('referrals.referredAgainTo')} <RouterLink to={`/verwijzingen/${x.followUp.id}`}>{x.followUp.serviceName}</RouterLink> (
          {t(`referrals.statuses.${x.followUp.status}`)})
        </Paragraph>
      )}
      {x.previousReferral && (
        <Paragraph>
          {t('referrals.referredAgainAfter')} <RouterLink to={`/verwijzingen/${x.previousReferral.id}`}>{x.previousReferral.serviceName}</RouterLink> (
          {t(`referrals.statuses.${x.previousReferral.status}`)})
        </Paragraph>
      )}
      <DataList className="kp-datalist">
        <DataListItem>
          <DataListKey>{t('referrals.status')}</DataListKey>
          <DataListValue>
            <StatusText r={x} />
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.responsible')}</DataListKey>
          <DataListValue>
            <ResponsibleText r={x} />
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.person')}</DataListKey>
          <DataListValue>
            {x.person.name}
            {x.person.dateOfBirth && `, ${formatDate(x.person.dateOfBirth, i18n.language)}`}
            {x.person.phone && `, ${x.person.phone}`}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.service')}</DataListKey>
          <DataListValue>
            {x.serviceName} ({x.organisationName})
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.sentBy')}</DataListKey>
          <DataListValue>
            {x.sender.name}, {x.sender.organisationName} — {x.sender.email}
            {x.sender.phone && `, ${x.sender.phone}`}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.norm')}</DataListKey>
          <DataListValue>{t('referrals.normText', { count: x.normWorkingDays, date: formatDate(x.dueOn, i18n.language) })}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.urgency')}</DataListKey>
          <DataListValue>{t(`referrals.urgencies.${x.urgency}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.purpose')}</DataListKey>
          <DataListValue>{x.purpose}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.question')}</DataListKey>
          <DataListValue>{x.question}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('referrals.handover')}</DataListKey>
          <DataListValue>
            {t(`referrals.handovers.${x.handover.kind}`)}
            {x.handover.at && ` — ${formatDateTime(x.handover.at, i18n.language)}`}
            {x.handover.note && ` — ${x.handover.note}`}
          </DataListValue>
        </DataListItem>
      </DataList>
      {x.abilities.openCase && (
        <Paragraph>
          <RouterLink to={`/casussen/${x.caseId}`}>{t('referrals.backToCase')}</RouterLink>
        </Paragraph>
      )}
      <StatusForm r={x} />
      {(x.attachments.length > 0 || x.attachmentsWithheld > 0) && (
        <section aria-labelledby="attachments">
          <Heading2 id="attachments">{t('referrals.attachments')}</Heading2>
          {x.attachmentsWithheld > 0 && <Paragraph>{t('referrals.withheld', { count: x.attachmentsWithheld })}</Paragraph>}
          {x.attachments.map((a) =>
            a.kind === 'note' ? (
              <Paragraph key={`note-${a.at}`}>
                {formatDate(a.at, i18n.language)}: {a.text}
              </Paragraph>
            ) : (
              <Paragraph key={`plan-${a.planNumber}`}>
                {t('referrals.attachPlan', { n: a.planNumber, date: formatDate(a.adoptedAt, i18n.language) })}: {a.content.goals.map((g) => g.text).join('; ')}
              </Paragraph>
            ),
          )}
        </section>
      )}
      <section aria-labelledby="history">
        <Heading2 id="history">{t('referrals.history')}</Heading2>
        <ol className="kp-timeline">
          {x.history.map((h) => (
            <li key={h.id} className="kp-timeline-item">
              <strong>{h.escalated ? t('referrals.escalatedEvent') : t(`referrals.statuses.${h.to}`)}</strong> — {formatDateTime(h.at, i18n.language)}
              {h.actorName && `, ${h.actorName}`}
              {h.declineReason && ` — ${t(`referrals.declineReasons.${h.declineReason}`)}`}
              {h.expectedStart && ` — ${t('referrals.expectedStartOn', { date: formatDate(h.expectedStart, i18n.language) })}`}
              {h.note && <Paragraph>{h.note}</Paragraph>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** The next step for this side, by the state machine: a reason to decline, an expected start for the waiting list. */
function StatusForm({ r }: { r: { id: string; version: number; allowed: ReferralStatus[] } }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({ status: '', declineReason: '', expectedStart: '', note: '' });
  const change = useMutation({
    mutationFn: () =>
      api('POST', `/referrals/${r.id}/status`, {
        version: r.version,
        status: form.status,
        declineReason: form.declineReason || null,
        expectedStart: form.expectedStart || null,
        note: form.note,
      }),
    onSuccess: () => {
      setForm({ status: '', declineReason: '', expectedStart: '', note: '' });
      void qc.invalidateQueries({ queryKey: ['referral', r.id] });
      void qc.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
  const receipt = useMutation({
    mutationFn: () => api('POST', `/referrals/${r.id}/status`, { version: r.version, status: 'received', note: '' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['referral', r.id] });
      void qc.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
  if (!r.allowed.length) return null;
  const fe = fieldErrors(change.error);
  return (
    <section aria-labelledby="next-step">
      <Heading2 id="next-step">{t('referrals.nextStep')}</Heading2>
      {r.allowed.includes('received') && (
        // Opening a referral changes nothing: the receiver says so, and only then does the referrer hear it arrived.
        <div className="kp-row">
          <ErrorAlert error={receipt.error} />
          <Paragraph>{t('referrals.confirmReceiptHint')}</Paragraph>
          <Button appearance="secondary-action-button" disabled={receipt.isPending} onClick={() => receipt.mutate()}>
            {t('referrals.confirmReceipt')}
          </Button>
        </div>
      )}
      <form
        className="kp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <ErrorAlert error={change.error} />
        <SelectField
          label={t('referrals.newStatus')}
          options={[{ value: '', label: t('clients.choose') }, ...r.allowed.map((s) => ({ value: s, label: t(`referrals.statuses.${s}`) }))]}
          value={form.status}
          onChange={(e) => setForm({ ...form, status: e.target.value })}
          error={fe.status}
        />
        {form.status === 'declined' && (
          <SelectField
            label={t('referrals.declineReason')}
            options={[{ value: '', label: t('clients.choose') }, ...DECLINE_REASONS.map((d) => ({ value: d, label: t(`referrals.declineReasons.${d}`) }))]}
            value={form.declineReason}
            onChange={(e) => setForm({ ...form, declineReason: e.target.value })}
            error={fe.declineReason}
          />
        )}
        {form.status === 'waiting_list' && (
          <Field
            label={t('referrals.expectedStart')}
            type="date"
            value={form.expectedStart}
            onChange={(e) => setForm({ ...form, expectedStart: e.target.value })}
            error={fe.expectedStart}
          />
        )}
        <TextAreaField
          label={form.status === 'declined' && form.declineReason === 'other' ? t('referrals.declineExplanation') : t('referrals.note')}
          hint={form.status === 'declined' ? t('referrals.declineNoteHint') : undefined}
          rows={2}
          value={form.note}
          onChange={(e) => setForm({ ...form, note: e.target.value })}
          error={fe.note}
        />
        <Button type="submit" appearance="primary-action-button" disabled={!form.status || change.isPending}>
          {t('referrals.save')}
        </Button>
      </form>
    </section>
  );
}

const VIEWS = ['open', 'new', 'overdue', 'waiting'] as const;

/** The organisation's incoming referrals: new, overdue, waiting list — accept or decline in one step. */
export function IncomingPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as (typeof VIEWS)[number]) : 'open';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const board = useIncoming(view, page);
  const c = board.data?.counts;
  const total = c ? { open: c.open, new: c.new, overdue: c.overdue, waiting: c.waiting }[view] : 0;
  return (
    <>
      <Heading1>{t('referrals.incomingTitle')}</Heading1>
      <Paragraph>{t('referrals.incomingIntro')}</Paragraph>
      <ErrorAlert error={board.error} />
      {c && (
        <ul className="kp-plain kp-counts">
          {VIEWS.map((v) => (
            <li key={v}>
              <RouterLink to={`/verwijzingen/inkomend?view=${v}`} aria-current={v === view ? 'page' : undefined}>
                {t(`referrals.views.${v}`, { count: c[v] })}
              </RouterLink>
            </li>
          ))}
        </ul>
      )}
      <DataTable
        headers={[t('referrals.person'), t('referrals.service'), t('referrals.status'), t('referrals.dueColumn'), t('referrals.sentBy'), t('referrals.answer')]}
        items={board.data?.items}
        rowKey={(r) => r.id}
        empty={t(`referrals.emptyViews.${view}`)}
        row={(r) => (
          <>
            <Cell>
              <RouterLink to={`/verwijzingen/${r.id}`}>{r.personName}</RouterLink>
              {r.urgency !== 'normal' && ` (${t(`referrals.urgencies.${r.urgency}`)})`}
            </Cell>
            <Cell>{r.serviceName}</Cell>
            <Cell>
              <StatusText r={r} />
            </Cell>
            <Cell>
              <DueText r={r} />
            </Cell>
            <Cell>
              {r.senderName}, {formatDate(r.sentAt, i18n.language)}
            </Cell>
            <Cell>{r.awaitingAnswer ? <QuickAnswer r={r} onDone={() => setParams(params)} /> : '—'}</Cell>
          </>
        )}
      />
      {board.data && (
        <Pager
          page={page}
          pages={Math.ceil(total / board.data.perPage)}
          onPage={(p) => {
            params.set('page', String(p));
            setParams(params);
          }}
        />
      )}
    </>
  );
}

/** The due day against the norm, and how many working days are left (or how late it is), in words. */
function DueText({ r }: { r: ReferralSummary }) {
  const { t, i18n } = useTranslation();
  if (r.workingDaysLeft === null) return <>—</>;
  const left = r.workingDaysLeft;
  const when = left > 0 ? t('referrals.daysLeft', { count: left }) : left === 0 ? t('referrals.dueToday') : t('referrals.daysLate', { count: -left });
  return (
    <>
      {formatDate(r.dueOn, i18n.language)} ({when})
    </>
  );
}

/** Accept, or decline with a reason, straight from the board. */
function QuickAnswer({ r, onDone }: { r: ReferralSummary; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const answer = useMutation({
    mutationFn: (status: 'accepted' | 'declined') =>
      api('POST', `/referrals/${r.id}/status`, { version: r.version, status, declineReason: reason || null, note: status === 'declined' ? note : '' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['referrals'] });
      onDone();
    },
  });
  const label = `${r.personName ?? ''} — ${r.serviceName}`;
  return (
    <div className="kp-quick-answer">
      <ErrorAlert error={answer.error} />
      <Button
        type="button"
        appearance="primary-action-button"
        disabled={answer.isPending}
        onClick={() => answer.mutate('accepted')}
        aria-label={t('referrals.acceptFor', { label })}
      >
        {t('referrals.accept')}
      </Button>
      <SelectField
        label={t('referrals.declineReasonFor', { label })}
        options={[{ value: '', label: t('referrals.declineReason') }, ...DECLINE_REASONS.map((d) => ({ value: d, label: t(`referrals.declineReasons.${d}`) }))]}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      {reason === 'other' && (
        <Field label={t('referrals.declineExplanation')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldErrors(answer.error).note} />
      )}
      <Button
        type="button"
        appearance="secondary-action-button"
        disabled={!reason || (reason === 'other' && !note.trim()) || answer.isPending}
        onClick={() => answer.mutate('declined')}
        aria-label={t('referrals.declineFor', { label })}
      >
        {t('referrals.decline')}
      </Button>
    </div>
  );
}
