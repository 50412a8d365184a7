import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, FormField, FormLabel, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { ACCESS_TYPES, CARE_PHASES, COST_TYPES, formatPhone, LANGUAGES, LIFE_DOMAINS, serviceInputSchema, TARGET_GROUPS } from '../../../domain/directory';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { LanguagePicker } from '../../components/LanguagePicker';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError } from '../../lib/api';
import { applyServerErrors, blankToNull, errorMessage, numberOrNull, useZodForm } from '../../lib/form';
import { directoryApi, directoryKeys, type ServiceDetail, useMunicipalityOptions, useOrganisationOverview, useProgrammes, useService } from './queries';

/** The form holds the request body itself, so the server's field paths name the form's fields. */
type Form = z.input<typeof serviceInputSchema>;
const FIELDS = Object.keys(serviceInputSchema.shape);

const fromService = (s: ServiceDetail): Form => ({
  name: s.name,
  summary: s.summary,
  description: s.description,
  eligibility: s.eligibility ?? '',
  programmeId: s.programme?.id ?? null,
  pregnancyFromWeek: s.pregnancyFromWeek,
  minAgeMonths: s.minAgeMonths,
  maxAgeMonths: s.maxAgeMonths,
  targetGroups: s.targetGroups as Form['targetGroups'],
  phases: s.phases as Form['phases'],
  lifeDomains: s.lifeDomains as Form['lifeDomains'],
  languages: s.languages as Form['languages'],
  costType: s.costType as Form['costType'],
  costNote: s.costNote ?? '',
  accessType: s.accessType as Form['accessType'],
  howToRefer: s.howToRefer ?? '',
  referralInclude: s.referralInclude ?? '',
  waitingWeeks: s.waitingWeeks,
  waitingStatedOn: s.waitingStatedOn,
  responseNormWorkingDays: s.responseNormWorkingDays,
  acceptsNewClients: s.acceptsNewClients,
  accessibility: s.accessibility ?? '',
  // Shown the way it is written everywhere; the schema stores it as E.164 again.
  phone: s.phone ? formatPhone(s.phone) : '',
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
  programmeId: null,
  pregnancyFromWeek: null,
  minAgeMonths: null,
  maxAgeMonths: null,
  targetGroups: [],
  phases: [],
  lifeDomains: [],
  languages: ['nl'],
  costType: 'free',
  costNote: '',
  accessType: 'free_access',
  howToRefer: '',
  referralInclude: '',
  waitingWeeks: null,
  waitingStatedOn: new Date().toISOString().slice(0, 10),
  responseNormWorkingDays: null,
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

/**
 * Create or edit a service of one's own organisation. The browser checks the form with the server's own schema
 * (serviceInputSchema) before sending; what only the server can check (the version, unknown ids) lands on the same fields.
 */
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
  const form = useZodForm(serviceInputSchema, { defaultValues: EMPTY });
  const { register, control, handleSubmit, reset, formState } = form;
  const [unplaced, setUnplaced] = useState<unknown>(null);
  useEffect(() => {
    if (id && existing.data) reset(fromService(existing.data));
  }, [id, existing.data, reset]);

  const save = useMutation({
    mutationFn: async (body: z.output<typeof serviceInputSchema>) => {
      if (id) {
        await directoryApi.updateService(id, { ...body, version: existing.data!.version });
        return id;
      }
      return (await directoryApi.createService(organisationId, body)).id;
    },
    onSuccess: async (savedId) => {
      await qc.invalidateQueries({ queryKey: directoryKeys.all });
      navigate(`/sociale-kaart/aanbod/${savedId}`);
    },
    onError: (error) => {
      const rest = applyServerErrors(error, form, FIELDS);
      // The summary names the failure; errors the fields show are not repeated there.
      setUnplaced(error instanceof ApiError && error.details.length > 0 && rest.length === 0 ? null : error);
    },
  });
  const err = (k: keyof Form) => errorMessage(formState.errors[k]);
  const text = (k: keyof Form) => ({ ...register(k), error: err(k) });
  const nullable = (k: keyof Form) => ({ ...register(k, { setValueAs: blankToNull }), error: err(k) });
  const num = (k: keyof Form) => ({ ...register(k, { setValueAs: numberOrNull }), error: err(k), type: 'number', inputMode: 'numeric' as const });
  const many = (
    k: 'targetGroups' | 'phases' | 'lifeDomains' | 'municipalityIds' | 'locationIds' | 'contactIds',
    legend: string,
    options: { value: string; label: string }[],
    compact = false,
  ) => (
    <Controller
      control={control}
      name={k}
      render={({ field, fieldState }) => (
        <CheckboxGroup
          legend={legend}
          options={options}
          compact={compact}
          value={(field.value ?? []) as string[]}
          onChange={field.onChange}
          error={errorMessage(fieldState.error)}
        />
      )}
    />
  );
  const flag = (k: 'acceptsNewClients' | 'isPublic' | 'active', label: string) => (
    <FormField type="checkbox">
      <Checkbox id={`svc-${k}`} {...register(k)} />
      <FormLabel htmlFor={`svc-${k}`} type="checkbox">
        {label}
      </FormLabel>
    </FormField>
  );
  const submit = handleSubmit((body) => {
    setUnplaced(null);
    save.mutate(body);
  });
  if (id && existing.error) return <ErrorAlert error={existing.error} />;
  if ((id && !existing.data) || !org.data) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (!org.data.abilities.maintain) return <ErrorAlert error={new ApiError(403, 'forbidden')} />;

  return (
    <>
      <Heading1>{id ? `${t('directory.edit')}: ${existing.data!.name}` : t('directory.newService')}</Heading1>
      <Paragraph className="kp-muted">{org.data.name}</Paragraph>
      <form className="kp-form kp-form--wide" onSubmit={submit} noValidate>
        <ErrorAlert error={unplaced} />
        <Field label={t('directory.fields.name')} required {...text('name')} />
        <Field label={t('directory.fields.summary')} hint={t('directory.summaryHint')} maxLength={300} {...text('summary')} />
        <TextAreaField label={t('directory.fields.description')} rows={6} {...text('description')} />
        <TextAreaField label={t('directory.fields.eligibility')} {...text('eligibility')} />
        <SelectField
          label={t('directory.fields.programmeId')}
          options={[{ value: '', label: t('directory.noProgramme') }, ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          {...nullable('programmeId')}
        />
        <div className="kp-row">
          <Field label={t('directory.fields.pregnancyFromWeek')} hint={t('directory.pregnancyHint')} min={1} max={42} {...num('pregnancyFromWeek')} />
          <Field label={t('directory.fields.minAgeMonths')} min={0} {...num('minAgeMonths')} />
          <Field label={t('directory.fields.maxAgeMonths')} min={0} {...num('maxAgeMonths')} />
        </div>
        {many(
          'targetGroups',
          t('directory.fields.targetGroups'),
          TARGET_GROUPS.map((v) => ({ value: v, label: t(`directory.targetGroups.${v}`) })),
        )}
        {many(
          'phases',
          t('directory.fields.phases'),
          CARE_PHASES.map((v) => ({ value: v, label: t(`directory.phases.${v}`) })),
        )}
        {many(
          'lifeDomains',
          t('directory.fields.lifeDomains'),
          LIFE_DOMAINS.map((v) => ({ value: v, label: t(`directory.lifeDomains.${v}`) })),
        )}
        <SelectField
          label={t('directory.fields.accessType')}
          options={ACCESS_TYPES.map((v) => ({ value: v, label: t(`directory.accessTypes.${v}`) }))}
          {...text('accessType')}
        />
        <TextAreaField label={t('directory.fields.howToRefer')} {...text('howToRefer')} />
        <TextAreaField label={t('directory.fields.referralInclude')} {...text('referralInclude')} />
        <div className="kp-row">
          <Field label={t('directory.fields.waitingWeeks')} min={0} {...num('waitingWeeks')} />
          <Field label={t('directory.fields.waitingStatedOn')} type="date" {...nullable('waitingStatedOn')} />
          <Field label={t('directory.fields.responseNormWorkingDays')} min={0} {...num('responseNormWorkingDays')} />
        </div>
        {flag('acceptsNewClients', t('directory.acceptsNewClients'))}
        <SelectField
          label={t('directory.fields.costType')}
          options={COST_TYPES.map((v) => ({ value: v, label: t(`directory.costTypes.${v}`) }))}
          {...text('costType')}
        />
        <Field label={t('directory.fields.costNote')} {...text('costNote')} />
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
        <TextAreaField label={t('directory.fields.accessibility')} {...text('accessibility')} />
        <Field label={t('directory.fields.phone')} type="tel" hint={t('directory.phoneHint')} {...text('phone')} />
        <Field label={t('directory.fields.email')} type="email" {...text('email')} />
        <Field label={t('directory.fields.website')} type="url" {...text('website')} />
        {many(
          'municipalityIds',
          t('directory.fields.municipalityIds'),
          (municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name })),
          true,
        )}
        {many(
          'locationIds',
          t('directory.fields.locationIds'),
          org.data.locations.filter((l) => l.active).map((l) => ({ value: l.id, label: `${l.name}, ${l.city}` })),
        )}
        {many(
          'contactIds',
          t('directory.fields.contactIds'),
          org.data.people.filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name} (${p.jobTitle})` })),
        )}
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
