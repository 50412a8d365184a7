import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { PhoneLink } from '../../components/PhoneLink';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { api, type Me } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { type Candidate, type Contact, formatDate, type MyMatch, type Notification, personName, type Registration, useNotificationList } from './api';
import { Cell, Confirm } from './parts';

function ContactLine({ c }: { c: Contact }) {
  return (
    <>
      <strong>{c.name}</strong>
      {c.jobTitle ? `, ${c.jobTitle}` : ''} — {c.organisationName}
      <br />
      {c.phone && (
        <>
          <PhoneLink phone={c.phone} />{' '}
        </>
      )}
      <a className="utrecht-link" href={`mailto:${c.email}`}>
        {c.email}
      </a>
    </>
  );
}

function FollowUp({ m, me }: { m: MyMatch; me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [central, setCentral] = useState('');
  const save = useMutation({
    mutationFn: () => api('POST', `/matches/${m.id}/follow-up`, { version: m.version, centralContactUserId: central || undefined }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['matches'] }),
  });
  return (
    <form
      className="kp-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <ErrorAlert error={save.error} />
      <SelectField
        label={t('matches.centralContact')}
        error={fieldErrors(save.error).centralContactUserId}
        value={central}
        onChange={(e) => setCentral(e.target.value)}
        options={[
          { value: '', label: t('clients.choose') },
          { value: me.user.id, label: t('matches.me') },
          { value: m.other.userId, label: m.other.name },
        ]}
      />
      <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
        {t('matches.markFollowedUp')}
      </Button>
    </form>
  );
}

export function MatchesPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({ queryKey: ['matches'], queryFn: () => api<{ items: MyMatch[] }>('GET', '/matches') });
  const coordinator = me.abilities.coordinate;
  const unfollowed = useQuery({
    queryKey: ['matches', 'unfollowed'],
    queryFn: () => api<{ items: { id: string; createdAt: string; professionals: Contact[] }[] }>('GET', '/matches/unfollowed'),
    enabled: coordinator,
  });
  return (
    <>
      <Heading1>{t('matches.title')}</Heading1>
      <Paragraph>{t('matches.intro')}</Paragraph>
      {list.data && list.data.items.length === 0 && <Paragraph>{t('matches.none')}</Paragraph>}
      {list.data?.items.map((m) => (
        <article key={m.id} className="kp-matchcard" aria-labelledby={`m-${m.id}`}>
          <Heading2 id={`m-${m.id}`}>{m.person ? <RouterLink to={`/clienten/${m.person.id}`}>{personName(m.person)}</RouterLink> : '—'}</Heading2>
          <Paragraph>
            {t(m.samePerson ? 'matches.samePerson' : 'matches.sameHousehold')} · {formatDate(m.createdAt, i18n.language)}
          </Paragraph>
          <Paragraph>
            <ContactLine c={m.other} />
          </Paragraph>
          {m.followedUpAt ? (
            <Paragraph>
              {t('matches.followedUp', {
                date: formatDate(m.followedUpAt, i18n.language),
                name: m.centralContactUserId === me.user.id ? t('matches.me') : m.other.name,
              })}
            </Paragraph>
          ) : (
            <FollowUp m={m} me={me} />
          )}
        </article>
      ))}
      {coordinator && (
        <section aria-labelledby="unfollowed">
          <Heading2 id="unfollowed">{t('matches.unfollowedTitle')}</Heading2>
          <DataTable
            headers={[t('signals.date'), t('matches.professionals')]}
            items={unfollowed.data?.items}
            rowKey={(m) => m.id}
            empty={t('matches.unfollowedNone')}
            row={(m) => (
              <>
                <Cell>{formatDate(m.createdAt, i18n.language)}</Cell>
                <Cell>
                  {m.professionals.map((p) => (
                    <Paragraph key={p.userId}>
                      <ContactLine c={p} />
                    </Paragraph>
                  ))}
                </Cell>
              </>
            )}
          />
        </section>
      )}
    </>
  );
}

/** The informing letter, in Dutch or English, printable; then record that and how the family was informed. */
export function InformPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const [lang, setLang] = useState<'nl' | 'en'>(i18n.language === 'en' ? 'en' : 'nl');
  const letter = useQuery({
    queryKey: ['letter', id, lang],
    queryFn: () =>
      api<{ recipients: string[]; subject: string; body: string; registration: Registration }>('GET', `/involvements/${id}/informing-letter?lang=${lang}`),
  });
  const [form, setForm] = useState({ informedOn: new Date().toISOString().slice(0, 10), how: 'letter' });
  const [whom, setWhom] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: () => api<Registration>('POST', `/involvements/${id}/informed`, { ...form, whom: whom ?? letter.data?.recipients ?? [] }),
    onSuccess: () => qc.invalidateQueries(),
  });
  if (!letter.data) return <Paragraph>{letter.isLoading ? t('app.loading') : t('errors.not_found')}</Paragraph>;
  const reg = letter.data.registration;
  return (
    <>
      <Heading1>{t('registrations.informTitle')}</Heading1>
      <Paragraph>{t('registrations.informIntro', { whom: letter.data.recipients.map((r) => t(`registrations.whom.${r}`)).join(', ') })}</Paragraph>
      <SelectField
        label={t('registrations.letterLanguage')}
        value={lang}
        onChange={(e) => setLang(e.target.value as 'nl' | 'en')}
        options={[
          { value: 'nl', label: 'Nederlands' },
          { value: 'en', label: 'English' },
        ]}
      />
      <article className="kp-letter" lang={lang} aria-label={letter.data.subject}>
        <Heading2>{letter.data.subject}</Heading2>
        <pre className="kp-letter-body">{letter.data.body}</pre>
      </article>
      <Button appearance="secondary-action-button" onClick={() => window.print()}>
        {t('registrations.print')}
      </Button>
      <Heading2>{t('registrations.recordInformed')}</Heading2>
      {reg.informedAt && <Paragraph role="status">{t('registrations.informedOn', { date: formatDate(reg.informedAt, i18n.language) })}</Paragraph>}
      <form
        className="kp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorAlert error={save.error} />
        <Field
          label={t('registrations.informedDate')}
          type="date"
          value={form.informedOn}
          error={fieldErrors(save.error).informedOn}
          onChange={(e) => setForm({ ...form, informedOn: e.target.value })}
        />
        <CheckboxGroup
          legend={t('registrations.whomLegend')}
          options={['parents', 'young_person'].map((w) => ({ value: w, label: t(`registrations.whom.${w}`) }))}
          value={whom ?? letter.data.recipients}
          onChange={setWhom}
        />
        <SelectField
          label={t('registrations.how')}
          value={form.how}
          onChange={(e) => setForm({ ...form, how: e.target.value })}
          options={['letter', 'email', 'in_person'].map((h) => ({ value: h, label: t(`registrations.howOptions.${h}`) }))}
        />
        <Paragraph>{t('registrations.notConsent')}</Paragraph>
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('registrations.recordInformed')}
        </Button>
        {save.isSuccess && <Paragraph role="status">{t('app.saved')}</Paragraph>}
      </form>
    </>
  );
}

/** The coordinator's review of possible duplicate records, with a confirmed merge. */
export function DuplicatesPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  type Pair = { a: Candidate & { householdRole: string }; b: Candidate & { householdRole: string }; reason: 'same_date_of_birth' | 'same_due_date' };
  const list = useQuery({ queryKey: ['duplicates'], queryFn: () => api<{ items: Pair[] }>('GET', '/persons/duplicates') });
  const [confirming, setConfirming] = useState<string | null>(null);
  const merge = useMutation({
    mutationFn: (p: Pair) => api<{ id: string }>('POST', `/persons/${p.a.id}/merge`, { mergeId: p.b.id }),
    onSuccess: async (r) => {
      await qc.invalidateQueries();
      navigate(`/clienten/${r.id}`);
    },
  });
  // Say which date made the pair, and whose role: "born" and "due" are different facts.
  const line = (c: Pair['a']) =>
    [
      `${personName(c)} (${t(`householdRoles.${c.householdRole}`)})`,
      c.dateOfBirth ? t('duplicates.born', { date: formatDate(c.dateOfBirth, i18n.language) }) : null,
      c.dueDate ? t('duplicates.due', { date: formatDate(c.dueDate, i18n.language) }) : null,
      c.postcode,
    ]
      .filter(Boolean)
      .join(', ');
  return (
    <>
      <Heading1>{t('duplicates.title')}</Heading1>
      <Paragraph>{t('duplicates.intro')}</Paragraph>
      <ErrorAlert error={merge.error} />
      <DataTable
        headers={[t('duplicates.keep'), t('duplicates.merge'), t('duplicates.why'), t('registrations.actions')]}
        items={list.data?.items}
        rowKey={(p) => `${p.a.id}-${p.b.id}`}
        empty={t('duplicates.none')}
        row={(p) => (
          <>
            <Cell>
              <RouterLink to={`/clienten/${p.a.id}`}>{line(p.a)}</RouterLink>
            </Cell>
            <Cell>
              <RouterLink to={`/clienten/${p.b.id}`}>{line(p.b)}</RouterLink>
            </Cell>
            <Cell>{t(`duplicates.reason.${p.reason}`)}</Cell>
            <Cell>
              {confirming === p.b.id ? (
                <Confirm
                  question={t('duplicates.question')}
                  confirmLabel={t('duplicates.mergeButton')}
                  onConfirm={() => merge.mutate(p)}
                  onCancel={() => setConfirming(null)}
                  busy={merge.isPending}
                />
              ) : (
                <Button appearance="secondary-action-button" onClick={() => setConfirming(p.b.id)}>
                  {t('duplicates.mergeButton')}
                </Button>
              )}
            </Cell>
          </>
        )}
      />
    </>
  );
}

/** Who caused it, what it is about, and the client where the server allowed her name; in the app only. */
function NotificationContext({ n }: { n: Notification }) {
  const { t, i18n } = useTranslation();
  const c = n.context;
  const parts = [
    c.client && t('notifications.context.client', { name: c.client }),
    c.subject && (c.at ? t('notifications.context.subjectAt', { subject: c.subject, at: formatDateTime(c.at, i18n.language) }) : c.subject),
    c.sender && (c.senderOrganisation ? t('notifications.context.senderAt', { name: c.sender, organisation: c.senderOrganisation }) : c.sender),
    !c.sender && c.senderOrganisation,
  ].filter(Boolean);
  if (!parts.length) return null;
  return <div className="kp-muted">{parts.join(' · ')}</div>;
}

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useNotificationList();
  const read = useMutation({
    mutationFn: (id: string) => api('POST', `/notifications/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const readAll = useMutation({
    mutationFn: () => api('POST', '/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <>
      <Heading1>{t('notifications.title')}</Heading1>
      {(list.data?.unread ?? 0) > 0 && (
        <Button appearance="secondary-action-button" onClick={() => readAll.mutate()}>
          {t('notifications.readAll')}
        </Button>
      )}
      <DataTable
        headers={[t('signals.date'), t('notifications.what'), t('registrations.status')]}
        items={list.data?.items}
        rowKey={(n) => n.id}
        empty={t('notifications.none')}
        row={(n) => (
          <>
            <Cell>{formatDate(n.createdAt, i18n.language)}</Cell>
            <Cell>
              <RouterLink
                to={
                  n.referralId
                    ? `/verwijzingen/${n.referralId}`
                    : n.meetingId
                      ? `/overleg/${n.meetingId}`
                      : n.caseId
                        ? `/casussen/${n.caseId}`
                        : n.matchId
                          ? '/matches'
                          : n.signalId
                            ? `/signalen/${n.signalId}`
                            : n.kind === 'agreement_review'
                              ? '/evaluatie/afspraken'
                              : '/meldingen'
                }
                onClick={() => !n.readAt && read.mutate(n.id)}
              >
                {t(`notifications.kinds.${n.kind}`)}
              </RouterLink>
              <NotificationContext n={n} />
            </Cell>
            <Cell>{n.readAt ? t('notifications.read') : <strong>{t('notifications.unread')}</strong>}</Cell>
          </>
        )}
      />
    </>
  );
}
