/** The dry run's answer: counts per ledger and the errors by row/sheet/field. */
import { Alert, Table, Tag, Typography } from 'antd';
import type { ImportError, ImportResult } from '../../types.ts';

export function ImportReport({ result, labelOf }: { result: ImportResult; labelOf(k: string): string }) {
  const counts = Object.entries(result.counts);
  const errs = result.errors.map((e, i) => ({ ...e, key: i }));
  return (
    <div>
      {result.errors.length ? (
        <Alert
          type="error"
          showIcon
          message={`发现 ${result.errors.length} 处错误，未写入任何数据`}
          description="请按下表修改文件后重新选择并预检。"
          style={{ marginBottom: 12 }}
        />
      ) : result.total === 0 ? (
        <Alert type="warning" showIcon message="文件中没有可导入的记录" style={{ marginBottom: 12 }} />
      ) : (
        <Alert
          type={result.dryRun ? 'success' : 'info'}
          showIcon
          message={result.dryRun ? `预检通过：共 ${result.total} 条记录可以导入` : `共 ${result.total} 条`}
          description={result.dryRun ? '这是预检结果，尚未写入。确认无误后点击“确认导入”。' : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {counts.length ? (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>各台账条数：</Typography.Text>{' '}
          {counts.map(([k, n]) => (
            <Tag key={k} color="blue">
              {labelOf(k)} {n} 条
            </Tag>
          ))}
          {result.orgs ? <Tag color="purple">新建组织 {result.orgs} 个</Tag> : null}
        </div>
      ) : null}
      {errs.length ? (
        <Table<ImportError & { key: number }>
          size="small"
          dataSource={errs}
          scroll={{ x: 'max-content' }}
          pagination={errs.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 处`, showSizeChanger: false } : false}
          columns={[
            { title: '行', key: 'row', width: 70, render: (_: unknown, e) => e.row ?? e.line ?? '—' },
            { title: '工作表', dataIndex: 'sheet', width: 120, render: (v?: string) => v ?? '—' },
            { title: '字段', dataIndex: 'field', width: 120, render: (v?: string) => v ?? '—' },
            { title: '错误', dataIndex: 'message' },
          ]}
        />
      ) : null}
    </div>
  );
}
