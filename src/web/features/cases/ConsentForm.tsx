import { useMutation } from '@tanstack/react-query';
import { Button, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { api } from '../../lib/api';
import { type CasePage, useConsentOrganisations } from './api';
import { useInvalidateCase } from './CaseParts';

const PURPOSES = ['case_discussion', 'share_plan', 'referral'];
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/**
 * Recording the parents' decision for one or more organisations at once. The care team's organisations are listed;
 * any other organisation of the region can be found by name and chosen before anyone of it is in the team.
 */
export function ConsentForm({ c, close }: { c: CasePage; close: () => void }) {
  const { t } = useTranslation();
  const refresh = useInvalidateCase(c.id);
  const household = c.content?.household ?? [];
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const found = useConsentOrganisations(c.id, query);
  /** Chosen organisations by id, with their names: they stay listed whatever is searched next. */
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const [form, setForm] = useState({
    givenByPersonId: '',
    purpose: 'case_discussion',
    purposeDetail: '',
    decision: 'given',
    validFrom: today(),
    validUntil: '',
    how: 'spoken',
    note: '',
  });
  const [file, setFile] = useState<{ name: string; type: string; base64: string } | null>(null);
  const record = useMutation({
    mutationFn: () =>
      api('POST', `/cases/${c.id}/consents`, {
        ...form,
        recipients: [...chosen.keys()].map((organisationId) => ({ organisationId })),
        validUntil: form.validUntil || null,
        form: file,
      }),
    onSuccess: () => {
      close();
      void refresh();
    },
  });
  const fe = fieldErrors(record.error);
  const options = new Map<string, string>();
  for (const o of found.data ?? []) options.set(o.id, o.inCareTeam ? o.name : t('cases.organisationNotInTeam', { name: o.name }));
  for (const [id, name] of chosen) if (!options.has(id)) options.set(id, name);
  const names = new Map((found.data ?? []).map((o) => [o.id, o.name]));
  const search = () => setQuery(q.trim());
  return (
    <form
      className="kp-form kp-case-wide-form"
      noValidate
      aria-labelledby="consent-record"
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate();
      }}
    >
      <Heading3 id="consent-record">{t('cases.recordConsent')}</Heading3>
      <ErrorAlert error={record.error} />
      <SelectField
        label={t('cases.givenBy')}
        value={form.givenByPersonId}
        error={fe.givenByPersonId}
        onChange={(e) => setForm({ ...form, givenByPersonId: e.target.value })}
        options={[{ value: '', label: t('clients.choose') }, ...household.map((p) => ({ value: p.id, label: `${p.name} (${t(`householdRoles.${p.role}`)})` }))]}
      />
      <CheckboxGroup
        legend={t('cases.recipients')}
        options={[...options.entries()].map(([value, label]) => ({ value, label }))}
        value={[...chosen.keys()]}
        error={fe.recipients ?? fe.organisationId}
        onChange={(ids) => setChosen(new Map(ids.map((id) => [id, chosen.get(id) ?? names.get(id) ?? ''])))}
      />
      <div className="kp-row">
        <Field
          label={t('cases.findOrganisation')}
          hint={t('cases.findOrganisationHint')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              search();
            }
          }}
        />
        <Button appearance="secondary-action-button" onClick={search}>
          {t('cases.search')}
        </Button>
      </div>
      {query && found.data?.every((o) => o.inCareTeam) && <Paragraph>{t('cases.noOrganisationsFound', { q: query })}</Paragraph>}
      <SelectField
        label={t('cases.purpose')}
        value={form.purpose}
        onChange={(e) => setForm({ ...form, purpose: e.target.value })}
        options={PURPOSES.map((p) => ({ value: p, label: t(`cases.purposes.${p}`) }))}
      />
      {form.purpose === 'referral' && (
        <Field
          label={t('cases.purposeDetail')}
          value={form.purposeDetail}
          error={fe.purposeDetail}
          onChange={(e) => setForm({ ...form, purposeDetail: e.target.value })}
        />
      )}
      <SelectField
        label={t('cases.decision')}
        value={form.decision}
        onChange={(e) => setForm({ ...form, decision: e.target.value })}
        options={[
          { value: 'given', label: t('cases.decisions.given') },
          { value: 'refused', label: t('cases.decisions.refused') },
        ]}
      />
      <div className="kp-row">
        <Field
          label={t('cases.validFrom')}
          type="date"
          value={form.validFrom}
          error={fe.validFrom}
          onChange={(e) => setForm({ ...form, validFrom: e.target.value })}
        />
        <Field
          label={t('cases.validUntil')}
          hint={t('cases.validUntilHint')}
          type="date"
          value={form.validUntil}
          error={fe.validUntil}
          onChange={(e) => setForm({ ...form, validUntil: e.target.value })}
        />
      </div>
      <SelectField
        label={t('cases.howLabel')}
        value={form.how}
        error={fe.how}
        onChange={(e) => setForm({ ...form, how: e.target.value })}
        options={[
          { value: 'spoken', label: t('cases.how.spoken') },
          { value: 'written', label: t('cases.how.written') },
        ]}
      />
      {form.how === 'written' && (
        <Field
          label={t('cases.uploadForm')}
          hint={t('cases.uploadFormHint')}
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          error={fe.form ?? fe.base64}
          onChange={(e) => {
            const f = (e.target as HTMLInputElement).files?.[0];
            if (!f) return setFile(null);
            const reader = new FileReader();
            reader.onload = () => setFile({ name: f.name, type: f.type, base64: String(reader.result).split(',')[1] ?? '' });
            reader.readAsDataURL(f);
          }}
        />
      )}
      <TextAreaField label={t('cases.consentNote')} rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      <div className="kp-row">
        <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
          {t('cases.recordConsentButton')}
        </Button>
        <Button appearance="secondary-action-button" onClick={close}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}
