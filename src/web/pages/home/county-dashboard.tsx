/** The county reviewer's dashboard: every town's assessment, completion, overdue and key counts. */
import { lazy, Suspense } from 'react';
import { Col, Row, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { useCurrentOrg } from '../../org.tsx';
import { ErrorState } from '../../components/states.tsx';
import { COLORS } from '../../components/charts/core.tsx';
import { LINE_LABELS } from '../../../shared/roles.ts';
import { ASSESS_LINES } from '../../../shared/assess.ts';
import type { CountyDashboard as Data, LineProgress } from '../../../assess/types.ts';
import { num } from '../county/format.ts';
import { QuarterComparePanel, LineGauges, OverdueChart, Panel, RatesChart, StatRow, rateStat, sumRows } from './blocks.tsx';

const HBars = lazy(() => import('../../components/charts/hbars.tsx'));

export function CountyDashboard({ org, period }: { org: string; period: string }) {
  const navigate = useNavigate();
  const { setCurrent } = useCurrentOrg();
  const q = useQuery({ queryKey: ['dashboard-county', org, period], queryFn: () => api.get<Data>('/api/dashboard/county', { org, period }) });
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Skeleton active paragraph={{ rows: 10 }} />;
  const towns = [...d.towns].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  const sums = sumRows(d.towns);
  const avg = d.towns.length ? d.towns.reduce((s, t) => s + t.total, 0) / d.towns.length : 0;
  const vetoed = d.towns.filter((t) => t.vetoed).length;
  // For a city or province reviewer /county is the counties page: `county` opens this county there.
  const toCounty = () => navigate(`/county?period=${period}&county=${encodeURIComponent(d.org.code)}`);
  // Average share of each line's points across the towns, as gauges.
  const lines: LineProgress[] = ASSESS_LINES.filter((l) => d.towns.some((t) => t.lines[l])).map((line) => ({
    line,
    score: Math.round((d.towns.reduce((s, t) => s + (t.lines[line]?.score ?? 0), 0) / Math.max(1, d.towns.length)) * 100) / 100,
    max: d.towns.find((t) => t.lines[line])?.lines[line]?.max ?? 0,
    met: d.towns.filter((t) => (t.lines[line]?.score ?? 0) >= (t.lines[line]?.max ?? 0) * 0.9).length,
    count: d.towns.length,
  }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <StatRow
        stats={[
          { title: '参评镇', value: d.towns.length, suffix: <span style={{ fontSize: 12, color: '#888' }}>个</span> },
          {
            title: '平均得分',
            value: num(avg),
            suffix: <span style={{ fontSize: 12, color: '#888' }}>/ {num(d.towns[0]?.max ?? 0)}</span>,
            color: COLORS.primary,
            onClick: toCounty,
            hint: '点击查看各镇逐项对比',
          },
          {
            title: '一票否决',
            value: vetoed,
            suffix: <span style={{ fontSize: 12, color: '#888' }}>个镇</span>,
            color: vetoed ? COLORS.primary : COLORS.green,
            onClick: toCounty,
          },
          rateStat('整改完成率', sums.rectification, '全县截至季末的巡察、监督等问题整改完成率'),
          rateStat('信访办结率', sums.petition, '全县今年以来登记的信访截至季末的办结率'),
          {
            title: '逾期未办结',
            value: sums.overdue,
            suffix: <span style={{ fontSize: 12, color: '#888' }}>件</span>,
            color: sums.overdue ? COLORS.primary : COLORS.green,
            hint: `截至今日（${d.today}）`,
          },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Panel title="考核得分排名" extra={<a onClick={toCounty}>逐项对比</a>}>
            <Suspense fallback={<Skeleton active />}>
              <HBars
                categories={towns.map((t) => `${t.rank ?? ''}. ${t.name}${t.vetoed ? '（否决）' : ''}`)}
                series={ASSESS_LINES.map((l, i) => ({
                  name: LINE_LABELS[l],
                  data: towns.map((t) => t.lines[l]?.score ?? 0),
                  stack: 'total',
                  color: [COLORS.primary, COLORS.blue, COLORS.amber, COLORS.green][i],
                  tips: towns.map((t) => `${num(t.lines[l]?.score)} / ${num(t.lines[l]?.max)}`),
                }))}
                labels={false}
                rowHeight={30}
                labelWidth={150}
                ariaLabel="各镇考核得分排名"
                onClick={toCounty}
              />
            </Suspense>
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="各条线平均得分" help="各镇该条线得分的平均值；“达标”为得分不低于该条线满分 90% 的镇数">
            <LineGauges lines={lines} onClick={toCounty} unit="个镇" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="各镇完成率">
            <RatesChart rows={d.towns} onClick={(i) => (setCurrent(d.towns[i].code), navigate(`/?period=${period}`))} />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="各镇逾期未办结" help={`截至今日（${d.today}）超过时限仍未办结的整改问题和信访件`}>
            <OverdueChart rows={d.towns} onClick={(i, ledger) => (setCurrent(d.towns[i].code), navigate(`/ledgers/${ledger}?overdue=1`))} />
          </Panel>
        </Col>
        <Col xs={24}>
          <QuarterComparePanel compare={d.compare} units={d.towns} totalLabel="全县合计" period={d.period} previous={d.previous} />
        </Col>
      </Row>
    </Space>
  );
}
