import { Heading2 } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Nl } from '../../components/Content';
import { RouterLink } from '../../components/RouterLink';
import { meetingWhen, useUpcoming } from './queries';

export function DashboardMeetings() {
  const { t, i18n } = useTranslation();
  const q = useUpcoming();
  if (!q.data?.items.length) return null;
  return (
    <section aria-labelledby="next-meetings">
      <Heading2 id="next-meetings">{t('meetings.upcoming')}</Heading2>
      <ul>
        {q.data.items.slice(0, 5).map((m) => (
          <li key={m.id}>
            <RouterLink to={`/overleg/${m.id}`}>
              <Nl>{m.tableName}</Nl>
            </RouterLink>{' '}
            — {meetingWhen(m, i18n.language)}
          </li>
        ))}
      </ul>
    </section>
  );
}
