import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, FormField, FormLabel, Heading1, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ACCESS_TYPES, CARE_PHASES, COST_TYPES, LANGUAGES, LIFE_DOMAINS, TARGET_GROUPS } from '../../../domain/directory';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, api } from '../../lib/api';
import { type ServiceDetail, useMunicipalityOptions, useOrganisationOverview, useProgrammes, useService } from './api';

type Form = Record<string, string | string[] | boolean>;

const fromService = (s: ServiceDetail): Form => ({
  name: s.name,
  summary: s.summary,
  description: s.description,
  eligibility: s.eligibility ?? '',
  programmeId: s.programme?.id ?? '',
  pregnancyFromWeek: s.pregnancyFromWeek?.toString() ?? '',
  minAgeMonths: s.minAgeMonths?.toString() ?? '',
  maxAgeMonths: s.maxAgeMonths?.toString() ?? '',
  targetGroups: s.targetGroups,
  phases: s.phases,
  lifeDomains: s.lifeDomains,
  languages: s.languages,
  costType: s.costType,
  costNote: s.costNote ?? '',
  accessType: s.accessType,
  howToRefer: s.howToRefer ?? '',
  referralInclude: s.referralInclude ?? '',
  waitingWeeks: s.waitingWeeks?.toString() ?? '',
  waitingStatedOn: s.waitingStatedOn ?? '',
  responseNormWorkingDays: s.responseNormWorkingDays?.toString() ?? '',
  acceptsNewClients: s.acceptsNewClients,
  accessibility: s.accessibility ?? '',
  phone: s.phone ?? '',
  email: s.email ?? '',
  website: s.website ?? '',
  isPublic: s.isPublic,
  active: true,
  municipalityIds: s.municipalities.map((m) => m.id),
  locationIds: s.locations.map((l) => l.id),
  contactIds: s.contacts.map((c) => c.id),
});

const EMPTY: Form = {
  name: '',
  summary: '',
  description: '',
  eligibility: '',
  programmeId: '',
  pregnancyFromWeek: '',
  minAgeMonths: '',
  maxAgeMonths: '',
  targetGroups: [],
  phases: [],
  lifeDomains: [],
  languages: ['nl'],
  costType: 'free',
  costNote: '',
  accessType: 'free_access',
  howToRefer: '',
  referralInclude: '',
  waitingWeeks: '',
  waitingStatedOn: new Date().toISOString().slice(0, 10),
  responseNormWorkingDays: '',
  acceptsNewClients: true,
  accessibility: '',
  phone: '',
  email: '',
  website: '',
  isPublic: false,
  active: true,
  municipalityIds: [],
  locationIds: [],
  contactIds: [],
};

const NUMBERS = ['pregnancyFromWeek', 'minAgeMonths', 'maxAgeMonths', 'waitingWeeks', 'responseNormWorkingDays'];

/** Create or edit a service of one's own organisation; the server checks the right and the version. */
export function ServiceEditPage() {
  const { t } = useTranslation();
  const { id, orgId } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const existing = useService(id ?? '', false);
  const organisationId = orgId ?? existing.data?.organisation.id ?? '';
  const org = useOrganisationOverview(organisationId);
  const programmes = useProgrammes();
  const municipalities = useMunicipalityOptions();
  const [form, setForm] = useState<Form>(EMPTY);
  useEffect(() => {
    if (id && existing.data) setForm(fromService(existing.data));
  }, [id, existing.data]);

  const save = useMutation({
    mutationFn: async () => {
      const body: Record<string, unknown> = { ...form, programmeId: form.programmeId || null, waitingStatedOn: form.waitingStatedOn || null };
      for (const k of NUMBERS) body[k] = form[k] === '' ? null : Number(form[k]);
      if (id) {
        await api('PUT', `/directory/services/${id}`, { ...body, version: existing.data!.version });
        return id;
      }
      return (await api<{ id: string }>('POST', `/directory/organisations/${organisationId}/services`, body)).id;
    },
    onSuccess: async (savedId) => {
      await qc.invalidateQueries();
      navigate(`/sociale-kaart/aanbod/${savedId}`);
    },
  });
  const fe = fieldErrors(save.error);
  const text = (k: string) => ({
    value: form[k] as string,
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
    error: fe[k],
  });
  const many = (k: string) => ({ value: form[k] as string[], onChange: (v: string[]) => setForm({ ...form, [k]: v }), error: fe[k] });
  const flag = (k: string, label: string) => (
    <FormField type="checkbox">
      <Checkbox id={`svc-${k}`} checked={form[k] as boolean} onChange={(e) => setForm({ ...form, [k]: e.target.checked })} />
      <FormLabel htmlFor={`svc-${k}`} type="checkbox">
        {label}
      </FormLabel>
    </FormField>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (id && existing.error) return <ErrorAlert error={existing.error} />;
  if ((id && !existing.data) || !org.data) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (!org.data.abilities.maintain) return <ErrorAlert error={new ApiError(403, 'forbidden')} />;

  return (
    <>
      <Heading1>{id ? `${t('directory.edit')}: ${existing.data!.name}` : t('directory.newService')}</Heading1>
      <Paragraph className="kp-muted">{org.data.name}</Paragraph>
      <form className="kp-form kp-form--wide" onSubmit={submit} noValidate>
        <ErrorAlert error={save.error} />
        <Field label={t('directory.fields.name')} required {...text('name')} />
        <Field label={t('directory.fields.summary')} hint={t('directory.summaryHint')} maxLength={300} {...text('summary')} />
        <TextAreaField label={t('directory.fields.description')} rows={6} {...text('description')} />
        <TextAreaField label={t('directory.fields.eligibility')} {...text('eligibility')} />
        <SelectField
          label={t('directory.fields.programmeId')}
          options={[{ value: '', label: t('directory.noProgramme') }, ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          {...text('programmeId')}
        />
        <div className="kp-row">
          <Field
            label={t('directory.fields.pregnancyFromWeek')}
            hint={t('directory.pregnancyHint')}
            type="number"
            min={1}
            max={42}
            inputMode="numeric"
            {...text('pregnancyFromWeek')}
          />
          <Field label={t('directory.fields.minAgeMonths')} type="number" min={0} inputMode="numeric" {...text('minAgeMonths')} />
          <Field label={t('directory.fields.maxAgeMonths')} type="number" min={0} inputMode="numeric" {...text('maxAgeMonths')} />
        </div>
        <CheckboxGroup
          legend={t('directory.fields.targetGroups')}
          options={TARGET_GROUPS.map((v) => ({ value: v, label: t(`directory.targetGroups.${v}`) }))}
          {...many('targetGroups')}
        />
        <CheckboxGroup
          legend={t('directory.fields.phases')}
          options={CARE_PHASES.map((v) => ({ value: v, label: t(`directory.phases.${v}`) }))}
          {...many('phases')}
        />
        <CheckboxGroup
          legend={t('directory.fields.lifeDomains')}
          options={LIFE_DOMAINS.map((v) => ({ value: v, label: t(`directory.lifeDomains.${v}`) }))}
          {...many('lifeDomains')}
        />
        <SelectField
          label={t('directory.fields.accessType')}
          options={ACCESS_TYPES.map((v) => ({ value: v, label: t(`directory.accessTypes.${v}`) }))}
          {...text('accessType')}
        />
        <TextAreaField label={t('directory.fields.howToRefer')} {...text('howToRefer')} />
        <TextAreaField label={t('directory.fields.referralInclude')} {...text('referralInclude')} />
        <div className="kp-row">
          <Field label={t('directory.fields.waitingWeeks')} type="number" min={0} inputMode="numeric" {...text('waitingWeeks')} />
          <Field label={t('directory.fields.waitingStatedOn')} type="date" {...text('waitingStatedOn')} />
          <Field label={t('directory.fields.responseNormWorkingDays')} type="number" min={0} inputMode="numeric" {...text('responseNormWorkingDays')} />
        </div>
        {flag('acceptsNewClients', t('directory.acceptsNewClients'))}
        <SelectField
          label={t('directory.fields.costType')}
          options={COST_TYPES.map((v) => ({ value: v, label: t(`directory.costTypes.${v}`) }))}
          {...text('costType')}
        />
        <Field label={t('directory.fields.costNote')} {...text('costNote')} />
        <CheckboxGroup
          legend={t('directory.fields.languages')}
          compact
          options={LANGUAGES.map((v) => ({ value: v, label: t(`languages.${v}`) }))}
          {...many('languages')}
        />
        <TextAreaField label={t('directory.fields.accessibility')} {...text('accessibility')} />
        <Field label={t('directory.fields.phone')} type="tel" hint={t('directory.phoneHint')} {...text('phone')} />
        <Field label={t('directory.fields.email')} type="email" {...text('email')} />
        <Field label={t('directory.fields.website')} type="url" {...text('website')} />
        <CheckboxGroup
          legend={t('directory.fields.municipalityIds')}
          compact
          options={(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          {...many('municipalityIds')}
        />
        <CheckboxGroup
          legend={t('directory.fields.locationIds')}
          options={org.data.locations.filter((l) => l.active).map((l) => ({ value: l.id, label: `${l.name}, ${l.city}` }))}
          {...many('locationIds')}
        />
        <CheckboxGroup
          legend={t('directory.fields.contactIds')}
          options={org.data.people.filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name} (${p.jobTitle})` }))}
          {...many('contactIds')}
        />
        {flag('isPublic', t('directory.fields.isPublic'))}
        {id && flag('active', t('directory.fields.active'))}
        <div className="kp-row">
          <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
            {t('app.save')}
          </Button>
          <RouterLink to={id ? `/sociale-kaart/aanbod/${id}` : `/sociale-kaart/organisatie/${organisationId}`}>{t('app.cancel')}</RouterLink>
        </div>
      </form>
    </>
  );
}
