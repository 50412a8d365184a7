import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatPhone } from '../../../domain/directory';
import { RouterLink } from '../../components/RouterLink';
import { formatDate } from '../../lib/dates';
import { apiQuery } from './filters';
import { useMunicipalityOptions, useServiceSearch } from './queries';

/** A printable "sociale kaart" handout of the current search result (up to 500 services). */
export function PrintPage({ publicMode = false }: { publicMode?: boolean }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const results = useServiceSearch(apiQuery(params, { perPage: '500', page: '1' }), publicMode);
  const municipalities = useMunicipalityOptions();
  const municipality = municipalities.data?.items.find((m) => m.id === params.get('municipalityId'))?.name;
  return (
    <div className="kp-print">
      <div className="kp-row kp-noprint">
        <Button appearance="primary-action-button" onClick={() => window.print()}>
          {t('directory.printNow')}
        </Button>
        <RouterLink to={`${publicMode ? '/openbaar/sociale-kaart' : '/sociale-kaart'}?${apiQuery(params)}`}>{t('directory.backToSearch')}</RouterLink>
      </div>
      <Heading1>{municipality ? t('directory.handoutTitleFor', { municipality }) : t('directory.handoutTitle')}</Heading1>
      <Paragraph className="kp-muted">
        {t('directory.handoutMeta', { date: formatDate(new Date().toISOString(), i18n.language), count: results.data?.total ?? 0 })}
        {params.get('q') ? ` · “${params.get('q')}”` : ''}
      </Paragraph>
      {!results.data && <Paragraph>{t('app.loading')}</Paragraph>}
      {results.data?.items.map((s) => (
        <section key={s.id} className="kp-print-item">
          <h2 className="utrecht-heading-3">{s.name}</h2>
          <Paragraph>
            <strong>{s.organisation.name}</strong>
            {s.summary ? ` — ${s.summary}` : ''}
          </Paragraph>
          <Paragraph>
            {t(`directory.accessTypes.${s.accessType}`)}
            {s.howToRefer ? `: ${s.howToRefer}` : ''}
            {s.waitingWeeks !== null ? ` · ${t('directory.waiting')}: ${t('directory.weeks', { count: s.waitingWeeks })}` : ''}
          </Paragraph>
          <Paragraph>
            {[s.phone && formatPhone(s.phone), s.email].filter(Boolean).join(' · ')}
            {s.stale ? ` · ${t('directory.stale')}` : ''}
          </Paragraph>
        </section>
      ))}
    </div>
  );
}
