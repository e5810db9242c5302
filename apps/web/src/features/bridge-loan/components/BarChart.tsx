import { BarChart as EBar, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([EBar, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  /** null where there is nothing to measure (a rate without cases): a gap in a line, no bar, "—" in the tooltip. */
  values: (number | null)[];
  /** Drawn as a line on the right axis (rates). */
  line?: boolean;
}

/** Bars by category (city or institution) with an optional rate line; no animation under automation (screenshots). */
export function BarChart({ categories, series, height = 320, testId, yName = '万元' }: { categories: string[]; series: Series[]; height?: number; testId?: string; yName?: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const hasLine = series.some((s) => s.line);
    chart.setOption({
      animation: !(typeof navigator !== 'undefined' && navigator.webdriver),
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '—') },
      legend: { top: 0 },
      grid: { left: 60, right: hasLine ? 60 : 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
      yAxis: [{ type: 'value', name: yName }, ...(hasLine ? [{ type: 'value', name: '%' }] : [])],
      series: series.map((s) => (s.line
        ? { name: s.name, type: 'line', yAxisIndex: 1, data: s.values }
        : { name: s.name, type: 'bar', data: s.values, barMaxWidth: 36 })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [categories, series, yName]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
