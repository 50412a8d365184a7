import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Heading2, Heading3 } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { PhoneLink } from '../../components/PhoneLink';
import { SelectField } from '../../components/SelectField';
import { ApiError, api } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { Cell, Confirm } from '../families/parts';
import { type Candidate, type CareTeamMember, type CasePage, caseKeys } from './api';
import { CardMemberAdd, memberKey, NoAccountBadge, removeMemberPath } from './CardMemberAdd';
import { NotOffered, Reveal, useInvalidateCase } from './CaseParts';

/** The care team: who works with this family, with their direct line and whether their organisation may hear the case. */
export function TeamSection({ c }: { c: CasePage }) {
  const { t, i18n } = useTranslation();
  const team = c.content?.careTeam ?? [];
  const refresh = useInvalidateCase(c.id);
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (m: CareTeamMember) => api('DELETE', removeMemberPath(c.id, m)),
    onSuccess: () => {
      setRemoving(null);
      void refresh();
    },
  });
  const direct = c.abilities.direct;
  return (
    <section aria-labelledby="team">
      <Heading2 id="team">{t('cases.careTeam')}</Heading2>
      <ErrorAlert error={remove.error} />
      <DataTable
        headers={[
          t('cases.name'),
          t('cases.organisation'),
          t('cases.roleInCase'),
          t('cases.memberSince'),
          t('cases.consentColumn'),
          ...(direct ? [t('cases.actions')] : []),
        ]}
        items={team}
        rowKey={memberKey}
        empty={t('cases.teamEmpty')}
        row={(m) => (
          <>
            <Cell>
              {m.name} {!m.hasAccount && <NoAccountBadge />}
              {m.phone && (
                <span className="kp-muted kp-case-contact">
                  <PhoneLink phone={m.phone} />
                </span>
              )}
              {m.email && <span className="kp-muted kp-case-contact">{m.email}</span>}
            </Cell>
            <Cell>{m.organisationName}</Cell>
            <Cell>{m.roleInCase || '—'}</Cell>
            <Cell>{formatDate(m.since, i18n.language)}</Cell>
            <Cell>{t(`cases.consentStates.${m.consent}`)}</Cell>
            {direct && (
              <Cell>
                {m.userId && m.userId === c.director?.userId ? (
                  <span className="kp-muted">{t('cases.isDirector')}</span>
                ) : removing === memberKey(m) ? (
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
                )}
              </Cell>
            )}
          </>
        )}
      />
      {direct ? (
        <div className="kp-case-adders">
          <Reveal label={t('cases.addMember')}>{(close) => <AddMember c={c} close={close} />}</Reveal>
          <Reveal label={t('cardPicker.addToTeam')}>
            {(close) => (
              <>
                <CardMemberAdd c={c} />
                <Button appearance="secondary-action-button" onClick={close}>
                  {t('app.cancel')}
                </Button>
              </>
            )}
          </Reveal>
        </div>
      ) : (
        <NotOffered c={c} action="direct" />
      )}
    </section>
  );
}

function AddMember({ c, close }: { c: CasePage; close: () => void }) {
  const { t } = useTranslation();
  const refresh = useInvalidateCase(c.id);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [pick, setPick] = useState('');
  const [role, setRole] = useState('');
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const candidates = useQuery({
    queryKey: caseKeys.candidates(c.id, query),
    queryFn: () => api<{ items: Candidate[] }>('GET', `/cases/${c.id}/care-team/suggestions${query ? `?q=${encodeURIComponent(query)}` : ''}`),
  });
  const add = useMutation({
    mutationFn: (withoutConsent: boolean) => api('POST', `/cases/${c.id}/care-team`, { userId: pick, roleInCase: role, withoutConsent }),
    onSuccess: () => {
      close();
      void refresh();
    },
    onError: (e) => setNeedsConfirm(e instanceof ApiError && e.code === 'consent_required'),
  });
  const items = candidates.data?.items ?? [];
  const fe = fieldErrors(add.error);
  return (
    <div className="kp-subsection">
      <Heading3 id="team-add">{t('cases.addMember')}</Heading3>
      <form
        className="kp-form kp-row"
        aria-labelledby="team-add"
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
        aria-labelledby="team-add"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(false);
        }}
      >
        <SelectField
          label={query ? t('cases.searchResults') : t('cases.involvedProfessionals')}
          value={pick}
          error={fe.userId && !needsConfirm ? fe.userId : undefined}
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
          <div className="kp-row">
            <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
              {t('cases.addMemberButton')}
            </Button>
            <Button appearance="secondary-action-button" onClick={close}>
              {t('app.cancel')}
            </Button>
          </div>
        )}
      </form>
    </div>
  );
}
