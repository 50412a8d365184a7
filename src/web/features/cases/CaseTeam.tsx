import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, api, type Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { Cell, Confirm } from '../families/parts';
import type { Candidate, CareTeamMember, CasePage } from './api';
import { CardMemberAdd, memberKey, NoAccountBadge, removeMemberPath } from './CardMemberAdd';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const mayDirect = (c: CasePage) => c.abilities.direct;
const open = (c: CasePage) => c.phase !== 'afgesloten';

function useInvalidate(id: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['case', id] });
}

export function CareTeamSection({ c }: { c: CasePage }) {
  const { t, i18n } = useTranslation();
  const team = c.content?.careTeam ?? [];
  const refresh = useInvalidate(c.id);
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (m: CareTeamMember) => api('DELETE', removeMemberPath(c.id, m)),
    onSuccess: () => {
      setRemoving(null);
      void refresh();
    },
  });
  return (
    <section aria-labelledby="team">
      <Heading2 id="team">{t('cases.careTeam')}</Heading2>
      <ErrorAlert error={remove.error} />
      <DataTable
        headers={[t('cases.name'), t('cases.organisation'), t('cases.roleInCase'), t('cases.memberSince'), t('cases.consentColumn'), t('cases.actions')]}
        items={team}
        rowKey={memberKey}
        empty={t('cases.teamEmpty')}
        row={(m) => (
          <>
            <Cell>
              {m.name} {!m.hasAccount && <NoAccountBadge />}
              {m.phone || m.email ? <span className="kp-muted"> — {[m.phone, m.email].filter(Boolean).join(', ')}</span> : null}
            </Cell>
            <Cell>{m.organisationName}</Cell>
            <Cell>{m.roleInCase || '—'}</Cell>
            <Cell>{formatDate(m.since, i18n.language)}</Cell>
            <Cell>{t(`cases.consentStates.${m.consent}`)}</Cell>
            <Cell>
              {open(c) && mayDirect(c) && m.userId !== c.director?.userId ? (
                removing === memberKey(m) ? (
                  <Confirm
                    question={t('cases.removeQuestion', { name: m.name })}
                    confirmLabel={t('cases.remove')}
                    onConfirm={() => remove.mutate(m)}
                    onCancel={() => setRemoving(null)}
                    busy={remove.isPending}
                  />
                ) : (
                  <Button appearance="subtle-button" onClick={() => setRemoving(memberKey(m))}>
                    {t('cases.remove')}
                  </Button>
                )
              ) : null}
            </Cell>
          </>
        )}
      />
      {open(c) && mayDirect(c) && <AddMember c={c} />}
      {open(c) && mayDirect(c) && <CardMemberAdd c={c} />}
    </section>
  );
}

function AddMember({ c }: { c: CasePage }) {
  const { t } = useTranslation();
  const refresh = useInvalidate(c.id);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [pick, setPick] = useState('');
  const [role, setRole] = useState('');
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const candidates = useQuery({
    queryKey: ['case', c.id, 'candidates', query],
    queryFn: () => api<{ items: Candidate[] }>('GET', `/cases/${c.id}/care-team/suggestions${query ? `?q=${encodeURIComponent(query)}` : ''}`),
  });
  const add = useMutation({
    mutationFn: (withoutConsent: boolean) => api('POST', `/cases/${c.id}/care-team`, { userId: pick, roleInCase: role, withoutConsent }),
    onSuccess: () => {
      setPick('');
      setRole('');
      setNeedsConfirm(false);
      void refresh();
    },
    onError: (e) => setNeedsConfirm(e instanceof ApiError && e.code === 'consent_required'),
  });
  const items = candidates.data?.items ?? [];
  return (
    <div className="kp-subsection">
      <Heading2 id="team-add" className="kp-h3">
        {t('cases.addMember')}
      </Heading2>
      <form
        className="kp-form kp-row"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(q.trim());
        }}
      >
        <Field label={t('cases.findProfessional')} hint={t('cases.findProfessionalHint')} value={q} onChange={(e) => setQ(e.target.value)} />
        <Button type="submit" appearance="secondary-action-button">
          {t('cases.search')}
        </Button>
      </form>
      <form
        className="kp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(false);
        }}
      >
        <SelectField
          label={query ? t('cases.searchResults') : t('cases.involvedProfessionals')}
          value={pick}
          error={fieldErrors(add.error).userId && !needsConfirm ? fieldErrors(add.error).userId : undefined}
          onChange={(e) => {
            setPick(e.target.value);
            setNeedsConfirm(false);
          }}
          options={[
            { value: '', label: items.length ? t('clients.choose') : t('cases.noCandidates') },
            ...items.map((x) => ({ value: x.userId, label: `${x.name} — ${x.organisationName}` })),
          ]}
        />
        <Field label={t('cases.roleInCase')} value={role} onChange={(e) => setRole(e.target.value)} />
        {!needsConfirm && <ErrorAlert error={add.error} />}
        {needsConfirm ? (
          <Confirm
            question={t('cases.consentFirst')}
            confirmLabel={t('cases.addWithoutConsent')}
            onConfirm={() => add.mutate(true)}
            onCancel={() => setNeedsConfirm(false)}
            busy={add.isPending}
          />
        ) : (
          <Button type="submit" appearance="primary-action-button" disabled={!pick || add.isPending}>
            {t('cases.addMemberButton')}
          </Button>
        )}
      </form>
    </div>
  );
}

export function RegieSection({ c, me }: { c: CasePage; me: Me }) {
  const { t, i18n } = useTranslation();
  const refresh = useInvalidate(c.id);
  const directors = c.content?.directors ?? [];
  const pending = directors.filter((d) => d.status === 'proposed');
  const process = directors.find((d) => d.kind === 'process' && d.status === 'current');
  const [form, setForm] = useState({ userId: '', kind: 'case', note: '' });
  const propose = useMutation({
    mutationFn: () => api('POST', `/cases/${c.id}/directors`, form),
    onSuccess: () => {
      setForm({ userId: '', kind: 'case', note: '' });
      void refresh();
    },
  });
  const answer = useMutation({
    mutationFn: (a: { id: string; answer: 'accept' | 'decline' | 'withdraw' }) => api('POST', `/cases/${c.id}/directors/${a.id}/${a.answer}`, {}),
    onSuccess: () => refresh(),
  });
  return (
    <section aria-labelledby="regie">
      <Heading2 id="regie">{t('cases.regie')}</Heading2>
      <ErrorAlert error={answer.error} />
      {process && <Paragraph>{t('cases.processDirectorIs', { name: process.name })}</Paragraph>}
      {pending.map((p) => (
        <Alert key={p.id} type="info">
          <Paragraph>
            {t('cases.proposalPending', { name: p.name, kind: t(`cases.directorKinds.${p.kind}`), date: formatDate(p.proposedAt, i18n.language) })}
            {p.note ? ` — ${p.note}` : ''}
          </Paragraph>
          {p.userId === me.user.id && (
            <div className="kp-row">
              <Button appearance="primary-action-button" onClick={() => answer.mutate({ id: p.id, answer: 'accept' })} disabled={answer.isPending}>
                {t('cases.acceptRegie')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => answer.mutate({ id: p.id, answer: 'decline' })} disabled={answer.isPending}>
                {t('cases.declineRegie')}
              </Button>
            </div>
          )}
          {p.userId !== me.user.id && mayDirect(c) && (
            <Button appearance="subtle-button" onClick={() => answer.mutate({ id: p.id, answer: 'withdraw' })}>
              {t('cases.withdrawProposal')}
            </Button>
          )}
        </Alert>
      ))}
      {open(c) && mayDirect(c) && (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            propose.mutate();
          }}
        >
          <ErrorAlert error={propose.error} />
          <SelectField
            label={t('cases.proposeWho')}
            value={form.userId}
            error={fieldErrors(propose.error).userId}
            onChange={(e) => setForm({ ...form, userId: e.target.value })}
            options={[
              { value: '', label: t('clients.choose') },
              // Directors are accounts: a member known only by her card is proposed once she has one.
              ...(c.content?.careTeam ?? []).flatMap((m) => (m.userId ? [{ value: m.userId, label: `${m.name} — ${m.organisationName}` }] : [])),
            ]}
          />
          {c.abilities.nameProcessDirector && (
            <SelectField
              label={t('cases.directorKind')}
              value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.target.value })}
              options={[
                { value: 'case', label: t('cases.directorKinds.case') },
                { value: 'process', label: t('cases.directorKinds.process') },
              ]}
            />
          )}
          <Field label={t('cases.proposalNote')} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
          <Button type="submit" appearance="secondary-action-button" disabled={!form.userId || propose.isPending}>
            {t('cases.propose')}
          </Button>
        </form>
      )}
      {directors.length > 0 && (
        <details>
          <summary>{t('cases.regieHistory')}</summary>
          <ul>
            {directors.map((d) => (
              <li key={d.id}>
                {d.name} — {t(`cases.directorKinds.${d.kind}`)}, {t(`cases.directorStatus.${d.status}`)} ({formatDate(d.proposedAt, i18n.language)})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

const PURPOSES = ['case_discussion', 'share_plan', 'referral'];

export function ConsentSection({ c }: { c: CasePage }) {
  const { t, i18n } = useTranslation();
  const refresh = useInvalidate(c.id);
  const household = c.content?.household ?? [];
  const orgs = [...new Map((c.content?.careTeam ?? []).map((m) => [m.organisationId, m.organisationName])).entries()];
  const blank = {
    givenByPersonId: '',
    organisations: [] as string[],
    purpose: 'case_discussion',
    purposeDetail: '',
    decision: 'given',
    validFrom: today(),
    validUntil: '',
    how: 'spoken',
    note: '',
  };
  const [form, setForm] = useState(blank);
  const [file, setFile] = useState<{ name: string; type: string; base64: string } | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: () =>
      api('POST', `/cases/${c.id}/consents`, {
        givenByPersonId: form.givenByPersonId,
        recipients: form.organisations.map((organisationId) => ({ organisationId })),
        purpose: form.purpose,
        purposeDetail: form.purposeDetail,
        decision: form.decision,
        validFrom: form.validFrom,
        validUntil: form.validUntil || null,
        how: form.how,
        note: form.note,
        form: file,
      }),
    onSuccess: () => {
      setForm(blank);
      setFile(null);
      void refresh();
    },
  });
  const confirm = useMutation({
    mutationFn: (id: string) => api('POST', `/cases/${c.id}/consents/${id}/confirm`, {}),
    onSuccess: () => void refresh(),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => api('POST', `/cases/${c.id}/consents/${id}/withdraw`, {}),
    onSuccess: () => {
      setWithdrawing(null);
      void refresh();
    },
  });
  const fe = fieldErrors(record.error);
  const latest = (c.content?.consents ?? []).filter((k) => k.isLatest);
  return (
    <section aria-labelledby="consent">
      <Heading2 id="consent">{t('cases.consent')}</Heading2>
      <ErrorAlert error={withdraw.error ?? confirm.error} />
      <DataTable
        headers={[t('cases.recipient'), t('cases.purpose'), t('cases.consentColumn'), t('cases.givenBy'), t('cases.period'), t('cases.actions')]}
        items={latest}
        rowKey={(k) => k.id}
        empty={t('cases.consentEmpty')}
        row={(k) => (
          <>
            <Cell>{k.userName ? `${k.userName} (${k.organisationName})` : k.organisationName}</Cell>
            <Cell>
              {t(`cases.purposes.${k.purpose}`)}
              {k.purposeDetail ? `: ${k.purposeDetail}` : ''}
            </Cell>
            <Cell>
              {t(`cases.consentStates.${k.currentState}`)}
              {k.pending && ` — ${t('cases.consentPending')}`} ({t(`cases.how.${k.how}`)}
              {k.hasForm && (
                <>
                  , <a href={`/api/v1/cases/${c.id}/consents/${k.id}/form`}>{t('cases.form')}</a>
                </>
              )}
              )
            </Cell>
            <Cell>{k.givenByName}</Cell>
            <Cell>
              {formatDate(k.validFrom, i18n.language)} – {k.validUntil ? formatDate(k.validUntil, i18n.language) : t('cases.untilWithdrawn')}
            </Cell>
            <Cell>
              {k.mayConfirm && (
                <Button appearance="secondary-action-button" disabled={confirm.isPending} onClick={() => confirm.mutate(k.id)}>
                  {t('cases.confirmConsent')}
                </Button>
              )}
              {k.currentState === 'given' && open(c) ? (
                withdrawing === k.id ? (
                  <Confirm
                    question={t('cases.withdrawQuestion')}
                    confirmLabel={t('cases.withdraw')}
                    onConfirm={() => withdraw.mutate(k.id)}
                    onCancel={() => setWithdrawing(null)}
                    busy={withdraw.isPending}
                  />
                ) : (
                  <Button appearance="subtle-button" onClick={() => setWithdrawing(k.id)}>
                    {t('cases.withdraw')}
                  </Button>
                )
              ) : null}
            </Cell>
          </>
        )}
      />
      {open(c) && (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate();
          }}
        >
          <Heading2 className="kp-h3">{t('cases.recordConsent')}</Heading2>
          <ErrorAlert error={record.error} />
          <SelectField
            label={t('cases.givenBy')}
            value={form.givenByPersonId}
            error={fe.givenByPersonId}
            onChange={(e) => setForm({ ...form, givenByPersonId: e.target.value })}
            options={[
              { value: '', label: t('clients.choose') },
              ...household.map((p) => ({ value: p.id, label: `${p.name} (${t(`householdRoles.${p.role}`)})` })),
            ]}
          />
          <CheckboxGroup
            legend={t('cases.recipients')}
            options={orgs.map(([id, name]) => ({ value: id, label: name }))}
            value={form.organisations}
            error={fe.recipients}
            onChange={(v) => setForm({ ...form, organisations: v })}
          />
          <SelectField
            label={t('cases.purpose')}
            value={form.purpose}
            onChange={(e) => setForm({ ...form, purpose: e.target.value })}
            options={PURPOSES.map((p) => ({ value: p, label: t(`cases.purposes.${p}`) }))}
          />
          {form.purpose === 'referral' && (
            <Field
              label={t('cases.purposeDetail')}
              value={form.purposeDetail}
              error={fe.purposeDetail}
              onChange={(e) => setForm({ ...form, purposeDetail: e.target.value })}
            />
          )}
          <SelectField
            label={t('cases.decision')}
            value={form.decision}
            onChange={(e) => setForm({ ...form, decision: e.target.value })}
            options={[
              { value: 'given', label: t('cases.decisions.given') },
              { value: 'refused', label: t('cases.decisions.refused') },
            ]}
          />
          <div className="kp-row">
            <Field
              label={t('cases.validFrom')}
              type="date"
              value={form.validFrom}
              error={fe.validFrom}
              onChange={(e) => setForm({ ...form, validFrom: e.target.value })}
            />
            <Field
              label={t('cases.validUntil')}
              hint={t('cases.validUntilHint')}
              type="date"
              value={form.validUntil}
              error={fe.validUntil}
              onChange={(e) => setForm({ ...form, validUntil: e.target.value })}
            />
          </div>
          <SelectField
            label={t('cases.howLabel')}
            value={form.how}
            error={fe.how}
            onChange={(e) => setForm({ ...form, how: e.target.value })}
            options={[
              { value: 'spoken', label: t('cases.how.spoken') },
              { value: 'written', label: t('cases.how.written') },
            ]}
          />
          {form.how === 'written' && (
            <Field
              label={t('cases.uploadForm')}
              hint={t('cases.uploadFormHint')}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              error={fe.form ?? fe.base64}
              onChange={(e) => {
                const f = (e.target as HTMLInputElement).files?.[0];
                if (!f) return setFile(null);
                const reader = new FileReader();
                reader.onload = () => setFile({ name: f.name, type: f.type, base64: String(reader.result).split(',')[1] ?? '' });
                reader.readAsDataURL(f);
              }}
            />
          )}
          <TextAreaField label={t('cases.consentNote')} rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
          <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
            {t('cases.recordConsentButton')}
          </Button>
        </form>
      )}
    </section>
  );
}
