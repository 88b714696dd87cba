/** 安全事件 (安全管理员): failed logins, lockouts, key operations, the accounts locked now and the key in use. */
import { useState } from 'react';
import { Alert, Card, Descriptions, Segmented, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, errorText } from '../../../api.ts';
import { EmptyState, PageTitle } from '../../../components/states.tsx';
import type { SecurityEvents } from '../../../types.ts';

type Kind = 'all' | 'loginFailed' | 'lock' | 'keys';
const KINDS: { value: Kind; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'loginFailed', label: '登录失败' },
  { value: 'lock', label: '账号锁定' },
  { value: 'keys', label: '密钥与口令' },
];
const ACTIONS: Record<string, { label: string; color?: string }> = {
  loginFailed: { label: '登录失败', color: 'orange' },
  lock: { label: '账号锁定', color: 'red' },
  keyRotateStart: { label: '密钥轮换开始', color: 'blue' },
  keyRotateFinish: { label: '密钥轮换完成', color: 'green' },
  rehashPassword: { label: '口令哈希升级' },
};
const SCHEMES = { aes: 'AES-256-GCM、HMAC-SHA256，审计链 SHA-256', sm: '国密 SM4-CBC、HMAC-SM3，审计链 SM3' };

export default function SecurityEventsPage() {
  const [kind, setKind] = useState<Kind>('all');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['security-events', kind, page],
    queryFn: () => api.get<SecurityEvents>('/api/security/events', { kind: kind === 'all' ? undefined : kind, page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  return (
    <>
      <PageTitle title="安全事件" sub="登录失败、账号锁定、密钥轮换和口令哈希升级；时间为乡镇所在时区。" />
      {q.error ? <Alert type="error" showIcon message={errorText(q.error)} style={{ marginBottom: 12 }} /> : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="当前密钥">{d?.keys ? `${d.keys.active}（${SCHEMES[d.keys.scheme]}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="密钥轮换">
            {d?.keys?.rotation ? (
              <Tag color="orange">{`进行中：${d.keys.rotation.from} → ${d.keys.rotation.to}，已处理 ${d.keys.rotation.done} 条`}</Tag>
            ) : (
              '无进行中的轮换'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="当前锁定账号" span={2}>
            {d?.locked.length ? d.locked.map((l) => <Tag key={l.username} color="red">{`${l.name}（${l.username}）至 ${l.lockedUntil}`}</Tag>) : '无'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Segmented<Kind>
          options={KINDS}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          style={{ marginBottom: 12 }}
        />
        <Table
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={d?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState text="没有安全事件" /> }}
          pagination={{ current: page, pageSize: 50, total: d?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 条`, onChange: setPage }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170 },
            { title: '事件', dataIndex: 'action', width: 130, render: (v: string) => <Tag color={ACTIONS[v]?.color}>{ACTIONS[v]?.label ?? v}</Tag> },
            { title: '账号或密钥', dataIndex: 'target', width: 130, render: (v: string | null) => v ?? '—' },
            { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
