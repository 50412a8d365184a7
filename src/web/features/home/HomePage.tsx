import { DataList, DataListItem, DataListKey, DataListValue, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import type { Me } from '../../lib/api';
import { DashboardCases } from '../cases/DashboardCases';
import { DashboardMeetings } from '../meetings/MeetingPages';
import { DashboardReferrals } from '../referrals/ReferralPages';

export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t('home.welcome', { name: me.user.displayName })}</Heading1>
      <Paragraph>{t('home.intro')}</Paragraph>
      <DataList>
        <DataListItem>
          <DataListKey>{t('home.role')}</DataListKey>
          <DataListValue>{t(`roles.${me.user.role}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('home.organisation')}</DataListKey>
          <DataListValue>{me.user.organisation.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('home.municipalities')}</DataListKey>
          <DataListValue>{me.user.municipalities.map((m) => m.name).join(', ')}</DataListValue>
        </DataListItem>
      </DataList>
      {me.abilities.careWork && <DashboardCases />}
      {me.abilities.careWork && <DashboardReferrals />}
      {me.abilities.careWork && <DashboardMeetings />}
      <ul className="kp-plain kp-quicklinks">
        <li>
          <RouterLink to="/sociale-kaart">{t('home.directoryLink')}</RouterLink>
        </li>
        <li>
          <RouterLink to="/smoelenboek">{t('home.peopleLink')}</RouterLink>
        </li>
        <li>
          <RouterLink to="/mijn-kaart">{t('home.myCardLink')}</RouterLink>
        </li>
        {me.abilities.maintainDirectory && (
          <li>
            <RouterLink to={`/sociale-kaart/organisatie/${me.user.organisation.id}`}>{t('home.maintainLink')}</RouterLink>
          </li>
        )}
      </ul>
    </>
  );
}
