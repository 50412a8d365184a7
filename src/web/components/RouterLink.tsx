import type { ComponentProps } from 'react';
import { Link } from 'react-router';

/** A client-side route link styled as an NL Design System link. */
export function RouterLink(props: ComponentProps<typeof Link>) {
  return <Link {...props} className={`utrecht-link utrecht-link--html-a ${props.className ?? ''}`} />;
}
