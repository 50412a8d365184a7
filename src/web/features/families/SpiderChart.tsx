import { RadarChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([RadarChart, LegendComponent, TooltipComponent, SVGRenderer]);

/**
 * Positieve Gezondheid's spider web with earlier measurements overlaid (newest on top, older ones fainter).
 * The chart is an image for assistive technology; the table next to it carries the numbers.
 */
export function SpiderChart(props: { label: string; axes: { key: string; name: string }[]; series: { name: string; values: Record<string, number> }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(props);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised props stand for all inputs
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const n = props.series.length;
    chart.setOption({
      animation: false,
      legend: { bottom: 0, data: props.series.map((s) => s.name) },
      radar: { indicator: props.axes.map((a) => ({ name: a.name, max: 10, min: 0 })), radius: '62%', splitNumber: 5 },
      series: [
        {
          type: 'radar',
          data: props.series.map((s, i) => ({
            name: s.name,
            value: props.axes.map((a) => s.values[a.key] ?? 0),
            lineStyle: { width: i === n - 1 ? 3 : 1.5, opacity: i === n - 1 ? 1 : 0.6 },
            areaStyle: { opacity: i === n - 1 ? 0.25 : 0.05 },
          })),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [key]);
  return <div ref={ref} role="img" aria-label={props.label} className="kp-spider" />;
}
