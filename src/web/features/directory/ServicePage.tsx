import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Link, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { OpeningHours } from '../../../domain/directory';
import { CONTENT_LANG, Nl, nl } from '../../components/Content';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PhoneLink } from '../../components/PhoneLink';
import { RouterLink } from '../../components/RouterLink';
import { formatDate } from '../../lib/dates';
import { safeHref } from '../../lib/safe-href';
import { Freshness } from './Freshness';
import { History } from './History';
import { directoryApi, directoryKeys, type Location, type ServiceDetail, useService } from './queries';

const months = (t: TFunction, m: number) => (m % 12 === 0 ? t('directory.years', { count: m / 12 }) : t('directory.months', { count: m }));

/** "From 16 weeks of pregnancy to 2 years", "from 2 to 4 years", … */
export function ageRangeText(t: TFunction, s: Pick<ServiceDetail, 'pregnancyFromWeek' | 'minAgeMonths' | 'maxAgeMonths'>) {
  const from =
    s.pregnancyFromWeek !== null
      ? t('directory.fromPregnancyWeek', { week: s.pregnancyFromWeek })
      : s.minAgeMonths !== null
        ? t('directory.from', { age: months(t, s.minAgeMonths) })
        : null;
  const to = s.maxAgeMonths !== null ? (s.maxAgeMonths === 0 ? t('directory.untilBirth') : t('directory.until', { age: months(t, s.maxAgeMonths) })) : null;
  return [from, to].filter(Boolean).join(' ') || t('directory.allAges');
}

export function OpeningHoursList({ hours }: { hours: OpeningHours[] }) {
  const { t } = useTranslation();
  if (!hours.length) return <span>{t('directory.byAppointment')}</span>;
  return (
    <ul className="kp-plain">
      {hours.map((h) => (
        <li key={`${h.day}-${h.opens}`}>
          {t(`directory.days.${h.day}`)} {h.opens}–{h.closes}
        </li>
      ))}
    </ul>
  );
}

function LocationBlock({ l }: { l: Location }) {
  const { t } = useTranslation();
  return (
    <article className="kp-card">
      <h3 className="utrecht-heading-3">{l.name}</h3>
      <Paragraph>
        {l.address}, {l.postcode} {l.city}
      </Paragraph>
      <OpeningHoursList hours={l.openingHours} />
      {l.accessibility && (
        <Paragraph>
          {t('directory.accessibility')}: {l.accessibility}
        </Paragraph>
      )}
    </article>
  );
}

/** The full service page; in public mode without contacts, history or editing. */
export function ServicePage({ publicMode = false }: { publicMode?: boolean }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const service = useService(id, publicMode);
  const confirm = useMutation({
    mutationFn: () => directoryApi.confirm('service', id),
    onSuccess: () => qc.invalidateQueries({ queryKey: directoryKeys.all }),
  });
  if (service.error) return <ErrorAlert error={service.error} />;
  const s = service.data;
  if (!s) return <Paragraph>{t('app.loading')}</Paragraph>;
  // A service without its own number or address is reached through its organisation's.
  const phone = s.phone ?? s.organisation.phone;
  const email = s.email ?? s.organisation.email;
  const list = (key: string, values: string[]) => (values.length ? values.map((v) => t(`directory.${key}.${v}`)).join(', ') : '—');
  const rows: [string, React.ReactNode][] = [
    [
      t('directory.organisation'),
      publicMode ? (
        s.organisation.name
      ) : (
        <RouterLink key="org" to={`/sociale-kaart/organisatie/${s.organisation.id}`}>
          <Nl>{s.organisation.name}</Nl>
        </RouterLink>
      ),
    ],
    [t('directory.programme'), nl(s.programme ? `${s.programme.name} — ${s.programme.description}` : null)],
    [t('directory.ageRange'), ageRangeText(t, s)],
    [t('directory.targetGroup'), list('targetGroups', s.targetGroups)],
    [t('directory.phase'), list('phases', s.phases)],
    [t('directory.lifeDomain'), list('lifeDomains', s.lifeDomains)],
    [t('directory.eligibility'), nl(s.eligibility)],
    [t('directory.municipalitiesServed'), s.municipalities.map((m) => m.name).join(', ') || '—'],
    [t('directory.access'), t(`directory.accessTypes.${s.accessType}`)],
    [t('directory.howToRefer'), nl(s.howToRefer)],
    [t('directory.referralInclude'), nl(s.referralInclude)],
    [
      t('directory.waiting'),
      s.waitingWeeks === null
        ? t('directory.unknown')
        : `${t('directory.weeks', { count: s.waitingWeeks })}${s.waitingStatedOn ? ` (${t('directory.statedOn', { date: formatDate(s.waitingStatedOn, i18n.language) })})` : ''}`,
    ],
    [t('directory.acceptsNewClientsLabel'), s.acceptsNewClients ? t('app.yes') : t('app.no')],
    [t('directory.responseNorm'), s.responseNormWorkingDays === null ? '—' : t('directory.workingDays', { count: s.responseNormWorkingDays })],
    [
      t('directory.cost'),
      <>
        {t(`directory.costTypes.${s.costType}`)}
        {s.costNote && <> — {nl(s.costNote)}</>}
      </>,
    ],
    [t('directory.language'), s.languages.map((l) => t(`languages.${l}`)).join(', ')],
    [t('directory.accessibility'), nl(s.accessibility)],
    [
      t('directory.contact'),
      <>
        {phone && <PhoneLink phone={phone} />} {email && <Link href={`mailto:${email}`}>{email}</Link>}{' '}
        {s.website && (safeHref(s.website) ? <Link href={safeHref(s.website)}>{s.website}</Link> : s.website)}
        {!phone && !email && !s.website && '—'}
      </>,
    ],
  ];
  return (
    <>
      <Heading1 lang={CONTENT_LANG}>{s.name}</Heading1>
      <Freshness lastConfirmedAt={s.lastConfirmedAt} by={publicMode ? null : s.lastConfirmedBy} stale={s.stale} />
      {s.abilities.maintain && (
        <div className="kp-row kp-actions">
          <RouterLink to={`/sociale-kaart/aanbod/${s.id}/bewerken`}>{t('directory.edit')}</RouterLink>
          {s.stale && (
            <Button appearance="primary-action-button" onClick={() => confirm.mutate()} disabled={confirm.isPending}>
              {t('directory.stillCorrect')}
            </Button>
          )}
        </div>
      )}
      <ErrorAlert error={confirm.error} />
      {confirm.isSuccess && (
        <Paragraph role="status" className="kp-muted">
          {t('directory.confirmed')}
        </Paragraph>
      )}
      {s.summary && (
        <Paragraph lead lang={CONTENT_LANG}>
          {s.summary}
        </Paragraph>
      )}
      {s.description.split(/\n{2,}/).map((p) => (
        <Paragraph key={p} lang={CONTENT_LANG}>
          {p}
        </Paragraph>
      ))}
      <DataList className="kp-datalist">
        {rows.map(([k, v]) => (
          <DataListItem key={k}>
            <DataListKey>{k}</DataListKey>
            <DataListValue>{v}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      <Heading2>{t('directory.locations')}</Heading2>
      {s.locations.length ? s.locations.map((l) => <LocationBlock key={l.id} l={l} />) : <Paragraph>{t('directory.noLocations')}</Paragraph>}
      {!publicMode && (
        <>
          <Heading2>{t('directory.contacts')}</Heading2>
          {s.contacts.length ? (
            <ul className="kp-plain">
              {s.contacts.map((p) => (
                <li key={p.id}>
                  <RouterLink to={`/smoelenboek/${p.id}`}>{p.name}</RouterLink> — {p.jobTitle}
                  {p.phone && (
                    <>
                      {' · '}
                      <PhoneLink phone={p.phone} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph>{t('directory.noContacts')}</Paragraph>
          )}
          <History type="service" id={s.id} />
        </>
      )}
    </>
  );
}
