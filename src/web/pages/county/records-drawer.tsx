/**
 * The evidence behind a number: a drawer listing the records a metric counted for one org and
 * period (GET /api/metrics/:id/records), each a link to the record. Records the viewer may
 * not read (sensitive ledgers) are counted but not listed.
 */
import { Alert, Drawer, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useLedgers } from '../../ledgers.ts';
import { StatusTag } from '../../ledger/common.tsx';
import { ErrorState } from '../../components/states.tsx';
import { usePhone } from '../../components/use-media.ts';
import type { RecordItem } from '../../types.ts';
import { periodLabel } from './format.ts';

export interface DrillTarget {
  metric: string;
  org: string;
  orgName: string;
  /** e.g. the indicator's name */
  title: string;
  /** the value as shown where it was clicked */
  shown: string;
}

interface Evidence {
  metric: { id: string; label: string; unit: string };
  value: number | null;
  total: number;
  hidden: number;
  items: RecordItem[];
}

export function RecordsDrawer({ target, period, onClose }: { target: DrillTarget | null; period: string; onClose(): void }) {
  const phone = usePhone();
  const ledgers = useLedgers();
  const byKey = new Map((ledgers.data ?? []).map((l) => [l.key, l]));
  const q = useQuery({
    queryKey: ['metric-records', target?.metric, target?.org, period],
    queryFn: () => api.get<Evidence>(`/api/metrics/${encodeURIComponent(target!.metric)}/records`, { org: target!.org, period }),
    enabled: Boolean(target),
  });
  const d = q.data;
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      width={phone ? '100%' : 560}
      title={target ? `${target.orgName} · ${target.title}` : ''}
      destroyOnHidden
    >
      {target ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Typography.Text type="secondary">
            {periodLabel(period)} · 口径：{d?.metric.label ?? target.metric} · 数值：<b style={{ color: '#c0392b' }}>{target.shown}</b>
          </Typography.Text>
          {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
          {d && d.total === 0 ? <Alert type="info" showIcon message="该数值不是由台账记录逐条计数得出（如比率的分母为 0、按组织统计的数），或本期没有相关记录。" /> : null}
          {d && d.hidden > 0 ? <Alert type="warning" showIcon message={`另有 ${d.hidden} 条记录属于涉密台账，您的角色无权查看明细。`} /> : null}
          {d && d.total > d.items.length + d.hidden ? <Alert type="info" showIcon message={`共 ${d.total} 条，仅列出前 ${d.items.length + d.hidden} 条。`} /> : null}
          <List<RecordItem>
            loading={q.isPending}
            dataSource={d?.items ?? []}
            locale={{ emptyText: q.isPending ? '正在加载…' : '没有可查看的记录' }}
            renderItem={(r) => {
              const l = byKey.get(r.ledger);
              return (
                <List.Item style={{ paddingInline: 0 }}>
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Link to={`/records/${r.id}`} style={{ fontWeight: 500 }}>{r.title || `记录 ${r.id}`}</Link>
                    <div style={{ marginTop: 4, color: '#888', fontSize: 12, display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                      <Tag>{l?.label ?? r.ledger}</Tag>
                      <span>{r.orgName}</span>
                      {l ? <StatusTag ledger={l} status={r.status} overdue={r.overdue} dueOn={r.dueOn} /> : null}
                    </div>
                  </div>
                </List.Item>
              );
            }}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}
