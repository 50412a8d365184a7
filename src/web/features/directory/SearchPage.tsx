import { Button, Heading1, Heading2, Link, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACCESS_TYPES, CARE_PHASES, COST_TYPES, LANGUAGES, LIFE_DOMAINS, TARGET_GROUPS } from '../../../domain/directory';
import { ORGANISATION_TYPES } from '../../../domain/organisations';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { CONTENT_LANG, Nl, nl } from '../../components/Content';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { PhoneLink } from '../../components/PhoneLink';
import { RouterLink } from '../../components/RouterLink';
import { SearchBox } from '../../components/SearchBox';
import { SelectField } from '../../components/SelectField';
import { Freshness } from './Freshness';
import { apiQuery } from './filters';
import { type ServiceHit, useMunicipalityOptions, useServiceSearch } from './queries';

const PER_PAGE = 20;

/** The sociale kaart: one search box, filters, ranked results. Public mode shows only public services, without sign-in. */
export function SearchPage({ publicMode = false }: { publicMode?: boolean }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = apiQuery(params, { perPage: String(PER_PAGE) });
  const results = useServiceSearch(query, publicMode);
  const municipalities = useMunicipalityOptions();
  const page = Number(params.get('page') ?? '1');
  const base = publicMode ? '/openbaar/sociale-kaart' : '/sociale-kaart';

  // Starts from the address bar, not from the last render: two quick changes (a municipality, then a
  // checkbox before React re-rendered) must both survive.
  const update = (changes: Record<string, string | string[] | null>) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) {
        next.delete(k);
        if (Array.isArray(v)) for (const x of v) next.append(k, x);
        else if (v) next.set(k, v);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });
  const multi = (key: string, values: readonly string[], label: (v: string) => string, legend: string) => (
    <CheckboxGroup
      legend={legend}
      compact
      options={values.map((v) => ({ value: v, label: label(v) }))}
      value={params.getAll(key)}
      onChange={(v) => update({ [key]: v })}
    />
  );
  const total = results.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));

  return (
    <>
      <Heading1>{publicMode ? t('directory.publicTitle') : t('directory.title')}</Heading1>
      <Paragraph className="kp-muted">{publicMode ? t('directory.publicIntro') : t('directory.intro')}</Paragraph>
      <SearchBox
        label={t('directory.searchLabel')}
        hint={t('directory.searchHint')}
        button={t('directory.search')}
        value={params.get('q') ?? ''}
        onSearch={(q) => update({ q: q || null })}
      />
      <div className="kp-directory">
        <aside className="kp-filters" aria-label={t('directory.filters')}>
          <Heading2>{t('directory.filters')}</Heading2>
          <SelectField
            label={t('directory.municipality')}
            value={params.get('municipalityId') ?? ''}
            onChange={(e) => update({ municipalityId: e.target.value || null })}
            options={[{ value: '', label: t('directory.anyMunicipality') }, ...(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))]}
          />
          {multi('targetGroup', TARGET_GROUPS, (v) => t(`directory.targetGroups.${v}`), t('directory.targetGroup'))}
          {multi('phase', CARE_PHASES, (v) => t(`directory.phases.${v}`), t('directory.phase'))}
          <SelectField
            label={t('directory.access')}
            value={params.get('accessType') ?? ''}
            onChange={(e) => update({ accessType: e.target.value || null })}
            options={[{ value: '', label: t('directory.any') }, ...ACCESS_TYPES.map((v) => ({ value: v, label: t(`directory.accessTypes.${v}`) }))]}
          />
          <CheckboxGroup
            legend={t('directory.availability')}
            compact
            options={[{ value: 'true', label: t('directory.acceptsNewClients') }]}
            value={params.get('acceptsNewClients') === 'true' ? ['true'] : []}
            onChange={(v) => update({ acceptsNewClients: v.length ? 'true' : null })}
          />
          {multi('lifeDomain', LIFE_DOMAINS, (v) => t(`directory.lifeDomains.${v}`), t('directory.lifeDomain'))}
          {multi('organisationType', ORGANISATION_TYPES, (v) => t(`orgTypes.${v}`), t('directory.organisationType'))}
          {multi('costType', COST_TYPES, (v) => t(`directory.costTypes.${v}`), t('directory.cost'))}
          <SelectField
            label={t('directory.language')}
            value={params.get('language') ?? ''}
            onChange={(e) => update({ language: e.target.value || null })}
            options={[{ value: '', label: t('directory.anyLanguage') }, ...LANGUAGES.map((v) => ({ value: v, label: t(`languages.${v}`) }))]}
          />
          {[...params.keys()].some((k) => k !== 'q') && (
            <Button
              appearance="subtle-button"
              onClick={() => setParams(params.get('q') ? new URLSearchParams({ q: params.get('q')! }) : new URLSearchParams())}
            >
              {t('directory.clearFilters')}
            </Button>
          )}
        </aside>
        <section className="kp-results" aria-labelledby="results-heading">
          <Heading2 id="results-heading">{t('directory.results')}</Heading2>
          <ErrorAlert error={results.error} />
          <p role="status" className="kp-muted">
            {results.isFetching && !results.data ? t('app.loading') : t('directory.count', { count: total })}
          </p>
          <div className="kp-row kp-noprint">
            {!publicMode && (
              <Link href={`/api/v1/directory/services.csv?${apiQuery(params)}`} download>
                {t('directory.exportCsv')}
              </Link>
            )}
            <RouterLink to={`${base}/afdrukken?${apiQuery(params)}`}>{t('directory.print')}</RouterLink>
          </div>
          {results.data && results.data.items.length === 0 && <Paragraph>{t('directory.noResults')}</Paragraph>}
          <ol className="kp-cards" start={(page - 1) * PER_PAGE + 1}>
            {results.data?.items.map((s) => (
              <li key={s.id}>
                <ServiceCard s={s} href={`${base}/aanbod/${s.id}`} />
              </li>
            ))}
          </ol>
          <Pager page={page} pages={pages} onPage={(p) => update({ page: String(p) })} />
        </section>
      </div>
    </>
  );
}

/** One search result: what, who, how long the wait, how to refer, how to reach them, how fresh. */
export function ServiceCard({ s, href }: { s: ServiceHit; href: string }) {
  const { t } = useTranslation();
  return (
    <article className="kp-card">
      <h3 className="utrecht-heading-3">
        <RouterLink to={href}>
          <Nl>{s.name}</Nl>
        </RouterLink>
      </h3>
      <Paragraph>
        <Nl>{s.organisation.name}</Nl>
        {s.programme ? ` · ${t('directory.programme')}: ${s.programme}` : ''}
      </Paragraph>
      {s.summary && <Paragraph lang={CONTENT_LANG}>{s.summary}</Paragraph>}
      <dl className="kp-facts">
        <dt>{t('directory.waiting')}</dt>
        <dd>
          {s.waitingWeeks === null ? t('directory.unknown') : t('directory.weeks', { count: s.waitingWeeks })}
          {!s.acceptsNewClients && ` · ${t('directory.notAccepting')}`}
        </dd>
        <dt>{t('directory.howToRefer')}</dt>
        <dd>
          {t(`directory.accessTypes.${s.accessType}`)}
          {s.howToRefer && <> — {nl(s.howToRefer)}</>}
        </dd>
        {(s.phone || s.email) && (
          <>
            <dt>{t('directory.contact')}</dt>
            <dd>
              {s.phone && <PhoneLink phone={s.phone} />}
              {s.phone && s.email && ' · '}
              {s.email && <Link href={`mailto:${s.email}`}>{s.email}</Link>}
            </dd>
          </>
        )}
      </dl>
      <Freshness lastConfirmedAt={s.lastConfirmedAt} stale={s.stale} />
    </article>
  );
}
