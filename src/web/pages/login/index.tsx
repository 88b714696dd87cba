/** 登录: username and password, then back to where the user was going. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth.tsx';
import { useSubmit } from '../../components/use-submit.ts';

interface LoginForm {
  username: string;
  password: string;
}

function safeFrom(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export default function LoginPage() {
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { busy, error, run } = useSubmit();
  const from = safeFrom(params.get('from'));

  if (me && !busy) return <Navigate to={me.mustChangePassword ? '/password' : from} replace />;

  const onFinish = (v: LoginForm) =>
    run(async () => {
      const m = await login(v.username.trim(), v.password);
      navigate(m.mustChangePassword ? '/password' : from, { replace: true });
    });

  return (
    <div className="ls-login">
      <Card className="ls-login-card" variant="borderless" style={{ boxShadow: '0 8px 24px rgba(0,0,0,.12)' }}>
        <Typography.Title level={3} style={{ marginBottom: 4, textAlign: 'center' }}>
          落实 · 全面从严治党工作台账
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
          台账一处登记，数字自动汇总，报告一键生成。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form<LoginForm> layout="vertical" size="large" onFinish={onFinish} autoComplete="on" requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="请输入用户名" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={busy}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          忘记密码请联系本单位系统管理员重置。连续输错密码将暂时锁定账号。
        </Typography.Text>
      </Card>
    </div>
  );
}
