/**
 * 组织生活合规: per branch (and the town's 中心组) the meetings expected in the period against
 * those held, cell by cell, with the cycles missed; summary cards on top. Above the county (a
 * city's or a province's reviewer) a row per county instead, each opening that county's table.
 */
import { useMemo, useState } from 'react';
import { Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useCurrentOrg } from '../../org.tsx';
import { ErrorState, PageTitle } from '../../components/states.tsx';
import { CELL_TONES, type ComplianceCell, type ComplianceRollup, type ComplianceRollupRow, type ComplianceRow, type ComplianceTable } from './types.ts';

function periods(): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const now = dayjs();
  for (let y = now.year(); y >= now.year() - 3; y--) {
    for (let q = 4; q >= 1; q--) {
      if (y === now.year() && q > Math.ceil((now.month() + 1) / 3)) continue;
      out.push({ value: `${y}Q${q}`, label: `${y}年第${q}季度` });
    }
    out.push({ value: String(y), label: `${y}年全年` });
  }
  return out;
}

function Cell({ c }: { c: ComplianceCell | undefined }) {
  if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
  const tone = CELL_TONES[c.status];
  const tip = [`应开 ${c.expected} 次（已到期 ${c.expectedSoFar} 次），实开 ${c.held} 次`, c.missed.length ? `未开：${c.missed.join('、')}` : '', tone.label]
    .filter(Boolean)
    .join('；');
  return (
    <Tooltip title={tip}>
      <span style={{ display: 'inline-block', minWidth: 56, padding: '2px 6px', borderRadius: 4, background: tone.bg, color: tone.fg, textAlign: 'center' }}>
        {c.held}/{c.expected}
      </span>
    </Tooltip>
  );
}

const pct = (rate: number | null) => (rate == null ? 0 : Math.round(rate * 1000) / 10);

/** Above the county: a row per county, its units, compliant units, rate and missed cycles; the name opens the county's table. */
function RollupTable({ t, loading, open }: { t: ComplianceRollup | undefined; loading: boolean; open: (code: string) => void }) {
  const kinds = t?.summary.byKind ?? [];
  const columns: ColumnsType<ComplianceRollupRow> = [
    {
      title: '县（市、区）',
      dataIndex: 'orgName',
      fixed: 'left',
      width: 150,
      render: (n: string, r) => (
        <>
          <Typography.Link onClick={() => open(r.org)}>{n}</Typography.Link>
          {r.parentName ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.parentName}
              </Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    { title: '党组织数', key: 'units', width: 90, align: 'right', render: (_: unknown, r) => r.summary.units },
    { title: '全部合规', key: 'ok', width: 90, align: 'right', render: (_: unknown, r) => r.summary.compliantUnits },
    {
      title: '合规率',
      key: 'rate',
      width: 150,
      sorter: (a, b) => (a.summary.rate ?? 0) - (b.summary.rate ?? 0),
      render: (_: unknown, r) => (
        <Progress
          percent={pct(r.summary.rate)}
          size="small"
          status={r.summary.rate != null && r.summary.rate < 1 ? 'exception' : 'success'}
          format={(p) => (r.summary.rate == null ? '—' : `${p}%`)}
        />
      ),
    },
    {
      title: '未开周期（次）',
      key: 'missed',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.summary.missedCycles - b.summary.missedCycles,
      render: (_: unknown, r) => <span style={{ color: r.summary.missedCycles ? '#cf1322' : undefined }}>{r.summary.missedCycles}</span>,
    },
    ...kinds.map((k) => ({
      title: (
        <span>
          {k.label}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            缺项组织数
          </Typography.Text>
        </span>
      ),
      key: k.kind,
      width: 110,
      align: 'center' as const,
      render: (_: unknown, r: ComplianceRollupRow) => {
        const n = r.summary.byKind.find((x) => x.kind === k.kind)?.missedUnits ?? 0;
        return n ? <Tag color="red">{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>;
      },
    })),
  ];
  return (
    <Table<ComplianceRollupRow>
      rowKey="org"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={t?.counties ?? []}
      scroll={{ x: 600 + kinds.length * 110 }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: '该组织下没有县（市、区）' }}
    />
  );
}

export default function CompliancePage() {
  const { current, currentOrg, setCurrent } = useCurrentOrg();
  const options = useMemo(periods, []);
  // ?period=2023Q4 (a link from elsewhere, or a reload) opens that period.
  const [params, setParams] = useSearchParams();
  const asked = params.get('period');
  const [period, setPeriodState] = useState(asked && options.some((o) => o.value === asked) ? asked : options[0].value);
  const setPeriod = (p: string) => {
    setPeriodState(p);
    setParams((prev) => (prev.set('period', p), prev), { replace: true });
  };
  const q = useQuery({
    queryKey: ['compliance', current, period],
    queryFn: () => api.get<ComplianceTable | ComplianceRollup>('/api/compliance', { org: current, period }),
    enabled: Boolean(current),
  });
  const t = q.data;
  const rollup = t && 'counties' in t ? t : undefined;
  const table = t && 'rows' in t ? t : undefined;
  const reqs = table?.requirements ?? [];
  const columns: ColumnsType<ComplianceRow> = [
    {
      title: '党组织',
      dataIndex: 'orgName',
      fixed: 'left',
      width: 170,
      render: (n: string, r) => (
        <>
          <div>{n}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.parentName}
            {r.members ? ` · 党员${r.members}人` : ''}
          </Typography.Text>
        </>
      ),
    },
    ...reqs.map((req) => ({
      title: (
        <Tooltip title={req.source}>
          <span>
            {req.label}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {req.cycleLabel}
              {req.count > 1 ? `${req.count}次` : ''}
            </Typography.Text>
          </span>
        </Tooltip>
      ),
      key: req.kind,
      width: 100,
      align: 'center' as const,
      render: (_: unknown, r: ComplianceRow) => <Cell c={r.cells.find((c) => c.kind === req.kind)} />,
    })),
    {
      title: '结论',
      key: 'ok',
      width: 90,
      fixed: 'right',
      render: (_: unknown, r) => (r.compliant ? <Tag color="success">合规</Tag> : <Tag color="error">有缺项</Tag>),
    },
  ];
  return (
    <>
      <PageTitle
        title="组织生活合规"
        sub={`${currentOrg?.name ?? ''} · 三会一课、主题党日、组织生活会、民主评议和中心组学习应开与实开对照${rollup ? '，按县汇总，点县名查看各支部' : ''}${t ? `（截至${t.asOf}）` : ''}`}
        extra={<Select style={{ width: 160 }} value={period} options={options} onChange={setPeriod} aria-label="期间" />}
      />
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small" loading={q.isPending}>
            <Statistic title="党组织数" value={t?.summary.units ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={q.isPending}>
            <Statistic title="全部合规" value={t?.summary.compliantUnits ?? 0} suffix={`/ ${t?.summary.units ?? 0}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={q.isPending}>
            <Statistic title="未开周期（次）" value={t?.summary.missedCycles ?? 0} valueStyle={{ color: t?.summary.missedCycles ? '#cf1322' : undefined }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={q.isPending}>
            <div style={{ color: '#888', marginBottom: 4 }}>合规率</div>
            <Progress
              percent={pct(t?.summary.rate ?? null)}
              format={(p) => (t?.summary.rate == null ? '—' : `${p}%`)}
              size="small"
              status={t && t.summary.rate != null && t.summary.rate < 1 ? 'exception' : 'success'}
            />
          </Card>
        </Col>
      </Row>
      {t && t.summary.byKind.some((k) => k.missedUnits || k.dueUnits) ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            {t.summary.byKind
              .filter((k) => k.missedUnits || k.dueUnits)
              .map((k) => (
                <Tag key={k.kind} color={k.missedUnits ? 'red' : 'gold'}>
                  {k.label}：{k.missedUnits ? `${k.missedUnits}个组织有未开周期` : ''}
                  {k.missedUnits && k.dueUnits ? '，' : ''}
                  {k.dueUnits ? `${k.dueUnits}个待开` : ''}
                </Tag>
              ))}
          </Space>
        </Card>
      ) : null}
      {rollup ? (
        <RollupTable t={rollup} loading={q.isFetching} open={setCurrent} />
      ) : (
        <>
          <Space size={12} wrap style={{ marginBottom: 8, fontSize: 12 }}>
            {Object.values(CELL_TONES).map((tone) => (
              <span key={tone.label}>
                <span
                  style={{
                    display: 'inline-block',
                    width: 12,
                    height: 12,
                    background: tone.bg,
                    border: `1px solid ${tone.fg}`,
                    verticalAlign: -2,
                    marginRight: 4,
                  }}
                />
                {tone.label}
              </span>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              格内为“实开/应开”；支委会仅适用于正式党员7人以上的支部
            </Typography.Text>
          </Space>
          <Table<ComplianceRow>
            rowKey="org"
            size="small"
            loading={q.isFetching}
            columns={columns}
            dataSource={table?.rows ?? []}
            scroll={{ x: 300 + reqs.length * 100 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: '该组织下没有党支部' }}
          />
        </>
      )}
    </>
  );
}
