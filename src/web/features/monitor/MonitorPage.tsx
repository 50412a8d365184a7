import { useQuery } from '@tanstack/react-query';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { api, type Me } from '../../lib/api';
import { Cell } from '../families/parts';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

interface Panel {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}
interface Dashboard {
  municipality: { id: string; name: string };
  period: { from: string; to: string };
  households: number | null;
  phases: Panel;
  signalsByOrgType: Panel;
  regie: Panel;
  matches: Panel & { medianDays: number | null };
  referrals: Panel;
  declinedByReason: Panel;
  answeredInTime: Panel & { share: number | null };
  doubleDiscussions: Panel;
  experienceHeard: Panel;
}

/** A figure, or "<10" where it stands for fewer than ten. */
const shown = (v: number | null) => (v === null ? '<10' : String(v));

/** A bar chart of one row of counts; an image for assistive technology — the table beside it has the numbers. */
function Bars({ label, names, values }: { label: string; names: string[]; values: (number | null)[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([names, values]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised data stand for all inputs
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 10, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', minInterval: 1 },
      // Suppressed figures are drawn as empty bars: never as a number.
      series: [{ type: 'bar', data: values.map((v) => v ?? 0), itemStyle: { color: '#1f5c99' } }],
    });
    return () => chart.dispose();
  }, [key]);
  return <div ref={ref} role="img" aria-label={label} className="kp-chart" />;
}

/** One panel: its chart (for a single row) and the table with the numbers, "<10" where suppressed. */
function PanelView({ id, title, panel, label }: { id: string; title: string; panel: Panel; label: (k: string) => string }) {
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
                {!single && <Cell>{x.i === -1 ? t('monitor.total') : label(x.r)}</Cell>}
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

/** The monitor: is the chain working? Aggregates only, with every figure under 10 shown as "<10". */
export function MonitorPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const [form, setForm] = useState({ municipalityId: me.user.municipalities[0]?.id ?? '', from: `${year}-01-01`, to: new Date().toISOString().slice(0, 10) });
  const [query, setQuery] = useState(form);
  const q = useQuery({
    queryKey: ['monitor', query],
    queryFn: () => api<Dashboard>('GET', `/monitor?municipalityId=${query.municipalityId}&from=${query.from}&to=${query.to}`),
    enabled: Boolean(query.municipalityId),
  });
  const d = q.data;
  // Column names in the reader's language, from the vocabularies the rest of the app uses.
  const prefix: Record<string, string> = {
    phases: 'cases.phases',
    orgTypes: 'orgTypes',
    referrals: 'referrals.statuses',
    declined: 'referrals.declineReasons',
    answers: 'experience.answers',
  };
  const label = (group: string) => (k: string) => t(`${prefix[group] ?? `monitor.labels.${group}`}.${k}`, { defaultValue: k });
  return (
    <>
      <Heading1>{t('monitor.title')}</Heading1>
      <Paragraph>{t('monitor.intro')}</Paragraph>
      <form
        className="kp-form kp-row"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setQuery(form);
        }}
      >
        <SelectField
          label={t('monitor.municipality')}
          options={me.user.municipalities.map((m) => ({ value: m.id, label: m.name }))}
          value={form.municipalityId}
          onChange={(e) => setForm({ ...form, municipalityId: e.target.value })}
        />
        <Field label={t('monitor.from')} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <Field label={t('monitor.to')} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <Button type="submit" appearance="primary-action-button">
          {t('monitor.show')}
        </Button>
      </form>
      <ErrorAlert error={q.error} />
      {q.isLoading && <Paragraph>{t('app.loading')}</Paragraph>}
      {d && (
        <>
          <Paragraph>{t('monitor.households', { municipality: d.municipality.name, count: d.households ?? 0, value: shown(d.households) })}</Paragraph>
          <PanelView id="m-phases" title={t('monitor.phases')} panel={d.phases} label={label('phases')} />
          <PanelView id="m-signals" title={t('monitor.signals')} panel={d.signalsByOrgType} label={label('orgTypes')} />
          <PanelView id="m-regie" title={t('monitor.regie')} panel={d.regie} label={label('regie')} />
          <PanelView id="m-matches" title={t('monitor.matches')} panel={d.matches} label={label('matches')} />
          {d.matches.medianDays !== null && <Paragraph>{t('monitor.matchMedian', { days: d.matches.medianDays })}</Paragraph>}
          <PanelView id="m-referrals" title={t('monitor.referrals')} panel={d.referrals} label={label('referrals')} />
          <PanelView id="m-declined" title={t('monitor.declined')} panel={d.declinedByReason} label={label('declined')} />
          <PanelView id="m-norm" title={t('monitor.norm')} panel={d.answeredInTime} label={label('norm')} />
          {d.answeredInTime.share !== null && <Paragraph>{t('monitor.normShare', { share: Math.round(d.answeredInTime.share * 100) })}</Paragraph>}
          <PanelView id="m-double" title={t('monitor.double')} panel={d.doubleDiscussions} label={label('double')} />
          <PanelView id="m-experience" title={t('monitor.experience')} panel={d.experienceHeard} label={label('answers')} />
        </>
      )}
    </>
  );
}
