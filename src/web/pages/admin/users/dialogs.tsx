/** Account dialogs: create, edit (name, roles, org), reset password. */
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space, TreeSelect, Typography } from 'antd';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles.ts';
import { api, applyDetails, errorText } from './helpers.ts';
import { orgTree, useOrgs } from '../../../org.tsx';
import type { UserRow } from '../../../types.ts';

export const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** A random initial password that satisfies the default policy (upper, lower, digit, symbol). */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?'];
  const rnd = (n: number) => crypto.getRandomValues(new Uint32Array(1))[0] % n;
  const chars = sets.map((s) => s[rnd(s.length)]);
  const all = sets.join('');
  while (chars.length < 10) chars.push(all[rnd(all.length)]);
  return chars.sort(() => rnd(3) - 1).join('');
}

export const orgCodeOf = (u: UserRow) => (typeof u.org === 'string' ? u.org : u.org?.code);

interface UserForm {
  username: string;
  name: string;
  password?: string;
  roles: Role[];
  org: string;
  email?: string;
}

export function UserDialog({ user, onClose, onDone }: { user: UserRow | null | 'new'; onClose(): void; onDone(m: string): void }) {
  const [form] = Form.useForm<UserForm>();
  const orgs = useOrgs();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!user) return null;
  const isNew = user === 'new';
  const initial: Partial<UserForm> = isNew
    ? { roles: [] }
    : { username: user.username, name: user.name, roles: user.roles, org: orgCodeOf(user), email: user.email ?? '' };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      if (isNew)
        await api.post('/api/users', {
          username: v.username.trim(),
          name: v.name.trim(),
          password: v.password,
          roles: v.roles,
          org: v.org,
          email: v.email?.trim() ?? '',
        });
      else
        await api.patch(`/api/users/${encodeURIComponent(user.username)}`, { name: v.name.trim(), roles: v.roles, org: v.org, email: v.email?.trim() ?? '' });
      onDone(isNew ? `已新建账号 ${v.username}，首次登录须修改密码` : '已保存');
    } catch (e) {
      setError(applyDetails(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={isNew ? '新建账号' : `编辑账号：${user.username}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, whitespace: true, message: '请填写用户名' },
            { pattern: /^[A-Za-z0-9_.-]+$/, message: '用户名只能包含字母、数字、点、下划线和横线' },
          ]}
        >
          <Input disabled={!isNew} maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        {isNew ? (
          <Form.Item label="初始密码" required extra="至少 8 位，含大写字母、小写字母、数字、符号中的至少三类；用户首次登录后须修改。">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="password"
                noStyle
                rules={[
                  { required: true, message: '请填写初始密码' },
                  { min: 8, message: '至少 8 位' },
                ]}
              >
                <Input autoComplete="new-password" />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('password', generatePassword())}>生成</Button>
            </Space.Compact>
          </Form.Item>
        ) : null}
        <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}>
          <Select mode="multiple" options={roleOptions} optionFilterProp="label" placeholder="请选择" />
        </Form.Item>
        <Form.Item name="org" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]} extra="账号可查看该组织及其下级的数据">
          <TreeSelect treeData={orgTree(orgs.data ?? [])} showSearch treeNodeFilterProp="title" loading={orgs.isPending} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          name="email"
          label="邮箱（选填）"
          extra="开启“每日预警摘要邮件”后，系统每天把本人的预警摘要发到这个邮箱。"
          rules={[{ type: 'email', message: '邮箱格式不正确' }]}
        >
          <Input placeholder="如 name@example.gov.cn" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ResetPasswordDialog({ user, onClose, onDone }: { user: UserRow | null; onClose(): void; onDone(m: string): void }) {
  const [password, setPassword] = useState(generatePassword);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!user) return null;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.patch<{ password?: string; tempPassword?: string }>(`/api/users/${encodeURIComponent(user.username)}`, { resetPassword: password });
      setDone(r?.tempPassword ?? r?.password ?? password);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`重置密码：${user.name}（${user.username}）`}
      okText={done ? '完成' : '重置'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => (done ? onDone('密码已重置') : void submit())}
      onCancel={done ? () => onDone('密码已重置') : onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      {done ? (
        <Alert
          type="success"
          showIcon
          message="密码已重置，账号已解锁"
          description={
            <span>
              新的初始密码：
              <Typography.Text code copyable>
                {done}
              </Typography.Text>
              ，请当面或通过安全渠道告知本人；首次登录须修改。
            </span>
          }
        />
      ) : (
        <>
          <p>将为该账号设置新的初始密码，用户下次登录时须修改。</p>
          <Space.Compact style={{ width: '100%' }}>
            <Input value={password} onChange={(e) => setPassword(e.target.value)} aria-label="新的初始密码" />
            <Button onClick={() => setPassword(generatePassword())}>重新生成</Button>
          </Space.Compact>
        </>
      )}
    </Modal>
  );
}
