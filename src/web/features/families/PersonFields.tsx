import { Checkbox, FormField, FormLabel } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../domain/directory';
import { fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { languageName } from '../../lib/languages';
import { useMunicipalityOptions } from '../directory/api';
import type { HouseholdRole } from './api';

export const HOUSEHOLD_ROLES: HouseholdRole[] = ['mother', 'partner', 'unborn', 'child', 'carer', 'other'];

export interface PersonForm {
  bsn: string;
  givenName: string;
  familyName: string;
  householdRole: HouseholdRole;
  dateOfBirth: string;
  dueDate: string;
  postcode: string;
  address: string;
  municipalityId: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  contactPhone: string;
  contactEmail: string;
}
export const emptyPerson = (municipalityId = '', householdRole: HouseholdRole = 'mother'): PersonForm => ({
  bsn: '',
  givenName: '',
  familyName: '',
  householdRole,
  dateOfBirth: '',
  dueDate: '',
  postcode: '',
  address: '',
  municipalityId,
  preferredLanguage: '',
  interpreterNeeded: false,
  contactPhone: '',
  contactEmail: '',
});
/** The form as the API wants it: empty strings become absent, dates null. */
export const personBody = (f: PersonForm) => ({
  ...f,
  bsn: f.bsn || null,
  dateOfBirth: f.dateOfBirth || null,
  dueDate: f.dueDate || null,
  postcode: f.postcode || null,
  address: f.address || null,
  preferredLanguage: f.preferredLanguage || null,
  contactPhone: f.contactPhone || null,
  contactEmail: f.contactEmail || null,
});

/** The directory's languages by name in the reader's language, sorted; plus a stored value outside that list. */
function languageOptions(current: string, lang: string) {
  const codes = current && !(LANGUAGES as readonly string[]).includes(current) ? [...LANGUAGES, current] : [...LANGUAGES];
  return codes.map((code) => ({ value: code, label: languageName(code, lang) })).sort((a, b) => a.label.localeCompare(b.label, lang));
}

/** The identifying and contact fields of a household member, with the API's field errors under each. */
export function PersonFields({
  form,
  setForm,
  error,
  withContact = true,
}: {
  form: PersonForm;
  setForm: (f: PersonForm) => void;
  error: unknown;
  withContact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const municipalities = useMunicipalityOptions();
  const fe = fieldErrors(error);
  const id = useId();
  const text = (k: keyof PersonForm) => ({
    value: form[k] as string,
    error: fe[k],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
  });
  const unborn = form.householdRole === 'unborn';
  return (
    <>
      <SelectField
        label={t('clients.role')}
        options={HOUSEHOLD_ROLES.map((r) => ({ value: r, label: t(`householdRoles.${r}`) }))}
        value={form.householdRole}
        error={fe.householdRole}
        onChange={(e) => setForm({ ...form, householdRole: e.target.value as HouseholdRole })}
      />
      {!unborn && <Field label={t('clients.bsn')} hint={t('clients.bsnOptional')} inputMode="numeric" autoComplete="off" {...text('bsn')} />}
      <Field label={t('clients.givenName')} autoComplete="off" {...text('givenName')} />
      <Field label={t('clients.familyName')} required autoComplete="off" {...text('familyName')} />
      {!unborn && <Field label={t('clients.dateOfBirth')} type="date" {...text('dateOfBirth')} />}
      {(unborn || form.householdRole === 'mother') && (
        <Field label={t('clients.dueDate')} type="date" hint={unborn ? undefined : t('clients.dueDateHint')} {...text('dueDate')} />
      )}
      <SelectField
        label={t('clients.municipality')}
        options={[{ value: '', label: t('clients.choose') }, ...(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))]}
        value={form.municipalityId}
        error={fe.municipalityId}
        onChange={(e) => setForm({ ...form, municipalityId: e.target.value })}
      />
      <Field label={t('clients.postcode')} autoComplete="off" {...text('postcode')} />
      {withContact && (
        <>
          <Field label={t('clients.address')} autoComplete="off" {...text('address')} />
          {/* Chosen by name, never typed as a code; an older free-text value stays selectable. */}
          <SelectField
            label={t('clients.preferredLanguage')}
            options={[{ value: '', label: t('clients.noPreferredLanguage') }, ...languageOptions(form.preferredLanguage, i18n.language)]}
            value={form.preferredLanguage}
            error={fe.preferredLanguage}
            onChange={(e) => setForm({ ...form, preferredLanguage: e.target.value })}
          />
          <FormField type="checkbox">
            <Checkbox id={`${id}-interp`} checked={form.interpreterNeeded} onChange={(e) => setForm({ ...form, interpreterNeeded: e.target.checked })} />
            <FormLabel htmlFor={`${id}-interp`} type="checkbox">
              {t('clients.interpreterNeeded')}
            </FormLabel>
          </FormField>
          <Field label={t('clients.contactPhone')} type="tel" {...text('contactPhone')} />
          <Field label={t('clients.contactEmail')} type="email" {...text('contactEmail')} />
        </>
      )}
    </>
  );
}
