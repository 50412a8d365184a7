import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { formatDate } from '../../lib/dates';
import { type MyCase, useMyCases } from './api';

/** On the home page: what needs me in my cases — regie proposals to answer and overdue plan actions. */
export function DashboardCases() {
  const { t } = useTranslation();
  const mine = useMyCases();
  const items = mine.data?.items ?? [];
  const proposals = items.filter((c) => c.proposal);
  const overdue = overdueActions(items);
  return (
    <section aria-labelledby="dash-cases">
      <Heading2 id="dash-cases">{t('cases.dashboardTitle')}</Heading2>
      {mine.data && !proposals.length && !overdue.length && <Paragraph>{t('cases.dashboardNothing')}</Paragraph>}
      {proposals.length > 0 && (
        <ul>
          {proposals.map((c) => (
            <li key={c.id}>
              <RouterLink to={`/casussen/${c.id}`}>{t('cases.dashboardProposal', { name: c.clientName })}</RouterLink>
            </li>
          ))}
        </ul>
      )}
      {overdue.length > 0 && (
        <>
          <Paragraph>{t('cases.overdueTitle', { count: overdue.length })}</Paragraph>
          <OverdueList items={overdue} />
        </>
      )}
      <Paragraph>
        <RouterLink to="/casussen">{t('cases.mineTitle')}</RouterLink>
      </Paragraph>
    </section>
  );
}

/** My open plan actions past their due date, over all my cases. */
export const overdueActions = (cases: MyCase[]) =>
  cases.flatMap((c) => c.myActions.filter((a) => a.overdue).map((a) => ({ ...a, caseId: c.id, clientName: c.clientName })));

export function OverdueList({ items }: { items: ReturnType<typeof overdueActions> }) {
  const { t, i18n } = useTranslation();
  return (
    <ul>
      {items.map((a) => (
        <li key={`${a.caseId}-${a.id}`}>
          <RouterLink to={`/casussen/${a.caseId}`}>{a.clientName}</RouterLink>: {a.what} — {t('cases.dueOn', { date: formatDate(a.dueDate, i18n.language) })}
        </li>
      ))}
    </ul>
  );
}
