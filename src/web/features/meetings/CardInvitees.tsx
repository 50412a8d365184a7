import { Button, Heading3, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { CardMemberPicker, type CardOption } from '../cases/CardMemberPicker';

/**
 * Invitees chosen by smoelenboek card when scheduling a meeting (sent as `inviteePersonIds`): a card with an account
 * invites the account; one without is invited by mail with the .ics until she has an account.
 */
export function CardInviteesField({ chosen, onChange }: { chosen: CardOption[]; onChange: (cards: CardOption[]) => void }) {
  const { t } = useTranslation();
  return (
    <div className="kp-subsection">
      <Heading3 className="kp-h3">{t('cardPicker.inviteTitle')}</Heading3>
      {chosen.length > 0 && (
        <ul className="kp-plain" aria-label={t('cardPicker.invited')}>
          {chosen.map((c) => (
            <li key={c.id}>
              <Paragraph>
                <strong>{c.name}</strong> — {c.organisation.name} {!c.hasAccount && <StatusBadge status="warning">{t('cardPicker.noAccount')}</StatusBadge>}{' '}
                <Button
                  type="button"
                  appearance="subtle-button"
                  onClick={() => onChange(chosen.filter((x) => x.id !== c.id))}
                  aria-label={`${t('cardPicker.remove')}: ${c.name}`}
                >
                  {t('cardPicker.remove')}
                </Button>
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <CardMemberPicker
        label={t('cardPicker.label')}
        pickLabel={t('cardPicker.invite')}
        excludeIds={chosen.map((c) => c.id)}
        onPick={(c) => onChange([...chosen, c])}
      />
    </div>
  );
}

/** The meeting page's list of invitees without an account (`cardInvitees` of `GET /meetings/:id`). */
export function CardInviteesList({ invitees }: { invitees: { personId: string; name: string; organisationName: string }[] }) {
  const { t } = useTranslation();
  if (!invitees.length) return null;
  return (
    <ul className="kp-plain" aria-label={t('cardPicker.invitedByMail')}>
      {invitees.map((i) => (
        <li key={i.personId}>
          {i.name} — {i.organisationName} <StatusBadge status="warning">{t('cardPicker.noAccount')}</StatusBadge>
        </li>
      ))}
    </ul>
  );
}
