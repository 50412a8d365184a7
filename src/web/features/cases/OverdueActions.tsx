import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { formatDate } from '../../lib/dates';
import type { MyCase } from './api';

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
