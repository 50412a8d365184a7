import { useQuery } from '@tanstack/react-query';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { api, type Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { Cell } from '../families/parts';
import { type Board, type CasePhase, useMyCases } from './api';
import { OverdueList, overdueActions } from './OverdueActions';

export const PHASES: CasePhase[] = ['signaleren', 'verkennen', 'steun_op_maat', 'afgesloten'];

/** "Mijn casussen": where I am in the care team, what I must do next, my overdue actions. */
export function MyCasesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useMyCases(page);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const search = useQuery({
    queryKey: ['cases', 'search', query],
    queryFn: () =>
      api<{ total: number; items: { id: string; phase: CasePhase; clientName: string; municipalityName: string }[] }>(
        'GET',
        `/cases?q=${encodeURIComponent(query)}`,
      ),
    enabled: query.length > 0,
  });
  const overdue = overdueActions(list.data?.items ?? []);
  return (
    <>
      <Heading1>{t('cases.mineTitle')}</Heading1>
      <Paragraph>{t('cases.mineIntro')}</Paragraph>
      {me.abilities.coordinate && (
        <Paragraph>
          <RouterLink to="/casussen/bord">{t('cases.boardLink')}</RouterLink>
        </Paragraph>
      )}
      <ErrorAlert error={list.error} />
      {overdue.length > 0 && (
        <section aria-labelledby="overdue">
          <Heading2 id="overdue">{t('cases.overdueTitle', { count: overdue.length })}</Heading2>
          <OverdueList items={overdue} />
        </section>
      )}
      <DataTable
        headers={[t('cases.client'), t('cases.phase'), t('cases.myRole'), t('cases.director'), t('cases.nextStep')]}
        items={list.data?.items}
        rowKey={(c) => c.id}
        empty={t('cases.mineEmpty')}
        row={(c) => (
          <>
            <Cell>
              <RouterLink to={`/casussen/${c.id}`}>{c.clientName}</RouterLink> ({c.municipalityName})
            </Cell>
            <Cell>{t(`cases.phases.${c.phase}`)}</Cell>
            <Cell>{c.isDirector ? t('cases.caseDirector') : c.roleInCase || t('cases.member')}</Cell>
            <Cell>{c.directorName ?? t('cases.noDirector')}</Cell>
            <Cell>
              {t(`cases.nextSteps.${c.nextStep}`)}
              {c.overdueCount > 0 && ` (${t('cases.overdueCount', { count: c.overdueCount })})`}
            </Cell>
          </>
        )}
      />
      {list.data && <Pager page={list.data.page} pages={Math.ceil(list.data.total / list.data.perPage)} onPage={setPage} />}
      <section aria-labelledby="case-search">
        <Heading2 id="case-search">{t('cases.searchTitle')}</Heading2>
        <form
          className="kp-form kp-row"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery(q.trim());
          }}
        >
          <Field label={t('cases.searchLabel')} value={q} onChange={(e) => setQ(e.target.value)} />
          <Button type="submit" appearance="secondary-action-button">
            {t('cases.search')}
          </Button>
        </form>
        {search.data && (
          <>
            <Paragraph aria-live="polite">{t('cases.searchTotal', { count: search.data.total })}</Paragraph>
            <ul>
              {search.data.items.map((c) => (
                <li key={c.id}>
                  <RouterLink to={`/casussen/${c.id}`}>{c.clientName}</RouterLink> — {c.municipalityName}, {t(`cases.phases.${c.phase}`)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

/** The coordinator's hub board: counts with links to the filtered list. */
export function BoardPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const qs = params.toString();
  const board = useQuery({ queryKey: ['cases', 'board', qs], queryFn: () => api<Board>('GET', `/cases/board${qs ? `?${qs}` : ''}`) });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(window.location.search);
    // Another filter is another list: back to its first page.
    if (k !== 'page') next.delete('page');
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const c = board.data?.counts;
  const filterLink = (k: string, v: string, label: string, n: number | undefined) => (
    <li>
      <RouterLink to={`/casussen/bord?${k}=${v}`}>{label}</RouterLink>: <strong>{n ?? '…'}</strong>
    </li>
  );
  return (
    <>
      <Heading1>{t('cases.boardTitle')}</Heading1>
      <ErrorAlert error={board.error} />
      <section aria-labelledby="counts">
        <Heading2 id="counts">{t('cases.counts')}</Heading2>
        <ul className="kp-plain">
          <li>
            <RouterLink to="/intake">{t('cases.intakeQueue')}</RouterLink>: <strong>{c?.intake ?? '…'}</strong>
          </li>
          {PHASES.filter((p) => p !== 'afgesloten').map((p) => filterLink('phase', p, t(`cases.phases.${p}`), c?.phases[p]))}
          {filterLink('withoutDirector', 'true', t('cases.withoutDirector'), c?.withoutDirector)}
          {filterLink('escalated', 'true', t('cases.escalated'), c?.escalated)}
          <li>
            <RouterLink to="/matches">{t('cases.unfollowedMatches')}</RouterLink>: <strong>{c?.unfollowedMatches ?? '…'}</strong>
          </li>
          <li>
            {t('cases.emergencyToReview')}: <strong>{c?.emergencyToReview ?? '…'}</strong>
          </li>
        </ul>
      </section>
      <section aria-labelledby="board-list">
        <Heading2 id="board-list">{t('cases.boardList')}</Heading2>
        <div className="kp-row">
          <SelectField
            label={t('cases.municipality')}
            value={params.get('municipalityId') ?? ''}
            onChange={(e) => set('municipalityId', e.target.value)}
            options={[{ value: '', label: t('cases.allMunicipalities') }, ...me.user.municipalities.map((m) => ({ value: m.id, label: m.name }))]}
          />
          <SelectField
            label={t('cases.phase')}
            value={params.get('phase') ?? ''}
            onChange={(e) => set('phase', e.target.value)}
            options={[{ value: '', label: t('cases.allOpen') }, ...PHASES.map((p) => ({ value: p, label: t(`cases.phases.${p}`) }))]}
          />
          <SelectField
            label={t('cases.regieFilter')}
            value={params.get('withoutDirector') ? 'without' : params.get('escalated') ? 'escalated' : ''}
            onChange={(e) => {
              const next = new URLSearchParams(window.location.search);
              next.delete('withoutDirector');
              next.delete('escalated');
              next.delete('page');
              if (e.target.value === 'without') next.set('withoutDirector', 'true');
              if (e.target.value === 'escalated') next.set('escalated', 'true');
              setParams(next);
            }}
            options={[
              { value: '', label: t('cases.allCases') },
              { value: 'without', label: t('cases.withoutDirector') },
              { value: 'escalated', label: t('cases.escalated') },
            ]}
          />
        </div>
        <DataTable
          headers={[t('cases.client'), t('cases.phase'), t('cases.director'), t('cases.team'), t('cases.updated')]}
          items={board.data?.items}
          rowKey={(x) => x.id}
          empty={t('cases.boardEmpty')}
          row={(x) => (
            <>
              <Cell>
                <RouterLink to={`/casussen/${x.id}`}>{x.clientName}</RouterLink> ({x.municipalityName})
              </Cell>
              <Cell>{t(`cases.phases.${x.phase}`)}</Cell>
              <Cell>
                {x.directorName ??
                  `${t('cases.noDirector')}${x.withoutDirectorSince ? ` ${t('cases.since', { date: formatDate(x.withoutDirectorSince, i18n.language) })}` : ''}${x.regieEscalatedAt ? ` — ${t('cases.escalatedShort')}` : ''}`}
              </Cell>
              <Cell>{x.teamSize}</Cell>
              <Cell>{formatDate(x.updatedAt, i18n.language)}</Cell>
            </>
          )}
        />
        {board.data && <Pager page={board.data.page} pages={Math.ceil(board.data.total / board.data.perPage)} onPage={(p) => set('page', String(p))} />}
      </section>
    </>
  );
}
