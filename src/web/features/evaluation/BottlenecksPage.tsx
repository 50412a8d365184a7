import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOTTLENECK_PHASES as PHASES, BOTTLENECK_SOURCES as SOURCES } from '../../../domain/evaluation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import type { Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { DraftForm, MunicipalityChoice, pathError, useMunicipality } from './common';
import { type BottleneckBody, evaluationApi, evaluationKeys, useBottlenecks } from './queries';

interface Action {
  description: string;
  owner: string;
  dueOn: string | null;
  done: boolean;
}
interface Bottleneck {
  id: string;
  phase: string;
  title: string;
  description: string | null;
  partnersNamed: number;
  source: string;
  status: string;
  actions: Action[];
  version: number;
}
type Draft = Omit<Bottleneck, 'id' | 'version' | 'partnersNamed'> & { partnersNamed: string; id?: string; version?: number };
const empty: Draft = { phase: 'signaleren', title: '', description: '', partnersNamed: '1', source: 'interview', status: 'open', actions: [] };

/** The bottleneck register: per phase, what partners run into, how many named it, and what is done about it. */
export function BottlenecksPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const m = useMunicipality(me);
  const qc = useQueryClient();
  const list = useBottlenecks(m.id);
  const [draft, setDraft] = useState<Draft | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: evaluationKeys.bottlenecks(m.id) });
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body = { ...d, partnersNamed: Number(d.partnersNamed), description: d.description ?? '' };
      const { id, ...rest } = body as typeof body & BottleneckBody;
      return id ? evaluationApi.updateBottleneck(id, { ...rest, version: d.version ?? 0 }) : evaluationApi.createBottleneck({ ...rest, municipalityId: m.id });
    },
    onSuccess: () => {
      setDraft(null);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (b: Bottleneck) => evaluationApi.deleteBottleneck(b.id, b.version), onSuccess: refresh });
  const setAction = (i: number, patch: Partial<Action>) =>
    draft && setDraft({ ...draft, actions: draft.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  return (
    <>
      <Heading1>{t('bottlenecks.title')}</Heading1>
      <Paragraph>{t('bottlenecks.intro')}</Paragraph>
      <MunicipalityChoice me={me} value={m.id} onChange={m.set} label={t('monitor.municipality')} />
      <ErrorAlert error={list.error ?? remove.error} />
      {list.data && list.data.items.length === 0 && <Paragraph>{t('bottlenecks.none')}</Paragraph>}
      {list.data &&
        PHASES.map((phase) => {
          const items = list.data.items.filter((b) => b.phase === phase);
          if (!items.length) return null;
          return (
            <section key={phase} aria-labelledby={`bn-${phase}`} className="kp-subsection">
              <Heading2 id={`bn-${phase}`}>{t(`bottlenecks.phases.${phase}`)}</Heading2>
              {items.map((b) => (
                <article key={b.id} className="kp-card">
                  <Heading3>
                    {b.title} ({b.partnersNamed})
                  </Heading3>
                  <Paragraph>
                    {t(`bottlenecks.sources.${b.source}`)} · {t(`bottlenecks.statuses.${b.status}`)}
                  </Paragraph>
                  {b.description && <Paragraph>{b.description}</Paragraph>}
                  {b.actions.length > 0 && (
                    <UnorderedList>
                      {b.actions.map((a, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id of their own; the list is replaced whole
                        <UnorderedListItem key={i}>
                          {a.description} — {t('bottlenecks.owner')}: {a.owner}
                          {a.dueOn ? ` (${formatDate(a.dueOn, i18n.language)})` : ''} {a.done ? `✓ ${t('bottlenecks.done')}` : ''}
                        </UnorderedListItem>
                      ))}
                    </UnorderedList>
                  )}
                  <div className="kp-row">
                    <Button appearance="secondary-action-button" onClick={() => setDraft({ ...b, partnersNamed: String(b.partnersNamed) })}>
                      {t('bottlenecks.edit')}
                    </Button>
                    <Button appearance="subtle-button" onClick={() => window.confirm(t('bottlenecks.confirmDelete', { title: b.title })) && remove.mutate(b)}>
                      {t('bottlenecks.delete')}
                    </Button>
                  </div>
                </article>
              ))}
            </section>
          );
        })}
      {!draft ? (
        <Button appearance="primary-action-button" onClick={() => setDraft(empty)}>
          {t('bottlenecks.new')}
        </Button>
      ) : (
        <DraftForm
          id="bn-form"
          title={draft.id ? t('bottlenecks.edit') : t('bottlenecks.new')}
          error={save.error}
          pending={save.isPending}
          submitLabel={t('bottlenecks.save')}
          onSubmit={() => save.mutate(draft)}
          onCancel={() => setDraft(null)}
          extraButtons={
            <Button
              appearance="secondary-action-button"
              onClick={() => setDraft({ ...draft, actions: [...draft.actions, { description: '', owner: '', dueOn: null, done: false }] })}
            >
              {t('bottlenecks.addAction')}
            </Button>
          }
        >
          <div className="kp-row">
            <SelectField
              label={t('bottlenecks.phase')}
              value={draft.phase}
              options={PHASES.map((p) => ({ value: p, label: t(`bottlenecks.phases.${p}`) }))}
              onChange={(e) => setDraft({ ...draft, phase: e.target.value })}
            />
            <SelectField
              label={t('bottlenecks.source')}
              value={draft.source}
              options={SOURCES.map((p) => ({ value: p, label: t(`bottlenecks.sources.${p}`) }))}
              onChange={(e) => setDraft({ ...draft, source: e.target.value })}
            />
            <SelectField
              label={t('bottlenecks.status')}
              value={draft.status}
              options={['open', 'addressed'].map((p) => ({ value: p, label: t(`bottlenecks.statuses.${p}`) }))}
              onChange={(e) => setDraft({ ...draft, status: e.target.value })}
            />
          </div>
          <Field
            label={t('bottlenecks.titleLabel')}
            value={draft.title}
            error={pathError(save.error, 'title')}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          />
          <Field
            label={t('bottlenecks.partnersNamed')}
            hint={t('bottlenecks.partnersHint')}
            type="number"
            min={1}
            value={draft.partnersNamed}
            error={pathError(save.error, 'partnersNamed')}
            onChange={(e) => setDraft({ ...draft, partnersNamed: e.target.value })}
          />
          <TextAreaField
            label={t('bottlenecks.description')}
            value={draft.description ?? ''}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
          {draft.actions.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id of their own while being edited
            <fieldset className="kp-fieldset" key={i}>
              <legend>{t('bottlenecks.action', { n: i + 1 })}</legend>
              <Field
                label={t('bottlenecks.actionDescription')}
                value={a.description}
                error={pathError(save.error, `actions.${i}.description`)}
                onChange={(e) => setAction(i, { description: e.target.value })}
              />
              <div className="kp-row">
                <Field
                  label={t('bottlenecks.owner')}
                  value={a.owner}
                  error={pathError(save.error, `actions.${i}.owner`)}
                  onChange={(e) => setAction(i, { owner: e.target.value })}
                />
                <Field label={t('bottlenecks.dueOn')} type="date" value={a.dueOn ?? ''} onChange={(e) => setAction(i, { dueOn: e.target.value || null })} />
                <SelectField
                  label={t('bottlenecks.actionStatus')}
                  value={a.done ? 'done' : 'open'}
                  options={[
                    { value: 'open', label: t('bottlenecks.statuses.open') },
                    { value: 'done', label: t('bottlenecks.done') },
                  ]}
                  onChange={(e) => setAction(i, { done: e.target.value === 'done' })}
                />
              </div>
              <Button appearance="subtle-button" onClick={() => setDraft({ ...draft, actions: draft.actions.filter((_, j) => j !== i) })}>
                {t('bottlenecks.removeAction')}
              </Button>
            </fieldset>
          ))}
        </DraftForm>
      )}
    </>
  );
}
