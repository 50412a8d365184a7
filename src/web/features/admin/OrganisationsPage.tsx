import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, FormField, FormLabel, Heading1, Heading2, TableCell } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../domain/directory';
import { ORGANISATION_TYPES } from '../../../domain/organisations';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { adminApi, adminKeys, type Organisation, useOrganisations, useRegions } from './queries';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [showInactive, setShowInactive] = useState(false);
  const orgs = useOrganisations(showInactive);
  const regions = useRegions();
  const empty = { name: '', type: 'jgz', phone: '', email: '', regionId: '' };
  const [form, setForm] = useState(empty);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const startEdit = (o: Organisation) => {
    setEditing(o);
    setForm({ name: o.name, type: o.type, phone: o.phone ? formatPhone(o.phone) : '', email: o.email ?? '', regionId: o.regionId });
  };
  const create = useMutation({
    mutationFn: () =>
      editing
        ? adminApi.updateOrganisation(editing.id, { ...form, type: form.type as Organisation['type'], version: editing.version })
        : adminApi.createOrganisation({ ...form, type: form.type as Organisation['type'], regionId: form.regionId || regions.data?.items[0]?.id || '' }),
    onSuccess: async () => {
      setEditing(null);
      setForm(empty);
      await qc.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const toggle = useMutation({
    mutationFn: (o: Organisation) => adminApi.updateOrganisation(o.id, { version: o.version, active: !o.active }),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.all }),
  });
  const fe = fieldErrors(create.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <>
      <Heading1>{t('admin.organisationsTitle')}</Heading1>
      <Heading2>{editing ? `${t('admin.edit')}: ${editing.name}` : t('admin.newOrganisation')}</Heading2>
      <form className="kp-form" onSubmit={submit} noValidate>
        <ErrorAlert error={create.error} />
        <Field label={t('admin.name')} value={form.name} onChange={set('name')} error={fe.name} required />
        <SelectField
          label={t('admin.type')}
          value={form.type}
          onChange={set('type')}
          options={ORGANISATION_TYPES.map((x) => ({ value: x, label: t(`orgTypes.${x}`) }))}
        />
        {(regions.data?.items.length ?? 0) > 1 && (
          <SelectField
            label={t('admin.region')}
            value={form.regionId}
            onChange={set('regionId')}
            options={(regions.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
          />
        )}
        <Field label={t('admin.phone')} type="tel" value={form.phone} onChange={set('phone')} error={fe.phone} />
        <Field label={t('admin.email')} type="email" value={form.email} onChange={set('email')} error={fe.email} />
        <div className="kp-row">
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {editing ? t('app.save') : t('admin.create')}
          </Button>
          {editing && (
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => {
                setEditing(null);
                setForm(empty);
              }}
            >
              {t('app.cancel')}
            </Button>
          )}
        </div>
      </form>
      <Heading2>{t('admin.organisationsTitle')}</Heading2>
      <FormField type="checkbox">
        <Checkbox id="org-inactive" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
        <FormLabel htmlFor="org-inactive" type="checkbox">
          {t('admin.showInactive')}
        </FormLabel>
      </FormField>
      <ErrorAlert error={toggle.error} />
      <DataTable
        headers={[t('admin.name'), t('admin.type'), t('admin.phone'), t('admin.status'), t('admin.actions')]}
        items={orgs.data?.items}
        rowKey={(o) => o.id}
        empty={t('admin.empty')}
        row={(o) => (
          <>
            <TableCell>{o.name}</TableCell>
            <TableCell>{t(`orgTypes.${o.type}`)}</TableCell>
            <TableCell>{o.phone ? formatPhone(o.phone) : '—'}</TableCell>
            <TableCell>{o.active ? t('admin.active') : t('admin.inactive')}</TableCell>
            <TableCell>
              <Button appearance="subtle-button" onClick={() => startEdit(o)} aria-label={`${t('admin.edit')}: ${o.name}`}>
                {t('admin.edit')}
              </Button>
              <Button
                appearance="subtle-button"
                onClick={() => toggle.mutate(o)}
                aria-label={`${o.active ? t('admin.deactivate') : t('admin.reactivate')}: ${o.name}`}
              >
                {o.active ? t('admin.deactivate') : t('admin.reactivate')}
              </Button>
            </TableCell>
          </>
        )}
      />
    </>
  );
}
