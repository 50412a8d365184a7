import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { ApiError, api } from '../../lib/api';
import { Confirm } from '../families/parts';
import type { CasePage } from './api';
import { CardMemberPicker, type CardOption } from './CardMemberPicker';

/**
 * Adds a professional to the care team by her smoelenboek card — also one without an account, who is then
 * reached by mail until she has one. Consent works as for any member: without it the director confirms first.
 */
export function CardMemberAdd({ c }: { c: CasePage }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [card, setCard] = useState<CardOption | null>(null);
  const [role, setRole] = useState('');
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const add = useMutation({
    mutationFn: (withoutConsent: boolean) => api('POST', `/cases/${c.id}/care-team`, { personId: card!.id, roleInCase: role, withoutConsent }),
    onSuccess: () => {
      setCard(null);
      setRole('');
      setNeedsConfirm(false);
      void qc.invalidateQueries({ queryKey: ['case', c.id] });
    },
    onError: (e) => setNeedsConfirm(e instanceof ApiError && e.code === 'consent_required'),
  });
  const inTeam = (c.content?.careTeam ?? []).flatMap((m) => (m.personId ? [m.personId] : []));
  return (
    <div className="kp-subsection">
      <Heading2 id="team-add-card" className="kp-h3">
        {t('cardPicker.addToTeam')}
      </Heading2>
      {card ? (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(false);
          }}
        >
          <Paragraph>
            <strong>{card.name}</strong> — {card.jobTitle}, {card.organisation.name}
          </Paragraph>
          {!card.hasAccount && (
            <Paragraph>
              <StatusBadge status="warning">{t('cardPicker.noAccount')}</StatusBadge> {t('cardPicker.byMail')}
            </Paragraph>
          )}
          <Field label={t('cases.roleInCase')} value={role} onChange={(e) => setRole(e.target.value)} />
          {!needsConfirm && <ErrorAlert error={add.error} />}
          {needsConfirm ? (
            <Confirm
              question={t('cases.consentFirst')}
              confirmLabel={t('cases.addWithoutConsent')}
              onConfirm={() => add.mutate(true)}
              onCancel={() => setNeedsConfirm(false)}
              busy={add.isPending}
            />
          ) : (
            <div className="kp-actions">
              <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
                {t('cases.addMemberButton')}
              </Button>
              <Button type="button" appearance="secondary-action-button" onClick={() => setCard(null)}>
                {t('cardPicker.other')}
              </Button>
            </div>
          )}
        </form>
      ) : (
        <CardMemberPicker label={t('cardPicker.label')} onPick={setCard} excludeIds={inTeam} />
      )}
    </div>
  );
}
