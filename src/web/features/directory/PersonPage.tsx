import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Link, Paragraph } from '@utrecht/component-library-react';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { formatPhone, LANGUAGES } from '../../../domain/directory';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { TextAreaField } from '../../components/TextAreaField';
import type { Me } from '../../lib/api';
import { ApiError, api, currentCsrfToken } from '../../lib/api';
import { bindFields } from '../../lib/form';
import { type PersonDetail, useMunicipalityOptions, usePerson } from './api';
import { Freshness } from './Freshness';
import { History } from './History';
import { Avatar } from './PeoplePage';

const MAX_PHOTO = 2 * 1024 * 1024;
const tags = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

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
  const [form, setForm] = useState({
    name: person?.name ?? '',
    jobTitle: person?.jobTitle ?? '',
    phone: person?.phone ?? '',
    email: person?.email ?? '',
    reachability: person?.reachability ?? '',
    expertise: person?.expertise.join(', ') ?? '',
    meetingTables: person?.meetingTables.join(', ') ?? '',
  });
  const [languages, setLanguages] = useState<string[]>(person?.languages ?? ['nl']);
  const [municipalityIds, setMunicipalityIds] = useState<string[]>(person?.municipalities.map((m) => m.id) ?? []);
  const save = useMutation({
    mutationFn: async () => {
      const body = { ...form, expertise: tags(form.expertise), meetingTables: tags(form.meetingTables), languages, municipalityIds, active: true };
      if (person) {
        await api('PUT', `/directory/people/${person.id}`, { ...body, version: person.version });
        return person.id;
      }
      return (await api<{ id: string }>('POST', own ? '/directory/me/card' : `/directory/organisations/${organisationId}/people`, body)).id;
    },
    onSuccess: async (id) => {
      await qc.invalidateQueries();
      onSaved(id);
    },
  });
  const { field: f } = bindFields(form, setForm, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="kp-form" onSubmit={submit} noValidate>
      <ErrorAlert error={save.error} />
      <Field label={t('people.name')} required autoComplete={own ? 'name' : 'off'} {...f('name')} />
      <Field label={t('directory.fields.jobTitle')} required {...f('jobTitle')} />
      <Field label={t('directory.fields.phone')} type="tel" hint={t('directory.phoneHint')} {...f('phone')} />
      <Field label={t('directory.fields.email')} type="email" {...f('email')} />
      <TextAreaField label={t('directory.fields.reachability')} hint={t('people.reachabilityHint')} rows={2} {...f('reachability')} />
      <Field label={t('directory.fields.expertise')} hint={t('people.tagsHint')} {...f('expertise')} />
      <Field label={t('directory.fields.meetingTables')} hint={t('people.tagsHint')} {...f('meetingTables')} />
      <CheckboxGroup
        legend={t('directory.fields.languages')}
        compact
        options={LANGUAGES.map((v) => ({ value: v, label: t(`languages.${v}`) }))}
        value={languages}
        onChange={setLanguages}
      />
      <CheckboxGroup
        legend={t('directory.fields.municipalityIds')}
        compact
        options={(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={municipalityIds}
        onChange={setMunicipalityIds}
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
        const data = await res.json().catch(() => ({}));
        throw new ApiError(res.status, data?.error?.code ?? 'internal');
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['person', person.id] }),
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
    mutationFn: () => api('POST', `/directory/person/${id}/confirm`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['person', id] }),
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
            {p.jobTitle} · <RouterLink to={`/sociale-kaart/organisatie/${p.organisation.id}`}>{p.organisation.name}</RouterLink>
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
              [
                t('directory.fields.phone'),
                p.phone ? (
                  <Link key="phone" href={`tel:${p.phone}`}>
                    {formatPhone(p.phone)}
                  </Link>
                ) : (
                  '—'
                ),
              ],
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
              [t('directory.fields.reachability'), p.reachability ?? '—'],
              [t('directory.fields.expertise'), p.expertise.join(', ') || '—'],
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
  const mine = useQuery({ queryKey: ['my-card'], queryFn: () => api<{ id: string | null }>('GET', '/directory/me/card') });
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
