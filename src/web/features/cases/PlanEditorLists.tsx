import { Button } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { LIFE_DOMAINS } from '../../../domain/directory';
import { ACTION_STATUSES, GOAL_ATTAINMENT } from '../../../domain/family-plan';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import type { PlanContent } from './api';

const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface ListProps {
  content: PlanContent;
  set: (patch: Partial<PlanContent>) => void;
  errorFor: (path: string) => string | undefined;
}

/** Goals in the parents' own words, per life domain: one card per goal, the text wide enough to read. */
export function GoalsEditor({ content, set, errorFor }: ListProps) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<PlanContent['goals'][number]>) => set({ goals: content.goals.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  return (
    <fieldset className="kp-fieldset kp-plan-list">
      <legend>{t('cases.goals')}</legend>
      {content.goals.map((g, i) => (
        <div className="kp-plan-item" key={g.id}>
          <TextAreaField
            label={t('cases.goalText')}
            hint={t('cases.goalTextHint')}
            rows={2}
            value={g.text}
            error={errorFor(`goals.${i}.text`)}
            onChange={(e) => update(i, { text: e.target.value })}
          />
          <div className="kp-row">
            <SelectField
              label={t('cases.lifeDomain')}
              value={g.lifeDomain}
              onChange={(e) => update(i, { lifeDomain: e.target.value as typeof g.lifeDomain })}
              options={LIFE_DOMAINS.map((d) => ({ value: d, label: t(`directory.lifeDomains.${d}`) }))}
            />
            <SelectField
              label={t('cases.goalAttainment')}
              value={g.attainment ?? 'not_yet'}
              onChange={(e) => update(i, { attainment: e.target.value as typeof g.attainment })}
              options={GOAL_ATTAINMENT.map((a) => ({ value: a, label: t(`cases.attainment.${a}`) }))}
            />
            <Button
              appearance="subtle-button"
              onClick={() =>
                set({ goals: content.goals.filter((_, j) => j !== i), actions: content.actions.map((a) => (a.goalId === g.id ? { ...a, goalId: null } : a)) })
              }
            >
              {t('cases.removeItemNamed', { what: t('cases.goalText') })}
            </Button>
          </div>
        </div>
      ))}
      <Button
        appearance="secondary-action-button"
        onClick={() => set({ goals: [...content.goals, { id: newId('g'), lifeDomain: 'meedoen', text: '', attainment: 'not_yet' }] })}
      >
        {t('cases.addGoal')}
      </Button>
    </fieldset>
  );
}

/** Who does what by when: a care-team member or a family member owns each action. */
export function ActionsEditor({ content, set, errorFor, owners }: ListProps & { owners: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <fieldset className="kp-fieldset kp-plan-list">
      <legend>{t('cases.planActions')}</legend>
      {content.actions.map((a, i) => {
        const update = (patch: Partial<typeof a>) => set({ actions: content.actions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
        const owner = a.ownerKind === 'professional' ? `professional:${a.ownerUserId ?? ''}` : `family:${a.ownerPersonId ?? ''}`;
        return (
          <div className="kp-plan-item" key={a.id}>
            <TextAreaField
              label={t('cases.actionWhat')}
              rows={1}
              value={a.what}
              error={errorFor(`actions.${i}.what`)}
              onChange={(e) => update({ what: e.target.value })}
            />
            <div className="kp-row">
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
                {t('cases.removeItemNamed', { what: t('cases.actionWhat') })}
              </Button>
            </div>
          </div>
        );
      })}
      <Button
        appearance="secondary-action-button"
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
  );
}

/** The people around the family (informal network) and the moments to look back together. */
export function NetworkAndDatesEditor({ content, set, errorFor }: ListProps) {
  const { t } = useTranslation();
  const net = (i: number, patch: Partial<PlanContent['informalNetwork'][number]>) =>
    set({ informalNetwork: content.informalNetwork.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  return (
    <>
      <fieldset className="kp-fieldset kp-plan-list">
        <legend>{t('cases.planNetwork')}</legend>
        {content.informalNetwork.map((n, i) => (
          <div className="kp-row kp-plan-item" key={n.id}>
            <Field label={t('cases.name')} value={n.name} error={errorFor(`informalNetwork.${i}.name`)} onChange={(e) => net(i, { name: e.target.value })} />
            <Field label={t('cases.relation')} value={n.relation} onChange={(e) => net(i, { relation: e.target.value })} />
            <Field label={t('cases.contact')} value={n.contact} onChange={(e) => net(i, { contact: e.target.value })} />
            <Button appearance="subtle-button" onClick={() => set({ informalNetwork: content.informalNetwork.filter((_, j) => j !== i) })}>
              {t('cases.removeItemNamed', { what: n.name || t('cases.name') })}
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
      <fieldset className="kp-fieldset kp-plan-list">
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
              {t('cases.removeItemNamed', { what: t('cases.evaluationDate', { n: i + 1 }) })}
            </Button>
          </div>
        ))}
        <Button
          appearance="secondary-action-button"
          onClick={() => set({ evaluationDates: [...content.evaluationDates, new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' })] })}
        >
          {t('cases.addEvaluationDate')}
        </Button>
      </fieldset>
    </>
  );
}
