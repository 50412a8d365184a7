import { Alert, Paragraph, TableCell } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const Cell = ({ children }: { children: ReactNode }) => <TableCell>{children}</TableCell>;

/** Shown where the page is about a suggestion, not a decision (screening scores). */
export function SuggestionNote() {
  const { t } = useTranslation();
  return (
    <Alert type="info">
      <Paragraph>{t('screening.suggestionOnly')}</Paragraph>
    </Alert>
  );
}

/** A confirm-before-acting button pair: the first click asks, the second does it. */
export function Confirm(props: { question: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="alertdialog" aria-label={props.question} className="kp-confirm">
      <Paragraph>{props.question}</Paragraph>
      <div className="kp-row">
        <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={props.onConfirm} disabled={props.busy}>
          {props.confirmLabel}
        </button>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </div>
  );
}
