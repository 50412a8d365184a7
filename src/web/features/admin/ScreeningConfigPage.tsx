import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Heading2, Paragraph, TableCell } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError } from '../../lib/api';
import { adminApi, adminKeys, type Factor, type Questionnaire, useFactors, useQuestionnaires } from './queries';

/**
 * Functional administration of the signal code lists (risk and protective factors) and the screening
 * instruments. Instruments are configured as a JSON definition (domains, items, scale, weights, threshold).
 */
export function ScreeningConfigPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const factors = useFactors();
  const instruments = useQuestionnaires();
  const [f, setF] = useState({ code: '', kind: 'risk', labelNl: '', labelEn: '' });
  const addFactor = useMutation({
    mutationFn: () => adminApi.addFactor({ ...f, kind: f.kind as Factor['kind'] }),
    onSuccess: async () => {
      setF({ code: '', kind: 'risk', labelNl: '', labelEn: '' });
      await qc.invalidateQueries({ queryKey: adminKeys.factors() });
    },
  });
  const toggle = useMutation({
    mutationFn: (x: Factor) => adminApi.updateFactor(x.code, { version: x.version, active: !x.active }),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.factors() }),
  });
  const [q, setQ] = useState({ code: '', nameNl: '', nameEn: '', definition: '' });
  const [jsonError, setJsonError] = useState<unknown>(null);
  const addQ = useMutation({
    mutationFn: () => adminApi.addQuestionnaire({ ...q, definition: JSON.parse(q.definition) }),
    onSuccess: async () => {
      setQ({ code: '', nameNl: '', nameEn: '', definition: '' });
      await qc.invalidateQueries({ queryKey: adminKeys.questionnaires() });
    },
  });
  const toggleQ = useMutation({
    mutationFn: (x: Questionnaire) => adminApi.updateQuestionnaire(x.id, { version: x.version, active: !x.active }),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.questionnaires() }),
  });
  const fe = fieldErrors(addFactor.error);
  const qe = fieldErrors(addQ.error);
  const submitFactor = (e: FormEvent) => {
    e.preventDefault();
    addFactor.mutate();
  };
  const submitQ = (e: FormEvent) => {
    e.preventDefault();
    try {
      JSON.parse(q.definition);
      setJsonError(null);
      addQ.mutate();
    } catch {
      setJsonError(new ApiError(400, 'validation_failed', [{ path: 'body.definition', code: 'not_json' }]));
    }
  };
  return (
    <>
      <Heading1>{t('screeningAdmin.title')}</Heading1>
      <Heading2>{t('screeningAdmin.factors')}</Heading2>
      <form className="kp-form" onSubmit={submitFactor} noValidate>
        <ErrorAlert error={addFactor.error} />
        <Field
          label={t('screeningAdmin.code')}
          hint={t('screeningAdmin.codeHint')}
          value={f.code}
          error={fe.code}
          onChange={(e) => setF({ ...f, code: e.target.value })}
        />
        <SelectField
          label={t('screeningAdmin.kind')}
          value={f.kind}
          onChange={(e) => setF({ ...f, kind: e.target.value })}
          options={[
            { value: 'risk', label: t('signals.riskFactors') },
            { value: 'protective', label: t('signals.protectiveFactors') },
          ]}
        />
        <Field label={t('screeningAdmin.labelNl')} value={f.labelNl} error={fe.labelNl} onChange={(e) => setF({ ...f, labelNl: e.target.value })} />
        <Field label={t('screeningAdmin.labelEn')} value={f.labelEn} error={fe.labelEn} onChange={(e) => setF({ ...f, labelEn: e.target.value })} />
        <div>
          <Button type="submit" appearance="primary-action-button" disabled={addFactor.isPending}>
            {t('admin.create')}
          </Button>
        </div>
      </form>
      <DataTable
        headers={[t('screeningAdmin.code'), t('screeningAdmin.kind'), t('screeningAdmin.labelNl'), t('screeningAdmin.status'), t('admin.actions')]}
        items={factors.data?.items}
        rowKey={(x) => x.code}
        empty={t('admin.empty')}
        row={(x) => (
          <>
            <TableCell>{x.code}</TableCell>
            <TableCell>{x.kind === 'risk' ? t('signals.riskFactors') : t('signals.protectiveFactors')}</TableCell>
            <TableCell>{x.labelNl}</TableCell>
            <TableCell>{x.active ? t('screeningAdmin.active') : t('screeningAdmin.inactive')}</TableCell>
            <TableCell>
              <Button
                appearance="subtle-button"
                onClick={() => toggle.mutate(x)}
                aria-label={`${x.active ? t('screeningAdmin.deactivate') : t('screeningAdmin.activate')}: ${x.labelNl}`}
              >
                {x.active ? t('screeningAdmin.deactivate') : t('screeningAdmin.activate')}
              </Button>
            </TableCell>
          </>
        )}
      />
      <Heading2>{t('screeningAdmin.instruments')}</Heading2>
      <Paragraph>{t('screeningAdmin.instrumentsIntro')}</Paragraph>
      <DataTable
        headers={[t('screeningAdmin.code'), t('admin.name'), t('screeningAdmin.status'), t('admin.actions')]}
        items={instruments.data?.items}
        rowKey={(x) => x.id}
        empty={t('admin.empty')}
        row={(x) => (
          <>
            <TableCell>{x.code}</TableCell>
            <TableCell>{x.nameNl}</TableCell>
            <TableCell>{x.active ? t('screeningAdmin.active') : t('screeningAdmin.inactive')}</TableCell>
            <TableCell>
              <Button
                appearance="subtle-button"
                onClick={() => toggleQ.mutate(x)}
                aria-label={`${x.active ? t('screeningAdmin.deactivate') : t('screeningAdmin.activate')}: ${x.nameNl}`}
              >
                {x.active ? t('screeningAdmin.deactivate') : t('screeningAdmin.activate')}
              </Button>
            </TableCell>
          </>
        )}
      />
      <form className="kp-form" onSubmit={submitQ} noValidate aria-label={t('screeningAdmin.newInstrument')}>
        <ErrorAlert error={jsonError ?? addQ.error} />
        <Field label={t('screeningAdmin.code')} value={q.code} error={qe.code} onChange={(e) => setQ({ ...q, code: e.target.value })} />
        <Field label={t('screeningAdmin.nameNl')} value={q.nameNl} error={qe.nameNl} onChange={(e) => setQ({ ...q, nameNl: e.target.value })} />
        <Field label={t('screeningAdmin.nameEn')} value={q.nameEn} error={qe.nameEn} onChange={(e) => setQ({ ...q, nameEn: e.target.value })} />
        <TextAreaField
          label={t('screeningAdmin.definition')}
          hint={t('screeningAdmin.definitionHint')}
          rows={8}
          value={q.definition}
          error={fieldErrors(jsonError).definition ?? qe.definition ?? qe.domains ?? qe.scale}
          onChange={(e) => setQ({ ...q, definition: e.target.value })}
        />
        <div>
          <Button type="submit" appearance="primary-action-button" disabled={addQ.isPending}>
            {t('admin.create')}
          </Button>
        </div>
      </form>
    </>
  );
}
