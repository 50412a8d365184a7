import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { PageErrorBoundary } from '../components/PageErrorBoundary';
import { AccountPage } from '../features/account/AccountPage';
import { AccessLogPage } from '../features/admin/AccessLogPage';
import { HsdsImportPage } from '../features/admin/HsdsImportPage';
import { MunicipalitiesPage } from '../features/admin/MunicipalitiesPage';
import { OrganisationsPage } from '../features/admin/OrganisationsPage';
import { OutboxPage } from '../features/admin/OutboxPage';
import { ScreeningConfigPage } from '../features/admin/ScreeningConfigPage';
import { SynonymsPage } from '../features/admin/SynonymsPage';
import { UsersPage } from '../features/admin/UsersPage';
import { LoginPage } from '../features/auth/LoginPage';
import { TwoFactorPage } from '../features/auth/TwoFactorPage';
import { CasePage } from '../features/cases/CasePage';
import { ComparePage, PlanPage } from '../features/cases/PlanPages';
import { BoardPage, MyCasesPage } from '../features/cases/WorklistPages';
import { ConfirmPage } from '../features/directory/ConfirmPage';
import { OrganisationPage } from '../features/directory/OrganisationPage';
import { PeoplePage } from '../features/directory/PeoplePage';
import { MyCardPage, NewPersonPage, PersonPage } from '../features/directory/PersonPage';
import { PrintPage } from '../features/directory/PrintPage';
import { SearchPage } from '../features/directory/SearchPage';
import { ServiceEditPage } from '../features/directory/ServiceEditPage';
import { ServicePage } from '../features/directory/ServicePage';
import { AgreementsPage } from '../features/evaluation/AgreementsPage';
import { BottlenecksPage } from '../features/evaluation/BottlenecksPage';
import { QuickscanPage } from '../features/evaluation/QuickscanPage';
import { SurveyAnswerPage, SurveyPage, SurveysPage } from '../features/evaluation/SurveyPages';
import { ClientPage } from '../features/families/ClientPage';
import { ClientsPage } from '../features/families/ClientsPage';
import { DuplicatesPage, InformPage, MatchesPage, NotificationsPage } from '../features/families/MatchPages';
import { QuestionnairePage } from '../features/families/QuestionnairePage';
import { RegisterPage } from '../features/families/RegisterPage';
import { IntakePage, MySignalsPage, SignalFormPage, SignalPage } from '../features/families/SignalPages';
import { useWorkCounts, workKeys } from '../features/home/api';
import { HomePage } from '../features/home/HomePage';
import { ExperiencePage, MeetingPage, TablePage, TablesPage } from '../features/meetings/MeetingPages';
import { IncomingPage, ReferralFormPage, ReferralPage } from '../features/referrals/ReferralPages';
import { api, type Me } from '../lib/api';
import { setLanguage } from '../lib/i18n';
import { AccountLinks, MainNavigation, menuCount, Waiting } from './Navigation';
import { useMe } from './session';
import { usePageTitle } from './titles';

// The chart and graph libraries are large and only policy officers and coordinators open the monitor: on demand.
const MonitorPage = lazy(() => import('../features/monitor/MonitorPage').then((m) => ({ default: m.MonitorPage })));
const NetworkPage = lazy(() => import('../features/monitor/NetworkPage').then((m) => ({ default: m.NetworkPage })));

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Shell />
      </BrowserRouter>
    </QueryClientProvider>
  );
}

function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'nl' : 'en';
  const choose = () => {
    void setLanguage(next);
    // Also remembered on the account, for mail and other devices.
    if (signedIn) void api('PUT', '/account/language', { language: next }).catch(() => {});
  };
  return (
    <Button appearance="subtle-button" lang={next} aria-label={t('app.languageLabel')} onClick={choose}>
      {t('app.language')}
    </Button>
  );
}

function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const path = location.pathname;
  usePageTitle(path);
  const user = me.data;
  const ready = Boolean(user && !user.session.mfaPending);
  const counts = useWorkCounts(ready);
  // After navigation: focus on the new page's main region (screen-reader and keyboard users land there), the
  // phone menu folded away, and the badges brought up to date with what the last page may have changed.
  useEffect(() => {
    if (!path) return;
    mainRef.current?.focus();
    setMenuOpen(false);
    void qc.invalidateQueries({ queryKey: workKeys.counts() });
  }, [path, qc]);

  const logout = async () => {
    await api('POST', '/auth/logout').catch(() => {});
    qc.setQueryData(['me'], null);
    qc.removeQueries({ queryKey: workKeys.all });
  };
  const languageSwitch = <LanguageSwitch signedIn={ready} />;
  const account = ready && user ? <AccountLinks me={user} counts={counts.data} onLogout={logout} languageSwitch={languageSwitch} /> : null;
  return (
    <>
      <SkipLink href="#main">{t('app.skip')}</SkipLink>
      {user?.demoMode && (
        <div className="kp-banner" role="note">
          {t('app.demoBanner')}
          {user.demoOnNetwork && ` ${t('app.demoOnNetwork')}`}
        </div>
      )}
      <header className="kp-header">
        <div className="kp-header__inner">
          <Link to="/" className="kp-brand">
            <img src="/favicon.svg" alt="" width="32" height="32" />
            <span className="kp-brand__name">{t('app.name')}</span>
            <span className="kp-brand__tagline">{t('app.tagline')}</span>
          </Link>
          {ready ? (
            <>
              <div className="kp-header__actions">{account}</div>
              <Button
                ref={menuButton}
                appearance="secondary-action-button"
                className="kp-menu-button"
                aria-expanded={menuOpen}
                aria-controls="kp-nav"
                aria-describedby={menuCount(counts.data) ? 'kp-menu-waiting' : undefined}
                onClick={() => setMenuOpen((o) => !o)}
              >
                {menuOpen ? t('nav.closeMenu') : t('nav.menu')}
                <Waiting count={menuCount(counts.data)} id="kp-menu-waiting" />
              </Button>
            </>
          ) : (
            <div className="kp-header__actions kp-header__actions--always">{languageSwitch}</div>
          )}
        </div>
      </header>
      <div className={ready ? 'kp-layout' : 'kp-layout kp-layout--single'}>
        {ready && user && (
          <MainNavigation
            me={user}
            counts={counts.data}
            id="kp-nav"
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            menuButton={menuButton}
            account={account}
          />
        )}
        <main id="main" ref={mainRef} tabIndex={-1} className="kp-main">
          {me.isLoading ? (
            <Paragraph>{t('app.loading')}</Paragraph>
          ) : (
            <PageErrorBoundary resetKey={path}>
              <AppRoutes me={user ?? null} />
            </PageErrorBoundary>
          )}
        </main>
      </div>
    </>
  );
}

/** Pages that work without signing in: the public sociale kaart and the one-click confirmation links. */
const publicRoutes = [
  <Route key="pk" path="/openbaar/sociale-kaart" element={<SearchPage publicMode />} />,
  <Route key="pk-svc" path="/openbaar/sociale-kaart/aanbod/:id" element={<ServicePage publicMode />} />,
  <Route key="pk-print" path="/openbaar/sociale-kaart/afdrukken" element={<PrintPage publicMode />} />,
  <Route key="confirm" path="/bevestigen/:token" element={<ConfirmPage />} />,
  <Route key="experience" path="/ervaring/:token" element={<ExperiencePage />} />,
  <Route key="survey" path="/enquete/:token" element={<SurveyAnswerPage />} />,
];

function AppRoutes({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  if (!me) {
    return (
      <Routes>
        {publicRoutes}
        <Route path="/inloggen" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/inloggen" replace />} />
      </Routes>
    );
  }
  if (me.session.mfaPending) {
    return (
      <Routes>
        <Route path="/tweestapsverificatie" element={<TwoFactorPage mode={me.session.mfaPending} />} />
        <Route path="*" element={<Navigate to="/tweestapsverificatie" replace />} />
      </Routes>
    );
  }
  const admin = me.abilities.administer;
  const care = me.abilities.careWork;
  const monitor = me.abilities.monitor;
  return (
    <Routes>
      {care && <Route path="/clienten" element={<ClientsPage />} />}
      {care && <Route path="/clienten/registreren" element={<RegisterPage me={me} />} />}
      {care && <Route path="/clienten/:id" element={<ClientPage />} />}
      {care && <Route path="/clienten/:id/signaal" element={<SignalFormPage />} />}
      {care && <Route path="/clienten/:id/vragenlijst" element={<QuestionnairePage />} />}
      {care && <Route path="/signalen" element={<MySignalsPage />} />}
      {care && <Route path="/signalen/:id" element={<SignalPage />} />}
      {care && <Route path="/intake" element={<IntakePage />} />}
      {care && <Route path="/matches" element={<MatchesPage me={me} />} />}
      {care && <Route path="/registraties/:id/informeren" element={<InformPage />} />}
      {care && <Route path="/dubbele-registraties" element={<DuplicatesPage />} />}
      {care && <Route path="/casussen" element={<MyCasesPage me={me} />} />}
      {care && <Route path="/casussen/bord" element={<BoardPage me={me} />} />}
      {care && <Route path="/casussen/:id/verwijzen" element={<ReferralFormPage />} />}
      {care && <Route path="/verwijzingen/inkomend" element={<IncomingPage />} />}
      {care && <Route path="/verwijzingen/:id" element={<ReferralPage />} />}
      {care && <Route path="/overleg" element={<TablesPage me={me} />} />}
      {monitor && (
        <Route
          path="/monitor"
          element={
            <Suspense fallback={<Paragraph>{t('app.loading')}</Paragraph>}>
              <MonitorPage me={me} />
            </Suspense>
          }
        />
      )}
      {monitor && (
        <Route
          path="/monitor/netwerk"
          element={
            <Suspense fallback={<Paragraph>{t('app.loading')}</Paragraph>}>
              <NetworkPage me={me} />
            </Suspense>
          }
        />
      )}
      {monitor && <Route path="/evaluatie/metingen" element={<SurveysPage me={me} />} />}
      {monitor && <Route path="/evaluatie/metingen/:id" element={<SurveyPage />} />}
      {monitor && <Route path="/evaluatie/knelpunten" element={<BottlenecksPage me={me} />} />}
      {monitor && <Route path="/evaluatie/quickscan" element={<QuickscanPage me={me} />} />}
      {monitor && <Route path="/evaluatie/afspraken" element={<AgreementsPage me={me} />} />}
      {care && <Route path="/overleg/tafel/:id" element={<TablePage />} />}
      {care && <Route path="/overleg/:id" element={<MeetingPage me={me} />} />}
      <Route path="/casussen/:id" element={<CasePage me={me} />} />
      <Route path="/casussen/:id/plan/vergelijk" element={<ComparePage />} />
      <Route path="/casussen/:id/plan/:number" element={<PlanPage />} />
      <Route path="/meldingen" element={<NotificationsPage />} />
      <Route path="/" element={<HomePage me={me} />} />
      <Route path="/account" element={<AccountPage me={me} />} />
      <Route path="/tweestapsverificatie" element={<TwoFactorPage mode="enrol" />} />
      {publicRoutes}
      <Route path="/sociale-kaart" element={<SearchPage />} />
      <Route path="/sociale-kaart/afdrukken" element={<PrintPage />} />
      <Route path="/sociale-kaart/aanbod/:id" element={<ServicePage />} />
      <Route path="/sociale-kaart/aanbod/:id/bewerken" element={<ServiceEditPage />} />
      <Route path="/sociale-kaart/organisatie/:id" element={<OrganisationPage />} />
      <Route path="/sociale-kaart/organisatie/:orgId/aanbod/nieuw" element={<ServiceEditPage />} />
      <Route path="/smoelenboek" element={<PeoplePage />} />
      <Route path="/smoelenboek/nieuw" element={<NewPersonPage />} />
      <Route path="/smoelenboek/:id" element={<PersonPage />} />
      <Route path="/mijn-kaart" element={<MyCardPage me={me} />} />
      {admin && <Route path="/beheer/gebruikers" element={<UsersPage />} />}
      {admin && <Route path="/beheer/uitgaande-mail" element={<OutboxPage />} />}
      {admin && <Route path="/beheer/hsds-import" element={<HsdsImportPage />} />}
      {admin && <Route path="/beheer/synoniemen" element={<SynonymsPage />} />}
      {admin && <Route path="/beheer/signalen-en-screening" element={<ScreeningConfigPage />} />}
      {admin && <Route path="/beheer/organisaties" element={<OrganisationsPage />} />}
      {admin && <Route path="/beheer/gemeenten" element={<MunicipalitiesPage />} />}
      {admin && <Route path="/beheer/toegangslog" element={<AccessLogPage />} />}
      <Route path="/inloggen" element={<Navigate to="/" replace />} />
      <Route path="*" element={<Heading1>{t('errors.not_found')}</Heading1>} />
    </Routes>
  );
}
