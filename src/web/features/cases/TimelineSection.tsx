import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { type CaseEvent, type CasePage, caseKeys } from './api';
import { NotOffered, Reveal, useInvalidateCase } from './CaseParts';

const EVENT_KINDS = ['opened', 'signal', 'phase', 'consent', 'regie', 'care_team', 'plan', 'referral', 'meeting', 'note', 'emergency'];

/** Whom a consent event names: the recipients' names (one decision for several organisations is one event). */
const recipientNames = (d: Record<string, unknown>) =>
  Array.isArray(d.recipients)
    ? (d.recipients as { name?: string }[])
        .map((r) => r.name)
        .filter(Boolean)
        .join(', ')
    : '';

/** One timeline line in words: what happened, by whom; no more than the event's own facts. */
export function describeEvent(e: CaseEvent, t: TFunction): string {
  const d = e.data as Record<string, string | boolean | number | null>;
  switch (e.kind) {
    case 'phase':
      return `${t('cases.events.phase', { from: t(`cases.phases.${d.from}`), to: t(`cases.phases.${d.to}`) })}${d.reason ? ` — ${d.reason}` : ''}${d.closeReason ? ` — ${t(`cases.closeReasons.${d.closeReason}`)}` : ''}`;
    case 'consent': {
      const names = recipientNames(e.data);
      const what = t('cases.events.consent', { decision: t(`cases.decisions.${d.decision}`), purpose: t(`cases.purposes.${d.purpose}`) });
      return names ? `${what} — ${names}` : what;
    }
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

export function EventList({ items }: { items: CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="kp-timeline">
      {items.map((e) => (
        <li key={e.id} className="kp-timeline-item">
          <strong>{formatDate(e.at, i18n.language)}</strong> — {t(`cases.eventKinds.${e.kind}`)}: {describeEvent(e, t)}
          {e.actorName && <span className="kp-muted"> ({e.actorName})</span>}
        </li>
      ))}
    </ol>
  );
}

export function TimelineSection({ c }: { c: CasePage }) {
  const { t } = useTranslation();
  const refresh = useInvalidateCase(c.id);
  const [kind, setKind] = useState('');
  const [note, setNote] = useState('');
  const filtered = useQuery({
    queryKey: caseKeys.timeline(c.id, kind),
    queryFn: () => api<{ items: CaseEvent[] }>('GET', `/cases/${c.id}/timeline?kinds=${kind}`),
    enabled: kind !== '',
  });
  const add = useMutation({
    mutationFn: () => api('POST', `/cases/${c.id}/notes`, { text: note }),
    onSuccess: () => {
      setNote('');
      void refresh();
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
      <div className="kp-case-toolbar">
        <SelectField
          label={t('cases.timelineFilter')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            setOlder([]);
          }}
          options={[{ value: '', label: t('cases.allEvents') }, ...EVENT_KINDS.map((k) => ({ value: k, label: t(`cases.eventKinds.${k}`) }))]}
        />
        {c.abilityReasons.addNote ? (
          <NotOffered c={c} action="addNote" />
        ) : (
          <Reveal label={t('cases.addNote')}>
            {(close) => (
              <form
                className="kp-form kp-case-wide-form"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  add.mutate(undefined, { onSuccess: close });
                }}
              >
                <ErrorAlert error={add.error} />
                <TextAreaField label={t('cases.note')} rows={3} value={note} error={fieldErrors(add.error).text} onChange={(e) => setNote(e.target.value)} />
                <div className="kp-row">
                  <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
                    {t('cases.addNote')}
                  </Button>
                  <Button appearance="secondary-action-button" onClick={close}>
                    {t('app.cancel')}
                  </Button>
                </div>
              </form>
            )}
          </Reveal>
        )}
      </div>
      {items && items.length === 0 && <Paragraph>{t('cases.timelineEmpty')}</Paragraph>}
      {items && <EventList items={items} />}
      {mayHaveMore && (
        <Button appearance="secondary-action-button" onClick={() => more.mutate()} disabled={more.isPending}>
          {t('cases.olderEvents')}
        </Button>
      )}
    </section>
  );
}

/** The meetings this case was on: what the timeline knows (table, date, linked anonymous discussions). */
export function MeetingsSection({ c }: { c: CasePage }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: caseKeys.timeline(c.id, 'meeting'),
    queryFn: () => api<{ items: CaseEvent[] }>('GET', `/cases/${c.id}/timeline?kinds=meeting&limit=200`),
  });
  return (
    <section aria-labelledby="meetings">
      <Heading2 id="meetings">{t('cases.meetingsTitle')}</Heading2>
      <Paragraph>{t('cases.meetingsIntro')}</Paragraph>
      <ErrorAlert error={q.error} />
      {q.data && (q.data.items.length ? <EventList items={q.data.items} /> : <Paragraph>{t('cases.meetingsEmpty')}</Paragraph>)}
    </section>
  );
}
