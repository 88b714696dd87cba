/** Table columns from the declaration: title link first, chosen fields, then org and meta columns. */
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { kitFor, EMPTY } from '../fields/index.tsx';
import type { LedgerClientConfig, RecordItem } from '../types.ts';
import { OverdueTag, StatusTag, fieldOf, sortable } from './common.tsx';

type SortOrder = 'ascend' | 'descend' | null;

function orderOf(sort: string | undefined, key: string): SortOrder {
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

export function buildColumns(ledger: LedgerClientConfig, keys: string[], sort: string | undefined): ColumnsType<RecordItem> {
  const titleField = fieldOf(ledger, ledger.titleField);
  const showsStatus = Boolean(ledger.statusField && keys.includes(ledger.statusField));
  const cols: ColumnsType<RecordItem> = [
    {
      key: ledger.titleField,
      dataIndex: 'title',
      title: titleField?.label ?? '标题',
      fixed: 'left',
      width: titleField && (titleField.kind === 'person' || (titleField.kind === 'text' && (titleField.maxLength ?? 500) <= 50)) ? 120 : 220,
      sorter: true,
      sortOrder: orderOf(sort, ledger.titleField),
      render: (_: unknown, r) => (
        <span>
          <Link to={`/records/${r.id}`}>{r.title || `记录 #${r.id}`}</Link>
          {r.overdue && !showsStatus ? (
            <>
              {' '}
              <OverdueTag dueOn={r.dueOn} />
            </>
          ) : null}
        </span>
      ),
    },
  ];
  for (const key of keys) {
    if (key === ledger.titleField) continue;
    if (key === '__org') {
      cols.push({ key: '__org', dataIndex: 'orgName', title: '所属组织', width: 140, render: (v: string) => v || EMPTY });
      continue;
    }
    if (key === '__files') {
      cols.push({ key: '__files', dataIndex: 'files', title: '佐证材料', width: 90, align: 'right', render: (n: number) => (n ? `${n} 个` : EMPTY) });
      continue;
    }
    if (key === '__updatedAt') {
      cols.push({
        key: '__updatedAt',
        dataIndex: 'updatedAt',
        title: '更新时间',
        width: 150,
        sorter: true,
        sortOrder: orderOf(sort, 'updatedAt'),
        render: (v: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : EMPTY),
      });
      continue;
    }
    const f = fieldOf(ledger, key);
    if (!f) continue;
    if (key === ledger.statusField) {
      cols.push({
        key,
        title: f.label,
        width: 140,
        sorter: true,
        sortOrder: orderOf(sort, key),
        render: (_: unknown, r) => <StatusTag ledger={ledger} status={r.status ?? (r.fields[key] as string)} overdue={r.overdue} dueOn={r.dueOn} />,
      });
      continue;
    }
    const { Cell } = kitFor(f);
    const wide = f.kind === 'longText' || f.kind === 'list';
    cols.push({
      key,
      title: f.label,
      width: wide ? 220 : f.kind === 'date' || f.kind === 'month' ? 110 : f.kind === 'bool' ? 70 : undefined,
      ellipsis: wide,
      align: f.kind === 'int' || f.kind === 'money' ? 'right' : undefined,
      sorter: sortable(f),
      sortOrder: sortable(f) ? orderOf(sort, key) : undefined,
      render: (_: unknown, r) => <Cell field={f} value={r.fields[key]} record={r} />,
    });
  }
  return cols;
}

/** antd's sorter event to the API's `sort` (key or -key). */
export function sortParam(sorter: unknown): string | undefined {
  const s = (Array.isArray(sorter) ? sorter[0] : sorter) as { columnKey?: string; order?: SortOrder } | undefined;
  if (!s?.order || !s.columnKey) return undefined;
  const key = s.columnKey === '__updatedAt' ? 'updatedAt' : s.columnKey;
  return s.order === 'descend' ? `-${key}` : key;
}
