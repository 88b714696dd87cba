/**
 * The report list of a city or province reviewer (read-only): for the chosen quarter, every
 * town of the city or province with its report's status, a table per county of how many towns
 * have submitted (click a county to filter), and filters by county, town and status, kept in
 * the URL. The server lists only the subtree's submitted reports (src/access/reports.ts); a
 * town without one shows as 未提交.
 */
import { useMemo } from 'react';
import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../auth.tsx';
import { useCurrentOrg } from '../../org.tsx';
import { EmptyState, ErrorState, PageTitle } from '../../components/states.tsx';
import { usePhone } from '../../components/use-media.ts';
import { PeriodPicker, usePeriod } from '../county/period.tsx';
import { periodLabel } from '../county/format.ts';
import { STATUS_COLORS, useReports, when, type ReportListItem, type ReportStatus } from './api.ts';

/** A town's state in the quarter: its report's status, or none yet. */
type State = ReportStatus | 'none';
const STATE_FILTERS: { value: State; label: string }[] = [
  { value: 'none', label: '未提交' },
  { value: 'submitted', label: '已提交（待审核）' },
  { value: 'returned', label: '已退回' },
  { value: 'accepted', label: '已通过' },
];

interface TownRow {
  key: string;
  county: { code: string; name: string };
  org: { code: string; name: string };
  report: ReportListItem | null;
}

interface CountyRow {
  code: string;
  name: string;
  towns: number;
  none: number;
  submitted: number;
  returned: number;
  accepted: number;
}

const stateOf = (r: TownRow): State => r.report?.status ?? 'none';

function StatusTag({ r }: { r: ReportListItem | null }) {
  if (!r) return <Tag>未提交</Tag>;
  return <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>;
}

export default function RegionReportList() {
  const me = useMe();
  const phone = usePhone();
  const navigate = useNavigate();
  const { orgs } = useCurrentOrg();
  const [sp, setSp] = useSearchParams();
  const { period, periods, latest, setPeriod, loading: periodsLoading } = usePeriod(me.org.code);
  const county = sp.get('county');
  const town = sp.get('town');
  const state = (sp.get('status') as State | null) ?? null;
  const setParam = (changes: Record<string, string | null>) =>
    setSp(
      (prev) => {
        const n = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) n.set(k, v);
          else n.delete(k);
        }
        return n;
      },
      { replace: true },
    );

  // The towns of the subtree with their county, from the org list the header already holds.
  const { counties, towns } = useMemo(() => {
    const byCode = new Map(orgs.map((o) => [o.code, o]));
    const countyOf = (code: string) => {
      let o = byCode.get(code);
      while (o && o.kind !== 'county') o = o.parent ? byCode.get(o.parent) : undefined;
      return o;
    };
    const cs = orgs.filter((o) => o.kind === 'county').map((o) => ({ code: o.code, name: o.name }));
    const ts = orgs
      .filter((o) => o.kind === 'town')
      .map((o) => ({ org: { code: o.code, name: o.name }, county: countyOf(o.code) }))
      .filter((t): t is { org: { code: string; name: string }; county: NonNullable<typeof t.county> } => Boolean(t.county))
      .map((t) => ({ org: t.org, county: { code: t.county.code, name: t.county.name } }));
    return { counties: cs, towns: ts };
  }, [orgs]);

  // One quarter of the whole city or province: one row per town at most.
  const q = useReports(period ? me.org.code : undefined, period);
  const all: TownRow[] = useMemo(() => {
    const byTown = new Map((q.data ?? []).map((r) => [r.org.code, r]));
    return towns.map((t) => ({ key: t.org.code, county: t.county, org: t.org, report: byTown.get(t.org.code) ?? null }));
  }, [q.data, towns]);

  const summary: CountyRow[] = useMemo(() => {
    const m = new Map<string, CountyRow>(counties.map((c) => [c.code, { ...c, towns: 0, none: 0, submitted: 0, returned: 0, accepted: 0 }]));
    for (const r of all) {
      const c = m.get(r.county.code);
      if (!c) continue;
      c.towns++;
      const st = stateOf(r);
      if (st !== 'draft') c[st]++; // never listed to a reviewer
    }
    return [...m.values()];
  }, [all, counties]);

  const rows = all.filter((r) => (!county || r.county.code === county) && (!town || r.org.code === town) && (!state || stateOf(r) === state));
  const townOptions = towns.filter((t) => !county || t.county.code === county).map((t) => ({ value: t.org.code, label: t.org.name }));
  const shown = county ? summary.filter((c) => c.code === county) : summary;
  const total = shown.reduce(
    (s, c) => ({
      towns: s.towns + c.towns,
      none: s.none + c.none,
      submitted: s.submitted + c.submitted,
      returned: s.returned + c.returned,
      accepted: s.accepted + c.accepted,
    }),
    { towns: 0, none: 0, submitted: 0, returned: 0, accepted: 0 },
  );
  const open = (r: TownRow) => r.report && navigate(`/reports/${r.report.id}`);
  const pick = (c: string) => setParam({ county: c, town: null });

  const filters = (
    <Space wrap>
      <Select
        aria-label="县"
        style={{ width: 160 }}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder="全部县"
        value={county ?? undefined}
        options={counties.map((c) => ({ value: c.code, label: c.name }))}
        onChange={(v?: string) => setParam({ county: v ?? null, town: null })}
      />
      <Select
        aria-label="镇（街道）"
        style={{ width: 180 }}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={county ? '全部镇' : '先选县，或搜索镇名'}
        value={town ?? undefined}
        options={townOptions}
        onChange={(v?: string) => setParam({ town: v ?? null })}
      />
      <Select
        aria-label="状态"
        style={{ width: 160 }}
        allowClear
        placeholder="全部状态"
        value={state ?? undefined}
        options={STATE_FILTERS}
        onChange={(v?: State) => setParam({ status: v ?? null })}
      />
    </Space>
  );

  return (
    <>
      <PageTitle
        title="季度报告"
        sub={`${me.org.name} · 各镇提交的季度报告（只读：查看、下载 Word、核查），退回与通过由县级审核`}
        extra={<PeriodPicker value={period} periods={periods} latest={latest} onChange={setPeriod} loading={periodsLoading} />}
      />
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card
          size="small"
          title={`各县提交情况${period ? `（${periodLabel(period)}）` : ''}`}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              点击县名只看该县
            </Typography.Text>
          }
        >
          <Table<CountyRow>
            rowKey="code"
            size="small"
            loading={q.isPending}
            dataSource={shown}
            pagination={shown.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState text="没有县" /> }}
            columns={[
              { title: '县', dataIndex: 'name', render: (v: string, c) => <a onClick={() => pick(c.code)}>{v}</a> },
              { title: '镇数', dataIndex: 'towns', align: 'right' },
              {
                title: '未提交',
                dataIndex: 'none',
                align: 'right',
                sorter: (a, b) => a.none - b.none,
                render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
              },
              { title: '待审核', dataIndex: 'submitted', align: 'right' },
              { title: '已退回', dataIndex: 'returned', align: 'right' },
              { title: '已通过', dataIndex: 'accepted', align: 'right' },
              {
                title: '提交率',
                align: 'right',
                sorter: (a, b) => rate(a) - rate(b),
                render: (_, c) => (c.towns ? `${Math.round(rate(c) * 100)}%` : '—'),
              },
            ]}
            summary={() =>
              shown.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  {(['towns', 'none', 'submitted', 'returned', 'accepted'] as const).map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 1} align="right">
                      {total[k]}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={6} align="right">
                    {total.towns ? `${Math.round(rate(total) * 100)}%` : '—'}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        </Card>
        <Card size="small" title={`各镇报告（${rows.length} 个镇）`} extra={filters}>
          <Table<TownRow>
            rowKey="key"
            size="small"
            loading={q.isPending}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState text="没有符合条件的镇" /> }}
            onRow={(r) => ({ onClick: () => open(r), style: { cursor: r.report ? 'pointer' : 'default' } })}
            columns={[
              ...(phone ? [] : [{ title: '县', render: (_: unknown, r: TownRow) => r.county.name }]),
              { title: '镇（街道）', render: (_, r) => r.org.name },
              { title: '状态', render: (_, r) => <StatusTag r={r.report} /> },
              { title: '版本', render: (_, r) => (r.report?.version ? `第 ${r.report.version} 版` : '—') },
              ...(phone ? [] : [{ title: '最近提交', render: (_: unknown, r: TownRow) => when(r.report?.submittedAt) || '—' }]),
              { title: '', width: 60, render: (_, r) => (r.report ? <a onClick={() => open(r)}>查看</a> : null) },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}

const rate = (c: Pick<CountyRow, 'towns' | 'none'>) => (c.towns ? (c.towns - c.none) / c.towns : 0);
