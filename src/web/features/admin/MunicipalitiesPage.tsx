import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Heading2, TableCell } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { adminApi, adminKeys, type Municipality, useMunicipalities, useRegions } from './queries';

export function MunicipalitiesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const munis = useMunicipalities();
  const regions = useRegions();
  const [name, setName] = useState('');
  const [cbsCode, setCbsCode] = useState('');
  const [editing, setEditing] = useState<Municipality | null>(null);
  const startEdit = (m: Municipality) => {
    setEditing(m);
    setName(m.name);
    setCbsCode(m.cbsCode ?? '');
  };
  const create = useMutation({
    mutationFn: () =>
      editing
        ? adminApi.updateMunicipality(editing.id, { name, cbsCode: cbsCode || null, version: editing.version })
        : adminApi.createMunicipality({ name, cbsCode: cbsCode || null, regionId: regions.data?.items[0]?.id ?? '' }),
    onSuccess: async () => {
      setEditing(null);
      setName('');
      setCbsCode('');
      await qc.invalidateQueries({ queryKey: adminKeys.municipalities() });
    },
  });
  const fe = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const regionName = (id: string) => regions.data?.items.find((r) => r.id === id)?.name ?? '';
  return (
    <>
      <Heading1>{t('admin.municipalitiesTitle')}</Heading1>
      <Heading2>{editing ? `${t('admin.edit')}: ${editing.name}` : t('admin.newMunicipality')}</Heading2>
      <form className="kp-form" onSubmit={submit} noValidate>
        <ErrorAlert error={create.error} />
        <Field label={t('admin.name')} value={name} onChange={(e) => setName(e.target.value)} error={fe.name} required />
        <Field label={t('admin.cbsCode')} value={cbsCode} onChange={(e) => setCbsCode(e.target.value)} error={fe.cbsCode} />
        <div>
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {editing ? t('app.save') : t('admin.create')}
          </Button>
        </div>
      </form>
      <DataTable
        headers={[t('admin.name'), 'CBS', t('admin.region'), t('admin.actions')]}
        items={munis.data?.items}
        rowKey={(m) => m.id}
        empty={t('admin.empty')}
        row={(m) => (
          <>
            <TableCell>{m.name}</TableCell>
            <TableCell>{m.cbsCode ?? '—'}</TableCell>
            <TableCell>{regionName(m.regionId)}</TableCell>
            <TableCell>
              <Button appearance="subtle-button" onClick={() => startEdit(m)} aria-label={`${t('admin.edit')}: ${m.name}`}>
                {t('admin.edit')}
              </Button>
            </TableCell>
          </>
        )}
      />
    </>
  );
}
