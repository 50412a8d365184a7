import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, FormField, FormLabel, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { LIFE_DOMAINS } from '../../../domain/directory';
import { GOAL_ATTAINMENT as GOAL_ATTAINMENT_OPTIONS } from '../../../domain/family-plan';

import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, api } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { Confirm } from '../families/parts';
import { type CasePage, type PlanContent, type PlanDiff, type PlanVersion, useCase, usePlanVersion } from './api';

const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'];
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const mayEdit = (c: CasePage) => c.abilities.direct;

/** On the case page: the current plan, the draft, all versions, printing and comparing. */
export function PlanSection({ c }: { c: CasePage }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: () => api<PlanVersion>('POST', `/cases/${c.id}/plans`),
    onSuccess: (p) => navigate(`/casussen/${c.id}/plan/${p.number}`),
  });
  const plan = c.plan;
  if (!plan) return null;
  const adopted = plan.versions.filter((v) => v.status === 'adopted');
  return (
    <section aria-labelledby="plan">
      <Heading2 id="plan">{t('cases.plan')}</Heading2>
      <ErrorAlert error={start.error} />
      {plan.current ? (
        <Paragraph>
          {t('cases.planCurrent', { number: plan.current.number, date: formatDate(plan.current.adoptedAt, i18n.language) })}{' '}
          <RouterLink to={`/casussen/${c.id}/plan/${plan.current.number}`}>{t('cases.viewPlan')}</RouterLink>
        </Paragraph>
      ) : (
        <Paragraph>{t('cases.noPlanYet')}</Paragraph>
      )}
      {plan.draft && (
        <Paragraph>
          <RouterLink to={`/casussen/${c.id}/plan/${plan.draft.number}`}>{t('cases.openDraft', { number: plan.draft.number })}</RouterLink>
        </Paragraph>
      )}
      {!plan.draft && mayEdit(c) && (
        <Button appearance="secondary-action-button" onClick={() => start.mutate()} disabled={start.isPending}>
          {plan.current ? t('cases.newDraft') : t('cases.firstDraft')}
        </Button>
      )}
      {adopted.length > 1 && (
        <Paragraph>
          <RouterLink to={`/casussen/${c.id}/plan/vergelijk?from=${adopted[1]!.number}&to=${adopted[0]!.number}`}>
            {t('cases.compareLatest', { from: adopted[1]!.number, to: adopted[0]!.number })}
          </RouterLink>
        </Paragraph>
      )}
      {plan.versions.length > 0 && (
        <ul>
          {plan.versions.map((v) => (
            <li key={v.number}>
              <RouterLink to={`/casussen/${c.id}/plan/${v.number}`}>{t('cases.versionN', { number: v.number })}</RouterLink> —{' '}
              {v.status === 'adopted' ? t('cases.adoptedOn', { date: formatDate(v.adoptedAt, i18n.language) }) : t('cases.draft')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One plan version: an editor for the draft (director or coordinator), a read-only page otherwise. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '', number = '0' } = useParams();
  const c = useCase(id);
  const plan = usePlanVersion(id, Number(number));
  if (c.isLoading || plan.isLoading) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (!c.data || !plan.data) return <Heading1>{t('errors.not_found')}</Heading1>;
  return plan.data.status === 'draft' && mayEdit(c.data) ? <PlanEditor c={c.data} plan={plan.data} /> : <PlanView c={c.data} plan={plan.data} />;
}

function PdfLinks({ c, plan }: { c: CasePage; plan: PlanVersion }) {
  const { t } = useTranslation();
  return (
    <Paragraph>
      <a className="utrecht-link" href={`/api/v1/cases/${c.id}/plans/${plan.number}/pdf?lang=nl`}>
        {t('cases.pdfNl')}
      </a>{' '}
      ·{' '}
      <a className="utrecht-link" href={`/api/v1/cases/${c.id}/plans/${plan.number}/pdf?lang=en`}>
        {t('cases.pdfEn')}
      </a>
    </Paragraph>
  );
}

function ownerName(c: CasePage, content: PlanContent, a: PlanContent['actions'][number]) {
  if (a.ownerKind === 'family') return c.content?.household.find((p) => p.id === a.ownerPersonId)?.name ?? '';
  return c.content?.careTeam.find((m) => m.userId === a.ownerUserId)?.name ?? content.professionals.find((p) => p.userId === a.ownerUserId)?.name ?? '';
}

export function PlanContentView({ c, content, sub = false }: { c: CasePage; content: PlanContent; sub?: boolean }) {
  const { t, i18n } = useTranslation();
  const H = sub ? Heading3 : Heading2;
  const list = (items: [key: string, text: string][]) =>
    items.length ? (
      <ul>
        {items.map(([key, x]) => (
          <li key={key}>{x}</li>
        ))}
      </ul>
    ) : (
      <Paragraph>—</Paragraph>
    );
  return (
    <>
      <H>{t('cases.planMembers')}</H>
      {list(content.members.map((m) => [m.personId ?? m.name, m.name]))}
      <H>{t('cases.planNetwork')}</H>
      {list(content.informalNetwork.map((n) => [n.id, [n.name, n.relation, n.contact].filter(Boolean).join(' — ')]))}
      <H>{t('cases.planProfessionals')}</H>
      {list(content.professionals.map((p) => [p.userId, [p.name, p.organisation, p.role].filter(Boolean).join(' — ')]))}
      <H>{t('cases.strengths')}</H>
      <Paragraph>{content.strengths || '—'}</Paragraph>
      <H>{t('cases.concerns')}</H>
      <Paragraph>{content.concerns || '—'}</Paragraph>
      <H>{t('cases.earlierHelp')}</H>
      <Paragraph>{content.earlierHelp || '—'}</Paragraph>
      <H>{t('cases.goals')}</H>
      {list(
        content.goals.map((g) => [g.id, `${t(`directory.lifeDomains.${g.lifeDomain}`)}: ${g.text} (${t(`cases.attainment.${g.attainment ?? 'not_yet'}`)})`]),
      )}
      <H>{t('cases.planActions')}</H>
      {list(
        content.actions.map((a) => [
          a.id,
          `${a.what} — ${ownerName(c, content, a)}${a.dueDate ? `, ${t('cases.dueOn', { date: formatDate(a.dueDate, i18n.language) })}` : ''} (${t(`cases.actionStatuses.${a.status}`)})`,
        ]),
      )}
      <H>{t('cases.evaluationDates')}</H>
      {list([...new Set(content.evaluationDates)].map((d) => [d, formatDate(d, i18n.language)]))}
    </>
  );
}

function PlanView({ c, plan }: { c: CasePage; plan: PlanVersion }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Heading1>{t('cases.planTitle', { name: c.client.name, number: plan.number })}</Heading1>
      <Paragraph>
        {plan.status === 'adopted'
          ? `${t('cases.adoptedOn', { date: formatDate(plan.adoptedAt, i18n.language) })}. ${t(plan.parentsPresent ? 'cases.parentsWerePresent' : 'cases.parentsWereNotPresent')}; ${t(plan.parentsAgreed ? 'cases.parentsAgreed' : 'cases.parentsDidNotAgree')}.`
          : t('cases.draft')}
      </Paragraph>
      <PdfLinks c={c} plan={plan} />
      <PlanContentView c={c} content={plan.content} />
      <Paragraph>
        <RouterLink to={`/casussen/${c.id}`}>{t('cases.backToCase')}</RouterLink>
      </Paragraph>
    </>
  );
}

function PlanEditor({ c, plan }: { c: CasePage; plan: PlanVersion }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [content, setContent] = useState<PlanContent>(plan.content);
  const [version, setVersion] = useState(plan.version);
  const [adopting, setAdopting] = useState(false);
  const [parents, setParents] = useState({ agreed: false, present: false });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setContent(plan.content);
    setVersion(plan.version);
  }, [plan]);
  const save = useMutation({
    mutationFn: () => api<PlanVersion>('PUT', `/cases/${c.id}/plans/${plan.number}`, { version, content }),
    onSuccess: (p) => {
      setVersion(p.version);
      setSaved(true);
      void qc.invalidateQueries({ queryKey: ['case', c.id] });
    },
  });
  const adopt = useMutation({
    mutationFn: async () => {
      const p = await api<PlanVersion>('PUT', `/cases/${c.id}/plans/${plan.number}`, { version, content });
      return api<PlanVersion>('POST', `/cases/${c.id}/plans/${plan.number}/adopt`, {
        version: p.version,
        parentsAgreed: parents.agreed,
        parentsPresent: parents.present,
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['case', c.id] }),
  });
  const conflict = save.error instanceof ApiError && save.error.code === 'version_conflict';
  const set = (patch: Partial<PlanContent>) => {
    setSaved(false);
    setContent({ ...content, ...patch });
  };
  const errorFor = (path: string) => {
    const e = save.error ?? adopt.error;
    return e instanceof ApiError ? e.details.find((d) => d.path === `body.content.${path}`)?.code : undefined;
  };
  const owners = [
    ...(c.content?.careTeam ?? []).map((m) => ({ value: `professional:${m.userId}`, label: `${m.name} (${m.organisationName})` })),
    ...(c.content?.household ?? []).map((p) => ({ value: `family:${p.id}`, label: `${p.name} (${t(`householdRoles.${p.role}`)})` })),
  ];
  return (
    <>
      <Heading1>{t('cases.editPlanTitle', { name: c.client.name, number: plan.number })}</Heading1>
      <Paragraph>{t('cases.editPlanIntro')}</Paragraph>
      <PdfLinks c={c} plan={plan} />
      {conflict && (
        <Alert type="warning">
          <Paragraph>{t('cases.planConflict')}</Paragraph>
          <Button appearance="secondary-action-button" onClick={() => qc.invalidateQueries({ queryKey: ['case', c.id, 'plan', plan.number] })}>
            {t('cases.reload')}
          </Button>
        </Alert>
      )}
      {!conflict && <ErrorAlert error={save.error ?? adopt.error} />}
      {saved && (
        <Alert type="ok" role="status">
          <Paragraph>{t('cases.saved')}</Paragraph>
        </Alert>
      )}
      <form
        className="kp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextAreaField
          label={t('cases.strengths')}
          rows={3}
          value={content.strengths}
          error={errorFor('strengths')}
          onChange={(e) => set({ strengths: e.target.value })}
        />
        <TextAreaField
          label={t('cases.concerns')}
          rows={3}
          value={content.concerns}
          error={errorFor('concerns')}
          onChange={(e) => set({ concerns: e.target.value })}
        />
        <TextAreaField label={t('cases.earlierHelp')} rows={2} value={content.earlierHelp} onChange={(e) => set({ earlierHelp: e.target.value })} />

        <fieldset className="kp-fieldset">
          <legend>{t('cases.planNetwork')}</legend>
          {content.informalNetwork.map((n, i) => (
            <div className="kp-row" key={n.id}>
              <Field
                label={t('cases.name')}
                value={n.name}
                error={errorFor(`informalNetwork.${i}.name`)}
                onChange={(e) => set({ informalNetwork: content.informalNetwork.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
              />
              <Field
                label={t('cases.relation')}
                value={n.relation}
                onChange={(e) => set({ informalNetwork: content.informalNetwork.map((x, j) => (j === i ? { ...x, relation: e.target.value } : x)) })}
              />
              <Field
                label={t('cases.contact')}
                value={n.contact}
                onChange={(e) => set({ informalNetwork: content.informalNetwork.map((x, j) => (j === i ? { ...x, contact: e.target.value } : x)) })}
              />
              <Button appearance="subtle-button" onClick={() => set({ informalNetwork: content.informalNetwork.filter((_, j) => j !== i) })}>
                {t('cases.removeItem')}
              </Button>
            </div>
          ))}
          <Button
            appearance="secondary-action-button"
            onClick={() => set({ informalNetwork: [...content.informalNetwork, { id: newId('n'), name: '', relation: '', contact: '' }] })}
          >
            {t('cases.addNetwork')}
          </Button>
        </fieldset>

        <fieldset className="kp-fieldset">
          <legend>{t('cases.goals')}</legend>
          {content.goals.map((g, i) => (
            <div className="kp-row" key={g.id}>
              <SelectField
                label={t('cases.lifeDomain')}
                value={g.lifeDomain}
                onChange={(e) => set({ goals: content.goals.map((x, j) => (j === i ? { ...x, lifeDomain: e.target.value as typeof g.lifeDomain } : x)) })}
                options={LIFE_DOMAINS.map((d) => ({ value: d, label: t(`directory.lifeDomains.${d}`) }))}
              />
              <Field
                label={t('cases.goalText')}
                hint={t('cases.goalTextHint')}
                value={g.text}
                error={errorFor(`goals.${i}.text`)}
                onChange={(e) => set({ goals: content.goals.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
              />
              <SelectField
                label={t('cases.goalAttainment')}
                value={g.attainment ?? 'not_yet'}
                onChange={(e) => set({ goals: content.goals.map((x, j) => (j === i ? { ...x, attainment: e.target.value as typeof g.attainment } : x)) })}
                options={GOAL_ATTAINMENT_OPTIONS.map((a) => ({ value: a, label: t(`cases.attainment.${a}`) }))}
              />
              <Button
                appearance="subtle-button"
                onClick={() =>
                  set({
                    goals: content.goals.filter((_, j) => j !== i),
                    actions: content.actions.map((a) => (a.goalId === g.id ? { ...a, goalId: null } : a)),
                  })
                }
              >
                {t('cases.removeItem')}
              </Button>
            </div>
          ))}
          <Button
            appearance="secondary-action-button"
            onClick={() => set({ goals: [...content.goals, { id: newId('g'), lifeDomain: 'meedoen', text: '', attainment: 'not_yet' }] })}
          >
            {t('cases.addGoal')}
          </Button>
        </fieldset>

        <fieldset className="kp-fieldset">
          <legend>{t('cases.planActions')}</legend>
          {content.actions.map((a, i) => {
            const update = (patch: Partial<typeof a>) => set({ actions: content.actions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            const owner = a.ownerKind === 'professional' ? `professional:${a.ownerUserId ?? ''}` : `family:${a.ownerPersonId ?? ''}`;
            return (
              <div className="kp-row" key={a.id}>
                <Field label={t('cases.actionWhat')} value={a.what} error={errorFor(`actions.${i}.what`)} onChange={(e) => update({ what: e.target.value })} />
                <SelectField
                  label={t('cases.actionOwner')}
                  value={owner}
                  error={errorFor(`actions.${i}.ownerUserId`) ?? errorFor(`actions.${i}.ownerPersonId`)}
                  onChange={(e) => {
                    const [kind, who] = e.target.value.split(':') as ['professional' | 'family', string];
                    update(
                      kind === 'professional'
                        ? { ownerKind: kind, ownerUserId: who, ownerPersonId: null }
                        : { ownerKind: kind, ownerPersonId: who, ownerUserId: null },
                    );
                  }}
                  options={owners}
                />
                <SelectField
                  label={t('cases.actionGoal')}
                  value={a.goalId ?? ''}
                  onChange={(e) => update({ goalId: e.target.value || null })}
                  options={[
                    { value: '', label: '—' },
                    ...content.goals.map((g) => ({ value: g.id, label: g.text || t(`directory.lifeDomains.${g.lifeDomain}`) })),
                  ]}
                />
                <Field
                  label={t('cases.actionDue')}
                  type="date"
                  value={a.dueDate ?? ''}
                  error={errorFor(`actions.${i}.dueDate`)}
                  onChange={(e) => update({ dueDate: e.target.value || null })}
                />
                <SelectField
                  label={t('cases.actionStatus')}
                  value={a.status}
                  onChange={(e) => update({ status: e.target.value as typeof a.status })}
                  options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`cases.actionStatuses.${s}`) }))}
                />
                <Button appearance="subtle-button" onClick={() => set({ actions: content.actions.filter((_, j) => j !== i) })}>
                  {t('cases.removeItem')}
                </Button>
              </div>
            );
          })}
          <Button
            appearance="secondary-action-button"
            disabled={!owners.length}
            onClick={() => {
              const [kind, who] = (owners[0]?.value ?? 'professional:').split(':') as ['professional' | 'family', string];
              set({
                actions: [
                  ...content.actions,
                  {
                    id: newId('a'),
                    what: '',
                    goalId: null,
                    ownerKind: kind,
                    ownerUserId: kind === 'professional' ? who : null,
                    ownerPersonId: kind === 'family' ? who : null,
                    dueDate: null,
                    status: 'open',
                  },
                ],
              });
            }}
          >
            {t('cases.addAction')}
          </Button>
        </fieldset>

        <fieldset className="kp-fieldset">
          <legend>{t('cases.evaluationDates')}</legend>
          {content.evaluationDates.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a date has no identity of its own; its place in the list is (a value key would remount the input on every keystroke)
            <div className="kp-row" key={i}>
              <Field
                label={t('cases.evaluationDate', { n: i + 1 })}
                type="date"
                value={d}
                error={errorFor(`evaluationDates.${i}`)}
                onChange={(e) => set({ evaluationDates: content.evaluationDates.map((x, j) => (j === i ? e.target.value : x)) })}
              />
              <Button appearance="subtle-button" onClick={() => set({ evaluationDates: content.evaluationDates.filter((_, j) => j !== i) })}>
                {t('cases.removeItem')}
              </Button>
            </div>
          ))}
          <Button
            appearance="secondary-action-button"
            onClick={() => set({ evaluationDates: [...content.evaluationDates, new Date().toISOString().slice(0, 10)] })}
          >
            {t('cases.addEvaluationDate')}
          </Button>
        </fieldset>

        <div className="kp-row">
          <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
            {t('cases.saveDraft')}
          </Button>
          <Button appearance="secondary-action-button" onClick={() => setAdopting(true)}>
            {t('cases.adopt')}
          </Button>
        </div>
      </form>
      {adopting && (
        <section aria-labelledby="adopt" className="kp-form">
          <Heading2 id="adopt">{t('cases.adoptTitle')}</Heading2>
          <Paragraph>{t('cases.adoptIntro')}</Paragraph>
          <FormField type="checkbox">
            <Checkbox id="parents-present" checked={parents.present} onChange={(e) => setParents({ ...parents, present: e.target.checked })} />
            <FormLabel htmlFor="parents-present" type="checkbox">
              {t('cases.parentsPresent')}
            </FormLabel>
          </FormField>
          <FormField type="checkbox">
            <Checkbox id="parents-agreed" checked={parents.agreed} onChange={(e) => setParents({ ...parents, agreed: e.target.checked })} />
            <FormLabel htmlFor="parents-agreed" type="checkbox">
              {t('cases.parentsAgree')}
            </FormLabel>
          </FormField>
          <Confirm
            question={t('cases.adoptQuestion')}
            confirmLabel={t('cases.adoptConfirm')}
            onConfirm={() => adopt.mutate()}
            onCancel={() => setAdopting(false)}
            busy={adopt.isPending}
          />
        </section>
      )}
      <Paragraph>
        <RouterLink to={`/casussen/${c.id}`}>{t('cases.backToCase')}</RouterLink>
      </Paragraph>
    </>
  );
}

/** Two adopted versions side by side, with the changes listed. */
export function ComparePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const c = useCase(id);
  const a = usePlanVersion(id, from);
  const b = usePlanVersion(id, to);
  const diff = useDiff(id, from, to);
  if (!c.data || !a.data || !b.data) return <Paragraph>{c.error || a.error || b.error ? t('errors.not_found') : t('app.loading')}</Paragraph>;
  const d = diff.data;
  const describe = (kind: string, x: unknown) => {
    const v = x as { text?: string; what?: string; name?: string };
    return `${t(`cases.changeKinds.${kind}`)}: ${v.text ?? v.what ?? v.name ?? ''}`;
  };
  return (
    <>
      <Heading1>{t('cases.compareTitle', { from, to })}</Heading1>
      {d && (
        <section aria-labelledby="changes">
          <Heading2 id="changes">{t('cases.changes')}</Heading2>
          <ul>
            {d.text.map((x) => (
              <li key={x.field}>
                {t(`cases.${x.field}`)}: {t('cases.changedText')}
              </li>
            ))}
            {(['goals', 'actions', 'informalNetwork', 'members', 'professionals'] as const).flatMap((k) =>
              d[k].map((ch) => (
                <li key={`${k}-${ch.kind}-${changeKey(ch.kind === 'removed' ? ch.before : ch.after)}`}>
                  {t(`cases.diffSections.${k}`)} — {describe(ch.kind, ch.kind === 'removed' ? ch.before : ch.after)}
                </li>
              )),
            )}
            {d.evaluationDates.added.map((x) => (
              <li key={`+${x}`}>{t('cases.evaluationAdded', { date: x })}</li>
            ))}
            {d.evaluationDates.removed.map((x) => (
              <li key={`-${x}`}>{t('cases.evaluationRemoved', { date: x })}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="kp-compare">
        <section aria-labelledby="version-a">
          <Heading2 id="version-a">{t('cases.versionN', { number: from })}</Heading2>
          <PlanContentView c={c.data} content={a.data.content} sub />
        </section>
        <section aria-labelledby="version-b">
          <Heading2 id="version-b">{t('cases.versionN', { number: to })}</Heading2>
          <PlanContentView c={c.data} content={b.data.content} sub />
        </section>
      </div>
      <Paragraph>
        <RouterLink to={`/casussen/${id}`}>{t('cases.backToCase')}</RouterLink>
      </Paragraph>
    </>
  );
}

/** A stable key for a changed item: its id, or the person or professional it names. */
const changeKey = (x: unknown) => {
  const v = x as { id?: string; personId?: string | null; userId?: string; name?: string };
  return v.id ?? v.personId ?? v.userId ?? v.name ?? '';
};

function useDiff(id: string, from: number, to: number) {
  return useQuery({
    queryKey: ['case', id, 'diff', from, to],
    queryFn: () => api<{ diff: PlanDiff }>('GET', `/cases/${id}/plans/compare?from=${from}&to=${to}`),
    enabled: from > 0 && to > 0,
    select: (r) => r.diff,
  });
}
