import { Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { adoptionRecord } from '../../../domain/family-plan';
import { RouterLink } from '../../components/RouterLink';
import { formatDate } from '../../lib/dates';
import { type CasePage, type PlanContent, type PlanVersion, useCase, usePlanVersion } from './api';
import { PlanEditor } from './PlanEditor';
import './cases.css';

/** One plan version: an editor for the draft (for whoever directs the case), a read-only page otherwise. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '', number = '0' } = useParams();
  const c = useCase(id);
  const plan = usePlanVersion(id, Number(number));
  if (c.isLoading || plan.isLoading) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (!c.data || !plan.data) return <Heading1>{t('errors.not_found')}</Heading1>;
  return plan.data.status === 'draft' && c.data.abilities.direct ? <PlanEditor c={c.data} plan={plan.data} /> : <PlanView c={c.data} plan={plan.data} />;
}

/**
 * How a version came about, in the same words as the PDF (domain adoptionRecord): adopted with the parents, or —
 * for versions from before ADR 016 — honestly without their agreement; a draft is a draft.
 */
export function AdoptionNote({ plan }: { plan: Pick<PlanVersion, 'status' | 'adoptedAt' | 'parentsAgreed' | 'parentsPresent'> }) {
  const { t, i18n } = useTranslation();
  if (plan.status !== 'adopted') return <Paragraph>{t('cases.draftNote')}</Paragraph>;
  return (
    <Paragraph>
      {t('cases.adoptedOnLong', { date: formatDate(plan.adoptedAt, i18n.language) })} {t(`cases.adoptionRecord.${adoptionRecord(plan)}`)}
    </Paragraph>
  );
}

export function PdfLinks({ c, plan }: { c: CasePage; plan: PlanVersion }) {
  const { t } = useTranslation();
  return (
    <Paragraph className="kp-row">
      <a className="utrecht-link" href={`/api/v1/cases/${c.id}/plans/${plan.number}/pdf?lang=nl`}>
        {t('cases.pdfNl')}
      </a>
      <a className="utrecht-link" href={`/api/v1/cases/${c.id}/plans/${plan.number}/pdf?lang=en`} hrefLang="en">
        {t('cases.pdfEn')}
      </a>
    </Paragraph>
  );
}

function ownerName(c: CasePage, content: PlanContent, a: PlanContent['actions'][number]) {
  if (a.ownerKind === 'family')
    return c.content?.household.find((p) => p.id === a.ownerPersonId)?.name ?? content.members.find((m) => m.personId === a.ownerPersonId)?.name ?? '';
  return c.content?.careTeam.find((m) => m.userId === a.ownerUserId)?.name ?? content.professionals.find((p) => p.userId === a.ownerUserId)?.name ?? '';
}

/** The content of one version, for reading: headings per part, the text in a readable measure. */
export function PlanContentView({ c, content, level = 2 }: { c: CasePage; content: PlanContent; level?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const H = level === 3 ? Heading3 : Heading2;
  const list = (items: [key: string, text: string][]) =>
    items.length ? (
      <ul>
        {items.map(([key, x]) => (
          <li key={key}>{x}</li>
        ))}
      </ul>
    ) : (
      <Paragraph>—</Paragraph>
    );
  const text = (s: string) => <Paragraph className="kp-plan-text">{s || '—'}</Paragraph>;
  const part = (title: string, body: ReactNode, wide = false) => (
    <div className={wide ? 'kp-plan-part kp-plan-part--wide' : 'kp-plan-part'}>
      <H>{title}</H>
      {body}
    </div>
  );
  return (
    <div className="kp-plan-read">
      {part(
        t('cases.goals'),
        list(
          content.goals.map((g) => [g.id, `${t(`directory.lifeDomains.${g.lifeDomain}`)}: ${g.text} (${t(`cases.attainment.${g.attainment ?? 'not_yet'}`)})`]),
        ),
        true,
      )}
      {part(
        t('cases.planActions'),
        list(
          content.actions.map((a) => [
            a.id,
            `${a.what} — ${ownerName(c, content, a)}${a.dueDate ? `, ${t('cases.dueOn', { date: formatDate(a.dueDate, i18n.language) })}` : ''} (${t(`cases.actionStatuses.${a.status}`)})`,
          ]),
        ),
        true,
      )}
      {part(t('cases.strengths'), text(content.strengths))}
      {part(t('cases.concerns'), text(content.concerns))}
      {part(t('cases.earlierHelp'), text(content.earlierHelp))}
      {part(t('cases.evaluationDates'), list([...new Set(content.evaluationDates)].map((d) => [d, formatDate(d, i18n.language)])))}
      {part(t('cases.planMembers'), list(content.members.map((m) => [m.personId ?? m.name, m.name])))}
      {part(t('cases.planNetwork'), list(content.informalNetwork.map((n) => [n.id, [n.name, n.relation, n.contact].filter(Boolean).join(' — ')])))}
      {part(t('cases.planProfessionals'), list(content.professionals.map((p) => [p.userId, [p.name, p.organisation, p.role].filter(Boolean).join(' — ')])))}
    </div>
  );
}

function PlanView({ c, plan }: { c: CasePage; plan: PlanVersion }) {
  const { t } = useTranslation();
  return (
    <div className="kp-plan">
      <Heading1>{t(plan.status === 'adopted' ? 'cases.planTitle' : 'cases.draftTitle', { name: c.client.name, number: plan.number })}</Heading1>
      <AdoptionNote plan={plan} />
      <PdfLinks c={c} plan={plan} />
      <PlanContentView c={c} content={plan.content} />
      <Paragraph>
        <RouterLink to={`/casussen/${c.id}?tab=plan`}>{t('cases.backToCase')}</RouterLink>
      </Paragraph>
    </div>
  );
}
