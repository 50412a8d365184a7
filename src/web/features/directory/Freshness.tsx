import { StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';

const date = (iso: string, lng: string) =>
  new Date(iso).toLocaleDateString(lng === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

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
          ? t('directory.confirmedOnBy', { date: date(lastConfirmedAt, i18n.language), by })
          : t('directory.confirmedOn', { date: date(lastConfirmedAt, i18n.language) })}
      </span>
    </span>
  );
}

export function formatDate(iso: string, lng: string) {
  return date(iso, lng);
}
