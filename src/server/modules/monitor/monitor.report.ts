import { readFileSync } from 'node:fs';
import * as echarts from 'echarts';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { SUPPRESSED_LABEL } from '../../../domain/suppression.js';
import type { Dashboard } from './monitor.routes.js';

type Lang = 'nl' | 'en';
type Table = {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
};
interface Comparison {
  rows: {
    name: string;
    households: number | null;
    signals: number | null;
    referrals: number | null;
    withDirectorShare: number | null;
    answeredInTimeShare: number | null;
  }[];
  totals: { households: number | null; signals: number | null; referrals: number | null };
}

// The report speaks the words of the web app: one vocabulary, read from its locale files.
const locales: Record<Lang, Record<string, unknown>> = {
  nl: JSON.parse(readFileSync(new URL('../../../web/locales/nl.json', import.meta.url), 'utf8')),
  en: JSON.parse(readFileSync(new URL('../../../web/locales/en.json', import.meta.url), 'utf8')),
};
function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), locales[lang]);
  const s = typeof v === 'string' ? v : key.split('.').at(-1)!;
  return s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));
}
const LABELS: Record<string, string> = {
  phases: 'cases.phases',
  children: 'cases.phases',
  signalsByOrgType: 'orgTypes',
  referrals: 'referrals.statuses',
  declinedByReason: 'referrals.declineReasons',
  experienceHeard: 'experience.answers',
  regie: 'monitor.labels.regie',
  matches: 'monitor.labels.matches',
  answeredInTime: 'monitor.labels.norm',
  doubleDiscussions: 'monitor.labels.double',
  goals: 'cases.attainment',
  trends: 'monitor.series',
  timeliness: 'monitor.timelinessRows',
};
const shown = (v: number | null) => (v === null ? SUPPRESSED_LABEL : String(v));
const pct = (v: number | null) => (v === null ? SUPPRESSED_LABEL : `${Math.round(v * 100)}%`);

/** An ECharts chart rendered on the server to SVG — the same library as the pages. Suppressed figures draw as 0. */
function chartSvg(option: echarts.EChartsCoreOption, width = 480, height = 200): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'Helvetica' }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const bars = (names: string[], values: (number | null)[]) =>
  chartSvg({
    grid: { left: 40, right: 10, top: 10, bottom: 50 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20, fontSize: 9 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: values.map((v) => v ?? 0), itemStyle: { color: '#1f5c99' } }],
  });

/**
 * The monitor as a PDF a municipality can put before its council: the figures of the period with their charts,
 * the trend and the comparison with the region's other municipalities — all suppressed exactly as on screen.
 */
export async function buildMonitorReport(x: {
  dashboard: Dashboard;
  trends: Table;
  comparison: Comparison;
  language: Lang;
  generatedOn: string;
}): Promise<Buffer> {
  const { dashboard: d, language: lang } = x;
  const t = (k: string, v?: Record<string, string | number>) => tr(lang, k, v);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    lang: lang === 'nl' ? 'nl-NL' : 'en-GB',
    info: { Title: `${t('monitor.title')} — ${d.scope.name}`, Author: 'Knooppunt' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 100;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 300) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10).moveDown(0.3);
  };
  const chart = (svg: string, height = 200) => {
    if (doc.y + height > doc.page.height - 60) doc.addPage();
    SVGtoPDF(doc, svg, 50, doc.y, { assumePt: true });
    doc.y += height + 6;
    doc.x = 50;
  };
  const table = (data: string[][]) => {
    doc.fontSize(9).table({ data, maxWidth: width, rowStyles: (i: number) => (i === 0 ? { backgroundColor: '#e8eef5' } : {}) });
    doc.fontSize(10).moveDown(0.5);
    doc.x = 50;
  };
  const panel = (key: keyof typeof LABELS, title: string, p: Table) => {
    heading(title);
    if (!p.cells.length) {
      doc.text(t('monitor.none'));
      return;
    }
    const label = (k: string) => t(`${LABELS[key]}.${k}`);
    if (p.rows.length === 1) {
      chart(bars(p.columns.map(label), p.cells[0]!));
      table([
        [...p.columns.map(label), t('monitor.total')],
        [...p.cells[0]!.map(shown), shown(p.rowTotals[0]!)],
      ]);
    } else {
      table([
        [t('monitor.row'), ...p.columns.map(label), t('monitor.total')],
        ...p.rows.map((r, i) => [key === 'trends' ? r.slice(0, 7) : t(`orgTypes.${r}`), ...p.cells[i]!.map(shown), shown(p.rowTotals[i]!)]),
        [t('monitor.total'), ...p.columnTotals.map(shown), shown(p.total)],
      ]);
    }
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`${t('monitor.title')}`);
  doc.font('Helvetica').fontSize(12).text(`${d.scope.name} · ${d.period.from} – ${d.period.to}`);
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(t('monitor.reportMade', { date: x.generatedOn }))
    .moveDown(0.3)
    .text(t('monitor.intro'))
    .fillColor('black')
    .fontSize(10);
  doc.moveDown().text(t('monitor.households_other', { municipality: d.scope.name, value: shown(d.households) }));

  heading(t('monitor.timeliness'));
  table([
    [t('monitor.row'), 'n', t('monitor.median'), t('monitor.p80')],
    ...d.timeliness.map((r) => [
      t(`monitor.timelinessRows.${r.key}`),
      shown(r.n),
      r.median === null ? '–' : String(r.median),
      r.p80 === null ? '–' : String(r.p80),
    ]),
  ]);
  panel('phases', t('monitor.phases'), d.phases);
  panel('children', t('monitor.children'), d.children);
  panel('signalsByOrgType', t('monitor.signals'), d.signalsByOrgType);
  panel('regie', t('monitor.regie'), d.regie);
  doc.text(`${t('monitor.regieShare')}: ${pct(d.regie.share)}`);
  panel('matches', t('monitor.matches'), d.matches);
  panel('referrals', t('monitor.referrals'), d.referrals);
  panel('declinedByReason', t('monitor.declined'), d.declinedByReason);
  panel('answeredInTime', t('monitor.norm'), d.answeredInTime);
  doc.text(`${t('monitor.normShareLabel')}: ${pct(d.answeredInTime.share)}`);
  panel('goals', t('monitor.goals'), d.goals);
  panel('doubleDiscussions', t('monitor.double'), d.doubleDiscussions);
  panel('experienceHeard', t('monitor.experience'), d.experienceHeard);

  heading(t('monitor.trends'));
  if (x.trends.rows.length) {
    chart(
      chartSvg(
        {
          grid: { left: 40, right: 10, top: 30, bottom: 30 },
          legend: { top: 0, textStyle: { fontSize: 9 } },
          xAxis: { type: 'category', data: x.trends.rows.map((r) => r.slice(0, 7)) },
          yAxis: { type: 'value', minInterval: 1 },
          series: x.trends.columns.map((c, j) => ({ name: t(`monitor.series.${c}`), type: 'line', data: x.trends.cells.map((row) => row[j] ?? 0) })),
        },
        480,
        220,
      ),
      220,
    );
  }
  panel('trends', t('monitor.trendsTable'), x.trends);

  heading(t('monitor.comparison'));
  table([
    [
      t('monitor.municipality'),
      t('monitor.columns.households'),
      t('monitor.columns.signals'),
      t('monitor.columns.referrals'),
      t('monitor.columns.withDirectorShare'),
      t('monitor.columns.answeredInTimeShare'),
    ],
    ...x.comparison.rows.map((r) => [r.name, shown(r.households), shown(r.signals), shown(r.referrals), pct(r.withDirectorShare), pct(r.answeredInTimeShare)]),
    [t('monitor.total'), shown(x.comparison.totals.households), shown(x.comparison.totals.signals), shown(x.comparison.totals.referrals), '', ''],
  ]);
  doc.end();
  return done;
}
