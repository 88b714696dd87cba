/**
 * Horizontal bars for long Chinese category names (villages, towns, metrics): one or more
 * series side by side or stacked, values or percentages, first category at the top.
 */
import { COLORS, EChart, type ChartOption } from './core.tsx';

export interface BarSeries {
  name: string;
  /** one value per category; null draws no bar */
  data: (number | null)[];
  color?: string;
  stack?: string;
  /** tooltip text per category, instead of the formatted value */
  tips?: string[];
  /** bar colour per category, overriding `color` */
  colors?: (string | undefined)[];
}

interface Props {
  categories: string[];
  series: BarSeries[];
  /** values are fractions 0..1 shown as percentages */
  percent?: boolean;
  unit?: string;
  /** show value labels at the bar ends */
  labels?: boolean;
  onClick?: (category: number, series: number) => void;
  ariaLabel?: string;
  /** px per category row */
  rowHeight?: number;
  /** px for the category names (longer ones are cut with …) */
  labelWidth?: number;
}

const fmt = (v: number | null, percent?: boolean, unit = '') =>
  v == null ? '—' : percent ? `${Math.round(v * 1000) / 10}%` : `${Math.round(v * 100) / 100}${unit}`;

export default function HBars({ categories, series, percent, unit, labels = true, onClick, ariaLabel, rowHeight, labelWidth = 96 }: Props) {
  const n = categories.length;
  const rev = <T,>(xs: T[]) => [...xs].reverse(); // ECharts draws the first category at the bottom
  const legend = series.length > 1;
  const per = rowHeight ?? (series.length > 1 && !series[0].stack ? 14 + series.length * 14 : 30);
  const option: ChartOption = {
    grid: { left: 8, right: labels ? 48 : 16, top: legend ? 32 : 8, bottom: 8, containLabel: true },
    legend: legend ? { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: COLORS.text } } : undefined,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { seriesIndex: number; dataIndex: number; marker: string; seriesName: string }[]) => {
        if (!ps.length) return '';
        const i = n - 1 - ps[0].dataIndex;
        const rows = ps.map((p) => `${p.marker}${p.seriesName}：${series[p.seriesIndex].tips?.[i] ?? fmt(series[p.seriesIndex].data[i], percent, unit)}`);
        return [categories[i], ...rows].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      max: percent ? 1 : undefined,
      minInterval: percent ? undefined : 1,
      axisLabel: { color: COLORS.muted, formatter: (v: number) => (percent ? `${Math.round(v * 100)}%` : String(v)) },
      splitLine: { lineStyle: { color: COLORS.split } },
    },
    yAxis: {
      type: 'category',
      data: rev(categories),
      axisTick: { show: false },
      axisLabel: { color: COLORS.text, width: labelWidth, overflow: 'truncate' },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: s.stack,
      data: rev(s.data.map((v, i) => ({ value: v, itemStyle: s.colors?.[i] ? { color: s.colors[i] } : undefined }))),
      barMaxWidth: 16,
      barGap: '20%',
      itemStyle: { color: s.color ?? COLORS.primary, borderRadius: s.stack ? 0 : [0, 3, 3, 0] },
      label: labels
        ? {
            show: true,
            position: s.stack ? 'inside' : 'right',
            color: s.stack ? '#fff' : '#555',
            fontSize: 11,
            formatter: (p: { value: number | null }) => (p.value ? fmt(p.value, percent) : ''),
          }
        : undefined,
      cursor: onClick ? 'pointer' : 'default',
    })),
  };
  return (
    <EChart
      option={option}
      height={Math.max(120, n * per + (legend ? 40 : 16))}
      ariaLabel={ariaLabel}
      onClick={onClick ? (e) => onClick(n - 1 - e.dataIndex, e.seriesIndex) : undefined}
    />
  );
}
