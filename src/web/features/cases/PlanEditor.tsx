import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, FormField, FormFieldErrorMessage, FormLabel, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError, api } from '../../lib/api';
import { type CasePage, caseKeys, type PlanContent, type PlanVersion } from './api';
import { ActionsEditor, GoalsEditor, NetworkAndDatesEditor } from './PlanEditorLists';
import { PdfLinks } from './PlanView';

/**
 * The draft of the family plan, for whoever directs the case: the full content width, text areas that grow with
 * what is written, and adoption with the parents (ADR 016: both boxes, or it stays a draft).
 */
export function PlanEditor({ c, plan }: { c: CasePage; plan: PlanVersion }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [content, setContent] = useState<PlanContent>(plan.content);
  const [version, setVersion] = useState(plan.version);
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
      void qc.invalidateQueries({ queryKey: caseKeys.one(c.id) });
    },
  });
  const conflict = save.error instanceof ApiError && save.error.code === 'version_conflict';
  const set = (patch: Partial<PlanContent>) => {
    setSaved(false);
    setContent({ ...content, ...patch });
  };
  const errorFor = (path: string) => (save.error instanceof ApiError ? save.error.details.find((d) => d.path === `body.content.${path}`)?.code : undefined);
  const owners = [
    ...(c.content?.careTeam ?? []).filter((m) => m.userId).map((m) => ({ value: `professional:${m.userId}`, label: `${m.name} (${m.organisationName})` })),
    ...(c.content?.household ?? []).map((p) => ({ value: `family:${p.id}`, label: `${p.name} (${t(`householdRoles.${p.role}`)})` })),
  ];
  const lists = { content, set, errorFor };
  return (
    <div className="kp-plan kp-plan-editor">
      <Heading1>{t('cases.editPlanTitle', { name: c.client.name, number: plan.number })}</Heading1>
      <Paragraph className="kp-plan-text">{t('cases.editPlanIntro')}</Paragraph>
      <PdfLinks c={c} plan={plan} />
      {conflict && (
        <Alert type="warning">
          <Paragraph>{t('cases.planConflict')}</Paragraph>
          <Button appearance="secondary-action-button" onClick={() => qc.invalidateQueries({ queryKey: caseKeys.plan(c.id, plan.number) })}>
            {t('cases.reload')}
          </Button>
        </Alert>
      )}
      {!conflict && <ErrorAlert error={save.error} />}
      <form
        className="kp-plan-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <GoalsEditor {...lists} />
        <ActionsEditor {...lists} owners={owners} />
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
        <NetworkAndDatesEditor {...lists} />
        <div className="kp-row kp-plan-savebar">
          <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
            {t('cases.saveDraft')}
          </Button>
          {saved && (
            <span role="status" className="kp-plan-saved">
              {t('cases.saved')}
            </span>
          )}
        </div>
      </form>
      <AdoptPanel c={c} plan={plan} content={content} version={version} onSaved={setVersion} />
      <Paragraph>
        <RouterLink to={`/casussen/${c.id}?tab=plan`}>{t('cases.backToCase')}</RouterLink>
      </Paragraph>
    </div>
  );
}

/** Adopting with the parents: the rule said before the step, the reason at the box when one is missing. */
function AdoptPanel(props: { c: CasePage; plan: PlanVersion; content: PlanContent; version: number; onSaved: (version: number) => void }) {
  const { c, plan, content, version } = props;
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [parents, setParents] = useState({ agreed: false, present: false });
  const adopt = useMutation({
    mutationFn: async () => {
      // Saved first, so that what is adopted is what is on the screen; the editor keeps the new version even when
      // the adoption itself is refused (the parents' boxes), so the next attempt does not conflict with itself.
      const p = await api<PlanVersion>('PUT', `/cases/${c.id}/plans/${plan.number}`, { version, content });
      props.onSaved(p.version);
      return api<PlanVersion>('POST', `/cases/${c.id}/plans/${plan.number}/adopt`, {
        version: p.version,
        parentsAgreed: parents.agreed,
        parentsPresent: parents.present,
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.one(c.id) }),
  });
  const problem = (field: string) => (adopt.error instanceof ApiError ? adopt.error.details.find((d) => d.path === `body.${field}`)?.code : undefined);
  const box = (id: string, field: 'present' | 'agreed', label: string, error: string | undefined) => (
    <FormField type="checkbox" invalid={Boolean(error)}>
      {error && <FormFieldErrorMessage id={`${id}-error`}>{t(`cases.adoptErrors.${error}`)}</FormFieldErrorMessage>}
      <Checkbox
        id={id}
        checked={parents[field]}
        invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setParents({ ...parents, [field]: e.target.checked })}
      />
      <FormLabel htmlFor={id} type="checkbox">
        {label}
      </FormLabel>
    </FormField>
  );
  const validation = adopt.error instanceof ApiError && adopt.error.code === 'validation_failed' && (problem('parentsPresent') || problem('parentsAgreed'));
  return (
    <section aria-labelledby="adopt" className="kp-plan-adopt">
      <Heading2 id="adopt">{t('cases.adoptTitle')}</Heading2>
      <Paragraph className="kp-plan-text">{t('cases.adoptRule')}</Paragraph>
      <Paragraph className="kp-plan-text">{t('cases.adoptIntro')}</Paragraph>
      {!validation && <ErrorAlert error={adopt.error} />}
      {box('parents-present', 'present', t('cases.parentsPresent'), problem('parentsPresent'))}
      {box('parents-agreed', 'agreed', t('cases.parentsAgree'), problem('parentsAgreed'))}
      <Button appearance="primary-action-button" onClick={() => adopt.mutate()} disabled={adopt.isPending}>
        {t('cases.adoptConfirm')}
      </Button>
    </section>
  );
}
