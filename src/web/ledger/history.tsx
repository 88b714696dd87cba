/** 修改记录: who changed what and when, newest first. */
import { Card, Timeline, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, errorText } from '../api.ts';
import { isBlank, EMPTY } from '../fields/index.tsx';
import type { HistoryChange, HistoryEntry, LedgerClientConfig } from '../types.ts';
import { fieldOf, stateOf } from './common.tsx';
import { useCurrentOrg } from '../org.tsx';

const ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  transition: '变更状态',
  reveal: '查看敏感信息',
  import: '导入',
  upload: '上传佐证材料',
  file: '上传佐证材料',
  'file.upload': '上传佐证材料',
};
const COLORS: Record<string, string> = { create: 'green', delete: 'red', restore: 'blue', transition: 'blue', reveal: 'orange' };

function Value({ ledger, change, v }: { ledger: LedgerClientConfig; change: HistoryChange; v: unknown }) {
  const { byCode } = useCurrentOrg();
  if (isBlank(v)) return <Typography.Text type="secondary">{EMPTY}</Typography.Text>;
  if (change.field === ledger.statusField || change.field === 'status') return <>{stateOf(ledger, String(v)).label}</>;
  if (fieldOf(ledger, change.field)?.kind === 'org' && byCode.has(String(v))) return <>{byCode.get(String(v))!.name}</>;
  // The server sends values already formatted for people (labels, 是/否, joined lists).
  return <>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</>;
}

/** One line per field: a transition reports the status both as the move and as a field change. */
function dedupe(changes: HistoryChange[]): HistoryChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => !seen.has(c.field) && (seen.add(c.field), true));
}

export function HistoryPanel({ recordId, ledger }: { recordId: number; ledger: LedgerClientConfig }) {
  const q = useQuery({ queryKey: ['history', recordId], queryFn: () => api.get<HistoryEntry[]>(`/api/records/${recordId}/history`) });
  const entries = [...(q.data ?? [])].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <Card
      title={
        <span>
          <HistoryOutlined /> 修改记录
        </span>
      }
      size="small"
      style={{ marginTop: 16 }}
      loading={q.isPending}
    >
      {q.error ? <Typography.Text type="danger">{errorText(q.error)}</Typography.Text> : null}
      {!q.isPending && !q.error && !entries.length ? <Typography.Text type="secondary">暂无记录</Typography.Text> : null}
      <Timeline
        items={entries.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: COLORS[e.action] ?? 'gray',
          children: (
            <div>
              <div>
                <Typography.Text strong>{ACTIONS[e.action] ?? e.action}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                  {e.actor ?? '系统'} · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              </div>
              {e.note ? <div style={{ color: '#555' }}>{e.note}</div> : null}
              {dedupe(e.changes ?? []).map((c) => (
                <div key={c.field} className="ls-change">
                  {c.label || c.field}：<Value ledger={ledger} change={c} v={c.before} /> → <Value ledger={ledger} change={c} v={c.after} />
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
