import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IV_BLOCKS, QUALITY_CRITERIA, REQUIRED_BLOCKS } from '../../../domain/evaluation';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, currentCsrfToken, type Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { Cell } from '../families/parts';
import { DraftForm, MunicipalityChoice, pathError, useMunicipality } from './common';
import { evaluationApi, evaluationKeys, type QuickscanBody, useDemand, useQuickscan, useQuickscans } from './queries';

const BLOCKS = IV_BLOCKS;
const REQUIRED = new Set<string>(REQUIRED_BLOCKS);
const CRITERIA = QUALITY_CRITERIA;

interface BlockState {
  state: string;
  by: string | null;
  since: string | null;
  financing: string | null;
}
interface Quickscan {
  id: string;
  conductedOn: string;
  blocks: Record<string, BlockState>;
  criteria: Record<string, { state: string; note: string | null }>;
  note: string | null;
  version: number;
  gaps: { kind: string; key: string; state: string; required: boolean }[];
  previous: { id: string; conductedOn: string } | null;
  changes: { kind: string; key: string; field: string; from: string | null; to: string | null }[];
}
interface Demand {
  population: { referenceYear: number; inhabitants: number; children0to7: number | null; prevalence: number; source: string; version: number } | null;
  estimate: { children0to7: number; expected: number; basis: string } | null;
}

const blank = (): Omit<Quickscan, 'id' | 'version' | 'gaps' | 'previous' | 'changes'> => ({
  conductedOn: new Date().toISOString().slice(0, 10),
  blocks: Object.fromEntries(BLOCKS.map((b) => [b, { state: 'absent', by: null, since: null, financing: null }])),
  criteria: Object.fromEntries(CRITERIA.map((c) => [c, { state: 'not_met', note: null }])),
  note: null,
});

/** The Integrale Vroeghulp quickscan of a municipality — building blocks, quality criteria, gaps and changes — and the demand estimate. */
export function QuickscanPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const m = useMunicipality(me);
  const qc = useQueryClient();
  const list = useQuickscans(m.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const currentId = chosen ?? list.data?.items[0]?.id;
  const scan = useQuickscan(currentId);
  const [draft, setDraft] = useState<ReturnType<typeof blank> | null>(null);
  const save = useMutation({
    mutationFn: (d: ReturnType<typeof blank>) => evaluationApi.createQuickscan({ ...(d as Omit<QuickscanBody, 'municipalityId'>), municipalityId: m.id }),
    onSuccess: (r) => {
      setDraft(null);
      setChosen(r.id);
      qc.invalidateQueries({ queryKey: evaluationKeys.quickscans(m.id) });
    },
  });
  const q = scan.data;
  const label = (kind: string, key: string) => t(kind === 'block' ? `quickscan.blocks.${key}` : `quickscan.criteria.${key}`);
  const stateLabel = (kind: string, v: string | null) =>
    v === null ? '—' : kind === 'block' ? t(`quickscan.blockStates.${v}`, { defaultValue: v }) : t(`quickscan.criterionStates.${v}`);
  const setBlock = (b: string, patch: Partial<BlockState>) =>
    draft && setDraft({ ...draft, blocks: { ...draft.blocks, [b]: { ...draft.blocks[b]!, ...patch } } });
  return (
    <>
      <Heading1>{t('quickscan.title')}</Heading1>
      <Paragraph>{t('quickscan.intro')}</Paragraph>
      <MunicipalityChoice me={me} value={m.id} onChange={m.set} label={t('monitor.municipality')} />
      <ErrorAlert error={list.error ?? scan.error} />
      {list.data && list.data.items.length === 0 && <Paragraph>{t('quickscan.none')}</Paragraph>}
      {list.data && list.data.items.length > 1 && (
        <SelectField
          label={t('quickscan.choose')}
          value={currentId ?? ''}
          options={list.data.items.map((x) => ({ value: x.id, label: formatDate(x.conductedOn, i18n.language) }))}
          onChange={(e) => setChosen(e.target.value)}
        />
      )}
      {q && (
        <>
          <Heading2 id="qs-blocks">{t('quickscan.blocksTitle', { date: formatDate(q.conductedOn, i18n.language) })}</Heading2>
          <DataTable
            headers={[t('quickscan.block'), t('quickscan.state'), t('quickscan.by'), t('quickscan.since'), t('quickscan.financing')]}
            items={[...BLOCKS]}
            rowKey={(b) => b}
            empty=""
            row={(b) => (
              <>
                <Cell>
                  {t(`quickscan.blocks.${b}`)}
                  {REQUIRED.has(b) ? ` (${t('quickscan.required')})` : ''}
                </Cell>
                <Cell>{stateLabel('block', q.blocks[b]!.state)}</Cell>
                <Cell>{q.blocks[b]!.by ?? '—'}</Cell>
                <Cell>{q.blocks[b]!.since ?? '—'}</Cell>
                <Cell>{q.blocks[b]!.financing ?? '—'}</Cell>
              </>
            )}
          />
          <Heading2 id="qs-criteria">{t('quickscan.criteriaTitle')}</Heading2>
          <DataTable
            headers={[t('quickscan.criterion'), t('quickscan.state'), t('quickscan.note')]}
            items={[...CRITERIA]}
            rowKey={(c) => c}
            empty=""
            row={(c) => (
              <>
                <Cell>{t(`quickscan.criteria.${c}`)}</Cell>
                <Cell>{stateLabel('criterion', q.criteria[c]!.state)}</Cell>
                <Cell>{q.criteria[c]!.note ?? '—'}</Cell>
              </>
            )}
          />
          <Heading2 id="qs-gaps">{t('quickscan.gaps')}</Heading2>
          {q.gaps.length === 0 ? (
            <Paragraph>{t('quickscan.noGaps')}</Paragraph>
          ) : (
            <UnorderedList>
              {q.gaps.map((g) => (
                <UnorderedListItem key={`${g.kind}-${g.key}`}>
                  {label(g.kind, g.key)}: {stateLabel(g.kind, g.state)}
                  {g.required ? ` — ${t('quickscan.requiredGap')}` : ''}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
          <Heading2 id="qs-changes">
            {q.previous ? t('quickscan.changesSince', { date: formatDate(q.previous.conductedOn, i18n.language) }) : t('quickscan.changes')}
          </Heading2>
          {!q.previous ? (
            <Paragraph>{t('quickscan.first')}</Paragraph>
          ) : q.changes.length === 0 ? (
            <Paragraph>{t('quickscan.noChanges')}</Paragraph>
          ) : (
            <UnorderedList>
              {q.changes.map((c) => (
                <UnorderedListItem key={`${c.kind}-${c.key}-${c.field}`}>
                  {label(c.kind, c.key)} ({t(`quickscan.fields.${c.field}`)}): {c.field === 'state' ? stateLabel(c.kind, c.from) : (c.from ?? '—')} →{' '}
                  {c.field === 'state' ? stateLabel(c.kind, c.to) : (c.to ?? '—')}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </>
      )}
      {!draft ? (
        <Button
          appearance="primary-action-button"
          onClick={() =>
            setDraft(
              q
                ? { conductedOn: new Date().toISOString().slice(0, 10), blocks: structuredClone(q.blocks), criteria: structuredClone(q.criteria), note: null }
                : blank(),
            )
          }
        >
          {t('quickscan.new')}
        </Button>
      ) : (
        <DraftForm
          id="qs-form"
          title={t('quickscan.new')}
          intro={t('quickscan.newHint')}
          error={save.error}
          pending={save.isPending}
          submitLabel={t('quickscan.save')}
          onSubmit={() => save.mutate(draft)}
          onCancel={() => setDraft(null)}
        >
          <Field
            label={t('quickscan.conductedOn')}
            type="date"
            value={draft.conductedOn}
            error={pathError(save.error, 'conductedOn')}
            onChange={(e) => setDraft({ ...draft, conductedOn: e.target.value })}
          />
          {BLOCKS.map((b) => (
            <fieldset className="kp-fieldset" key={b}>
              <legend>
                {t(`quickscan.blocks.${b}`)}
                {REQUIRED.has(b) ? ` (${t('quickscan.required')})` : ''}
              </legend>
              <div className="kp-row">
                <SelectField
                  label={t('quickscan.state')}
                  value={draft.blocks[b]!.state}
                  options={['in_place', 'partly', 'absent'].map((s) => ({ value: s, label: t(`quickscan.blockStates.${s}`) }))}
                  onChange={(e) => setBlock(b, { state: e.target.value })}
                />
                <Field
                  label={t('quickscan.by')}
                  value={draft.blocks[b]!.by ?? ''}
                  error={pathError(save.error, `blocks.${b}.by`)}
                  onChange={(e) => setBlock(b, { by: e.target.value })}
                />
                <Field
                  label={t('quickscan.since')}
                  type="date"
                  value={draft.blocks[b]!.since ?? ''}
                  onChange={(e) => setBlock(b, { since: e.target.value || null })}
                />
                <Field label={t('quickscan.financing')} value={draft.blocks[b]!.financing ?? ''} onChange={(e) => setBlock(b, { financing: e.target.value })} />
              </div>
            </fieldset>
          ))}
          {CRITERIA.map((c) => (
            <fieldset className="kp-fieldset" key={c}>
              <legend>{t(`quickscan.criteria.${c}`)}</legend>
              <div className="kp-row">
                <SelectField
                  label={t('quickscan.state')}
                  value={draft.criteria[c]!.state}
                  options={['met', 'partly', 'not_met'].map((s) => ({ value: s, label: t(`quickscan.criterionStates.${s}`) }))}
                  onChange={(e) => setDraft({ ...draft, criteria: { ...draft.criteria, [c]: { ...draft.criteria[c]!, state: e.target.value } } })}
                />
                <Field
                  label={t('quickscan.note')}
                  value={draft.criteria[c]!.note ?? ''}
                  onChange={(e) => setDraft({ ...draft, criteria: { ...draft.criteria, [c]: { ...draft.criteria[c]!, note: e.target.value } } })}
                />
              </div>
            </fieldset>
          ))}
          <TextAreaField label={t('quickscan.note')} value={draft.note ?? ''} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
        </DraftForm>
      )}
      <DemandSection municipalityId={m.id} />
    </>
  );
}

/** The demand estimate: population figures entered or imported from CBS StatLine, times the prevalence. */
function DemandSection({ municipalityId }: { municipalityId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = evaluationKeys.demand(municipalityId);
  const d = useDemand(municipalityId);
  const [form, setForm] = useState<{ referenceYear: string; inhabitants: string; children0to7: string; prevalence: string } | null>(null);
  const p = d.data?.population;
  const current = form ?? {
    referenceYear: String(p?.referenceYear ?? new Date().getFullYear()),
    inhabitants: p ? String(p.inhabitants) : '',
    children0to7: p?.children0to7 != null ? String(p.children0to7) : '',
    prevalence: String((p?.prevalence ?? 0.01) * 100),
  };
  const save = useMutation({
    mutationFn: () =>
      evaluationApi.savePopulation({
        municipalityId,
        referenceYear: Number(current.referenceYear),
        inhabitants: Number(current.inhabitants),
        children0to7: current.children0to7 ? Number(current.children0to7) : null,
        prevalence: Number(current.prevalence) / 100,
        version: p?.version ?? null,
      }),
    onSuccess: (r) => {
      setForm(null);
      qc.setQueryData(key, r);
    },
  });
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const res = await fetch(`/api/v1/demand/population/import?municipalityId=${municipalityId}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'x-csrf-token': currentCsrfToken(), accept: 'application/json' },
        body: await file.text(),
        credentials: 'same-origin',
      });
      const data = await res.json();
      if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'internal', data?.error?.details ?? []);
      return data as Demand;
    },
    onSuccess: (r) => {
      setForm(null);
      qc.setQueryData(key, r);
    },
  });
  const e = d.data?.estimate;
  return (
    <section aria-labelledby="demand" className="kp-subsection">
      <Heading2 id="demand">{t('demand.title')}</Heading2>
      <Paragraph>{t('demand.intro')}</Paragraph>
      {e ? (
        <Paragraph>
          <strong>{t('demand.estimate', { expected: e.expected, children: e.children0to7.toLocaleString('nl-NL') })}</strong> {t(`demand.basis.${e.basis}`)}
          {p ? ` ${t(`demand.source.${p.source}`, { year: p.referenceYear })}` : ''}
        </Paragraph>
      ) : (
        <Paragraph>{t('demand.none')}</Paragraph>
      )}
      <form
        className="kp-form"
        onSubmit={(ev: FormEvent) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <ErrorAlert error={save.error} />
        <div className="kp-row">
          <Field
            label={t('demand.year')}
            type="number"
            value={current.referenceYear}
            error={pathError(save.error, 'referenceYear')}
            onChange={(x) => setForm({ ...current, referenceYear: x.target.value })}
          />
          <Field
            label={t('demand.inhabitants')}
            type="number"
            value={current.inhabitants}
            error={pathError(save.error, 'inhabitants')}
            onChange={(x) => setForm({ ...current, inhabitants: x.target.value })}
          />
          <Field
            label={t('demand.children')}
            hint={t('demand.childrenHint')}
            type="number"
            value={current.children0to7}
            error={pathError(save.error, 'children0to7')}
            onChange={(x) => setForm({ ...current, children0to7: x.target.value })}
          />
          <Field
            label={t('demand.prevalence')}
            type="number"
            step="0.1"
            value={current.prevalence}
            error={pathError(save.error, 'prevalence')}
            onChange={(x) => setForm({ ...current, prevalence: x.target.value })}
          />
        </div>
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('demand.save')}
        </Button>
      </form>
      <Field
        label={t('demand.import')}
        hint={t('demand.importHint')}
        type="file"
        accept=".csv,text/csv"
        onChange={(x) => {
          const file = x.target.files?.[0];
          if (file) upload.mutate(file);
        }}
      />
      {upload.error instanceof ApiError && <ErrorAlert error={upload.error} />}
      {upload.error instanceof ApiError && upload.error.details.length > 0 && (
        <UnorderedList>
          {upload.error.details.map((x) => (
            <UnorderedListItem key={`${x.path}-${x.code}`}>{t(`demand.importErrors.${x.code}`, { defaultValue: x.code })}</UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </section>
  );
}
