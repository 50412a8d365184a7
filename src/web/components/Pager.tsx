import { Button } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';

/** Previous / next with "page x of y"; nothing when everything fits on one page. */
export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="kp-row" aria-label={t('directory.pagination')}>
      <Button appearance="secondary-action-button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('directory.previous')}
      </Button>
      <span>{t('directory.pageOf', { page, pages })}</span>
      <Button appearance="secondary-action-button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('directory.next')}
      </Button>
    </nav>
  );
}
