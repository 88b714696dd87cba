/**
 * 各县 / 各镇预警汇总 above the alert list of a county, city or province account: the alerts that
 * pass the page's filters, counted per county (city, province) or per town (county) by severity,
 * status and overdue, from one request (GET /api/alerts/summary, one GROUP BY on the server).
 * Clicking a row filters the list to that county or town (docs/alerts.md, "各县、各镇汇总").
 */
import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { EmptyState, ErrorState } from '../../components/states.tsx';
import type { AlertSummary, AlertSummaryRow } from './types.ts';

export interface SummaryQuery {
  org: string;
  severity?: string;
  rule?: string;
  status?: string;
  assignee?: string;
  q?: string;
}

const num = (v: number, danger = false) => (v && danger ? <Typography.Text type="danger">{v}</Typography.Text> : v);

export function RegionAlertSummary({
  query,
  selected,
  onPick,
}: {
  query: SummaryQuery;
  selected: string | null;
  onPick(row: AlertSummaryRow, level: AlertSummary['level']): void;
}) {
  const s = useQuery({
    queryKey: ['alert-summary', query],
    queryFn: () => api.get<AlertSummary>('/api/alerts/summary', { ...query }),
    placeholderData: (prev) => prev,
  });
  const level = s.data?.level ?? 'town';
  const unit = level === 'county' ? '县' : '镇（街道）';
  const columns: ColumnsType<AlertSummaryRow> = [
    {
      title: unit,
      dataIndex: 'orgName',
      fixed: 'left',
      render: (v: string, r) => (
        <a onClick={() => onPick(r, level)} style={r.org === selected ? { fontWeight: 600 } : undefined}>
          {v}
        </a>
      ),
    },
    { title: '预警合计', dataIndex: 'total', align: 'right', sorter: (a, b) => a.total - b.total },
    { title: '逾期/违规', dataIndex: 'error', align: 'right', sorter: (a, b) => a.error - b.error, render: (v: number) => num(v, true) },
    { title: '预警', dataIndex: 'warning', align: 'right', sorter: (a, b) => a.warning - b.warning },
    { title: '提示', dataIndex: 'info', align: 'right', sorter: (a, b) => a.info - b.info },
    { title: '未处理', dataIndex: 'open', align: 'right', sorter: (a, b) => a.open - b.open },
    { title: '已确认', dataIndex: 'acknowledged', align: 'right' },
    { title: '已过期限', dataIndex: 'overdue', align: 'right', sorter: (a, b) => a.overdue - b.overdue, render: (v: number) => num(v, true) },
  ];
  if (s.error) return <ErrorState error={s.error} onRetry={() => void s.refetch()} />;
  const rows = s.data?.rows ?? [];
  const t = s.data?.total;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={s.data ? `${s.data.orgName} · 各${level === 'county' ? '县' : '镇'}预警汇总` : '预警汇总'}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按当前筛选条件统计；点击{level === 'county' ? '县名' : '镇名'}只看该{level === 'county' ? '县' : '镇'}
        </Typography.Text>
      }
    >
      <Table<AlertSummaryRow>
        rowKey="org"
        size="small"
        loading={s.isFetching}
        dataSource={rows}
        columns={columns}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyState text={`没有${level === 'county' ? '县' : '镇'}`} /> }}
        rowClassName={(r) => (r.org === selected ? 'ant-table-row-selected' : '')}
        summary={() =>
          t && rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              {(['total', 'error', 'warning', 'info', 'open', 'acknowledged', 'overdue'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right">
                  {t[k]}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
