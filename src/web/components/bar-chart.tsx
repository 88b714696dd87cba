/** A horizontal bar chart on tree-shaken ECharts (only the bar series, grid and tooltip). */
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Bar {
  label: string;
  value: number;
}

export default function HBarChart({ bars, unit = '条', onClick }: { bars: Bar[]; unit?: string; onClick?: (index: number) => void }) {
  const rows = [...bars].reverse(); // ECharts draws the first category at the bottom
  const option = {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v} ${unit}` },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eee' } } },
    yAxis: { type: 'category', data: rows.map((b) => b.label), axisTick: { show: false }, axisLabel: { color: '#333' } },
    series: [
      {
        type: 'bar',
        data: rows.map((b) => b.value),
        barMaxWidth: 18,
        itemStyle: { color: '#c0392b', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: '#555' },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(160, rows.length * 32 + 24), width: '100%' }}
      onEvents={onClick ? { click: (p: { dataIndex: number }) => onClick(rows.length - 1 - p.dataIndex) } : undefined}
    />
  );
}
