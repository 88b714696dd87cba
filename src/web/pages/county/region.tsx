/**
 * 对比与考核 for a city or province reviewer: the counties side by side (score rate, rank,
 * vetoed towns, each line's rate, completion, overdue) — each county's own numbers summed over
 * its towns — and the drill-down county → towns (the county's comparison table) → a town's
 * scorecard → the records behind a number (docs/assessment.md, "City and province levels").
 */
import { useState } from 'react';
import { Card, Drawer, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { ErrorState, PageTitle } from '../../components/states.tsx';
import { usePhone } from '../../components/use-media.ts';
import { LINES, LINE_LABELS } from '../../../shared/roles.ts';
import type { Assessment, AssessLine, RegionCountyRow, RegionDashboard } from '../../../assess/types.ts';
import { PeriodPicker, usePeriod } from './period.tsx';
import { CompareTable } from './compare-table.tsx';
import { Scorecard } from './scorecard.tsx';
import { RecordsDrawer, type DrillTarget } from './records-drawer.tsx';
import { num, pct, rate } from './format.ts';

const ASSESSED = LINES.filter((l): l is AssessLine => l !== 'general');
const share = (s?: { score: number; max: number }) => (s && s.max > 0 ? s.score / s.max : null);

function columns(province: boolean, onCounty: (code: string) => void): ColumnsType<RegionCountyRow> {
  return [
    {
      key: 'rank',
      title: '排名',
      dataIndex: 'rank',
      width: 64,
      align: 'center',
      fixed: 'left',
      sorter: (a, b) => (a.rank ?? 999) - (b.rank ?? 999),
      defaultSortOrder: 'ascend',
    },
    { key: 'name', title: '县', width: 120, fixed: 'left', render: (_, c) => <a onClick={() => onCounty(c.code)}>{c.name}</a> },
    ...(province ? [{ key: 'city', title: '所属市', width: 110, render: (_: unknown, c: RegionCountyRow) => c.city?.name ?? '—' }] : []),
    { key: 'towns', title: '镇数', dataIndex: 'towns', width: 64, align: 'right', sorter: (a, b) => a.towns - b.towns },
    {
      key: 'score',
      title: '得分率',
      width: 100,
      align: 'right',
      sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
      render: (_, c) => (
        <span title={`${num(c.total)} / ${num(c.max)} 分`}>
          <b>{c.score == null ? '—' : `${num(c.score)}%`}</b>
        </span>
      ),
    },
    {
      key: 'vetoed',
      title: '一票否决',
      width: 90,
      align: 'center',
      sorter: (a, b) => a.vetoed - b.vetoed,
      render: (_, c) => (c.vetoed ? <Tag color="red">{c.vetoed} 个镇</Tag> : '—'),
    },
    ...ASSESSED.map((l) => ({
      key: l,
      title: LINE_LABELS[l],
      width: 84,
      align: 'right' as const,
      sorter: (a: RegionCountyRow, b: RegionCountyRow) => (share(a.lines[l]) ?? -1) - (share(b.lines[l]) ?? -1),
      render: (_: unknown, c: RegionCountyRow) => pct(share(c.lines[l])),
    })),
    {
      key: 'rect',
      title: '整改完成率',
      width: 100,
      align: 'right',
      render: (_, c) => <span title={`${c.rectification.done}/${c.rectification.total}`}>{pct(rate(c.rectification))}</span>,
    },
    {
      key: 'pet',
      title: '信访办结率',
      width: 100,
      align: 'right',
      render: (_, c) => <span title={`${c.petition.done}/${c.petition.total}`}>{pct(rate(c.petition))}</span>,
    },
    {
      key: 'overdue',
      title: '逾期未办结',
      width: 96,
      align: 'right',
      sorter: (a, b) => a.overdue.rectification + a.overdue.petition - b.overdue.rectification - b.overdue.petition,
      render: (_, c) => c.overdue.rectification + c.overdue.petition,
    },
  ];
}

/** One county's comparison of its towns (its own indicators), with the drill-down to a town and its records. */
function CountyDrill({ county, period, onDrill }: { county: string; period: string; onDrill(t: DrillTarget): void }) {
  const phone = usePhone();
  const [town, setTown] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['assessment', county, period], queryFn: () => api.get<Assessment>('/api/assessment', { org: county, period }) });
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;
  if (!data) return <Skeleton active paragraph={{ rows: 6 }} />;
  const t = data.towns.find((x) => x.org.code === town);
  return (
    <>
      {data.towns.length ? (
        <CompareTable data={data} onDrill={onDrill} onTown={setTown} compact={phone} />
      ) : (
        <Typography.Text type="secondary">该县暂无镇</Typography.Text>
      )}
      <Drawer
        open={Boolean(t)}
        onClose={() => setTown(null)}
        width={phone ? '100%' : 720}
        title={t ? `${t.org.name} · 第 ${t.rank ?? '—'} 名 · ${num(t.total)} 分` : ''}
      >
        {t ? <Scorecard indicators={data.indicators} town={t} onDrill={onDrill} compact /> : null}
      </Drawer>
    </>
  );
}

export default function RegionPage() {
  const me = useMe();
  const phone = usePhone();
  const [sp, setSp] = useSearchParams();
  const { period, periods, latest, setPeriod, loading } = usePeriod(me.org.code);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const county = sp.get('county');
  const setCounty = (code: string | null) =>
    setSp((prev) => {
      const n = new URLSearchParams(prev);
      if (code) n.set('county', code);
      else n.delete('county');
      return n;
    });
  const q = useQuery({
    queryKey: ['dashboard-region', me.org.code, period],
    queryFn: () => api.get<RegionDashboard>('/api/dashboard/region', { org: me.org.code, period }),
    enabled: Boolean(period),
  });
  const d = q.data;
  const province = d?.org.kind === 'province';
  const cols = columns(province, setCounty);
  const open = d?.counties.find((c) => c.code === county);
  return (
    <>
      <PageTitle
        title="对比与考核"
        sub={`${me.org.name}各县对比：各县按本县考核指标从各镇台账自动评分，得分率为各镇得分之和 ÷ 满分之和`}
        extra={<PeriodPicker value={period} periods={periods} latest={latest} onChange={setPeriod} loading={loading} />}
      />
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!d && !q.error ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : null}
      {d ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title="各县对比"
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                点击县名查看该县各镇逐项得分
              </Typography.Text>
            }
          >
            <Table<RegionCountyRow> rowKey="code" size="small" columns={cols} dataSource={d.counties} pagination={false} scroll={{ x: 'max-content' }} />
          </Card>
        </Space>
      ) : null}
      <Drawer
        open={Boolean(county && period)}
        onClose={() => setCounty(null)}
        width={phone ? '100%' : '90%'}
        title={open ? `${open.name} · 第 ${open.rank ?? '—'} 名 · 得分率 ${num(open.score)}%` : (county ?? '')}
      >
        {county && period ? <CountyDrill county={county} period={period} onDrill={setDrill} /> : null}
      </Drawer>
      {period ? <RecordsDrawer target={drill} period={period} onClose={() => setDrill(null)} /> : null}
    </>
  );
}
