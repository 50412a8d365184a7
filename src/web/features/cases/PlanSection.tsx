import { useMutation } from '@tanstack/react-query';
import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import type { CasePage, PlanVersion } from './api';
import { NotOffered } from './CaseParts';
import { AdoptionNote, PdfLinks, PlanContentView } from './PlanView';

/** The plan tab: the current plan to read, the draft to work on, every version, printing and comparing. */
export function PlanSection({ c }: { c: CasePage }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: () => api<PlanVersion>('POST', `/cases/${c.id}/plans`),
    onSuccess: (p) => navigate(`/casussen/${c.id}/plan/${p.number}`),
  });
  const plan = c.plan;
  if (!plan) return null;
  const adopted = plan.versions.filter((v) => v.status === 'adopted');
  return (
    <section aria-labelledby="plan" className="kp-plan">
      <Heading2 id="plan">{t('cases.plan')}</Heading2>
      <ErrorAlert error={start.error} />
      <div className="kp-row kp-case-toolbar">
        {plan.draft ? (
          <RouterLink to={`/casussen/${c.id}/plan/${plan.draft.number}`}>
            {c.abilities.direct ? t('cases.openDraft', { number: plan.draft.number }) : t('cases.viewDraft', { number: plan.draft.number })}
          </RouterLink>
        ) : c.abilities.direct ? (
          <Button appearance="primary-action-button" onClick={() => start.mutate()} disabled={start.isPending}>
            {plan.current ? t('cases.newDraft') : t('cases.firstDraft')}
          </Button>
        ) : null}
        {adopted.length > 1 && (
          <RouterLink to={`/casussen/${c.id}/plan/vergelijk?from=${adopted[1]!.number}&to=${adopted[0]!.number}`}>
            {t('cases.compareLatest', { from: adopted[1]!.number, to: adopted[0]!.number })}
          </RouterLink>
        )}
      </div>
      {!c.abilities.direct && <NotOffered c={c} action="direct" name="editPlan" />}
      {plan.current ? (
        <>
          <Paragraph>
            <strong>{t('cases.versionN', { number: plan.current.number })}</strong>
          </Paragraph>
          <AdoptionNote plan={plan.current} />
          <PdfLinks c={c} plan={plan.current} />
          <PlanContentView c={c} content={plan.current.content} level={3} />
        </>
      ) : (
        <Paragraph>{t('cases.noPlanYet')}</Paragraph>
      )}
      {plan.versions.length > 0 && (
        <details className="kp-case-details">
          <summary>{t('cases.allVersions', { count: plan.versions.length })}</summary>
          <ul>
            {plan.versions.map((v) => (
              <li key={v.number}>
                <RouterLink to={`/casussen/${c.id}/plan/${v.number}`}>{t('cases.versionN', { number: v.number })}</RouterLink> —{' '}
                {v.status === 'adopted' ? t('cases.adoptedOn', { date: formatDate(v.adoptedAt, i18n.language) }) : t('cases.draft')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
