/** 审计日志: every change and sensitive read, filterable; 校验哈希链 proves nothing was altered. */
import { useState } from 'react';
import { Alert, Button, Card, Dropdown, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, downloadUrl, errorText } from '../../../api.ts';
import { EmptyState, PageTitle } from '../../../components/states.tsx';
import type { AuditRow, AuditVerify, Page } from '../../../types.ts';

const ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  transition: '流转',
  reveal: '查看敏感信息',
  import: '导入',
  export: '导出',
  login: '登录',
  logout: '退出',
  loginFailed: '登录失败',
  'login.failed': '登录失败',
  password: '修改密码',
  submit: '报送',
  upload: '上传',
  policy: '修改策略',
  lock: '账号锁定',
  rehashPassword: '口令哈希升级',
  keyRotateStart: '密钥轮换开始',
  keyRotateFinish: '密钥轮换完成',
};
const ENTITIES: Record<string, string> = {
  key: '密钥',
  audit: '审计日志',
  record: '台账记录',
  securityPolicy: '安全策略',
  org: '组织',
  user: '账号',
  session: '会话',
  report: '报告',
  file: '文件',
  setting: '设置',
  settings: '设置',
};
const REDS = new Set(['delete', 'reveal', 'loginFailed', 'login.failed']);

function detail(r: AuditRow): string {
  const parts: string[] = [];
  if (r.note) parts.push(r.note);
  if (r.after && typeof r.after === 'object') parts.push(JSON.stringify(r.after).slice(0, 200));
  return parts.join(' ');
}

const algText = (v: AuditVerify) => {
  const parts = Object.entries(v.algorithms ?? {}).map(([a, n]) => `${a === 'sm3' ? 'SM3' : 'SHA-256'} ${n} 条`);
  return parts.length ? `（${parts.join('，')}）` : '';
};

export default function AuditPage() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [filters, setFilters] = useState<{ action?: string; entity?: string; actor?: string }>({});
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['audit', page, pageSize, filters],
    queryFn: () => api.get<Page<AuditRow>>('/api/audit', { page, pageSize, ...filters }),
    placeholderData: keepPreviousData,
  });

  async function runVerify() {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerify(await api.get<AuditVerify>('/api/audit/verify'));
    } catch (e) {
      setVerifyError(errorText(e));
    } finally {
      setVerifying(false);
    }
  }
  const set = (patch: typeof filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return (
    <>
      <PageTitle
        title="审计日志"
        sub="所有修改、删除、查看敏感信息和登录都记入日志；日志以哈希链相连，任何篡改都能被发现。"
        extra={
          <Space>
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()}>
              校验哈希链
            </Button>
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'xlsx',
                    label: <a href={downloadUrl('/api/audit/export', { format: 'xlsx', action: filters.action })}>导出 Excel（.xlsx，含校验结果）</a>,
                  },
                  { key: 'csv', label: <a href={downloadUrl('/api/audit/export', { format: 'csv', action: filters.action })}>导出 CSV（含校验结果）</a> },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>导出</Button>
            </Dropdown>
          </Space>
        }
      />
      {verify ? (
        verify.ok ? (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setVerify(null)}
            style={{ marginBottom: 12 }}
            message={`哈希链完整：已校验 ${verify.entries} 条日志${algText(verify)}，未发现篡改。`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={`哈希链断裂：第 ${verify.brokenAt ?? '?'} 条日志校验失败`}
            description={`${verify.reason ?? ''}（已校验 ${verify.entries} 条）。请立即报告安全管理员并保留现场。`}
          />
        )
      ) : null}
      {verifyError ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={verifyError} /> : null}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder="全部操作"
            style={{ width: 150 }}
            value={filters.action}
            onChange={(action?: string) => set({ action })}
            options={Object.entries(ACTIONS).map(([value, label]) => ({ value, label }))}
          />
          <Select
            allowClear
            placeholder="全部对象"
            style={{ width: 130 }}
            value={filters.entity}
            onChange={(entity?: string) => set({ entity })}
            options={Object.entries(ENTITIES)
              .filter(([k]) => k !== 'settings')
              .map(([value, label]) => ({ value, label }))}
          />
          <Input.Search placeholder="操作人用户名" allowClear style={{ width: 180 }} onSearch={(v) => set({ actor: v.trim() || undefined })} />
        </Space>
        {q.error ? <Alert type="error" showIcon message={errorText(q.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<AuditRow>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState text="没有符合条件的日志" /> }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
          }}
          onChange={(p) => {
            setPage(p.current ?? 1);
            setPageSize(p.pageSize ?? 50);
          }}
          columns={[
            { title: '序号', dataIndex: 'id', width: 80 },
            { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
            { title: '操作人', dataIndex: 'actor', width: 110, render: (v?: string | null) => v ?? '系统' },
            { title: '操作', dataIndex: 'action', width: 120, render: (v: string) => <Tag color={REDS.has(v) ? 'red' : undefined}>{ACTIONS[v] ?? v}</Tag> },
            { title: '对象', key: 'entity', width: 150, render: (_: unknown, r) => `${ENTITIES[r.entity] ?? r.entity}${r.entityId ? ` #${r.entityId}` : ''}` },
            {
              title: '说明',
              key: 'detail',
              render: (_: unknown, r) => (
                <Typography.Text ellipsis={{ tooltip: detail(r) }} style={{ maxWidth: 420 }}>
                  {detail(r) || '—'}
                </Typography.Text>
              ),
            },
            { title: 'IP', dataIndex: 'ip', width: 120, render: (v?: string | null) => v ?? '—' },
            {
              title: '哈希',
              dataIndex: 'hash',
              width: 150,
              render: (v?: string) =>
                v ? (
                  <Typography.Text code style={{ fontSize: 12 }}>
                    {v}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
