import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { matchRoutes } from 'react-router';

/**
 * A title per route (the key under `titles.` in the locales), so that a browser tab, the history and a screen
 * reader say which page this is. Kept beside the route table in App.tsx: a route added there gets a line here.
 * react-router ranks the patterns, so `/casussen/bord` wins over `/casussen/:id` whatever the order.
 */
const TITLES: Record<string, string> = {
  '/': 'home',
  '/inloggen': 'login',
  '/tweestapsverificatie': 'twoFactor',
  '/clienten': 'clients',
  '/clienten/registreren': 'register',
  '/clienten/:id': 'client',
  '/clienten/:id/signaal': 'signalForm',
  '/clienten/:id/vragenlijst': 'questionnaire',
  '/signalen': 'signals',
  '/signalen/:id': 'signal',
  '/intake': 'intake',
  '/matches': 'matches',
  '/registraties/:id/informeren': 'inform',
  '/dubbele-registraties': 'duplicates',
  '/casussen': 'cases',
  '/casussen/bord': 'board',
  '/casussen/:id': 'case',
  '/casussen/:id/verwijzen': 'referralForm',
  '/casussen/:id/plan/vergelijk': 'planCompare',
  '/casussen/:id/plan/:number': 'plan',
  '/verwijzingen/inkomend': 'incoming',
  '/verwijzingen/:id': 'referral',
  '/overleg': 'meetings',
  '/overleg/tafel/:id': 'table',
  '/overleg/:id': 'meeting',
  '/monitor': 'monitor',
  '/monitor/netwerk': 'network',
  '/evaluatie/metingen': 'surveys',
  '/evaluatie/metingen/:id': 'survey',
  '/evaluatie/knelpunten': 'bottlenecks',
  '/evaluatie/quickscan': 'quickscan',
  '/evaluatie/afspraken': 'agreements',
  '/meldingen': 'notifications',
  '/account': 'account',
  '/sociale-kaart': 'directory',
  '/sociale-kaart/afdrukken': 'directoryPrint',
  '/sociale-kaart/aanbod/:id': 'service',
  '/sociale-kaart/aanbod/:id/bewerken': 'serviceEdit',
  '/sociale-kaart/organisatie/:id': 'organisation',
  '/sociale-kaart/organisatie/:orgId/aanbod/nieuw': 'serviceNew',
  '/smoelenboek': 'people',
  '/smoelenboek/nieuw': 'personNew',
  '/smoelenboek/:id': 'person',
  '/mijn-kaart': 'myCard',
  '/openbaar/sociale-kaart': 'directory',
  '/openbaar/sociale-kaart/aanbod/:id': 'service',
  '/openbaar/sociale-kaart/afdrukken': 'directoryPrint',
  '/bevestigen/:token': 'confirm',
  '/ervaring/:token': 'experience',
  '/enquete/:token': 'surveyAnswer',
  '/beheer/gebruikers': 'users',
  '/beheer/organisaties': 'organisations',
  '/beheer/gemeenten': 'municipalities',
  '/beheer/toegangslog': 'accessLog',
  '/beheer/uitgaande-mail': 'outbox',
  '/beheer/hsds-import': 'hsdsImport',
  '/beheer/signalen-en-screening': 'screeningAdmin',
};
const ROUTES = Object.keys(TITLES).map((path) => ({ path }));

/** The title key of a path, or null for a path no route knows (the not-found page). */
export function titleKey(pathname: string): string | null {
  const match = matchRoutes(ROUTES, pathname)?.at(-1);
  return match ? (TITLES[match.route.path] ?? null) : null;
}

/** Sets `<title>` to "Page · Knooppunt" for the current path, in the current language. */
export function usePageTitle(pathname: string) {
  // `t` changes with the language, so a language switch retitles the page too.
  const { t } = useTranslation();
  useEffect(() => {
    const key = titleKey(pathname);
    const page = key ? t(`titles.${key}`) : t('titles.notFound');
    document.title = `${page} · ${t('app.name')}`;
  }, [pathname, t]);
}
