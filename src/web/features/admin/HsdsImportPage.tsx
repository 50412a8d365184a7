import { useMutation } from '@tanstack/react-query';
import { Alert, Heading1, Paragraph, TableCell } from '@utrecht/component-library-react';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { ApiError } from '../../lib/api';
import { adminApi, useRegions } from './queries';

/** Upload an HSDS 3.0 JSON package: checked first, all or nothing, idempotent. */
export function HsdsImportPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const [regionId, setRegionId] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (data: unknown) => adminApi.importHsds(regionId || regions.data?.items[0]?.id || '', data),
  });
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    setFileError(null);
    run.reset();
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      run.mutate(JSON.parse(await file.text()));
    } catch {
      setFileError('not_json');
    }
  };
  const problems = run.error instanceof ApiError && run.error.code === 'invalid_import' ? run.error.details : [];
  return (
    <>
      <Heading1>{t('hsdsImport.title')}</Heading1>
      <Paragraph>{t('hsdsImport.intro')}</Paragraph>
      {(regions.data?.items.length ?? 0) > 1 && (
        <SelectField
          label={t('admin.region')}
          value={regionId}
          onChange={(e) => setRegionId(e.target.value)}
          options={(regions.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
      )}
      <Field
        label={t('hsdsImport.file')}
        hint={t('hsdsImport.fileHint')}
        type="file"
        accept="application/json,.json"
        onChange={choose}
        error={fileError ?? undefined}
      />
      {run.isPending && <Paragraph role="status">{t('hsdsImport.running')}</Paragraph>}
      {run.error && !problems.length && <ErrorAlert error={run.error} />}
      {problems.length > 0 && (
        <Alert type="error" role="alert">
          <Paragraph>{t('hsdsImport.rejected', { count: problems.length })}</Paragraph>
          <ul>
            {problems.slice(0, 50).map((p) => (
              <li key={`${p.path}-${p.code}-${p.message ?? ''}`}>
                <code>{p.path || '/'}</code>: {p.message ?? t(`errors.${p.code}`, { defaultValue: p.code })}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {run.data && (
        <>
          <Paragraph role="status">{t('hsdsImport.done')}</Paragraph>
          <DataTable
            headers={[t('hsdsImport.what'), t('hsdsImport.created'), t('hsdsImport.updated'), t('hsdsImport.unchanged')]}
            items={Object.entries(run.data)}
            rowKey={([k]) => k}
            empty=""
            row={([k, c]) => (
              <>
                <TableCell>{t(`hsdsImport.kinds.${k}`)}</TableCell>
                <TableCell>{c.created}</TableCell>
                <TableCell>{c.updated}</TableCell>
                <TableCell>{c.unchanged}</TableCell>
              </>
            )}
          />
        </>
      )}
    </>
  );
}
