/** 账号: the accounts in the administrator's scope — create, edit, disable, reset password. */
import { useMemo, useState } from 'react';
import { App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ROLE_LABELS } from '../../../../shared/roles.ts';
import { api, errorText } from '../../../api.ts';
import { useAuth } from '../../../auth.tsx';
import { useOrgs } from '../../../org.tsx';
import { EmptyState, ErrorState, PageTitle } from '../../../components/states.tsx';
import type { UserRow } from '../../../types.ts';
import { ResetPasswordDialog, UserDialog, orgCodeOf } from './dialogs.tsx';

function statusTag(u: UserRow) {
  if (u.disabled) return <Tag>已停用</Tag>;
  if (u.locked || (u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()))) return <Tag color="orange">已锁定</Tag>;
  if (u.mustChangePassword) return <Tag color="blue">待改初始密码</Tag>;
  return <Tag color="green">正常</Tag>;
}

export default function UsersAdminPage() {
  const { me } = useAuth();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api.get<UserRow[]>('/api/users') });
  const orgs = useOrgs();
  const orgName = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.code, o.name])), [orgs.data]);
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [filter, setFilter] = useState('');

  const done = (m: string) => {
    message.success(m);
    setEditing(null);
    setResetting(null);
    void qc.invalidateQueries({ queryKey: ['users'] });
  };

  const toggle = (u: UserRow) =>
    modal.confirm({
      title: u.disabled ? `启用账号 ${u.username}？` : `停用账号 ${u.username}？`,
      content: u.disabled ? '启用后该用户可以重新登录。' : '停用后该用户立即退出且不能登录；其登记的数据不受影响。',
      okText: u.disabled ? '启用' : '停用',
      okButtonProps: { danger: !u.disabled },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.patch(`/api/users/${encodeURIComponent(u.username)}`, { disabled: !u.disabled });
          done(u.disabled ? '已启用' : '已停用');
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const unlock = async (u: UserRow) => {
    try {
      await api.patch(`/api/users/${encodeURIComponent(u.username)}`, { unlock: true });
      done('已解锁');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const f = filter.trim().toLowerCase();
  const rows = (users.data ?? []).filter(
    (u) => !f || u.username.toLowerCase().includes(f) || u.name.includes(f) || (orgName.get(orgCodeOf(u) ?? '') ?? '').includes(f),
  );

  if (users.error)
    return (
      <>
        <PageTitle title="账号" />
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      </>
    );
  return (
    <>
      <PageTitle
        title="账号"
        sub={users.data ? `共 ${users.data.length} 个账号` : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建账号
          </Button>
        }
      />
      <Card size="small">
        <Input.Search
          placeholder="按用户名、姓名、组织查找"
          allowClear
          onChange={(e) => setFilter(e.target.value)}
          style={{ maxWidth: 320, marginBottom: 12 }}
        />
        <Table<UserRow>
          rowKey="username"
          size="middle"
          loading={users.isPending}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState text={f ? '没有匹配的账号' : '暂无账号'} /> }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个`, hideOnSinglePage: true }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 120, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: '姓名', dataIndex: 'name', width: 110 },
            {
              title: '邮箱',
              dataIndex: 'email',
              width: 200,
              responsive: ['lg'],
              render: (v?: string | null) => v || <Typography.Text type="secondary">—</Typography.Text>,
            },
            { title: '角色', dataIndex: 'roles', render: (rs: UserRow['roles']) => rs.map((r) => <Tag key={r}>{ROLE_LABELS[r] ?? r}</Tag>) },
            { title: '所属组织', key: 'org', render: (_: unknown, u) => u.orgName ?? orgName.get(orgCodeOf(u) ?? '') ?? orgCodeOf(u) },
            { title: '状态', key: 'status', width: 110, render: (_: unknown, u) => statusTag(u) },
            { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (v?: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '从未登录') },
            {
              title: '操作',
              key: 'actions',
              fixed: 'right',
              width: 230,
              render: (_: unknown, u) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setEditing(u)}>
                    编辑
                  </Button>
                  <Button type="link" size="small" onClick={() => setResetting(u)}>
                    重置密码
                  </Button>
                  {u.locked ? (
                    <Button type="link" size="small" onClick={() => void unlock(u)}>
                      解锁
                    </Button>
                  ) : null}
                  {u.username !== me?.username ? (
                    <Button type="link" size="small" danger={!u.disabled} onClick={() => toggle(u)}>
                      {u.disabled ? '启用' : '停用'}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <UserDialog user={editing} onClose={() => setEditing(null)} onDone={done} />
      {resetting ? <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} onDone={done} /> : null}
    </>
  );
}
