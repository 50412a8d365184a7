import type { ReactNode } from 'react';

/**
 * The language of what professionals write (names, descriptions, how to refer, agenda texts): Dutch, whatever the
 * interface language. Marked so a screen reader under the English interface reads it with Dutch pronunciation (WCAG 3.1.2).
 */
export const CONTENT_LANG = 'nl';

/** Inline Dutch content. */
export function Nl({ children }: { children: ReactNode }) {
  return <span lang={CONTENT_LANG}>{children}</span>;
}

/** Dutch content, or a dash when there is none. */
export const nl = (text: string | null | undefined, empty: ReactNode = '—'): ReactNode => (text ? <Nl>{text}</Nl> : empty);
