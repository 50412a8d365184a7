import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Link, Paragraph } from '@utrecht/component-library-react';
import { type ChangeEvent, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { formatPhone, LANGUAGES, personCardInputSchema } from '../../../domain/directory';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { Nl, nl } from '../../components/Content';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { LanguagePicker } from '../../components/LanguagePicker';
import { PhoneLink } from '../../components/PhoneLink';
import { RouterLink } from '../../components/RouterLink';
import { TextAreaField } from '../../components/TextAreaField';
import type { Me } from '../../lib/api';
import { ApiError, currentCsrfToken, toApiError } from '../../lib/api';
import { applyServerErrors, errorMessage, useZodForm } from '../../lib/form';
import { Freshness } from './Freshness';
import { History } from './History';
import { Avatar } from './PeoplePage';
import { directoryApi, directoryKeys, type PersonDetail, useMunicipalityOptions, useMyCard, usePerson } from './queries';

const MAX_PHOTO = 2 * 1024 * 1024;
const tags = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The card's own schema from the domain, with the tag lists typed as one comma-separated line each: the same rules
 * (at least 2 characters a tag, at most 30) check what the user wrote before it is sent.
 */
const cardFormSchema = personCardInputSchema.extend({
  expertise: z.string().transform(tags).pipe(personCardInputSchema.shape.expertise.unwrap()),
  meetingTables: z.string().transform(tags).pipe(personCardInputSchema.shape.meetingTables.unwrap()),
});
const CARD_FIELDS = Object.keys(cardFormSchema.shape);

function CardForm({
  person,
  organisationId,
  own,
  onSaved,
}: {
  person: PersonDetail | null;
  organisationId: string;
  own: boolean;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const municipalities = useMunicipalityOptions();
  const form = useZodForm(cardFormSchema, {
    defaultValues: {
      name: person?.name ?? '',
      jobTitle: person?.jobTitle ?? '',
      phone: person?.phone ? formatPhone(person.phone) : '',
      email: person?.email ?? '',
      reachability: person?.reachability ?? '',
      expertise: person?.expertise.join(', ') ?? '',
      meetingTables: person?.meetingTables.join(', ') ?? '',
      languages: (person?.languages ?? ['nl']) as z.input<typeof cardFormSchema>['languages'],
      municipalityIds: person?.municipalities.map((m) => m.id) ?? [],
      active: true,
    },
  });
  const { register, control, handleSubmit, formState } = form;
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: async (body: z.output<typeof cardFormSchema>) => {
      if (person) {
        await directoryApi.updatePerson(person.id, { ...body, version: person.version });
        return person.id;
      }
      return (own ? await directoryApi.createMyCard(body) : await directoryApi.createPerson(organisationId, body)).id;
    },
    onSuccess: async (id) => {
      await qc.invalidateQueries({ queryKey: directoryKeys.all });
      onSaved(id);
    },
    onError: (error) =>
      setUnplaced(applyServerErrors(error, form, CARD_FIELDS).length > 0 || !(error instanceof ApiError) || error.details.length === 0 ? error : null),
  });
  const f = (k: keyof z.input<typeof cardFormSchema>) => ({ ...register(k), error: errorMessage(formState.errors[k]) });
  const submit = handleSubmit((body) => {
    setUnplaced(null);
    save.mutate(body);
  });
  return (
    <form className="kp-form" onSubmit={submit} noValidate>
      <ErrorAlert error={unplaced} />
      <Field label={t('people.name')} required autoComplete={own ? 'name' : 'off'} {...f('name')} />
      <Field label={t('directory.fields.jobTitle')} required {...f('jobTitle')} />
      <Field label={t('directory.fields.phone')} type="tel" hint={t('directory.phoneHint')} {...f('phone')} />
      <Field label={t('directory.fields.email')} type="email" {...f('email')} />
      <TextAreaField label={t('directory.fields.reachability')} hint={t('people.reachabilityHint')} rows={2} {...f('reachability')} />
      <Field label={t('directory.fields.expertise')} hint={t('people.tagsHint')} {...f('expertise')} />
      <Field label={t('directory.fields.meetingTables')} hint={t('people.tagsHint')} {...f('meetingTables')} />
      <Controller
        control={control}
        name="languages"
        render={({ field, fieldState }) => (
          <LanguagePicker
            legend={t('directory.fields.languages')}
            options={LANGUAGES}
            value={(field.value ?? []) as string[]}
            onChange={field.onChange}
            error={errorMessage(fieldState.error)}
          />
        )}
      />
      <Controller
        control={control}
        name="municipalityIds"
        render={({ field, fieldState }) => (
          <CheckboxGroup
            legend={t('directory.fields.municipalityIds')}
            compact
            options={(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={(field.value ?? []) as string[]}
            onChange={field.onChange}
            error={errorMessage(fieldState.error)}
          />
        )}
      />
      <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
        {t('app.save')}
      </Button>
    </form>
  );
}

function PhotoUpload({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const upload = useMutation({
    mutationFn: async (file: File | null) => {
      if (file && file.size > MAX_PHOTO) throw new ApiError(413, 'payload_too_large');
      const res = await fetch(`/api/v1/directory/people/${person.id}/photo`, {
        method: file ? 'PUT' : 'DELETE',
        headers: { 'content-type': file?.type || 'application/octet-stream', 'x-csrf-token': currentCsrfToken() },
        body: file ?? undefined,
        credentials: 'same-origin',
      });
      if (!res.ok) {
        throw toApiError(res.status, await res.json().catch(() => ({})));
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: directoryKeys.all }),
    onError: setError,
  });
  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    setError(null);
    const file = e.target.files?.[0];
    if (file) upload.mutate(file);
  };
  return (
    <div className="kp-form">
      <ErrorAlert error={error} />
      <Field label={t('people.photo')} hint={t('people.photoHint')} type="file" accept="image/jpeg,image/png,image/webp" onChange={choose} />
      {person.hasPhoto && (
        <Button appearance="secondary-action-button" onClick={() => upload.mutate(null)}>
          {t('people.removePhoto')}
        </Button>
      )}
      {upload.isPending && <Paragraph role="status">{t('people.uploading')}</Paragraph>}
    </div>
  );
}

/** One smoelenboek card; its owner (or the organisation's editor) can edit it here. */
export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const person = usePerson(id);
  const [editing, setEditing] = useState(false);
  const confirm = useMutation({
    mutationFn: () => directoryApi.confirm('person', id),
    onSuccess: () => qc.invalidateQueries({ queryKey: directoryKeys.all }),
  });
  if (person.error) return <ErrorAlert error={person.error} />;
  const p = person.data;
  if (!p) return <Paragraph>{t('app.loading')}</Paragraph>;
  return (
    <>
      <div className="kp-person-head">
        <Avatar id={p.id} name={p.name} hasPhoto={p.hasPhoto} version={p.photoVersion} />
        <div>
          <Heading1>{p.name}</Heading1>
          <Paragraph>
            {p.jobTitle} ·{' '}
            <RouterLink to={`/sociale-kaart/organisatie/${p.organisation.id}`}>
              <Nl>{p.organisation.name}</Nl>
            </RouterLink>
          </Paragraph>
          <Freshness lastConfirmedAt={p.lastConfirmedAt} by={p.lastConfirmedBy} stale={p.stale} />
        </div>
      </div>
      {p.abilities.maintain && !editing && (
        <div className="kp-row kp-actions">
          <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
            {p.isOwnCard ? t('people.editOwn') : t('directory.edit')}
          </Button>
          {p.stale && (
            <Button appearance="primary-action-button" onClick={() => confirm.mutate()}>
              {t('directory.stillCorrect')}
            </Button>
          )}
        </div>
      )}
      <ErrorAlert error={confirm.error} />
      {editing ? (
        <>
          <Heading2>{t('people.editCard')}</Heading2>
          <PhotoUpload person={p} />
          <CardForm person={p} organisationId={p.organisationId} own={p.isOwnCard} onSaved={() => setEditing(false)} />
          <Button appearance="subtle-button" onClick={() => setEditing(false)}>
            {t('app.cancel')}
          </Button>
        </>
      ) : (
        <DataList className="kp-datalist">
          {(
            [
              [t('directory.fields.phone'), p.phone ? <PhoneLink key="phone" phone={p.phone} /> : '—'],
              [
                t('directory.fields.email'),
                p.email ? (
                  <Link key="email" href={`mailto:${p.email}`}>
                    {p.email}
                  </Link>
                ) : (
                  '—'
                ),
              ],
              [t('directory.fields.reachability'), nl(p.reachability)],
              [t('directory.fields.expertise'), nl(p.expertise.join(', '))],
              [t('directory.fields.meetingTables'), p.meetingTables.join(', ') || '—'],
              [t('directory.fields.languages'), p.languages.map((l) => t(`languages.${l}`)).join(', ')],
              [t('directory.fields.municipalityIds'), p.municipalities.map((m) => m.name).join(', ') || '—'],
              [
                t('people.contactFor'),
                p.services.length
                  ? p.services.map((s, i) => (
                      <span key={s.id}>
                        {i > 0 && ', '}
                        <RouterLink to={`/sociale-kaart/aanbod/${s.id}`}>{s.name}</RouterLink>
                      </span>
                    ))
                  : '—',
              ],
            ] as [string, React.ReactNode][]
          ).map(([k, v]) => (
            <DataListItem key={k}>
              <DataListKey>{k}</DataListKey>
              <DataListValue>{v}</DataListValue>
            </DataListItem>
          ))}
        </DataList>
      )}
      <History type="person" id={p.id} />
    </>
  );
}

/** "My card": the professional's own card, or the form to create it. */
export function MyCardPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyCard();
  if (!mine.data) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (mine.data.id) return <Navigate to={`/smoelenboek/${mine.data.id}`} replace />;
  return (
    <>
      <Heading1>{t('people.createOwn')}</Heading1>
      <Paragraph>{t('people.createOwnIntro')}</Paragraph>
      <CardForm person={null} organisationId={me.user.organisation.id} own onSaved={(id) => navigate(`/smoelenboek/${id}`)} />
    </>
  );
}

/** A maintainer adds a colleague's card. */
export function NewPersonPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const organisationId = params.get('organisatie') ?? '';
  return (
    <>
      <Heading1>{t('directory.newPerson')}</Heading1>
      <CardForm person={null} organisationId={organisationId} own={false} onSaved={(id) => navigate(`/smoelenboek/${id}`)} />
    </>
  );
}
