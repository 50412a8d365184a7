import { workingDaysBetween } from './working-days.js';

/**
 * Timeliness figures of the monitor (issue 7): how many Dutch working days passed between two moments (signal and
 * acknowledgement, first contact, start of support), summarised by the median and the 80th percentile. Percentiles
 * use the nearest-rank method, so every figure is a value that actually occurred.
 */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError('p must be in (0, 100]');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** Working days from each `from` to its `to`; pairs without an end yet are left out. */
export function workingDayDurations(pairs: { from: Date; to: Date | null }[]): number[] {
  return pairs.flatMap((x) => (x.to ? [workingDaysBetween(x.from, x.to)] : []));
}

/** Median and 80th percentile in working days, with how many pairs they rest on (for suppression). */
export function timeliness(pairs: { from: Date; to: Date | null }[]) {
  const days = workingDayDurations(pairs);
  return { n: days.length, median: percentile(days, 50), p80: percentile(days, 80) };
}

/** A histogram: each value with how often it occurred. */
export type Histogram = { value: number; n: number }[];

/**
 * The nearest-rank percentile of the values a histogram stands for — the same figure as `percentile` on the
 * values written out, without writing them out: the monitor keeps working days as histograms per municipality and
 * month, which add up exactly where medians would not.
 */
export function histogramPercentile(hist: Histogram, p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError('p must be in (0, 100]');
  const sorted = hist.filter((h) => h.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((t, h) => t + h.n, 0);
  if (!total) return null;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const h of sorted) {
    seen += h.n;
    if (seen >= rank) return h.value;
  }
  return sorted.at(-1)!.value;
}

/** How many values a histogram stands for. */
export const histogramCount = (hist: Histogram) => hist.reduce((t, h) => t + h.n, 0);
