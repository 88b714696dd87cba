/** /ledgers/:ledger — any ledger's list, rendered from its declaration. */
import { useEffect, useMemo } from 'react';
import { Alert, Button, Card, Dropdown, Result, Table } from 'antd';
import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, downloadUrl } from '../api.ts';
import { useLedger } from '../ledgers.ts';
import { useCurrentOrg } from '../org.tsx';
import { usePhone } from '../components/use-media.ts';
import { EmptyState, ErrorState, PageLoading, PageTitle } from '../components/states.tsx';
import type { LedgerClientConfig, Page, RecordItem } from '../types.ts';
import { apiQuery, filtersToSearch, parseFilters, type ListFilters } from './filters.ts';
import { FilterBar } from './filter-bar.tsx';
import { ColumnChooser, useColumnPrefs } from './column-chooser.tsx';
import { buildColumns, sortParam } from './columns.tsx';
import { RecordCards } from './record-cards.tsx';

export default function LedgerListPage() {
  const { ledger: key } = useParams();
  const { ledger, loading, error } = useLedger(key);
  if (loading) return <PageLoading />;
  if (error) return <ErrorState error={error} />;
  if (!ledger) return <Result status="404" title="台账不存在" subTitle="该台账不存在，或您的账号无权查看。" extra={<Link to="/">返回首页</Link>} />;
  return <LedgerList key={ledger.key} ledger={ledger} />;
}

function LedgerList({ ledger }: { ledger: LedgerClientConfig }) {
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const phone = usePhone();
  const { current, currentOrg, setCurrent } = useCurrentOrg();
  const [columns, setColumns, resetColumns] = useColumnPrefs(ledger);
  const filters = parseFilters(sp, phone ? 10 : 20);

  // A link may carry ?org= (from a report or an alert): it becomes the header's org.
  useEffect(() => {
    const org = sp.get('org');
    if (org) {
      setCurrent(org);
      const next = new URLSearchParams(sp);
      next.delete('org');
      setSp(next, { replace: true });
    }
  }, [sp, setSp, setCurrent]);

  const update = (patch: Partial<ListFilters>) => setSp(filtersToSearch({ ...filters, ...patch }), { replace: true });
  const query = apiQuery(filters, current);
  const list = useQuery({
    queryKey: ['records', ledger.key, query],
    queryFn: ({ signal }) => api.get<Page<RecordItem>>(`/api/ledgers/${ledger.key}/records`, query, signal),
    placeholderData: keepPreviousData,
    enabled: Boolean(current),
  });
  const tableColumns = useMemo(() => buildColumns(ledger, columns, filters.sort), [ledger, columns, filters.sort]);
  const exportQuery = apiQuery(filters, current, false);
  const filtered = filters.period !== 'all' || filters.status || filters.kind || filters.q || filters.overdue || filters.deleted;

  const empty = (
    <EmptyState text={filtered ? '没有符合条件的记录，可调整或清除筛选条件' : `${currentOrg?.name ?? ''}暂无${ledger.label}记录`}>
      {ledger.can.create && !filtered ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/ledgers/${ledger.key}/new`)}>
          新建第一条
        </Button>
      ) : null}
    </EmptyState>
  );

  const toolbar = (
    <>
      {ledger.can.create ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/ledgers/${ledger.key}/new`)}>
          新建
        </Button>
      ) : null}
      {ledger.can.create ? (
        <Button icon={<UploadOutlined />} onClick={() => navigate(`/import?ledger=${ledger.key}`)}>
          导入
        </Button>
      ) : null}
      {ledger.can.create && !phone ? (
        <Button icon={<DownloadOutlined />} href={downloadUrl(`/api/ledgers/${ledger.key}/template`)}>
          下载模板
        </Button>
      ) : null}
      <Dropdown
        menu={{
          items: [
            { key: 'xlsx', label: <a href={downloadUrl(`/api/ledgers/${ledger.key}/export`, { ...exportQuery, format: 'xlsx' })}>导出 Excel（.xlsx）</a> },
            {
              key: 'jsonl',
              label: <a href={downloadUrl(`/api/ledgers/${ledger.key}/export`, { ...exportQuery, format: 'jsonl' })}>导出 JSON Lines（.jsonl）</a>,
            },
          ],
        }}
      >
        <Button icon={<FileExcelOutlined />}>导出</Button>
      </Dropdown>
      {!phone ? <ColumnChooser ledger={ledger} value={columns} onChange={setColumns} onReset={resetColumns} /> : null}
    </>
  );

  return (
    <>
      <PageTitle title={ledger.label} sub={[currentOrg?.name, ledger.description].filter(Boolean).join(' · ')} extra={toolbar} />
      <Card size="small" styles={{ body: { paddingBottom: phone ? 8 : 12 } }}>
        <FilterBar
          compact={phone}
          ledger={ledger}
          filters={filters}
          onChange={update}
          onReset={() => setSp(filtersToSearch({ pageSize: filters.pageSize }), { replace: true })}
        />
        {list.error ? (
          <Alert
            type="error"
            showIcon
            message="记录加载失败"
            description={(list.error as Error).message}
            action={
              <Button size="small" onClick={() => void list.refetch()}>
                重试
              </Button>
            }
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {phone ? (
          <RecordCards
            ledger={ledger}
            items={list.data?.items ?? []}
            columns={columns}
            loading={list.isFetching}
            page={filters.page}
            pageSize={filters.pageSize}
            total={list.data?.total ?? 0}
            onPage={(page) => update({ page })}
            empty={empty}
          />
        ) : (
          <Table<RecordItem>
            rowKey="id"
            size="middle"
            columns={tableColumns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            rowClassName={(r) => (r.deletedAt ? 'ls-deleted-row' : r.overdue ? 'ls-overdue-row' : '')}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (t) => `共 ${t} 条`,
            }}
            onChange={(p, _f, sorter, extra) => {
              if (extra.action === 'sort') update({ sort: sortParam(sorter), page: 1 });
              else update({ page: p.current ?? 1, pageSize: p.pageSize ?? filters.pageSize });
            }}
          />
        )}
      </Card>
    </>
  );
}
