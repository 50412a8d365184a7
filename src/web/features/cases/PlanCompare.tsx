import { useQuery } from '@tanstack/react-query';
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { RouterLink } from '../../components/RouterLink';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { type PlanDiff, useCase, usePlanVersion } from './api';
import { PlanContentView } from './PlanView';
import './cases.css';

/** A stable key for a changed item: its id, or the person or professional it names. */
const changeKey = (x: unknown) => {
  const v = x as { id?: string; personId?: string | null; userId?: string; name?: string };
  return v.id ?? v.personId ?? v.userId ?? v.name ?? '';
};

function useDiff(id: string, from: number, to: number) {
  return useQuery({
    queryKey: ['case', id, 'diff', from, to],
    queryFn: () => api<{ diff: PlanDiff }>('GET', `/cases/${id}/plans/compare?from=${from}&to=${to}`),
    enabled: from > 0 && to > 0,
    select: (r) => r.diff,
  });
}

/** Two adopted versions side by side, with the changes listed. */
export function ComparePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const c = useCase(id);
  const a = usePlanVersion(id, from);
  const b = usePlanVersion(id, to);
  const diff = useDiff(id, from, to);
  if (!c.data || !a.data || !b.data) return <Paragraph>{c.error || a.error || b.error ? t('errors.not_found') : t('app.loading')}</Paragraph>;
  const d = diff.data;
  const describe = (kind: string, x: unknown) => {
    const v = x as { text?: string; what?: string; name?: string };
    return `${t(`cases.changeKinds.${kind}`)}: ${v.text ?? v.what ?? v.name ?? ''}`;
  };
  return (
    <div className="kp-plan">
      <Heading1>{t('cases.compareTitle', { from, to })}</Heading1>
      {d && (
        <section aria-labelledby="changes">
          <Heading2 id="changes">{t('cases.changes')}</Heading2>
          <ul>
            {d.text.map((x) => (
              <li key={x.field}>
                {t(`cases.${x.field}`)}: {t('cases.changedText')}
              </li>
            ))}
            {(['goals', 'actions', 'informalNetwork', 'members', 'professionals'] as const).flatMap((k) =>
              d[k].map((ch) => (
                <li key={`${k}-${ch.kind}-${changeKey(ch.kind === 'removed' ? ch.before : ch.after)}`}>
                  {t(`cases.diffSections.${k}`)} — {describe(ch.kind, ch.kind === 'removed' ? ch.before : ch.after)}
                </li>
              )),
            )}
            {d.evaluationDates.added.map((x) => (
              <li key={`+${x}`}>{t('cases.evaluationAdded', { date: formatDate(x, i18n.language) })}</li>
            ))}
            {d.evaluationDates.removed.map((x) => (
              <li key={`-${x}`}>{t('cases.evaluationRemoved', { date: formatDate(x, i18n.language) })}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="kp-compare">
        <section aria-labelledby="version-a">
          <Heading2 id="version-a">{t('cases.versionN', { number: from })}</Heading2>
          <PlanContentView c={c.data} content={a.data.content} level={3} />
        </section>
        <section aria-labelledby="version-b">
          <Heading2 id="version-b">{t('cases.versionN', { number: to })}</Heading2>
          <PlanContentView c={c.data} content={b.data.content} level={3} />
        </section>
      </div>
      <Paragraph>
        <RouterLink to={`/casussen/${id}?tab=plan`}>{t('cases.backToCase')}</RouterLink>
      </Paragraph>
    </div>
  );
}
