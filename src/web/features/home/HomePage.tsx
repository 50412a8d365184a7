import { Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import type { Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { useWork, type WorkOverview } from './api';

const time = (iso: string, lang: string) =>
  new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
const weekday = (iso: string, lang: string) =>
  new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nl-NL', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' });

/** One queue on the home page: a heading with how many, the most urgent few, and the way to all of them. */
function Queue(props: { id: string; title: string; count: number; shown: number; more: { to: string; label: string }; intro?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!props.count) return null;
  return (
    <section aria-labelledby={`work-${props.id}`} className="kp-queue">
      <Heading2 id={`work-${props.id}`} className="kp-queue__title">
        {props.title} <span className="kp-queue__count">({props.count})</span>
      </Heading2>
      {props.intro && <Paragraph>{props.intro}</Paragraph>}
      {props.children && <ul className="kp-worklist">{props.children}</ul>}
      <Paragraph>
        <RouterLink to={props.more.to}>
          {props.count > props.shown ? t('home.allOf', { count: props.count, what: props.more.label }) : props.more.label}
        </RouterLink>
      </Paragraph>
    </section>
  );
}

function Item({ to, title, meta, badge }: { to: string; title: string; meta?: ReactNode; badge?: ReactNode }) {
  return (
    <li className="kp-workitem">
      <RouterLink to={to} className="kp-workitem__link">
        {title}
      </RouterLink>
      {badge}
      {meta && <span className="kp-workitem__meta">{meta}</span>}
    </li>
  );
}

/** How many things wait, summed over the queues that ask something of the user herself. */
function total(w: WorkOverview): number {
  const c = w.counts;
  return c.intake + c.emergencyReviews + c.unfollowedMatches + c.incoming + c.declined + c.proposals + c.overdueActions + c.overdueOutgoing + c.matches;
}

/**
 * Home = my work: what waits for the user today, the most urgent first — signals in the intake, referrals to answer
 * (against their norm), declined referrals to refer again, regie proposals, overdue plan actions, referrals without
 * an answer, matches to follow up, and this week's meetings. Each item links to where it is handled; a client's name
 * appears only where the server's policy lets this user see her.
 */
export function HomePage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const work = useWork();
  const w = work.data;
  const client = (name: string | null) => name ?? t('home.clientHidden');
  const waiting = w ? total(w) : 0;
  return (
    <>
      <Heading1>{t('home.welcome', { name: me.user.displayName })}</Heading1>
      <ErrorAlert error={work.error} />
      {work.isLoading && <Paragraph>{t('app.loading')}</Paragraph>}
      {w && (
        <Paragraph appearance="lead" className="kp-home__summary">
          {waiting ? t('home.waiting', { count: waiting }) : t('home.nothing')}
          {w.counts.meetingsThisWeek > 0 && ` ${t('home.meetingsSummary', { count: w.counts.meetingsThisWeek })}`}
        </Paragraph>
      )}
      {w && (
        <div className="kp-home">
          <div className="kp-home__queues">
            {!waiting && (
              <div className="kp-queue kp-queue--empty">
                <Paragraph>{t(me.abilities.careWork ? 'home.nothingCare' : me.abilities.administer ? 'home.nothingAdmin' : 'home.nothingMonitor')}</Paragraph>
              </div>
            )}
            {/* The most urgent first: a safety concern, a referral past its norm, a decline, then the rest. */}
            {[
              {
                rank: w.intake.some((x) => x.safetyConcern) ? 0 : 3,
                node: (
                  <Queue
                    key="intake"
                    id="intake"
                    title={t('home.intake')}
                    count={w.counts.intake}
                    shown={w.intake.length}
                    more={{ to: '/intake', label: t('home.toIntake') }}
                  >
                    {w.intake.map((x) => (
                      <Item
                        key={x.id}
                        to={x.link}
                        title={client(x.client)}
                        badge={x.safetyConcern ? <StatusBadge status="danger">{t('home.safety')}</StatusBadge> : undefined}
                        meta={`${t(`vulnerability.${x.vulnerabilityLevel}`)} · ${t('home.since', { date: formatDate(x.createdAt, lang) })}`}
                      />
                    ))}
                  </Queue>
                ),
              },
              {
                rank: 2,
                node: (
                  <Queue
                    key="emergency"
                    id="emergency"
                    title={t('home.emergency')}
                    count={w.counts.emergencyReviews}
                    shown={0}
                    intro={t('home.emergencyIntro')}
                    more={{ to: '/casussen/bord', label: t('home.toBoard') }}
                  />
                ),
              },
              {
                rank: w.counts.incomingOverdue ? 1 : 7,
                node: (
                  <Queue
                    key="incoming"
                    id="incoming"
                    title={t('home.incoming')}
                    count={w.counts.incoming}
                    shown={w.incoming.length}
                    more={{ to: '/verwijzingen/inkomend', label: t('home.toIncoming') }}
                  >
                    {w.incoming.map((x) => (
                      <Item
                        key={x.id}
                        to={x.link}
                        title={`${client(x.client)} — ${x.serviceName}`}
                        badge={x.overdue ? <StatusBadge status="danger">{t('home.late')}</StatusBadge> : undefined}
                        meta={
                          x.overdue
                            ? t('home.dueWas', { date: formatDate(x.dueOn, lang) })
                            : t('home.dueIn', { count: x.workingDaysLeft, date: formatDate(x.dueOn, lang) })
                        }
                      />
                    ))}
                  </Queue>
                ),
              },
              {
                rank: 2,
                node: (
                  <Queue
                    key="declined"
                    id="declined"
                    title={t('home.declined')}
                    count={w.counts.declined}
                    shown={w.declined.length}
                    intro={t('home.declinedIntro')}
                    more={{ to: '/casussen', label: t('home.toCases') }}
                  >
                    {w.declined.map((x) => (
                      <Item
                        key={x.id}
                        to={x.link}
                        title={`${client(x.client)} — ${x.serviceName}`}
                        badge={<StatusBadge status="warning">{t('home.declinedBadge')}</StatusBadge>}
                        meta={`${x.organisationName} · ${t(`referrals.declineReasons.${x.declineReason}`, { defaultValue: x.declineReason })} · ${formatDate(x.declinedAt, lang)}`}
                      />
                    ))}
                  </Queue>
                ),
              },
              {
                rank: 4,
                node: (
                  <Queue
                    key="proposals"
                    id="proposals"
                    title={t('home.proposals')}
                    count={w.counts.proposals}
                    shown={w.proposals.length}
                    more={{ to: '/casussen', label: t('home.toCases') }}
                  >
                    {w.proposals.map((x) => (
                      <Item
                        key={x.id}
                        to={x.link}
                        title={t(x.kind === 'process' ? 'home.proposalProcess' : 'home.proposalCase', { client: client(x.client) })}
                        meta={t('home.proposedOn', { date: formatDate(x.proposedAt, lang) })}
                      />
                    ))}
                  </Queue>
                ),
              },
              {
                rank: 5,
                node: (
                  <Queue
                    key="actions"
                    id="actions"
                    title={t('home.actions')}
                    count={w.counts.overdueActions}
                    shown={w.overdueActions.length}
                    more={{ to: '/casussen', label: t('home.toCases') }}
                  >
                    {w.overdueActions.map((x) => (
                      <Item
                        key={`${x.caseId}-${x.id}`}
                        to={x.link}
                        title={x.what ?? t('home.actionHidden')}
                        meta={`${client(x.client)} · ${t('home.dueWas', { date: formatDate(x.dueDate, lang) })}`}
                      />
                    ))}
                  </Queue>
                ),
              },
              {
                rank: 6,
                node: (
                  <Queue
                    key="overdue-out"
                    id="overdue-out"
                    title={t('home.overdueOutgoing')}
                    count={w.counts.overdueOutgoing}
                    shown={w.overdueOutgoing.length}
                    intro={t('home.overdueOutgoingIntro')}
                    more={{ to: '/casussen', label: t('home.toCases') }}
                  >
                    {w.overdueOutgoing.map((x) => (
                      <Item
                        key={x.id}
                        to={x.link}
                        title={`${client(x.client)} — ${x.serviceName}`}
                        meta={`${x.organisationName} · ${t('home.dueWas', { date: formatDate(x.dueOn, lang) })}`}
                      />
                    ))}
                  </Queue>
                ),
              },
              {
                rank: 8,
                node: (
                  <Queue
                    key="unfollowed"
                    id="unfollowed"
                    title={t('home.unfollowed')}
                    count={w.counts.unfollowedMatches}
                    shown={0}
                    intro={t('home.unfollowedIntro')}
                    more={{ to: '/matches', label: t('home.toMatches') }}
                  />
                ),
              },
              {
                rank: 9,
                node: (
                  <Queue
                    key="matches"
                    id="matches"
                    title={t('home.matches')}
                    count={w.counts.matches}
                    shown={w.matches.length}
                    more={{ to: '/matches', label: t('home.toMatches') }}
                  >
                    {w.matches.map((x) => (
                      <Item
                        key={x.id}
                        to={x.link}
                        title={client(x.client)}
                        meta={t('home.matchWith', { name: x.otherName, organisation: x.otherOrganisation })}
                      />
                    ))}
                  </Queue>
                ),
              },
            ]
              .sort((a, b) => a.rank - b.rank)
              .map((q) => q.node)}
          </div>
          <aside className="kp-home__aside" aria-label={t('home.asideLabel')}>
            {me.abilities.careWork && (
              <section aria-labelledby="work-meetings">
                <Heading2 id="work-meetings" className="kp-queue__title">
                  {t('home.meetings')}
                </Heading2>
                {w.meetingsThisWeek.length ? (
                  <ul className="kp-worklist">
                    {w.meetingsThisWeek.map((m) => (
                      <Item
                        key={m.id}
                        to={m.link}
                        title={m.tableName}
                        meta={`${weekday(m.startsAt, lang)}, ${time(m.startsAt, lang)}–${time(m.endsAt, lang)}${m.place ? ` · ${m.place}` : ''}`}
                      />
                    ))}
                  </ul>
                ) : (
                  <Paragraph>{t('home.noMeetings')}</Paragraph>
                )}
                <Paragraph>
                  <RouterLink to="/overleg">{t('home.toMeetings')}</RouterLink>
                </Paragraph>
              </section>
            )}
            <section aria-labelledby="work-links">
              <Heading2 id="work-links" className="kp-queue__title">
                {t('home.quickLinks')}
              </Heading2>
              <ul className="kp-linklist">
                {me.abilities.careWork && (
                  <li>
                    <RouterLink to="/clienten/registreren">{t('home.registerLink')}</RouterLink>
                  </li>
                )}
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
                {me.abilities.monitor && (
                  <li>
                    <RouterLink to="/monitor">{t('home.monitorLink')}</RouterLink>
                  </li>
                )}
              </ul>
            </section>
          </aside>
        </div>
      )}
    </>
  );
}
