import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, api, type Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { ReferralSection } from '../referrals/ReferralPages';
import { type CasePage as CaseData, type CaseEvent, useCase } from './api';
import { CareTeamSection, ConsentSection, RegieSection } from './CaseTeam';
import { PlanSection } from './PlanPages';

const CLOSE_REASONS = ['goals_reached', 'moved_away', 'client_declined', 'transferred', 'other'];
const EVENT_KINDS = ['opened', 'signal', 'phase', 'consent', 'regie', 'care_team', 'plan', 'referral', 'meeting', 'note', 'emergency'];

export function CasePage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const q = useCase(id);
  if (q.isLoading) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (q.error instanceof ApiError && q.error.status === 404) return <NoAccess me={me} caseId={id} />;
  const c = q.data;
  if (!c) return <ErrorAlert error={q.error} />;
  const closed = c.phase === 'afgesloten';
  return (
    <>
      <Heading1>{t('cases.caseOf', { name: c.client.name })}</Heading1>
      {c.access.basis === 'emergency' && (
        <Alert type="warning">
          <Paragraph>{t('cases.emergencyNotice')}</Paragraph>
        </Alert>
      )}
      {c.access.level !== 'content' && (
        <Alert type="info">
          <Paragraph>{t(c.access.level === 'plan' ? 'cases.planOnlyNotice' : 'cases.existenceNotice')}</Paragraph>
        </Alert>
      )}
      {closed && (
        <Alert type="info">
          <Paragraph>{t('cases.closedNotice', { reason: t(`cases.closeReasons.${c.closeReason}`), date: formatDate(c.closedAt, i18n.language) })}</Paragraph>
          {c.evaluationNote && <Paragraph>{c.evaluationNote}</Paragraph>}
        </Alert>
      )}
      <DataList className="kp-datalist">
        <DataListItem>
          <DataListKey>{t('cases.phase')}</DataListKey>
          <DataListValue>
            {t(`cases.phases.${c.phase}`)} ({t('cases.since', { date: formatDate(c.phaseChangedAt, i18n.language) })})
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.director')}</DataListKey>
          <DataListValue>
            {c.director
              ? `${c.director.name}, ${[c.director.jobTitle, c.director.organisationName].filter(Boolean).join(', ')} — ${c.director.phone ?? ''} ${c.director.email}`
              : `${t('cases.noDirector')}${c.withoutDirectorSince ? ` ${t('cases.since', { date: formatDate(c.withoutDirectorSince, i18n.language) })}` : ''}`}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.opened')}</DataListKey>
          <DataListValue>{formatDate(c.createdAt, i18n.language)}</DataListValue>
        </DataListItem>
      </DataList>
      {c.content && <PhaseSection c={c} />}
      {c.content && <CareTeamSection c={c} />}
      {c.content && <RegieSection c={c} me={me} />}
      {c.content && <ConsentSection c={c} />}
      {c.plan && <PlanSection c={c} />}
      {c.content && <ReferralSection caseId={c.id} mayRefer={c.abilities.refer} />}
      {c.content && <TimelineSection c={c} />}
      {c.content && c.abilities.reviewEmergency && c.content.emergency.length > 0 && <EmergencySection c={c} />}
    </>
  );
}

function PhaseSection({ c }: { c: CaseData }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({ to: '', reason: '', closeReason: '', evaluationNote: '' });
  const change = useMutation({
    mutationFn: () =>
      api('POST', `/cases/${c.id}/phase`, {
        version: c.version,
        to: form.to,
        reason: form.reason,
        closeReason: form.closeReason || null,
        evaluationNote: form.evaluationNote,
      }),
    onSuccess: () => {
      setForm({ to: '', reason: '', closeReason: '', evaluationNote: '' });
      void qc.invalidateQueries({ queryKey: ['case', c.id] });
    },
  });
  if (!c.allowedTransitions.length) return null;
  const fe = fieldErrors(change.error);
  const closing = form.to === 'afgesloten';
  return (
    <section aria-labelledby="phase">
      <Heading2 id="phase">{t('cases.changePhase')}</Heading2>
      <ErrorAlert error={change.error} />
      <form
        className="kp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <SelectField
          label={t('cases.newPhase')}
          value={form.to}
          error={fe.to}
          onChange={(e) => setForm({ ...form, to: e.target.value })}
          options={[{ value: '', label: t('clients.choose') }, ...c.allowedTransitions.map((p) => ({ value: p, label: t(`cases.phases.${p}`) }))]}
        />
        {closing ? (
          <>
            <SelectField
              label={t('cases.closeReason')}
              value={form.closeReason}
              error={fe.closeReason}
              onChange={(e) => setForm({ ...form, closeReason: e.target.value })}
              options={[{ value: '', label: t('clients.choose') }, ...CLOSE_REASONS.map((r) => ({ value: r, label: t(`cases.closeReasons.${r}`) }))]}
            />
            <TextAreaField
              label={t('cases.evaluationNote')}
              rows={3}
              value={form.evaluationNote}
              error={fe.evaluationNote}
              onChange={(e) => setForm({ ...form, evaluationNote: e.target.value })}
            />
          </>
        ) : (
          <TextAreaField
            label={t('cases.phaseReason')}
            hint={t('cases.phaseReasonHint')}
            rows={2}
            value={form.reason}
            error={fe.reason}
            onChange={(e) => setForm({ ...form, reason: e.target.value })}
          />
        )}
        <Button type="submit" appearance="primary-action-button" disabled={change.isPending || !form.to}>
          {t('cases.changePhaseButton')}
        </Button>
      </form>
    </section>
  );
}

/** One timeline line in words: what happened, by whom; no more than the event's own facts. */
export function describeEvent(e: CaseEvent, t: TFunction): string {
  const d = e.data as Record<string, string | boolean | number | null>;
  switch (e.kind) {
    case 'phase':
      return `${t('cases.events.phase', { from: t(`cases.phases.${d.from}`), to: t(`cases.phases.${d.to}`) })}${d.reason ? ` — ${d.reason}` : ''}${d.closeReason ? ` — ${t(`cases.closeReasons.${d.closeReason}`)}` : ''}`;
    case 'consent':
      return t('cases.events.consent', { decision: t(`cases.decisions.${d.decision}`), purpose: t(`cases.purposes.${d.purpose}`) });
    case 'regie':
      return t(`cases.events.regie_${d.action}`, { name: d.name ?? '', kind: t(`cases.directorKinds.${d.kind ?? 'case'}`), table: d.tableName ?? '' });
    case 'care_team':
      return d.added ? t('cases.events.teamAdded', { name: d.name }) : t('cases.events.teamRemoved');
    case 'plan':
      return t(`cases.events.plan_${d.action}`, { number: d.number, count: d.count ?? 0, table: d.tableName ?? '' });
    case 'signal':
      return [t('cases.events.signal'), d.vulnerabilityLevel && t(`vulnerability.${d.vulnerabilityLevel}`), d.decision && t(`decisions.${d.decision}`)]
        .filter(Boolean)
        .join(' — ');
    case 'referral':
      return d.escalated
        ? t('cases.events.referralEscalated', { service: d.serviceName })
        : t('cases.events.referral', { service: d.serviceName, status: t(`referrals.statuses.${d.status}`) });
    case 'meeting':
      return t(`cases.events.meeting_${d.action}`, { table: d.tableName, pseudonym: d.pseudonym ?? '' });
    case 'note':
      return String(d.text ?? '');
    case 'emergency':
      return d.review ? t('cases.events.emergencyReviewed', { review: t(`cases.reviews.${d.review}`) }) : t('cases.events.emergency', { reason: d.reason });
    default:
      return t(`cases.events.${e.kind}`);
  }
}

function TimelineSection({ c }: { c: CaseData }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState('');
  const [note, setNote] = useState('');
  const filtered = useQuery({
    queryKey: ['case', c.id, 'timeline', kind],
    queryFn: () => api<{ items: CaseEvent[] }>('GET', `/cases/${c.id}/timeline?kinds=${kind}`),
    enabled: kind !== '',
  });
  const add = useMutation({
    mutationFn: () => api('POST', `/cases/${c.id}/notes`, { text: note }),
    onSuccess: () => {
      setNote('');
      void qc.invalidateQueries({ queryKey: ['case', c.id] });
    },
  });
  const [older, setOlder] = useState<CaseEvent[]>([]);
  const first = kind ? filtered.data?.items : c.content?.timeline;
  const items = first && [...first, ...older];
  const more = useMutation({
    mutationFn: () =>
      api<{ items: CaseEvent[] }>('GET', `/cases/${c.id}/timeline?before=${encodeURIComponent(items?.at(-1)?.at ?? '')}${kind ? `&kinds=${kind}` : ''}`),
    onSuccess: (r) => setOlder([...older, ...r.items]),
  });
  const mayHaveMore = (first?.length ?? 0) >= 50 && (older.length === 0 || older.length % 50 === 0) && !(more.data && more.data.items.length < 50);
  return (
    <section aria-labelledby="timeline">
      <Heading2 id="timeline">{t('cases.timeline')}</Heading2>
      <SelectField
        label={t('cases.timelineFilter')}
        value={kind}
        onChange={(e) => {
          setKind(e.target.value);
          setOlder([]);
        }}
        options={[{ value: '', label: t('cases.allEvents') }, ...EVENT_KINDS.map((k) => ({ value: k, label: t(`cases.eventKinds.${k}`) }))]}
      />
      {items && items.length === 0 && <Paragraph>{t('cases.timelineEmpty')}</Paragraph>}
      <ol className="kp-timeline">
        {items?.map((e) => (
          <li key={e.id} className="kp-timeline-item">
            <strong>{formatDate(e.at, i18n.language)}</strong> — {t(`cases.eventKinds.${e.kind}`)}: {describeEvent(e, t)}
            {e.actorName && ` (${e.actorName})`}
          </li>
        ))}
      </ol>
      {mayHaveMore && (
        <Button appearance="secondary-action-button" onClick={() => more.mutate()} disabled={more.isPending}>
          {t('cases.olderEvents')}
        </Button>
      )}
      {c.phase !== 'afgesloten' && (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <ErrorAlert error={add.error} />
          <TextAreaField label={t('cases.note')} rows={2} value={note} error={fieldErrors(add.error).text} onChange={(e) => setNote(e.target.value)} />
          <Button type="submit" appearance="secondary-action-button" disabled={add.isPending || !note.trim()}>
            {t('cases.addNote')}
          </Button>
        </form>
      )}
    </section>
  );
}

function EmergencySection({ c }: { c: CaseData }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const review = useMutation({
    mutationFn: (r: { id: string; review: 'approved' | 'improper' }) => api('POST', `/cases/${c.id}/emergency-access/${r.id}/review`, { review: r.review }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['case', c.id] }),
  });
  return (
    <section aria-labelledby="emergency">
      <Heading2 id="emergency">{t('cases.emergencyTitle')}</Heading2>
      <ErrorAlert error={review.error} />
      <ul>
        {c.content?.emergency.map((g) => (
          <li key={g.id}>
            {g.name} ({g.organisationName ?? ''}), {formatDate(g.grantedAt, i18n.language)}: {g.reason} —{' '}
            {g.review ? (
              t(`cases.reviews.${g.review}`)
            ) : (
              <>
                <Button appearance="secondary-action-button" onClick={() => review.mutate({ id: g.id, review: 'approved' })}>
                  {t('cases.approve')}
                </Button>{' '}
                <Button appearance="secondary-action-button" onClick={() => review.mutate({ id: g.id, review: 'improper' })}>
                  {t('cases.markImproper')}
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What someone without access sees: not found, and (for professionals and admins) emergency access with a reason. */
function NoAccess({ me, caseId }: { me: Me; caseId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const glass = useMutation({
    mutationFn: () => api('POST', `/cases/${caseId}/emergency-access`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['case', caseId] }),
  });
  const may = me.abilities.breakGlass;
  return (
    <>
      <Heading1>{t('cases.notFoundTitle')}</Heading1>
      <Paragraph>{t('cases.notFoundText')}</Paragraph>
      {may && !open && (
        <Button appearance="secondary-action-button" onClick={() => setOpen(true)}>
          {t('cases.breakGlass')}
        </Button>
      )}
      {may && open && (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            glass.mutate();
          }}
        >
          <Alert type="warning">
            <Paragraph>{t('cases.breakGlassWarning')}</Paragraph>
          </Alert>
          <ErrorAlert error={glass.error} />
          <TextAreaField
            label={t('cases.breakGlassReason')}
            rows={3}
            value={reason}
            error={fieldErrors(glass.error).reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="kp-row">
            <Button type="submit" appearance="primary-action-button" disabled={glass.isPending}>
              {t('cases.breakGlassConfirm')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setOpen(false)}>
              {t('app.cancel')}
            </Button>
          </div>
        </form>
      )}
      <Paragraph>
        <RouterLink to="/casussen">{t('cases.mineTitle')}</RouterLink>
      </Paragraph>
    </>
  );
}
