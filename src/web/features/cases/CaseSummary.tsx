import { DataList, DataListItem, DataListKey, DataListValue, StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { PhoneLink } from '../../components/PhoneLink';
import { RouterLink } from '../../components/RouterLink';
import type { Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import type { CasePage, ConsentState } from './api';
import { NotOffered, Reveal } from './CaseParts';
import { consentByOrganisation, nextStep } from './case-summary';
import { PhaseForm } from './PhaseForm';

const BADGE: Record<ConsentState, string> = { given: 'safe', refused: 'danger', withdrawn: 'danger', expired: 'neutral', none: 'neutral' };

/** The head of the workspace: who, which phase, who holds regie, consent per organisation, and the next step. */
export function CaseSummary({ c, me }: { c: CasePage; me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const household = c.content?.household ?? [];
  const consents = consentByOrganisation(c);
  const next = nextStep(c, me, t);
  const d = c.director;
  return (
    <section aria-labelledby="case-summary" className="kp-case-summary">
      <h2 id="case-summary" className="kp-case-visually-hidden">
        {t('cases.summary')}
      </h2>
      <DataList className="kp-case-facts">
        <DataListItem>
          <DataListKey>{t('cases.clients')}</DataListKey>
          <DataListValue>
            {household.length
              ? household.map((p) => (
                  <span key={p.id} className="kp-case-person">
                    {p.name} <span className="kp-muted">({t(`householdRoles.${p.role}`)})</span>
                  </span>
                ))
              : c.client.name}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.phase')}</DataListKey>
          <DataListValue>
            <StatusBadge status={c.phase === 'afgesloten' ? 'inactive' : 'active'}>{t(`cases.phases.${c.phase}`)}</StatusBadge>{' '}
            <span className="kp-muted">{t('cases.since', { date: formatDate(c.phaseChangedAt, lang) })}</span>
            {c.allowedTransitions.length > 0 ? (
              <div className="kp-case-inline-action">
                <Reveal label={t('cases.changePhase')}>{(close) => <PhaseForm c={c} close={close} />}</Reveal>
              </div>
            ) : c.content ? (
              <NotOffered c={c} action="changePhase" />
            ) : null}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.director')}</DataListKey>
          <DataListValue>
            {d ? (
              <>
                <strong>{d.name}</strong>
                {[d.jobTitle, d.organisationName].filter(Boolean).length > 0 && `, ${[d.jobTitle, d.organisationName].filter(Boolean).join(', ')}`}
                <br />
                {d.phone && <PhoneLink phone={d.phone} />}
                {d.phone && d.email && ' · '}
                {d.email}
              </>
            ) : (
              <>
                {t('cases.noDirector')}
                {c.withoutDirectorSince && ` ${t('cases.since', { date: formatDate(c.withoutDirectorSince, lang) })}`}
              </>
            )}
          </DataListValue>
        </DataListItem>
        {c.content && (
          <DataListItem>
            <DataListKey>{t('cases.consentPerOrganisation')}</DataListKey>
            <DataListValue>
              {consents.length === 0 ? (
                t('cases.consentEmpty')
              ) : (
                <ul className="kp-case-badges">
                  {consents.map((k) => (
                    <li key={k.id}>
                      <StatusBadge status={k.pending ? 'neutral' : BADGE[k.state]}>
                        {k.name}: {k.pending ? t('cases.consentStates.pending') : t(`cases.consentStates.${k.state}`)}
                      </StatusBadge>
                    </li>
                  ))}
                </ul>
              )}
            </DataListValue>
          </DataListItem>
        )}
        <DataListItem>
          <DataListKey>{t('cases.opened')}</DataListKey>
          <DataListValue>{formatDate(c.createdAt, lang)}</DataListValue>
        </DataListItem>
        {next && (
          <DataListItem>
            <DataListKey>{t('cases.nextStep')}</DataListKey>
            <DataListValue>
              <RouterLink to={`?tab=${next.tab}`}>{next.text}</RouterLink>
            </DataListValue>
          </DataListItem>
        )}
      </DataList>
    </section>
  );
}
