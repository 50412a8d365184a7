import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError, type Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { ReferralSection } from '../referrals/ReferralPages';
import { type CasePage as CaseData, useCase } from './api';
import { NotOffered } from './CaseParts';
import { CaseSummary } from './CaseSummary';
import { CaseTabs, type TabDef } from './CaseTabs';
import { ConsentSection } from './ConsentSection';
import { EmergencySection } from './EmergencySection';
import { NoAccess } from './NoAccess';
import { PlanSection } from './PlanSection';
import { RegieSection } from './RegieSection';
import { TeamSection } from './TeamSection';
import { MeetingsSection, TimelineSection } from './TimelineSection';
import './cases.css';

/**
 * The case as a workspace: a summary head (who, phase, regie, consent per organisation, the next step) and the
 * work in tabs — team & consent, plan, referrals, meetings, timeline — with the tab in the URL. What a viewer sees
 * follows the need-to-know rule: without consent only the head; with consent for the plan only, the plan.
 */
export function CasePage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const q = useCase(id);
  if (q.isLoading) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (q.error instanceof ApiError && q.error.status === 404) return <NoAccess me={me} caseId={id} />;
  const c = q.data;
  if (!c) return <ErrorAlert error={q.error} />;
  return (
    <div className="kp-case">
      <Heading1>{t('cases.caseOf', { name: c.client.name })}</Heading1>
      {c.access.basis === 'emergency' && (
        <Alert type="warning">
          <Paragraph>{t('cases.emergencyNotice')}</Paragraph>
        </Alert>
      )}
      {c.access.level !== 'content' && (
        <Alert type="info">
          <Paragraph>
            {t(c.access.level === 'plan' ? 'cases.planOnlyNotice' : c.director ? 'cases.existenceNotice' : 'cases.existenceNoticeNoDirector')}
          </Paragraph>
        </Alert>
      )}
      {c.phase === 'afgesloten' && (
        <Alert type="info">
          <Paragraph>{t('cases.closedNotice', { reason: t(`cases.closeReasons.${c.closeReason}`), date: formatDate(c.closedAt, i18n.language) })}</Paragraph>
          {c.evaluationNote && <Paragraph>{c.evaluationNote}</Paragraph>}
        </Alert>
      )}
      <CaseSummary c={c} me={me} />
      {c.abilities.reviewEmergency && c.content?.emergency.length ? <EmergencySection c={c} /> : null}
      {c.content ? <Workspace c={c} me={me} /> : c.plan ? <PlanSection c={c} /> : null}
    </div>
  );
}

function Workspace({ c, me }: { c: CaseData; me: Me }) {
  const { t } = useTranslation();
  const tabs: TabDef[] = [
    { id: 'team', label: t('cases.tabs.team') },
    { id: 'plan', label: t('cases.tabs.plan') },
    { id: 'verwijzingen', label: t('cases.tabs.referrals') },
    { id: 'overleg', label: t('cases.tabs.meetings') },
    { id: 'tijdlijn', label: t('cases.tabs.timeline') },
  ];
  return (
    <CaseTabs label={t('cases.tabsLabel')} tabs={tabs}>
      {(tab) => {
        switch (tab) {
          case 'plan':
            return <PlanSection c={c} />;
          case 'verwijzingen':
            return (
              <>
                <ReferralSection caseId={c.id} mayRefer={c.abilities.refer} />
                <NotOffered c={c} action="refer" />
              </>
            );
          case 'overleg':
            return <MeetingsSection c={c} />;
          case 'tijdlijn':
            return <TimelineSection c={c} />;
          default:
            return (
              <div className="kp-case-columns">
                <TeamSection c={c} />
                <RegieSection c={c} me={me} />
                <ConsentSection c={c} />
              </div>
            );
        }
      }}
    </CaseTabs>
  );
}
