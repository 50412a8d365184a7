import { useQueryClient } from '@tanstack/react-query';
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseAction, type CasePage, caseKeys } from './api';

/** Everything about one case is refreshed together after a change. */
export function useInvalidateCase(id: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: caseKeys.one(id) });
}

export const isOpen = (c: CasePage) => c.phase !== 'afgesloten';

/**
 * Where an action would be but is not offered: the server's reason, in words (no silently missing or disabled
 * buttons). Nothing when the action is offered.
 */
export function NotOffered({ c, action, name }: { c: CasePage; action: CaseAction; name?: string }) {
  const { t } = useTranslation();
  const reason = c.abilityReasons[action];
  if (!reason) return null;
  return <Paragraph className="kp-case-reason">{t(`cases.why.${reason}`, { action: t(`cases.actionNames.${name ?? action}`) })}</Paragraph>;
}

/**
 * A form that opens where it is needed: a button first, the form once asked for (focus moves into it); the form
 * closes itself through `close` (after saving or cancelling) and focus returns to the button.
 */
export function Reveal(props: { label: string; children: (close: () => void) => ReactNode; primary?: boolean }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const region = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) region.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open)
    return (
      <Button ref={button} appearance={props.primary ? 'primary-action-button' : 'secondary-action-button'} aria-expanded={false} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
    );
  return (
    <div id={id} ref={region} className="kp-case-reveal">
      {props.children(() => setOpen(false))}
    </div>
  );
}
