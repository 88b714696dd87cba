/**
 * The city or province reviewer's dashboard: every county's assessment score rate, completion,
 * overdue and key counts — each county's own numbers summed over its towns (docs/assessment.md,
 * "City and province levels"). A click on a county opens its comparison on the 对比与考核 page.
 */
import { lazy, Suspense } from 'react';
import { Col, Row, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { useCurrentOrg } from '../../org.tsx';
import { ErrorState } from '../../components/states.tsx';
import { COLORS } from '../../components/charts/core.tsx';
import { LINES } from '../../../shared/roles.ts';
import type { AssessLine, LineProgress, RegionDashboard as Data } from '../../../assess/types.ts';
import { num } from '../county/format.ts';
import { QuarterComparePanel, LineGauges, OverdueChart, Panel, RatesChart, StatRow, rateStat, sumRows } from './blocks.tsx';

const HBars = lazy(() => import('../../components/charts/hbars.tsx'));

export function RegionDashboard({ org, period }: { org: string; period: string }) {
  const navigate = useNavigate();
  const { setCurrent } = useCurrentOrg();
  const q = useQuery({ queryKey: ['dashboard-region', org, period], queryFn: () => api.get<Data>('/api/dashboard/region', { org, period }) });
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Skeleton active paragraph={{ rows: 10 }} />;
  const level = d.org.kind === 'province' ? '全省' : '全市';
  const counties = [...d.counties].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  const sums = sumRows(d.counties);
  const total = d.counties.reduce((s, c) => s + c.total, 0);
  const max = d.counties.reduce((s, c) => s + c.max, 0);
  const towns = d.counties.reduce((s, c) => s + c.towns, 0);
  const vetoed = d.counties.reduce((s, c) => s + c.vetoed, 0);
  const toCounty = (code?: string) => navigate(`/county?period=${period}${code ? `&county=${encodeURIComponent(code)}` : ''}`);
  // Each line's points summed over the counties, as a share; "达标" counts counties at ≥ 90 %.
  const lines: LineProgress[] = LINES.filter((l): l is AssessLine => l !== 'general')
    .filter((l) => d.counties.some((c) => c.lines[l]))
    .map((line) => ({
      line,
      score: d.counties.reduce((s, c) => s + (c.lines[line]?.score ?? 0), 0),
      max: d.counties.reduce((s, c) => s + (c.lines[line]?.max ?? 0), 0),
      met: d.counties.filter((c) => (c.lines[line]?.score ?? 0) >= (c.lines[line]?.max ?? 0) * 0.9 && c.lines[line]).length,
      count: d.counties.length,
    }));
  const unit = (s: string) => <span style={{ fontSize: 12, color: '#888' }}>{s}</span>;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <StatRow
        stats={[
          { title: '参评县', value: d.counties.length, suffix: unit(`个（${towns} 个镇）`) },
          {
            title: '平均得分率',
            value: max > 0 ? num((100 * total) / max) : '—',
            suffix: unit('%'),
            color: COLORS.primary,
            onClick: () => toCounty(),
            hint: '各县各镇考核得分之和除以满分之和；点击查看各县对比',
          },
          { title: '一票否决', value: vetoed, suffix: unit('个镇'), color: vetoed ? COLORS.primary : COLORS.green, onClick: () => toCounty() },
          rateStat('整改完成率', sums.rectification, `${level}截至季末的巡察、监督等问题整改完成率`),
          rateStat('信访办结率', sums.petition, `${level}今年以来登记的信访截至季末的办结率`),
          { title: '逾期未办结', value: sums.overdue, suffix: unit('件'), color: sums.overdue ? COLORS.primary : COLORS.green, hint: `截至今日（${d.today}）` },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Panel title="各县考核得分率排名" help="县内各镇考核得分之和 ÷ 满分之和；各县按本县的考核指标评分" extra={<a onClick={() => toCounty()}>各县对比</a>}>
            <Suspense fallback={<Skeleton active />}>
              <HBars
                categories={counties.map((c) => `${c.rank ?? ''}. ${c.name}${c.city && d.org.kind === 'province' ? `（${c.city.name}）` : ''}`)}
                series={[
                  {
                    name: '得分率',
                    data: counties.map((c) => (c.score == null ? null : c.score / 100)),
                    tips: counties.map(
                      (c) => `${num(c.score)}%（${num(c.total)} / ${num(c.max)} 分，${c.towns} 个镇${c.vetoed ? `，${c.vetoed} 个镇一票否决` : ''}）`,
                    ),
                  },
                ]}
                percent
                rowHeight={30}
                labelWidth={170}
                ariaLabel="各县考核得分率排名"
                onClick={(i) => toCounty(counties[i].code)}
              />
            </Suspense>
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="各条线得分率" help="各县该条线得分之和 ÷ 满分之和；“达标”为该条线得分不低于满分 90% 的县数">
            <LineGauges lines={lines} onClick={() => toCounty()} unit="个县" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="各县完成率">
            <RatesChart rows={d.counties} onClick={(i) => (setCurrent(d.counties[i].code), navigate(`/?period=${period}`))} />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="各县逾期未办结" help={`截至今日（${d.today}）超过时限仍未办结的整改问题和信访件`}>
            <OverdueChart rows={d.counties} onClick={(i, ledger) => (setCurrent(d.counties[i].code), navigate(`/ledgers/${ledger}?overdue=1`))} />
          </Panel>
        </Col>
        <Col xs={24}>
          <QuarterComparePanel compare={d.compare} units={d.counties} totalLabel={`${level}合计`} period={d.period} previous={d.previous} />
        </Col>
      </Row>
    </Space>
  );
}
