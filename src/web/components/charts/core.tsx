/**
 * Tree-shaken ECharts for the dashboards: only bar and gauge series, grid, tooltip and legend,
 * on the canvas renderer. Every chart of the app goes through <EChart>.
 */
import type { CSSProperties } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GaugeChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The app's palette: party red first, then calm blues and greys that print well. */
export const COLORS = {
  primary: '#c0392b',
  previous: '#e8a09a',
  blue: '#2f6fb2',
  amber: '#d48806',
  green: '#389e0d',
  grey: '#bfbfbf',
  text: '#333',
  muted: '#888',
  split: '#eee',
};

export type ChartOption = Record<string, unknown>;

export interface ChartEvent {
  seriesIndex: number;
  dataIndex: number;
  name: string;
  value: unknown;
}

export function EChart({
  option,
  height,
  style,
  onClick,
  ariaLabel,
}: {
  option: ChartOption;
  height: number;
  style?: CSSProperties;
  onClick?: (e: ChartEvent) => void;
  ariaLabel?: string;
}) {
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ animationDuration: 400, ...option }}
        notMerge
        lazyUpdate
        style={{ height, width: '100%', ...style }}
        onEvents={onClick ? { click: (p: ChartEvent) => onClick(p) } : undefined}
      />
    </div>
  );
}
