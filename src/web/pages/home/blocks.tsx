/** Dashboard building blocks shared by the town and county dashboards. */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Card, Col, Empty, Row, Select, Skeleton, Statistic, Tooltip } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { LINE_LABELS } from '../../../shared/roles.ts';
import type { CompareItem, LineProgress, ProgressRow } from '../../../assess/types.ts';
import { COLORS } from '../../components/charts/core.tsx';
import { pct, periodLabel, rate } from '../county/format.ts';

const HBars = lazy(() => import('../../components/charts/hbars.tsx'));
const Gauge = lazy(() => import('../../components/charts/gauge.tsx'));

const lazyChart = (node: ReactNode) => <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>{node}</Suspense>;

export function Panel({ title, help, extra, children }: { title: string; help?: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      title={
        <span>
          {title}
          {help ? (
            <Tooltip title={help}>
              <InfoCircleOutlined style={{ marginLeft: 6, color: '#aaa', fontSize: 13 }} />
            </Tooltip>
          ) : null}
        </span>
      }
      extra={extra}
      styles={{ body: { padding: '12px 16px' } }}
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  );
}

export interface Stat {
  title: string;
  value: ReactNode;
  suffix?: ReactNode;
  color?: string;
  hint?: string;
  onClick?: () => void;
}

export function StatRow({ stats }: { stats: Stat[] }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 12 }}>
      {stats.map((s) => (
        <Card key={s.title} size="small" hoverable={Boolean(s.onClick)} onClick={s.onClick} styles={{ body: { padding: '10px 14px' } }}>
          <Statistic
            title={
              s.hint ? (
                <Tooltip title={s.hint}>
                  <span>{s.title}</span>
                </Tooltip>
              ) : (
                s.title
              )
            }
            value={typeof s.value === 'number' || typeof s.value === 'string' ? s.value : undefined}
            formatter={typeof s.value === 'number' || typeof s.value === 'string' ? undefined : () => s.value}
            suffix={s.suffix}
            valueStyle={{ fontSize: 22, color: s.color ?? COLORS.text }}
          />
        </Card>
      ))}
    </div>
  );
}

/** Totals of a set of progress rows as rates. */
export function sumRows(rows: ProgressRow[]) {
  const sum = (k: 'rectification' | 'petition' | 'dispute') => ({
    done: rows.reduce((s, r) => s + r[k].done, 0),
    total: rows.reduce((s, r) => s + r[k].total, 0),
  });
  return {
    rectification: sum('rectification'),
    petition: sum('petition'),
    dispute: sum('dispute'),
    overdue: rows.reduce((s, r) => s + r.overdue.rectification + r.overdue.petition, 0),
  };
}

export const rateStat = (title: string, r: { done: number; total: number }, hint: string): Stat => {
  const v = rate(r);
  return {
    title,
    value: pct(v),
    suffix: <span style={{ fontSize: 12, color: '#888' }}>{r.total ? `${r.done}/${r.total}` : '无记录'}</span>,
    color: v == null ? '#999' : v >= 0.9 ? COLORS.green : v >= 0.6 ? COLORS.amber : COLORS.primary,
    hint,
  };
};

export function RatesChart({ rows, onClick }: { rows: ProgressRow[]; onClick?: (i: number) => void }) {
  const tip = (r: { done: number; total: number }) => (r.total ? `${pct(rate(r))}（${r.done}/${r.total}）` : '无');
  return lazyChart(
    <HBars
      percent
      categories={rows.map((r) => r.name)}
      series={[
        { name: '整改完成率', data: rows.map((r) => rate(r.rectification)), tips: rows.map((r) => tip(r.rectification)), color: COLORS.primary },
        { name: '信访办结率', data: rows.map((r) => rate(r.petition)), tips: rows.map((r) => tip(r.petition)), color: COLORS.blue },
        { name: '纠纷化解率', data: rows.map((r) => rate(r.dispute)), tips: rows.map((r) => tip(r.dispute)), color: COLORS.amber },
      ]}
      ariaLabel="完成率"
      onClick={onClick ? (i) => onClick(i) : undefined}
    />,
  );
}

export function OverdueChart({ rows, onClick }: { rows: ProgressRow[]; onClick?: (i: number, ledger: 'rectification' | 'petition') => void }) {
  const shown = rows.filter((r) => r.overdue.rectification + r.overdue.petition > 0);
  if (!shown.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期未办结的整改和信访" />;
  return lazyChart(
    <HBars
      categories={shown.map((r) => r.name)}
      series={[
        { name: '整改逾期', data: shown.map((r) => r.overdue.rectification), stack: 'o', color: COLORS.primary },
        { name: '信访逾期', data: shown.map((r) => r.overdue.petition), stack: 'o', color: COLORS.blue },
      ]}
      unit="件"
      rowHeight={30}
      ariaLabel="逾期未办结"
      onClick={onClick ? (i, s) => onClick(rows.indexOf(shown[i]), s === 0 ? 'rectification' : 'petition') : undefined}
    />,
  );
}

export function CompareChart({ items, current, previous }: { items: CompareItem[]; current: string; previous: string }) {
  const shown = items.filter((c) => c.current || c.previous);
  if (!shown.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这两个季度都没有相关记录" />;
  return lazyChart(
    <HBars
      categories={shown.map((c) => c.label)}
      series={[
        { name: current, data: shown.map((c) => c.current), color: COLORS.primary, tips: shown.map((c) => `${c.current ?? 0} ${c.unit}`) },
        { name: previous, data: shown.map((c) => c.previous), color: COLORS.previous, tips: shown.map((c) => `${c.previous ?? 0} ${c.unit}`) },
      ]}
      ariaLabel="本季度与上季度对比"
    />,
  );
}

/**
 * 本季度与上季度: the whole area's total of each item, or one chosen item across its units (the
 * towns of a county, the counties of a city or province).
 */
export function QuarterComparePanel({
  compare,
  units,
  totalLabel,
  period,
  previous,
}: {
  compare: CompareItem[];
  units: { code: string; name: string; compare: Record<string, [number | null, number | null]> }[];
  totalLabel: string;
  period: string;
  previous: string;
}) {
  const [metric, setMetric] = useState<string>('all');
  const chosen = compare.find((c) => c.id === metric);
  const current = periodLabel(period).slice(5);
  const before = periodLabel(previous).slice(5);
  return (
    <Panel
      title="本季度与上季度"
      extra={
        <Select
          size="small"
          value={metric}
          onChange={setMetric}
          style={{ width: 150 }}
          options={[{ value: 'all', label: totalLabel }, ...compare.map((c) => ({ value: c.id, label: c.label }))]}
          aria-label="对比项目"
        />
      }
    >
      <CompareChart
        items={
          chosen
            ? units.map((u) => ({
                id: u.code,
                label: u.name,
                unit: chosen.unit,
                current: u.compare[chosen.id]?.[0] ?? null,
                previous: u.compare[chosen.id]?.[1] ?? null,
              }))
            : compare
        }
        current={current}
        previous={before}
      />
    </Panel>
  );
}

export function LineGauges({ lines, onClick, unit = '项' }: { lines: LineProgress[]; onClick?: () => void; unit?: string }) {
  return (
    <Row gutter={[8, 8]}>
      {lines.map((l) => (
        <Col key={l.line} xs={12} md={6}>
          <div onClick={onClick} style={{ cursor: onClick ? 'pointer' : undefined, textAlign: 'center' }}>
            {lazyChart(<Gauge score={l.score} max={l.max} title={LINE_LABELS[l.line]} height={140} />)}
            <div style={{ marginTop: -8, fontWeight: 600 }}>{LINE_LABELS[l.line]}</div>
            <div style={{ color: '#888', fontSize: 12 }}>
              {l.met}/{l.count} {unit}达标
            </div>
          </div>
        </Col>
      ))}
    </Row>
  );
}
