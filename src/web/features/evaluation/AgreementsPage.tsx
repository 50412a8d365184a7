import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IV_BLOCKS as BLOCKS, AGREEMENT_LEVELS as LEVELS, REVIEW_REMINDER_DAYS as REMINDER_DAYS } from '../../../domain/evaluation';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import type { Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { Cell } from '../families/parts';
import { DraftForm, MunicipalityChoice, pathError, useMunicipality } from './common';
import { type AgreementBody, evaluationApi, evaluationKeys, useAgreements } from './queries';

interface Agreement {
  id: string;
  level: string;
  title: string;
  content: string;
  parties: string[];
  lead: string;
  budgetEuros: number | null;
  periodFrom: string;
  periodTo: string | null;
  reviewOn: string;
  block: string | null;
  version: number;
}
interface Draft {
  id?: string;
  version?: number;
  level: string;
  title: string;
  content: string;
  parties: string;
  lead: string;
  budgetEuros: string;
  periodFrom: string;
  periodTo: string;
  reviewOn: string;
  block: string;
}
const today = () => new Date().toISOString().slice(0, 10);
const empty = (): Draft => ({
  level: 'tactical',
  title: '',
  content: '',
  parties: '',
  lead: '',
  budgetEuros: '',
  periodFrom: today(),
  periodTo: '',
  reviewOn: '',
  block: '',
});
const euro = (v: number | null) => (v === null ? '—' : v.toLocaleString('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }));

/** The agreements register (afsprakenkader): who agreed what, at which level, who leads, budget and review date. */
export function AgreementsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const m = useMunicipality(me);
  const qc = useQueryClient();
  const list = useAgreements(m.id);
  const [level, setLevel] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: evaluationKeys.agreements(m.id) });
  const save = useMutation({
    mutationFn: (d: Draft) => {
      // The form holds text; the server's schema decides (its field errors land on the fields).
      const body = {
        level: d.level as AgreementBody['level'],
        title: d.title,
        content: d.content,
        parties: d.parties
          .split(/[,\n]/)
          .map((x) => x.trim())
          .filter(Boolean),
        lead: d.lead,
        budgetEuros: d.budgetEuros === '' ? null : Number(d.budgetEuros),
        periodFrom: d.periodFrom,
        periodTo: d.periodTo || null,
        reviewOn: d.reviewOn,
        block: (d.block || null) as AgreementBody['block'],
      };
      return d.id
        ? evaluationApi.updateAgreement(d.id, { ...body, version: d.version ?? 0 })
        : evaluationApi.createAgreement({ ...body, municipalityId: m.id });
    },
    onSuccess: () => {
      setDraft(null);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (a: Agreement) => evaluationApi.deleteAgreement(a.id, a.version), onSuccess: refresh });
  const soon = new Date(Date.now() + REMINDER_DAYS * 86_400_000).toISOString().slice(0, 10);
  const items = list.data?.items.filter((a) => !level || a.level === level);
  const f = (k: keyof Draft) => ({
    value: (draft?.[k] as string) ?? '',
    error: pathError(save.error, k),
    onChange: (e: { target: { value: string } }) => draft && setDraft({ ...draft, [k]: e.target.value }),
  });
  return (
    <>
      <Heading1>{t('agreements.title')}</Heading1>
      <Paragraph>{t('agreements.intro')}</Paragraph>
      <div className="kp-row">
        <MunicipalityChoice me={me} value={m.id} onChange={m.set} label={t('monitor.municipality')} />
        <SelectField
          label={t('agreements.level')}
          value={level}
          options={[{ value: '', label: t('agreements.allLevels') }, ...LEVELS.map((l) => ({ value: l, label: t(`agreements.levels.${l}`) }))]}
          onChange={(e) => setLevel(e.target.value)}
        />
      </div>
      <ErrorAlert error={list.error ?? remove.error} />
      <DataTable
        headers={[
          t('agreements.titleLabel'),
          t('agreements.level'),
          t('agreements.parties'),
          t('agreements.lead'),
          t('agreements.budget'),
          t('agreements.period'),
          t('agreements.reviewOn'),
          t('agreements.actions'),
        ]}
        items={items}
        rowKey={(a) => a.id}
        empty={t('agreements.none')}
        row={(a) => (
          <>
            <Cell>
              <strong>{a.title}</strong>
              <br />
              {a.content}
              {a.block && (
                <>
                  <br />
                  {t('agreements.serves', { block: t(`quickscan.blocks.${a.block}`) })}
                </>
              )}
            </Cell>
            <Cell>{t(`agreements.levels.${a.level}`)}</Cell>
            <Cell>{a.parties.join(', ')}</Cell>
            <Cell>{a.lead}</Cell>
            <Cell>{euro(a.budgetEuros)}</Cell>
            <Cell>
              {formatDate(a.periodFrom, i18n.language)} – {a.periodTo ? formatDate(a.periodTo, i18n.language) : '…'}
            </Cell>
            <Cell>
              {formatDate(a.reviewOn, i18n.language)}
              {a.reviewOn <= soon ? ` (${a.reviewOn < today() ? t('agreements.overdue') : t('agreements.dueSoon')})` : ''}
            </Cell>
            <Cell>
              <div className="kp-row">
                <Button
                  appearance="secondary-action-button"
                  onClick={() =>
                    setDraft({
                      ...a,
                      parties: a.parties.join(', '),
                      budgetEuros: a.budgetEuros === null ? '' : String(a.budgetEuros),
                      periodTo: a.periodTo ?? '',
                      block: a.block ?? '',
                    })
                  }
                >
                  {t('agreements.edit')}
                </Button>
                <Button appearance="subtle-button" onClick={() => window.confirm(t('agreements.confirmDelete', { title: a.title })) && remove.mutate(a)}>
                  {t('agreements.delete')}
                </Button>
              </div>
            </Cell>
          </>
        )}
      />
      {!draft ? (
        <Button appearance="primary-action-button" onClick={() => setDraft(empty())}>
          {t('agreements.new')}
        </Button>
      ) : (
        <DraftForm
          id="ag-form"
          title={draft.id ? t('agreements.edit') : t('agreements.new')}
          error={save.error}
          pending={save.isPending}
          submitLabel={t('agreements.save')}
          onSubmit={() => save.mutate(draft)}
          onCancel={() => setDraft(null)}
        >
          <div className="kp-row">
            <SelectField label={t('agreements.level')} options={LEVELS.map((l) => ({ value: l, label: t(`agreements.levels.${l}`) }))} {...f('level')} />
            <SelectField
              label={t('agreements.block')}
              options={[{ value: '', label: t('agreements.noBlock') }, ...BLOCKS.map((b) => ({ value: b, label: t(`quickscan.blocks.${b}`) }))]}
              {...f('block')}
            />
          </div>
          <Field label={t('agreements.titleLabel')} {...f('title')} />
          <TextAreaField label={t('agreements.content')} {...f('content')} />
          <Field label={t('agreements.parties')} hint={t('agreements.partiesHint')} {...f('parties')} />
          <div className="kp-row">
            <Field label={t('agreements.lead')} {...f('lead')} />
            <Field label={t('agreements.budget')} hint={t('agreements.budgetHint')} type="number" min={0} {...f('budgetEuros')} />
          </div>
          <div className="kp-row">
            <Field label={t('agreements.periodFrom')} type="date" {...f('periodFrom')} />
            <Field label={t('agreements.periodTo')} type="date" {...f('periodTo')} />
            <Field label={t('agreements.reviewOn')} hint={t('agreements.reviewHint', { days: REMINDER_DAYS })} type="date" {...f('reviewOn')} />
          </div>
        </DraftForm>
      )}
    </>
  );
}
