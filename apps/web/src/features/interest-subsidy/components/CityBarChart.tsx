import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Bars by city; no animation under automation (screenshots). */
export function CityBarChart({ categories, series, unit, height = 320, testId }: { categories: string[]; series: { name: string; values: number[] }[]; unit: string; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      animation: !(typeof navigator !== 'undefined' && navigator.webdriver),
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', name: unit },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values, barMaxWidth: 28 })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [categories, series, unit]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
