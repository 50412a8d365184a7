import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Heading2, Link, Paragraph, TableCell } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { z } from 'zod';
import { formatPhone, locationInputSchema, type OpeningHours, organisationProfileSchema, WEEKDAYS } from '../../../domain/directory';
import { CONTENT_LANG, Nl } from '../../components/Content';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { PhoneLink } from '../../components/PhoneLink';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError } from '../../lib/api';
import { applyServerErrors, blankToNull, errorMessage, useZodForm } from '../../lib/form';
import { safeHref } from '../../lib/safe-href';
import { Freshness } from './Freshness';
import { History } from './History';
import {
  directoryApi,
  directoryKeys,
  type Location,
  type OrganisationOverview,
  type RecordType,
  useMunicipalityOptions,
  useOrganisationOverview,
} from './queries';
import { OpeningHoursList } from './ServicePage';

/** "Klopt nog": confirms one record; used in the maintenance lists. */
function ConfirmButton({ type, id, name }: { type: RecordType; id: string; name: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useMutation({ mutationFn: () => directoryApi.confirm(type, id), onSuccess: () => qc.invalidateQueries({ queryKey: directoryKeys.all }) });
  return (
    <Button appearance="subtle-button" onClick={() => confirm.mutate()} disabled={confirm.isPending} aria-label={`${t('directory.stillCorrect')}: ${name}`}>
      {t('directory.stillCorrect')}
    </Button>
  );
}

const PROFILE_FIELDS = Object.keys(organisationProfileSchema.shape);

/** The organisation's own profile, checked with the server's organisationProfileSchema (phone, KvK, AGB) before sending. */
function ProfileForm({ org, onDone }: { org: OrganisationOverview; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useZodForm(organisationProfileSchema, {
    defaultValues: {
      name: org.name,
      description: org.description ?? '',
      phone: org.phone ? formatPhone(org.phone) : '',
      email: org.email ?? '',
      website: org.website ?? '',
      kvkNumber: org.kvkNumber ?? '',
      agbCode: org.agbCode ?? '',
    },
  });
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (body: z.output<typeof organisationProfileSchema>) => directoryApi.updateOrganisation(org.id, { ...body, version: org.version }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: directoryKeys.all });
      onDone();
    },
    onError: (error) =>
      setUnplaced(applyServerErrors(error, form, PROFILE_FIELDS).length > 0 || !(error instanceof ApiError) || error.details.length === 0 ? error : null),
  });
  const f = (k: keyof z.input<typeof organisationProfileSchema>) => ({ ...form.register(k), error: errorMessage(form.formState.errors[k]) });
  return (
    <form
      className="kp-form"
      onSubmit={form.handleSubmit((body) => {
        setUnplaced(null);
        save.mutate(body);
      })}
      noValidate
    >
      <ErrorAlert error={unplaced} />
      <Field label={t('directory.fields.name')} required {...f('name')} />
      <TextAreaField label={t('directory.fields.description')} {...f('description')} />
      <Field label={t('directory.fields.phone')} type="tel" hint={t('directory.phoneHint')} {...f('phone')} />
      <Field label={t('directory.fields.email')} type="email" {...f('email')} />
      <Field label={t('directory.fields.website')} type="url" {...f('website')} />
      <Field label={t('directory.fields.kvkNumber')} inputMode="numeric" {...f('kvkNumber')} />
      <Field label={t('directory.fields.agbCode')} inputMode="numeric" {...f('agbCode')} />
      <div className="kp-row">
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('app.save')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onDone}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}

const EMPTY_LOCATION = { name: '', address: '', postcode: '', city: '', municipalityId: '', accessibility: '', hours: '' };

/** Opening hours as editable text, one slot per line: "ma 09:00-12:00". */
const DAY_WORDS: Record<string, OpeningHours['day']> = {
  ma: 'mo',
  di: 'tu',
  wo: 'we',
  do: 'th',
  vr: 'fr',
  za: 'sa',
  zo: 'su',
  mo: 'mo',
  tu: 'tu',
  we: 'we',
  th: 'th',
  fr: 'fr',
  sa: 'sa',
  su: 'su',
};
const NL_DAY: Record<OpeningHours['day'], string> = { mo: 'ma', tu: 'di', we: 'wo', th: 'do', fr: 'vr', sa: 'za', su: 'zo' };
function parseHours(text: string): OpeningHours[] | null {
  const out: OpeningHours[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\p{L}{2})\p{L}*\s+(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$/u.exec(line.toLowerCase());
    const day = m && DAY_WORDS[m[1]!];
    if (!m || !day) return null;
    out.push({ day, opens: `${m[2]!.padStart(2, '0')}:${m[3]}`, closes: `${m[4]!.padStart(2, '0')}:${m[5]}` });
  }
  return out.sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day));
}

/**
 * The location form: the domain's locationInputSchema, with the opening hours typed as lines ("ma 09:00-12:00") and
 * parsed into the slots the schema checks (valid times, closing after opening).
 */
const locationFormSchema = locationInputSchema.omit({ openingHours: true }).extend({
  hours: z
    .string()
    .transform((text, ctx) => {
      const hours = parseHours(text);
      if (!hours) ctx.addIssue({ code: 'custom', message: 'invalid_opening_hours' });
      return hours ?? [];
    })
    .pipe(locationInputSchema.shape.openingHours.unwrap()),
});
/** The server names the slots `openingHours`; the form shows them in its hours field. */
const LOCATION_FIELDS = [...Object.keys(locationFormSchema.shape), 'openingHours'];

function LocationForm({ orgId, location, onDone }: { orgId: string; location: Location | null; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const municipalities = useMunicipalityOptions();
  const form = useZodForm(locationFormSchema, {
    defaultValues: location
      ? {
          name: location.name,
          address: location.address,
          postcode: location.postcode,
          city: location.city,
          municipalityId: location.municipalityId,
          accessibility: location.accessibility ?? '',
          hours: location.openingHours.map((h) => `${NL_DAY[h.day]} ${h.opens}-${h.closes}`).join('\n'),
        }
      : { ...EMPTY_LOCATION, municipalityId: null },
  });
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: ({ hours, ...rest }: z.output<typeof locationFormSchema>) => {
      const body = { ...rest, openingHours: hours };
      return location ? directoryApi.updateLocation(location.id, { ...body, version: location.version }) : directoryApi.createLocation(orgId, body);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: directoryKeys.all });
      onDone();
    },
    onError: (error) =>
      setUnplaced(applyServerErrors(error, form, LOCATION_FIELDS).length > 0 || !(error instanceof ApiError) || error.details.length === 0 ? error : null),
  });
  const errors = form.formState.errors as Record<string, unknown>;
  const f = (k: keyof z.input<typeof locationFormSchema>) => ({ ...form.register(k), error: errorMessage(errors[k]) });
  return (
    <form
      className="kp-form"
      onSubmit={form.handleSubmit((body) => {
        setUnplaced(null);
        save.mutate(body);
      })}
      noValidate
      aria-label={location ? `${t('directory.edit')}: ${location.name}` : t('directory.newLocation')}
    >
      <ErrorAlert error={unplaced} />
      <Field label={t('directory.fields.name')} required {...f('name')} />
      <Field label={t('directory.fields.address')} required autoComplete="street-address" {...f('address')} />
      <Field label={t('directory.fields.postcode')} required hint="1234 AB" autoComplete="postal-code" {...f('postcode')} />
      <Field label={t('directory.fields.city')} required {...f('city')} />
      <SelectField
        label={t('directory.municipality')}
        options={[{ value: '', label: '—' }, ...(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))]}
        {...form.register('municipalityId', { setValueAs: blankToNull })}
        error={errorMessage(errors.municipalityId)}
      />
      <TextAreaField
        label={t('directory.fields.openingHours')}
        hint={t('directory.hoursHint')}
        {...form.register('hours')}
        error={errorMessage(errors.hours) ?? errorMessage(errors.openingHours)}
      />
      <TextAreaField label={t('directory.fields.accessibility')} {...f('accessibility')} />
      <div className="kp-row">
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('app.save')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onDone}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** An organisation in the sociale kaart, and — for its maintainers — the place to keep it fresh. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const overview = useOrganisationOverview(id);
  const [editProfile, setEditProfile] = useState(false);
  const [editLocation, setEditLocation] = useState<Location | 'new' | null>(null);
  if (overview.error) return <ErrorAlert error={overview.error} />;
  const o = overview.data;
  if (!o) return <Paragraph>{t('app.loading')}</Paragraph>;
  const staleCount = [o, ...o.services, ...o.locations, ...o.people].filter((r) => r.stale).length;
  return (
    <>
      <Heading1 lang={CONTENT_LANG}>{o.name}</Heading1>
      <Paragraph className="kp-muted">{t(`orgTypes.${o.type}`)}</Paragraph>
      <Freshness lastConfirmedAt={o.lastConfirmedAt} by={o.lastConfirmedBy} stale={o.stale} />
      {o.abilities.maintain && staleCount > 0 && (
        <Paragraph role="status">
          <strong>{t('directory.staleCount', { count: staleCount })}</strong>
        </Paragraph>
      )}
      {editProfile ? (
        <ProfileForm org={o} onDone={() => setEditProfile(false)} />
      ) : (
        <>
          {o.description && <Paragraph lang={CONTENT_LANG}>{o.description}</Paragraph>}
          <Paragraph>
            {o.phone && <PhoneLink phone={o.phone} />} {o.email && <Link href={`mailto:${o.email}`}>{o.email}</Link>}{' '}
            {o.website && (safeHref(o.website) ? <Link href={safeHref(o.website)}>{o.website}</Link> : o.website)}
          </Paragraph>
          {o.abilities.maintain && (
            <div className="kp-row">
              <Button appearance="secondary-action-button" onClick={() => setEditProfile(true)}>
                {t('directory.editProfile')}
              </Button>
              {o.stale && <ConfirmButton type="organisation" id={o.id} name={o.name} />}
            </div>
          )}
        </>
      )}

      <Heading2>{t('directory.services')}</Heading2>
      {o.abilities.maintain && <RouterLink to={`/sociale-kaart/organisatie/${o.id}/aanbod/nieuw`}>{t('directory.newService')}</RouterLink>}
      <DataTable
        headers={[t('directory.fields.name'), t('directory.freshness'), ...(o.abilities.maintain ? [t('admin.actions')] : [])]}
        items={o.services.filter((s) => s.active || o.abilities.maintain)}
        rowKey={(s) => s.id}
        empty={t('directory.noServices')}
        row={(s) => (
          <>
            <TableCell>
              <RouterLink to={`/sociale-kaart/aanbod/${s.id}`}>
                <Nl>{s.name}</Nl>
              </RouterLink>
              {!s.active && ` (${t('admin.inactive')})`}
            </TableCell>
            <TableCell>
              <Freshness lastConfirmedAt={s.lastConfirmedAt} stale={s.stale} />
            </TableCell>
            {o.abilities.maintain && (
              <TableCell>
                <div className="kp-row">
                  <RouterLink to={`/sociale-kaart/aanbod/${s.id}/bewerken`} aria-label={`${t('directory.edit')}: ${s.name}`}>
                    {t('directory.edit')}
                  </RouterLink>
                  {s.stale && <ConfirmButton type="service" id={s.id} name={s.name} />}
                </div>
              </TableCell>
            )}
          </>
        )}
      />

      <Heading2>{t('directory.locations')}</Heading2>
      {o.abilities.maintain && !editLocation && (
        <Button appearance="secondary-action-button" onClick={() => setEditLocation('new')}>
          {t('directory.newLocation')}
        </Button>
      )}
      {editLocation && <LocationForm orgId={o.id} location={editLocation === 'new' ? null : editLocation} onDone={() => setEditLocation(null)} />}
      <DataTable
        headers={[
          t('directory.fields.name'),
          t('directory.fields.address'),
          t('directory.fields.openingHours'),
          t('directory.freshness'),
          ...(o.abilities.maintain ? [t('admin.actions')] : []),
        ]}
        items={o.locations.filter((l) => l.active || o.abilities.maintain)}
        rowKey={(l) => l.id}
        empty={t('directory.noLocations')}
        row={(l) => (
          <>
            <TableCell>{l.name}</TableCell>
            <TableCell>
              {l.address}, {l.postcode} {l.city}
            </TableCell>
            <TableCell>
              <OpeningHoursList hours={l.openingHours} />
            </TableCell>
            <TableCell>
              <Freshness lastConfirmedAt={l.lastConfirmedAt} stale={l.stale} />
            </TableCell>
            {o.abilities.maintain && (
              <TableCell>
                <div className="kp-row">
                  <Button appearance="subtle-button" onClick={() => setEditLocation(l)} aria-label={`${t('directory.edit')}: ${l.name}`}>
                    {t('directory.edit')}
                  </Button>
                  {l.stale && <ConfirmButton type="location" id={l.id} name={l.name} />}
                </div>
              </TableCell>
            )}
          </>
        )}
      />

      <Heading2>{t('directory.people')}</Heading2>
      {o.abilities.maintain && <RouterLink to={`/smoelenboek/nieuw?organisatie=${o.id}`}>{t('directory.newPerson')}</RouterLink>}
      <DataTable
        headers={[t('directory.fields.name'), t('directory.fields.jobTitle'), t('directory.freshness'), ...(o.abilities.maintain ? [t('admin.actions')] : [])]}
        items={o.people.filter((p) => p.active || o.abilities.maintain)}
        rowKey={(p) => p.id}
        empty={t('directory.noPeople')}
        row={(p) => (
          <>
            <TableCell>
              <RouterLink to={`/smoelenboek/${p.id}`}>{p.name}</RouterLink>
            </TableCell>
            <TableCell>{p.jobTitle}</TableCell>
            <TableCell>
              <Freshness lastConfirmedAt={p.lastConfirmedAt} stale={p.stale} />
            </TableCell>
            {o.abilities.maintain && <TableCell>{p.stale && <ConfirmButton type="person" id={p.id} name={p.name} />}</TableCell>}
          </>
        )}
      />
      <History type="organisation" id={o.id} />
    </>
  );
}
