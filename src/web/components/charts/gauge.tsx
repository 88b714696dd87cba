/** A progress gauge: score out of max, as a percentage arc, with the score in the middle. */
import { COLORS, EChart } from './core.tsx';

export function gaugeColor(share: number): string {
  return share >= 0.9 ? COLORS.green : share >= 0.6 ? COLORS.amber : COLORS.primary;
}

export default function Gauge({ score, max, title, height = 150 }: { score: number; max: number; title: string; height?: number }) {
  const share = max > 0 ? score / max : 0;
  const color = gaugeColor(share);
  const option = {
    series: [
      {
        type: 'gauge',
        startAngle: 210,
        endAngle: -30,
        min: 0,
        max: 100,
        radius: '92%',
        center: ['50%', '58%'],
        progress: { show: true, width: 10, itemStyle: { color } },
        axisLine: { lineStyle: { width: 10, color: [[1, '#f0f0f0']] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: true, offsetCenter: [0, '42%'], fontSize: 12, color: COLORS.muted },
        detail: {
          valueAnimation: true,
          offsetCenter: [0, '0%'],
          fontSize: 20,
          fontWeight: 600,
          color,
          formatter: () => `${Math.round(score * 100) / 100}`,
        },
        data: [{ value: Math.round(share * 1000) / 10, name: `满分 ${Math.round(max * 100) / 100}` }],
      },
    ],
  };
  return <EChart option={option} height={height} ariaLabel={`${title}：${score} / ${max}`} />;
}
