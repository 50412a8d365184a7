import { useMutation } from '@tanstack/react-query';
import { Button } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { api } from '../../lib/api';
import type { CasePage } from './api';
import { useInvalidateCase } from './CaseParts';

const CLOSE_REASONS = ['goals_reached', 'moved_away', 'client_declined', 'transferred', 'other'];

/** A phase change through the state machine: the phases offered are those the server allows this viewer. */
export function PhaseForm({ c, close }: { c: CasePage; close: () => void }) {
  const { t } = useTranslation();
  const refresh = useInvalidateCase(c.id);
  const [form, setForm] = useState({ to: '', reason: '', closeReason: '', evaluationNote: '' });
  const change = useMutation({
    mutationFn: () =>
      api('POST', `/cases/${c.id}/phase`, {
        version: c.version,
        to: form.to,
        reason: form.reason,
        closeReason: form.closeReason || null,
        evaluationNote: form.evaluationNote,
      }),
    onSuccess: () => {
      close();
      void refresh();
    },
  });
  const fe = fieldErrors(change.error);
  const closing = form.to === 'afgesloten';
  return (
    <form
      className="kp-form"
      noValidate
      aria-label={t('cases.changePhase')}
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate();
      }}
    >
      <ErrorAlert error={change.error} />
      <SelectField
        label={t('cases.newPhase')}
        value={form.to}
        error={fe.to}
        onChange={(e) => setForm({ ...form, to: e.target.value })}
        options={[{ value: '', label: t('clients.choose') }, ...c.allowedTransitions.map((p) => ({ value: p, label: t(`cases.phases.${p}`) }))]}
      />
      {closing ? (
        <>
          <SelectField
            label={t('cases.closeReason')}
            value={form.closeReason}
            error={fe.closeReason}
            onChange={(e) => setForm({ ...form, closeReason: e.target.value })}
            options={[{ value: '', label: t('clients.choose') }, ...CLOSE_REASONS.map((r) => ({ value: r, label: t(`cases.closeReasons.${r}`) }))]}
          />
          <TextAreaField
            label={t('cases.evaluationNote')}
            rows={3}
            value={form.evaluationNote}
            error={fe.evaluationNote}
            onChange={(e) => setForm({ ...form, evaluationNote: e.target.value })}
          />
        </>
      ) : (
        <TextAreaField
          label={t('cases.phaseReason')}
          hint={t('cases.phaseReasonHint')}
          rows={2}
          value={form.reason}
          error={fe.reason}
          onChange={(e) => setForm({ ...form, reason: e.target.value })}
        />
      )}
      <div className="kp-row">
        <Button type="submit" appearance="primary-action-button" disabled={change.isPending}>
          {t('cases.changePhaseButton')}
        </Button>
        <Button appearance="secondary-action-button" onClick={close}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}
