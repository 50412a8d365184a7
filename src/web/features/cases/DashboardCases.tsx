import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { formatDate } from '../../lib/dates';
import { useMyCases } from './api';

/** On the home page: what needs me in my cases — regie proposals to answer and overdue plan actions. */
export function DashboardCases() {
  const { t, i18n } = useTranslation();
  const mine = useMyCases();
  const items = mine.data?.items ?? [];
  const proposals = items.filter((c) => c.proposal);
  const overdue = items.flatMap((c) => c.myActions.filter((a) => a.overdue).map((a) => ({ ...a, caseId: c.id, clientName: c.clientName })));
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
          <ul>
            {overdue.map((a) => (
              <li key={`${a.caseId}-${a.id}`}>
                <RouterLink to={`/casussen/${a.caseId}`}>{a.clientName}</RouterLink>: {a.what} —{' '}
                {t('cases.dueOn', { date: formatDate(a.dueDate, i18n.language) })}
              </li>
            ))}
          </ul>
        </>
      )}
      <Paragraph>
        <RouterLink to="/casussen">{t('cases.mineTitle')}</RouterLink>
      </Paragraph>
    </section>
  );
}
