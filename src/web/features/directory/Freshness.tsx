import { StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/dates';

/** "Last confirmed on … (by …)", with a visible and announced warning when the record is stale. */
export function Freshness({ lastConfirmedAt, by, stale }: { lastConfirmedAt: string; by?: string | null; stale: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="kp-freshness">
      {stale && (
        <StatusBadge status="warning" className="kp-badge-stale">
          {t('directory.stale')}
        </StatusBadge>
      )}{' '}
      <span className="kp-muted">
        {by
          ? t('directory.confirmedOnBy', { date: formatDate(lastConfirmedAt, i18n.language), by })
          : t('directory.confirmedOn', { date: formatDate(lastConfirmedAt, i18n.language) })}
      </span>
    </span>
  );
}
