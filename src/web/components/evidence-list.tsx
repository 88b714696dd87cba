/**
 * The records behind a number (the county's drill-down and the report preview share it): notes
 * on what is not listed, then each record as a link with its ledger, org and state.
 */
import { Alert, List, Tag } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useLedgers } from '../ledgers.ts';
import { StatusTag } from '../ledger/common.tsx';
import { ErrorState } from './states.tsx';
import type { RecordItem } from '../types.ts';

/** GET /api/metrics/:id/records and a frozen report version's records answer in this shape. */
export interface Evidence {
  metric: { id: string; label: string; unit: string };
  value: number | null;
  total: number;
  hidden: number;
  items: RecordItem[];
}

export function EvidenceList({ q, hiddenReason = '属于涉密台账' }: { q: UseQueryResult<Evidence>; hiddenReason?: string }) {
  const ledgers = useLedgers();
  const byKey = new Map((ledgers.data ?? []).map((l) => [l.key, l]));
  const d = q.data;
  return (
    <>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      {d && d.total === 0 ? (
        <Alert type="info" showIcon message="该数字不是由台账记录逐条计数得出（如分母为 0 的比率、按组织统计的个数），或本期没有相关记录。" />
      ) : null}
      {d && d.hidden > 0 ? <Alert type="warning" showIcon message={`另有 ${d.hidden} 条记录${hiddenReason}，您的角色无权查看明细。`} /> : null}
      {d && d.total > d.items.length + d.hidden ? (
        <Alert type="info" showIcon message={`共 ${d.total} 条，仅列出前 ${d.items.length + d.hidden} 条。`} />
      ) : null}
      <List<RecordItem>
        loading={q.isPending}
        dataSource={d?.items ?? []}
        locale={{ emptyText: q.isPending ? '正在加载…' : '没有可查看的记录' }}
        renderItem={(r) => {
          const l = byKey.get(r.ledger);
          return (
            <List.Item style={{ paddingInline: 0 }}>
              <div style={{ width: '100%', minWidth: 0 }}>
                <Link to={`/records/${r.id}`} style={{ fontWeight: 500 }}>
                  {r.title || `记录 ${r.id}`}
                </Link>
                <div style={{ marginTop: 4, color: '#888', fontSize: 12, display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                  <Tag>{l?.label ?? r.ledger}</Tag>
                  <span>{r.orgName}</span>
                  {l && typeof r.fields[l.dateField] === 'string' ? (
                    <span>
                      {l.fields.find((f) => f.key === l.dateField)?.label ?? ''} {String(r.fields[l.dateField])}
                    </span>
                  ) : null}
                  {l ? <StatusTag ledger={l} status={r.status} overdue={r.overdue} dueOn={r.dueOn} /> : null}
                </div>
              </div>
            </List.Item>
          );
        }}
      />
    </>
  );
}
