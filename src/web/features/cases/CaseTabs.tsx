import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { useSearchParams } from 'react-router';

export interface TabDef {
  id: string;
  label: string;
}

/**
 * Tabs after the WAI-ARIA tabs pattern: one tab stop for the list, arrow keys, Home and End move between tabs and
 * select them; the tab lives in the URL (`?tab=`), so links and the back button work. A click adds a history entry;
 * the arrow keys replace it, so going back leaves the page rather than stepping through every tab passed.
 */
export function CaseTabs(props: { label: string; tabs: TabDef[]; children: (current: string) => ReactNode }) {
  const [params, setParams] = useSearchParams();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const asked = params.get('tab');
  const current = props.tabs.some((x) => x.id === asked) ? asked! : props.tabs[0]!.id;
  const select = (id: string, replace: boolean) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('tab', id);
        return next;
      },
      { replace, preventScrollReset: true },
    );
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = props.tabs.findIndex((x) => x.id === current);
    const n = props.tabs.length;
    const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const id = props.tabs[to]!.id;
    select(id, true);
    refs.current[id]?.focus();
  };
  return (
    <div className="kp-case-tabs">
      <div role="tablist" aria-label={props.label} className="kp-case-tablist">
        {props.tabs.map((x) => (
          <button
            key={x.id}
            ref={(el) => {
              refs.current[x.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${x.id}`}
            aria-selected={x.id === current}
            aria-controls={x.id === current ? `panel-${x.id}` : undefined}
            tabIndex={x.id === current ? 0 : -1}
            className="kp-case-tab"
            onClick={() => select(x.id, false)}
            onKeyDown={onKey}
          >
            {x.label}
          </button>
        ))}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the WAI-ARIA tabs pattern makes the panel a tab stop, so the keyboard reaches it right after the tab list */}
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} tabIndex={0} className="kp-case-tabpanel">
        {props.children(current)}
      </div>
    </div>
  );
}
