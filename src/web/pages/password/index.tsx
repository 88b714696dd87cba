/** 修改密码: required on first login, reachable from the user menu at any time. */
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth.tsx';
import { api } from '../../api.ts';
import { useSubmit } from '../../components/use-submit.ts';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** How many of upper, lower, digit and symbol a password uses. */
export function charClasses(p: string): number {
  return [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
}

export default function PasswordPage() {
  const { me, refresh, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { busy, error, run } = useSubmit();
  const forced = Boolean(me?.mustChangePassword);

  const onFinish = (v: PasswordForm) =>
    run(async () => {
      await api.post('/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      await refresh();
      navigate('/', { replace: true });
    });

  return (
    <div className="ls-login">
      <Card className="ls-login-card" variant="borderless" style={{ boxShadow: '0 8px 24px rgba(0,0,0,.12)' }}>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          修改密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {me ? `${me.name}（${me.username}）` : ''}
          {forced ? '：首次登录或密码已被重置，请先设置新密码。' : ''}
        </Typography.Paragraph>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message="密码要求：至少 8 位，并包含大写字母、小写字母、数字、符号中的至少三类。" />
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form<PasswordForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '新密码至少 8 位' },
              {
                validator: async (_, v: string) => {
                  if (v && charClasses(v) < 3) throw new Error('需包含大写字母、小写字母、数字、符号中的至少三类');
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: async (_, v: string) => {
                  if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy} style={{ flex: 1 }}>
              确认修改
            </Button>
            {forced ? <Button onClick={() => void logout()}>退出</Button> : <Button onClick={() => navigate(-1)}>取消</Button>}
          </div>
        </Form>
      </Card>
    </div>
  );
}
