/**
 * A town's dashboard (secretary and line roles), or a village's (village roles): completion
 * rates by village, this quarter against the last, overdue work, and the town's assessment by
 * line. Every number comes from GET /api/dashboard/town, computed from the ledgers.
 */
import { Alert, Col, Row, Skeleton, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { useCurrentOrg } from '../../org.tsx';
import { ErrorState } from '../../components/states.tsx';
import { COLORS } from '../../components/charts/core.tsx';
import type { TownDashboard as Data } from '../../../assess/types.ts';
import { num, periodLabel } from '../county/format.ts';
import { CompareChart, LineGauges, OverdueChart, Panel, RatesChart, StatRow, rateStat, sumRows, type Stat } from './blocks.tsx';

export function TownDashboard({ org, period }: { org: string; period: string }) {
  const navigate = useNavigate();
  const { setCurrent } = useCurrentOrg();
  const q = useQuery({ queryKey: ['dashboard-town', org, period], queryFn: () => api.get<Data>('/api/dashboard/town', { org, period }) });
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Skeleton active paragraph={{ rows: 10 }} />;
  const village = d.org.kind !== 'town';
  const sums = sumRows(d.rows);
  const openOverdue = (code: string, ledger: 'rectification' | 'petition') => {
    setCurrent(code);
    navigate(`/ledgers/${ledger}?overdue=1`);
  };
  const stats: Stat[] = [
    ...(d.assessment
      ? [
          {
            title: '考核得分',
            value: num(d.assessment.total),
            suffix: (
              <span style={{ fontSize: 12, color: '#888' }}>
                / {num(d.assessment.max)}
                {d.assessment.vetoed ? (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    一票否决
                  </Tag>
                ) : null}
              </span>
            ),
            color: COLORS.primary,
            hint: '按县级考核指标自动评分，点击查看明细',
            onClick: () => navigate(`/county?period=${period}`),
          } satisfies Stat,
        ]
      : []),
    rateStat('整改完成率', sums.rectification, '截至季末：已完成的问题 ÷ 已反馈的问题（按整改责任单位）'),
    rateStat('信访办结率', sums.petition, '今年以来登记的信访，截至季末已办结的比例'),
    rateStat('矛盾纠纷化解率', sums.dispute, '今年以来登记的矛盾纠纷，截至季末已化解或移交的比例'),
    {
      title: '逾期未办结',
      value: sums.overdue,
      suffix: <span style={{ fontSize: 12, color: '#888' }}>件</span>,
      color: sums.overdue ? COLORS.primary : COLORS.green,
      hint: `截至今日（${d.today}）超过时限仍未办结的整改问题和信访件，点击查看`,
      onClick: sums.overdue ? () => openOverdue(d.org.code, d.rows.some((r) => r.overdue.rectification) ? 'rectification' : 'petition') : undefined,
    },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <StatRow stats={stats} />
      {d.lines && d.lines.length ? (
        <Panel
          title="各条线考核进度"
          help="本镇按县级考核指标的得分（得分 ÷ 满分），点击查看逐项得分和依据"
          extra={<a onClick={() => navigate(`/county?period=${period}`)}>考核明细</a>}
        >
          <LineGauges lines={d.lines} onClick={() => navigate(`/county?period=${period}`)} />
        </Panel>
      ) : null}
      <Row gutter={[16, 16]}>
        {!village ? (
          <Col xs={24} xl={12}>
            <Panel title="各村完成率" help="整改按整改责任单位归村；信访、矛盾纠纷按登记单位归村；不属于任何村的计入镇本级">
              <RatesChart rows={d.rows} />
            </Panel>
          </Col>
        ) : null}
        <Col xs={24} xl={village ? 24 : 12}>
          <Panel title="本季度与上季度" help="各项工作在季度内新增的数量">
            <CompareChart items={d.compare} current={periodLabel(d.period).slice(5)} previous={periodLabel(d.previous).slice(5)} />
          </Panel>
        </Col>
        {!village ? (
          <Col xs={24}>
            <Panel title="逾期未办结（按村）" help={`截至今日（${d.today}）：超过整改时限或办理期限、仍未办结的件数。点击柱条查看清单。`}>
              <OverdueChart rows={d.rows} onClick={(i, ledger) => openOverdue(d.rows[i].code, ledger)} />
            </Panel>
          </Col>
        ) : null}
      </Row>
      {village ? <Alert type="info" showIcon message={`${d.org.name}的数据。考核以镇为单位，村级不单独评分。`} /> : null}
    </Space>
  );
}
