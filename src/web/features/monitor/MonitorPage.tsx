import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import type { Me } from '../../lib/api';
import { Cell } from '../families/parts';
import { Bars, Lines } from './charts';
import { percent, shown } from './format';
import { type Panel, useComparison, useDashboard, useTrends } from './queries';

/** One panel: its chart (for a single row) and the table with the numbers, "<10" where suppressed. */
export function PanelView({
  id,
  title,
  panel,
  label,
  rowLabel,
}: {
  id: string;
  title: string;
  panel: Panel;
  label: (k: string) => string;
  rowLabel?: (k: string) => string;
}) {
  const { t } = useTranslation();
  const single = panel.rows.length === 1;
  return (
    <section aria-labelledby={id} className="kp-subsection">
      <Heading2 id={id}>{title}</Heading2>
      {panel.cells.length === 0 ? (
        <Paragraph>{t('monitor.none')}</Paragraph>
      ) : (
        <>
          {single && <Bars label={title} names={panel.columns.map(label)} values={panel.cells[0]!} />}
          <DataTable
            headers={[...(single ? [] : [t('monitor.row')]), ...panel.columns.map(label), t('monitor.total')]}
            items={[...panel.rows.map((r, i) => ({ r, i })), ...(single ? [] : [{ r: 'total', i: -1 }])]}
            rowKey={(x) => x.r}
            empty=""
            row={(x) => (
              <>
                {!single && <Cell>{x.i === -1 ? t('monitor.total') : (rowLabel ?? label)(x.r)}</Cell>}
                {(x.i === -1 ? panel.columnTotals : panel.cells[x.i]!).map((v, c) => (
                  <Cell key={panel.columns[c]}>{shown(v)}</Cell>
                ))}
                <Cell>{shown(x.i === -1 ? panel.total : panel.rowTotals[x.i]!)}</Cell>
              </>
            )}
          />
        </>
      )}
    </section>
  );
}

/** The scope and period chosen on the monitor pages, as the API's query string. */
export function useScopeForm(me: Me) {
  const year = new Date().getFullYear();
  const first = me.user.municipalities[0];
  const initial = { scope: first ? `m:${first.id}` : '', from: `${year}-01-01`, to: new Date().toISOString().slice(0, 10), granularity: 'month' };
  const [form, setForm] = useState(initial);
  const [query, setQuery] = useState(initial);
  const qs = (q = query) => {
    const [kind, id] = q.scope.split(':');
    return `${kind === 'r' ? 'regionId' : 'municipalityId'}=${id}&from=${q.from}&to=${q.to}&granularity=${q.granularity}`;
  };
  const regions = [...new Set(me.user.municipalities.map((m) => m.regionId))];
  return { form, setForm, query, apply: () => setQuery(form), qs, regions };
}

export function ScopeForm({ me, s, granularity = false }: { me: Me; s: ReturnType<typeof useScopeForm>; granularity?: boolean }) {
  const { t } = useTranslation();
  const { form, setForm } = s;
  return (
    <form
      className="kp-form kp-row"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        s.apply();
      }}
    >
      <SelectField
        label={t('monitor.scope')}
        options={[
          ...me.user.municipalities.map((m) => ({ value: `m:${m.id}`, label: m.name })),
          ...s.regions.map((r, i) => ({ value: `r:${r}`, label: s.regions.length > 1 ? `${t('monitor.wholeRegion')} ${i + 1}` : t('monitor.wholeRegion') })),
        ]}
        value={form.scope}
        onChange={(e) => setForm({ ...form, scope: e.target.value })}
      />
      <Field label={t('monitor.from')} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
      <Field label={t('monitor.to')} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
      {granularity && (
        <SelectField
          label={t('monitor.granularity')}
          options={[
            { value: 'month', label: t('monitor.month') },
            { value: 'quarter', label: t('monitor.quarter') },
          ]}
          value={form.granularity}
          onChange={(e) => setForm({ ...form, granularity: e.target.value })}
        />
      )}
      <Button type="submit" appearance="primary-action-button">
        {t('monitor.show')}
      </Button>
    </form>
  );
}

/** The monitor: is the chain working? Aggregates only, with every figure under 10 shown as "<10". */
export function MonitorPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const s = useScopeForm(me);
  const enabled = Boolean(s.query.scope);
  const q = useDashboard(s.query, s.qs(), enabled);
  const trends = useTrends(s.query, s.qs(), enabled);
  const comparison = useComparison(s.query, s.qs(), enabled);
  const d = q.data;
  // Column names in the reader's language, from the vocabularies the rest of the app uses.
  const prefix: Record<string, string> = {
    phases: 'cases.phases',
    orgTypes: 'orgTypes',
    referrals: 'referrals.statuses',
    declined: 'referrals.declineReasons',
    answers: 'experience.answers',
    goals: 'cases.attainment',
    series: 'monitor.series',
  };
  const label = (group: string) => (k: string) => t(`${prefix[group] ?? `monitor.labels.${group}`}.${k}`, { defaultValue: k });
  const days = (v: number | null) => (v === null ? '<10' : t('monitor.workingDays', { count: v }));
  return (
    <>
      <Heading1>{t('monitor.title')}</Heading1>
      <Paragraph>{t('monitor.intro')}</Paragraph>
      <Paragraph>
        <RouterLink to="/monitor/netwerk">{t('monitor.networkLink')}</RouterLink> · <RouterLink to="/evaluatie/metingen">{t('nav.surveys')}</RouterLink> ·{' '}
        <RouterLink to="/evaluatie/knelpunten">{t('nav.bottlenecks')}</RouterLink> · <RouterLink to="/evaluatie/quickscan">{t('nav.quickscan')}</RouterLink> ·{' '}
        <RouterLink to="/evaluatie/afspraken">{t('nav.agreements')}</RouterLink>
      </Paragraph>
      <ScopeForm me={me} s={s} granularity />
      <ErrorAlert error={q.error} />
      {q.isLoading && <Paragraph>{t('app.loading')}</Paragraph>}
      {d && (
        <>
          <Paragraph>
            <a className="utrecht-link" href={`/api/v1/monitor.pdf?${s.qs()}&lang=${i18n.language === 'en' ? 'en' : 'nl'}`} download>
              {t('monitor.pdf')}
            </a>{' '}
            ·{' '}
            <a className="utrecht-link" href={`/api/v1/monitor.csv?${s.qs()}`} download>
              {t('monitor.csv')}
            </a>
          </Paragraph>
          <Paragraph>{t('monitor.households', { municipality: d.scope.name, count: d.households ?? 0, value: shown(d.households) })}</Paragraph>
          <section aria-labelledby="m-time" className="kp-subsection">
            <Heading2 id="m-time">{t('monitor.timeliness')}</Heading2>
            <DataTable
              headers={[t('monitor.row'), t('monitor.count'), t('monitor.median'), t('monitor.p80')]}
              items={d.timeliness}
              rowKey={(x) => x.key}
              empty=""
              row={(x) => (
                <>
                  <Cell>{t(`monitor.timelinessRows.${x.key}`)}</Cell>
                  <Cell>{shown(x.n)}</Cell>
                  <Cell>{x.median === null ? '–' : days(x.median)}</Cell>
                  <Cell>{x.p80 === null ? '–' : days(x.p80)}</Cell>
                </>
              )}
            />
            <Paragraph>
              {t('monitor.normShareLabel')}: {percent(d.answeredInTime.share)} · {t('monitor.waiting')}: {d.waitingDays === null ? '–' : days(d.waitingDays)}
            </Paragraph>
          </section>
          <PanelView id="m-phases" title={t('monitor.phases')} panel={d.phases} label={label('phases')} />
          <PanelView id="m-children" title={t('monitor.children')} panel={d.children} label={label('phases')} />
          <PanelView id="m-signals" title={t('monitor.signals')} panel={d.signalsByOrgType} label={label('orgTypes')} />
          <PanelView id="m-regie" title={t('monitor.regie')} panel={d.regie} label={label('regie')} />
          <Paragraph>
            {t('monitor.regieShare')}: {percent(d.regie.share)} · {t('monitor.daysWithout')}:{' '}
            {d.regie.medianDaysWithout === null ? '–' : days(d.regie.medianDaysWithout)}
          </Paragraph>
          <PanelView id="m-matches" title={t('monitor.matches')} panel={d.matches} label={label('matches')} />
          {d.matches.medianDays !== null && <Paragraph>{t('monitor.matchMedian', { days: d.matches.medianDays })}</Paragraph>}
          <PanelView id="m-referrals" title={t('monitor.referrals')} panel={d.referrals} label={label('referrals')} rowLabel={label('orgTypes')} />
          <PanelView id="m-declined" title={t('monitor.declined')} panel={d.declinedByReason} label={label('declined')} />
          <PanelView id="m-norm" title={t('monitor.norm')} panel={d.answeredInTime} label={label('norm')} />
          <PanelView id="m-goals" title={t('monitor.goals')} panel={d.goals} label={label('goals')} />
          <PanelView id="m-double" title={t('monitor.double')} panel={d.doubleDiscussions} label={label('double')} />
          <PanelView id="m-experience" title={t('monitor.experience')} panel={d.experienceHeard} label={label('answers')} />
        </>
      )}
      {trends.data && (
        <section aria-labelledby="m-trends" className="kp-subsection">
          <Heading2 id="m-trends">{t('monitor.trends')}</Heading2>
          <Lines
            label={t('monitor.trends')}
            x={trends.data.rows.map((r) => r.slice(0, 7))}
            series={trends.data.columns.map((c, j) => ({ name: label('series')(c), values: trends.data.cells.map((row) => row[j] ?? null) }))}
          />
          <PanelView id="m-trends-table" title={t('monitor.trendsTable')} panel={trends.data} label={label('series')} rowLabel={(r) => r.slice(0, 7)} />
        </section>
      )}
      {comparison.data && (
        <section aria-labelledby="m-comparison" className="kp-subsection">
          <Heading2 id="m-comparison">{t('monitor.comparison')}</Heading2>
          <DataTable
            headers={[
              t('monitor.municipality'),
              t('monitor.columns.households'),
              t('monitor.columns.signals'),
              t('monitor.columns.referrals'),
              t('monitor.columns.withDirectorShare'),
              t('monitor.columns.answeredInTimeShare'),
            ]}
            items={[
              ...comparison.data.rows,
              { municipalityId: 'total', name: t('monitor.total'), ...comparison.data.totals, withDirectorShare: null, answeredInTimeShare: null },
            ]}
            rowKey={(r) => r.municipalityId}
            empty=""
            row={(r) => (
              <>
                <Cell>{r.name}</Cell>
                <Cell>{shown(r.households)}</Cell>
                <Cell>{shown(r.signals)}</Cell>
                <Cell>{shown(r.referrals)}</Cell>
                <Cell>{r.municipalityId === 'total' ? '' : percent(r.withDirectorShare)}</Cell>
                <Cell>{r.municipalityId === 'total' ? '' : percent(r.answeredInTimeShare)}</Cell>
              </>
            )}
          />
        </section>
      )}
    </>
  );
}
