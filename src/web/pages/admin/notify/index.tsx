/** 预警推送: where newly opened alerts are sent besides the app — a webhook and/or e-mail. */
import { useEffect } from 'react';
import { Alert, App, Button, Card, Divider, Form, Input, InputNumber, Select, Space, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api.ts';
import { ErrorState, PageLoading, PageTitle } from '../../../components/states.tsx';
import { useSubmit } from '../../../components/use-submit.ts';

interface NotifyView {
  webhookUrl?: string;
  minSeverity?: 'info' | 'warning' | 'error';
  includeDisciplineOnly?: boolean;
  emailTo?: string[];
  digest?: boolean;
  dailyAt?: string;
  smtp?: { host: string; port?: number; secure?: boolean; user?: string; from: string; passSet: boolean };
  schedule?: { at: string; timeZone: string; nextRun: string | null };
}

interface NotifyForm {
  webhookUrl?: string;
  minSeverity: 'info' | 'warning' | 'error';
  includeDisciplineOnly: boolean;
  emailTo: string[];
  digest: boolean;
  dailyAt: Dayjs;
  host?: string;
  port?: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from?: string;
}

const SEVERITY_OPTIONS = [
  { value: 'error', label: '只推送逾期/违规' },
  { value: 'warning', label: '预警及以上（默认）' },
  { value: 'info', label: '全部（含提示）' },
];

function toForm(v: NotifyView): NotifyForm {
  return {
    webhookUrl: v.webhookUrl ?? '',
    minSeverity: v.minSeverity ?? 'warning',
    includeDisciplineOnly: Boolean(v.includeDisciplineOnly),
    emailTo: v.emailTo ?? [],
    digest: Boolean(v.digest),
    dailyAt: dayjs(`2000-01-01T${v.dailyAt ?? v.schedule?.at ?? '06:30'}`),
    host: v.smtp?.host,
    port: v.smtp?.port,
    secure: Boolean(v.smtp?.secure),
    user: v.smtp?.user,
    from: v.smtp?.from,
  };
}

function toBody(f: NotifyForm) {
  const host = f.host?.trim();
  return {
    webhookUrl: f.webhookUrl?.trim() ?? '',
    minSeverity: f.minSeverity,
    includeDisciplineOnly: f.includeDisciplineOnly,
    emailTo: f.emailTo.map((e) => e.trim()).filter(Boolean),
    digest: f.digest,
    dailyAt: (f.dailyAt ?? dayjs('2000-01-01T06:30')).format('HH:mm'),
    smtp: host
      ? { host, port: f.port ?? undefined, secure: f.secure, user: f.user?.trim() || undefined, pass: f.pass || undefined, from: f.from?.trim() ?? '' }
      : null,
  };
}

export default function NotifyPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<NotifyForm>();
  const save = useSubmit();
  const test = useSubmit();
  const q = useQuery({ queryKey: ['alerts-notify'], queryFn: () => api.get<NotifyView>('/api/alerts/settings/notify') });
  useEffect(() => {
    if (q.data) form.setFieldsValue(toForm(q.data));
  }, [q.data, form]);
  const host = Form.useWatch('host', form);

  const onFinish = (f: NotifyForm) =>
    save.run(async () => {
      await api.put('/api/alerts/settings/notify', toBody(f));
      await qc.invalidateQueries({ queryKey: ['alerts-notify'] });
      form.setFieldValue('pass', undefined);
      message.success('推送设置已保存');
    });
  const sendTest = () =>
    test.run(async () => {
      const r = await api.post<{ emailed: number; emailError?: string }>('/api/alerts/settings/notify/test', {});
      if (r.emailError) throw new Error(`测试邮件未发出：${r.emailError}`);
      message.success('测试邮件已发出，请查收');
    });

  if (q.isPending) return <PageLoading />;
  if (q.error)
    return (
      <>
        <PageTitle title="预警推送" />
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const passSet = Boolean(q.data?.smtp?.passSet);
  return (
    <>
      <PageTitle title="预警推送" sub="新增预警除在系统内提示外，还可推送到工作群机器人（Webhook）或发送邮件。修改将记入审计日志。" />
      <Card style={{ maxWidth: 720 }}>
        {save.error ? <Alert type="error" showIcon message={save.error} style={{ marginBottom: 16 }} /> : null}
        <Form<NotifyForm>
          form={form}
          layout="vertical"
          initialValues={toForm(q.data ?? {})}
          onFinish={onFinish}
          onValuesChange={(changed: Partial<NotifyForm>) => {
            // The usual ports say how to connect: 465 is TLS from the start, 25 and 587 upgrade.
            if (changed.port === 465) form.setFieldValue('secure', true);
            else if (changed.port === 25 || changed.port === 587) form.setFieldValue('secure', false);
          }}
        >
          <Form.Item
            name="dailyAt"
            label="每日预警计算时间"
            extra={`每天在此时间（${q.data?.schedule?.timeZone ?? 'Asia/Shanghai'} 时区）重新计算全县预警，并发送每日预警摘要邮件；服务重启时也会立即计算一次。${q.data?.schedule?.nextRun ? `下次：${dayjs(q.data.schedule.nextRun).format('YYYY-MM-DD HH:mm')}` : ''}`}
          >
            <TimePicker format="HH:mm" minuteStep={5} allowClear={false} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="minSeverity" label="推送哪些预警">
            <Select options={SEVERITY_OPTIONS} style={{ maxWidth: 280 }} />
          </Form.Item>
          <Form.Item name="includeDisciplineOnly" label="包含纪检专属预警" valuePropName="checked" extra="如干部亲属涉权事项未申报。默认不推送到系统之外。">
            <Switch />
          </Form.Item>
          <Divider orientation="left" plain>
            Webhook
          </Divider>
          <Form.Item
            name="webhookUrl"
            label="推送地址"
            extra="以 JSON 格式 POST 新增预警；留空则不推送。"
            rules={[{ type: 'url', message: '推送地址应为 http(s) 网址' }]}
          >
            <Input placeholder="https://…" allowClear />
          </Form.Item>
          <Divider orientation="left" plain>
            邮件
          </Divider>
          <Form.Item
            name="emailTo"
            label="收件人"
            extra="输入邮箱后按回车，可填多个。"
            rules={[{ type: 'array', defaultField: { type: 'email', message: '收件人邮箱格式不正确' } }]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', ' ', ';', '；']} open={false} placeholder="如 jiwei@example.gov.cn" />
          </Form.Item>
          <Space wrap align="start" size={16}>
            <Form.Item name="host" label="邮件服务器（SMTP）" style={{ minWidth: 280 }}>
              <Input placeholder="如 smtp.example.gov.cn；留空则不发邮件" allowClear />
            </Form.Item>
            <Form.Item name="port" label="端口" extra="常用 25、465、587">
              <InputNumber min={1} max={65535} precision={0} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="secure" label="SSL 加密连接" valuePropName="checked" extra="端口 465 时打开">
              <Switch />
            </Form.Item>
          </Space>
          <Space wrap align="start" size={16}>
            <Form.Item name="user" label="用户名" style={{ minWidth: 240 }}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="pass" label="密码或授权码" style={{ minWidth: 240 }} extra={passSet ? '已设置；留空则不修改' : undefined}>
              <Input.Password autoComplete="new-password" placeholder={passSet ? '••••••（不修改）' : ''} />
            </Form.Item>
          </Space>
          <Form.Item name="from" label="发件人" rules={[{ required: Boolean(host?.trim()), message: '请填写发件人' }]}>
            <Input placeholder="如 落实预警 <alerts@example.gov.cn>" />
          </Form.Item>
          <Form.Item
            name="digest"
            label="每日预警摘要邮件"
            valuePropName="checked"
            extra="每天把各人的预警摘要（指派给本人、新增、7 日内到期）发到其账号邮箱；账号邮箱在“账号”页面填写。没有内容的不发。"
          >
            <Switch />
          </Form.Item>
          {test.error ? <Alert type="warning" showIcon message={test.error} style={{ marginBottom: 16 }} /> : null}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.busy}>
              保存
            </Button>
            <Button onClick={sendTest} loading={test.busy} disabled={!q.data?.smtp}>
              发送测试邮件
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
