import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LANGUAGES } from '../../../domain/directory';
import { ORGANISATION_TYPES } from '../../../domain/organisations';
import { CONTENT_LANG } from '../../components/Content';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { PhoneLink } from '../../components/PhoneLink';
import { RouterLink } from '../../components/RouterLink';
import { SearchBox } from '../../components/SearchBox';
import { SelectField } from '../../components/SelectField';
import { Freshness } from './Freshness';
import { useMunicipalityOptions, usePeopleSearch } from './queries';

const PER_PAGE = 24;

export function Avatar({ id, name, hasPhoto, version }: { id: string; name: string; hasPhoto: boolean; version?: string | null }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0])
    .slice(0, 2)
    .join('')
    .toUpperCase();
  return hasPhoto ? (
    <img className="kp-avatar" src={`/api/v1/directory/people/${id}/photo${version ? `?v=${version}` : ''}`} alt="" width={96} height={96} />
  ) : (
    <span className="kp-avatar kp-avatar--initials" aria-hidden="true">
      {initials}
    </span>
  );
}

/** Smoelenboek: who's who in the chain, with direct numbers; searchable and filterable like the services. */
export function PeoplePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams(params);
  query.set('perPage', String(PER_PAGE));
  const people = usePeopleSearch(query.toString());
  const municipalities = useMunicipalityOptions();
  const page = Number(params.get('page') ?? '1');
  const update = (k: string, v: string | null) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      next.delete(k);
      if (v) next.set(k, v);
      if (k !== 'page') next.delete('page');
      return next;
    });
  const total = people.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  return (
    <>
      <Heading1>{t('people.title')}</Heading1>
      <Paragraph className="kp-muted">{t('people.intro')}</Paragraph>
      <div className="kp-row">
        <RouterLink to="/mijn-kaart">{t('people.myCard')}</RouterLink>
      </div>
      <SearchBox
        label={t('people.searchLabel')}
        hint={t('people.searchHint')}
        button={t('directory.search')}
        value={params.get('q') ?? ''}
        onSearch={(q) => update('q', q || null)}
      />
      <div className="kp-row">
        <SelectField
          label={t('directory.municipality')}
          value={params.get('municipalityId') ?? ''}
          onChange={(e) => update('municipalityId', e.target.value || null)}
          options={[{ value: '', label: t('directory.anyMunicipality') }, ...(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))]}
        />
        <SelectField
          label={t('directory.organisationType')}
          value={params.get('organisationType') ?? ''}
          onChange={(e) => update('organisationType', e.target.value || null)}
          options={[{ value: '', label: t('directory.any') }, ...ORGANISATION_TYPES.map((v) => ({ value: v, label: t(`orgTypes.${v}`) }))]}
        />
        <SelectField
          label={t('directory.language')}
          value={params.get('language') ?? ''}
          onChange={(e) => update('language', e.target.value || null)}
          options={[{ value: '', label: t('directory.anyLanguage') }, ...LANGUAGES.map((v) => ({ value: v, label: t(`languages.${v}`) }))]}
        />
        <Field label={t('people.expertise')} value={params.get('expertise') ?? ''} onChange={(e) => update('expertise', e.target.value || null)} />
      </div>
      <Heading2>{t('directory.results')}</Heading2>
      <ErrorAlert error={people.error} />
      <p role="status" className="kp-muted">
        {t('people.count', { count: total })}
      </p>
      {people.data && people.data.items.length === 0 && <Paragraph>{t('directory.noResults')}</Paragraph>}
      <ul className="kp-people">
        {people.data?.items.map((p) => (
          <li key={p.id} className="kp-card kp-person">
            <Avatar id={p.id} name={p.name} hasPhoto={p.hasPhoto} />
            <div>
              <h3 className="utrecht-heading-3">
                <RouterLink to={`/smoelenboek/${p.id}`}>{p.name}</RouterLink>
              </h3>
              <Paragraph>
                {p.jobTitle} · {p.organisation.name}
              </Paragraph>
              {p.phone && (
                <Paragraph>
                  <PhoneLink phone={p.phone} />
                </Paragraph>
              )}
              {p.reachability && (
                <Paragraph className="kp-muted" lang={CONTENT_LANG}>
                  {p.reachability}
                </Paragraph>
              )}
              {p.expertise.length > 0 && (
                <Paragraph className="kp-muted" lang={CONTENT_LANG}>
                  {p.expertise.join(' · ')}
                </Paragraph>
              )}
              <Freshness lastConfirmedAt={p.lastConfirmedAt} stale={p.stale} />
            </div>
          </li>
        ))}
      </ul>
      <Pager page={page} pages={pages} onPage={(p) => update('page', String(p))} />
    </>
  );
}
