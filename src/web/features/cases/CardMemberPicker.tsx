import { useQuery } from '@tanstack/react-query';
import { Button, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { api } from '../../lib/api';

/** A smoelenboek card as the picker offers it (`GET /directory/people`). */
export interface CardOption {
  id: string;
  name: string;
  jobTitle: string;
  organisation: { id: string; name: string };
  email: string | null;
  /** Without an account she is reached by mail until she has one. */
  hasAccount: boolean;
}

export const cardPickerKeys = { search: (q: string) => ['directory', 'people', 'picker', q] as const };

/**
 * Finds professionals on the smoelenboek by name, function or organisation, with or without an account (those
 * without are marked "nog geen account — bereikbaar per e-mail"), and hands the chosen card to the caller. Used
 * where care-team members and meeting invitees are added; the server decides whether she may be added.
 */
export function CardMemberPicker(props: { label: string; onPick: (card: CardOption) => void; excludeIds?: string[]; pickLabel?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: cardPickerKeys.search(q),
    queryFn: () => api<{ items: CardOption[] }>('GET', `/directory/people?q=${encodeURIComponent(q)}&perPage=10`),
    enabled: q.length > 0,
  });
  const items = (found.data?.items ?? []).filter((c) => !props.excludeIds?.includes(c.id));
  return (
    <div className="kp-subsection">
      <search>
        <form
          className="kp-form kp-row"
          onSubmit={(e) => {
            e.preventDefault();
            setQ(text.trim());
          }}
        >
          <Field label={props.label} hint={t('cardPicker.hint')} type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
          <Button type="submit" appearance="secondary-action-button">
            {t('cardPicker.search')}
          </Button>
        </form>
      </search>
      {q && found.data && (
        <div aria-live="polite">
          {items.length === 0 ? (
            <Paragraph>{t('cardPicker.none', { q })}</Paragraph>
          ) : (
            <ul className="kp-cards" aria-label={t('cardPicker.results')}>
              {items.map((c) => (
                <li key={c.id} className="kp-card">
                  <Paragraph>
                    <strong>{c.name}</strong> — {c.jobTitle}, {c.organisation.name}
                  </Paragraph>
                  {!c.hasAccount && (
                    <Paragraph>
                      <StatusBadge status="warning">{t('cardPicker.noAccount')}</StatusBadge>
                    </Paragraph>
                  )}
                  <Button
                    appearance="secondary-action-button"
                    onClick={() => props.onPick(c)}
                    aria-label={`${props.pickLabel ?? t('cardPicker.pick')}: ${c.name}`}
                  >
                    {props.pickLabel ?? t('cardPicker.pick')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
