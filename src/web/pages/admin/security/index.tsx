/** 安全策略: password rules, lockout after failures, idle timeout. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../../api.ts';
import { useAuth } from '../../../auth.tsx';
import { ErrorState, PageLoading, PageTitle } from '../../../components/states.tsx';
import type { SecurityPolicy } from '../../../types.ts';

const ITEMS: { key: keyof SecurityPolicy; label: string; min: number; max: number; unit: string; help: string }[] = [
  { key: 'minLength', label: '密码最短长度', min: 8, max: 64, unit: '位', help: '不少于 8 位' },
  { key: 'minClasses', label: '密码字符种类', min: 3, max: 4, unit: '类', help: '大写字母、小写字母、数字、符号中至少包含几类（建议 3）' },
  { key: 'maxFailures', label: '连续登录失败上限', min: 3, max: 20, unit: '次', help: '超过后暂时锁定账号' },
  { key: 'lockMinutes', label: '锁定时长', min: 1, max: 1440, unit: '分钟', help: '锁定期满自动解锁；管理员重置密码也可解锁' },
  { key: 'idleMinutes', label: '无操作自动退出', min: 5, max: 480, unit: '分钟', help: '超过该时间无操作，须重新登录' },
];

export default function SecurityPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SecurityPolicy>();
  const editable = useAuth().hasRole('securityAdmin');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const policy = useQuery({ queryKey: ['security-policy'], queryFn: () => api.get<SecurityPolicy>('/api/security/policy') });
  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  async function onFinish(v: SecurityPolicy) {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.put<SecurityPolicy>('/api/security/policy', v);
      qc.setQueryData(['security-policy'], saved && typeof saved === 'object' && 'minLength' in saved ? saved : v);
      message.success('安全策略已保存，新策略立即生效');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (policy.isPending) return <PageLoading />;
  if (policy.error)
    return (
      <>
        <PageTitle title="安全策略" />
        <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
      </>
    );
  return (
    <>
      <PageTitle title="安全策略" sub="修改将记入审计日志" />
      <Card style={{ maxWidth: 640 }}>
        {!editable ? <Alert type="info" showIcon message="按三员分立要求，安全策略由安全管理员修改；此处仅供查看。" style={{ marginBottom: 16 }} /> : null}
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form<SecurityPolicy> form={form} layout="vertical" initialValues={policy.data} onFinish={onFinish} disabled={!editable}>
          {ITEMS.map((it) => (
            <Form.Item
              key={it.key}
              name={it.key}
              label={it.label}
              extra={it.help}
              rules={[
                { required: true, message: `请填写${it.label}` },
                { type: 'integer', min: it.min, max: it.max, message: `${it.label}应在 ${it.min} 到 ${it.max} 之间` },
              ]}
            >
              <InputNumber min={it.min} max={it.max} precision={0} addonAfter={it.unit} style={{ width: 200 }} />
            </Form.Item>
          ))}
          {editable ? (
            <Button type="primary" htmlType="submit" loading={busy}>
              保存
            </Button>
          ) : null}
        </Form>
      </Card>
    </>
  );
}
