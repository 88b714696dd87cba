/** The list on a phone: one compact card per record instead of a wide table. */
import { Card, List, Space } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { kitFor } from '../fields/index.tsx';
import type { LedgerClientConfig, RecordItem } from '../types.ts';
import { OverdueTag, StatusTag, fieldOf } from './common.tsx';

interface Props {
  ledger: LedgerClientConfig;
  items: RecordItem[];
  columns: string[];
  loading: boolean;
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
  empty: React.ReactNode;
}

export function RecordCards({ ledger, items, columns, loading, page, pageSize, total, onPage, empty }: Props) {
  const navigate = useNavigate();
  const dateField = fieldOf(ledger, ledger.dateField);
  const extra = columns
    .filter((k) => k !== ledger.titleField && k !== ledger.statusField && k !== ledger.dateField)
    .map((k) => fieldOf(ledger, k))
    .filter((f): f is NonNullable<typeof f> => Boolean(f) && f!.kind !== 'longText' && f!.kind !== 'files')
    .slice(0, 2);
  return (
    <List<RecordItem>
      loading={loading}
      dataSource={items}
      locale={{ emptyText: empty }}
      pagination={total > pageSize ? { current: page, pageSize, total, simple: true, onChange: onPage, align: 'center' } : false}
      renderItem={(r) => (
        <Card
          className="ls-mobile-card"
          size="small"
          hoverable
          onClick={() => navigate(`/records/${r.id}`)}
          style={r.overdue ? { borderColor: '#ffa39e', background: '#fff7f6' } : undefined}
        >
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ fontWeight: 600, marginBottom: 4, wordBreak: 'break-all' }}>{r.title || `记录 #${r.id}`}</div>
              <Space size={[6, 4]} wrap style={{ fontSize: 13, color: '#666' }}>
                {ledger.statusField ? (
                  <StatusTag ledger={ledger} status={r.status} overdue={r.overdue} dueOn={r.dueOn} />
                ) : r.overdue ? (
                  <OverdueTag dueOn={r.dueOn} />
                ) : null}
                {dateField ? <span>{String(r.fields[ledger.dateField] ?? '')}</span> : null}
                <span>{r.orgName}</span>
                {extra.map((f) => {
                  const { Cell } = kitFor(f);
                  return (
                    <span key={f.key}>
                      {f.label}：<Cell field={f} value={r.fields[f.key]} record={r} />
                    </span>
                  );
                })}
              </Space>
            </div>
            <RightOutlined style={{ color: '#bbb' }} />
          </div>
        </Card>
      )}
    />
  );
}
