import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** One chart; an image for assistive technology — the table beside it carries the numbers. */
function Chart({ label, option }: { label: string; option: echarts.EChartsCoreOption }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(option);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised option stands for all inputs
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({ animation: false, ...option });
    return () => chart.dispose();
  }, [key]);
  return <div ref={ref} role="img" aria-label={label} className="kp-chart" />;
}

/** A bar chart of one row of counts. Suppressed figures are drawn as empty bars: never as a number. */
export function Bars({ label, names, values }: { label: string; names: string[]; values: (number | null)[] }) {
  return (
    <Chart
      label={label}
      option={{
        grid: { left: 40, right: 10, top: 10, bottom: 60 },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: values.map((v) => v ?? 0), itemStyle: { color: '#1f5c99' } }],
      }}
    />
  );
}

/** Lines over time, one per series; suppressed points are gaps. */
export function Lines({ label, x, series }: { label: string; x: string[]; series: { name: string; values: (number | null)[] }[] }) {
  return (
    <Chart
      label={label}
      option={{
        grid: { left: 40, right: 10, top: 40, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: x },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: 'line', connectNulls: false, data: s.values.map((v) => v ?? '-') })),
      }}
    />
  );
}
