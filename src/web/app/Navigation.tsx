import { Button, NumberBadge } from '@utrecht/component-library-react';
import { type KeyboardEvent, type ReactNode, type RefObject, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { RouterLink } from '../components/RouterLink';
import type { WorkCounts } from '../features/home/api';
import type { Me } from '../lib/api';

interface NavItem {
  to: string;
  label: string;
  /** Work waiting behind this link (a badge), when there is any. */
  waiting?: number;
  /** Only this exact path marks the link current (not its sub-pages, which have their own links). */
  end?: boolean;
}
interface NavGroup {
  id: string;
  label: string;
  items: NavItem[];
}

/**
 * The menu, grouped by task: my own work first, then the hub's regie, monitoring, the network and administration.
 * Every group and link follows the abilities the server's policy gave (`me.abilities`), never the role.
 */
export function navGroups(me: Me, counts: WorkCounts | undefined, t: (key: string) => string): NavGroup[] {
  const a = me.abilities;
  const groups: NavGroup[] = [];
  const work: NavItem[] = [{ to: '/', label: t('nav.home'), end: true }];
  if (a.careWork)
    work.push(
      { to: '/clienten', label: t('nav.clients') },
      { to: '/casussen', label: t('nav.cases'), waiting: counts?.proposals, end: true },
      { to: '/signalen', label: t('nav.signals') },
      { to: '/matches', label: t('nav.matches'), waiting: (counts?.matches ?? 0) + (counts?.unfollowedMatches ?? 0) },
      { to: '/verwijzingen/inkomend', label: t('nav.incoming'), waiting: counts?.incoming },
      { to: '/overleg', label: t('nav.meetings') },
    );
  groups.push({ id: 'work', label: t('nav.groups.work'), items: work });
  if (a.coordinate)
    groups.push({
      id: 'regie',
      label: t('nav.groups.regie'),
      items: [
        { to: '/casussen/bord', label: t('nav.board') },
        { to: '/intake', label: t('nav.intake'), waiting: counts?.intake },
        { to: '/dubbele-registraties', label: t('nav.duplicates') },
      ],
    });
  if (a.monitor)
    groups.push({
      id: 'monitor',
      label: t('nav.groups.monitor'),
      items: [
        { to: '/monitor', label: t('nav.monitor'), end: true },
        { to: '/evaluatie/metingen', label: t('nav.surveys') },
        { to: '/evaluatie/knelpunten', label: t('nav.bottlenecks') },
        { to: '/evaluatie/quickscan', label: t('nav.quickscan') },
        { to: '/evaluatie/afspraken', label: t('nav.agreements') },
      ],
    });
  groups.push({
    id: 'network',
    label: t('nav.groups.network'),
    items: [
      { to: '/sociale-kaart', label: t('nav.directory'), end: true },
      { to: '/smoelenboek', label: t('nav.people') },
      { to: `/sociale-kaart/organisatie/${me.user.organisation.id}`, label: t('nav.myOrganisation') },
    ],
  });
  if (a.administer)
    groups.push({
      id: 'admin',
      label: t('nav.groups.admin'),
      items: [
        { to: '/beheer/gebruikers', label: t('nav.users') },
        { to: '/beheer/organisaties', label: t('nav.organisations') },
        { to: '/beheer/gemeenten', label: t('nav.municipalities') },
        { to: '/beheer/toegangslog', label: t('nav.accessLog') },
        { to: '/beheer/uitgaande-mail', label: t('nav.outbox') },
        { to: '/beheer/hsds-import', label: t('nav.hsdsImport') },
        { to: '/beheer/synoniemen', label: t('nav.synonyms') },
        { to: '/beheer/signalen-en-screening', label: t('nav.screeningAdmin') },
      ],
    });
  return groups;
}

/** On the folded phone menu: the work waiting behind all its links together, so that nothing hides behind it. */
export function menuCount(c: WorkCounts | undefined): number {
  if (!c) return 0;
  return c.proposals + c.matches + c.unfollowedMatches + c.incoming + c.intake + c.unreadNotifications;
}

/**
 * A count as a badge. The link's name stays its label ("Intake"); the count is its description ("3 wachten"), so a
 * screen reader hears both and the name does not change with the work.
 */
export function Waiting({ count, id }: { count: number | undefined; id?: string }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <>
      <NumberBadge className="kp-badge" value={String(count)} aria-hidden="true">
        {count > 99 ? '99+' : count}
      </NumberBadge>
      {id && (
        <span id={id} hidden>
          {t('nav.waiting', { count })}
        </span>
      )}
    </>
  );
}

function NavItemLink({ item }: { item: NavItem }) {
  const id = useId();
  return (
    <NavLink to={item.to} end={item.end} className="kp-nav__link" aria-describedby={item.waiting ? id : undefined}>
      <span>{item.label}</span>
      <Waiting count={item.waiting} id={id} />
    </NavLink>
  );
}

/** Notifications, account, language and signing out: in the header on a wide screen, at the foot of the menu on a phone. */
export function AccountLinks({
  me,
  counts,
  onLogout,
  languageSwitch,
}: {
  me: Me;
  counts: WorkCounts | undefined;
  onLogout: () => void;
  languageSwitch: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <ul className="kp-account">
      {me.abilities.notifications && (
        <li>
          <NavItemLink item={{ to: '/meldingen', label: t('nav.notifications'), waiting: counts?.unreadNotifications }} />
        </li>
      )}
      <li>
        <NavItemLink item={{ to: '/account', label: t('nav.account') }} />
      </li>
      <li>{languageSwitch}</li>
      <li>
        <Button appearance="secondary-action-button" onClick={onLogout}>
          {t('nav.logout')}
        </Button>
      </li>
    </ul>
  );
}

/**
 * The main navigation. On a wide screen a column beside the page; on a phone it folds away behind the menu button
 * (a disclosure: the button says whether it is open, Escape closes it and gives focus back to the button).
 */
export function MainNavigation({
  me,
  counts,
  id,
  open,
  onClose,
  menuButton,
  account,
}: {
  me: Me;
  counts: WorkCounts | undefined;
  id: string;
  open: boolean;
  onClose: () => void;
  menuButton: RefObject<HTMLButtonElement | null>;
  account: ReactNode;
}) {
  const { t } = useTranslation();
  const base = useId();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      onClose();
      menuButton.current?.focus();
    }
  };
  return (
    <nav id={id} aria-label={t('nav.main')} className="kp-nav" data-open={open ? '' : undefined} onKeyDown={onKeyDown}>
      <p className="kp-nav__who">
        <RouterLink to="/account">{me.user.displayName}</RouterLink>
        <span className="kp-nav__org">{me.user.organisation.name}</span>
      </p>
      {navGroups(me, counts, t).map((g) => (
        <div key={g.id} className="kp-nav__group">
          <p className="kp-nav__heading" id={`${base}-${g.id}`}>
            {g.label}
          </p>
          <ul className="kp-nav__list" aria-labelledby={`${base}-${g.id}`}>
            {g.items.map((item) => (
              <li key={item.to}>
                <NavItemLink item={item} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="kp-nav__account">{account}</div>
    </nav>
  );
}
