/**
 * 节假日安排: the years of holidays and 调休 working days the working-day deadlines (函询 15 个工作日)
 * count with. Built-in years come with Luoshi; a county administrator enters the next year when
 * the State Council publishes its notice. Every change is audited on the server.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api.ts';
import { ErrorState, PageLoading, PageTitle } from '../../../components/states.tsx';
import { useSubmit } from '../../../components/use-submit.ts';
import type { HolidayYearView } from '../../../../alerts/holiday-years.ts';

interface Listing {
  lastKnownYear: number;
  years: HolidayYearView[];
}

interface YearForm {
  year: number;
  source: string;
  spans: { range?: [Dayjs, Dayjs] }[];
  work: Dayjs[];
}

const D = 'YYYY-MM-DD';

/** Consecutive dates → [first, last] spans, for showing and editing. */
function toSpans(dates: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const d of [...dates].sort()) {
    const last = out.at(-1);
    if (last && dayjs(last[1]).add(1, 'day').format(D) === d) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** 1月1日–1月3日, …; a day of another year (元旦 from December) shows its year. */
function spansText(year: number, dates: string[]): string {
  const day = (d: string) => dayjs(d).format(dayjs(d).year() === year ? 'M月D日' : 'YYYY年M月D日');
  return toSpans(dates)
    .map(([a, b]) => (a === b ? day(a) : `${day(a)}–${day(b)}`))
    .join('，');
}

function toForm(y: HolidayYearView | { year: number }): YearForm {
  if (!('off' in y)) return { year: y.year, source: `国务院办公厅关于${y.year}年部分节假日安排的通知`, spans: [{}], work: [] };
  return { year: y.year, source: y.source, spans: toSpans(y.off).map(([a, b]) => ({ range: [dayjs(a), dayjs(b)] })), work: y.work.map((d) => dayjs(d)) };
}

function toBody(f: YearForm) {
  const off: string[] = [];
  for (const s of f.spans) {
    if (!s.range) continue;
    for (let d = s.range[0].startOf('day'); !d.isAfter(s.range[1], 'day'); d = d.add(1, 'day')) off.push(d.format(D));
  }
  return { source: f.source.trim(), off, work: (f.work ?? []).map((d) => d.format(D)) };
}

export default function HolidaysPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<YearForm>();
  const [editing, setEditing] = useState<number | null>(null);
  const save = useSubmit();
  const q = useQuery({ queryKey: ['holidays'], queryFn: () => api.get<Listing>('/api/holidays') });

  const edit = (y: HolidayYearView | { year: number }) => {
    form.setFieldsValue(toForm(y));
    setEditing(y.year);
  };
  const onFinish = (f: YearForm) =>
    save.run(async () => {
      await api.put(`/api/holidays/${f.year}`, toBody(f));
      await qc.invalidateQueries({ queryKey: ['holidays'] });
      message.success(`${f.year}年放假安排已保存，下次预警计算时生效`);
      setEditing(null);
    });
  const remove = (year: number) =>
    save.run(async () => {
      await api.del(`/api/holidays/${year}`);
      await qc.invalidateQueries({ queryKey: ['holidays'] });
      message.success(`已删除县里录入的${year}年放假安排`);
    });

  if (q.isPending) return <PageLoading />;
  if (q.error)
    return (
      <>
        <PageTitle title="节假日安排" />
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const { lastKnownYear, years } = q.data;
  const next = lastKnownYear + 1;
  return (
    <>
      <PageTitle
        title="节假日安排"
        sub="按工作日计算的期限（如函询回复15个工作日）使用这里的放假日和调休上班日。修改将记入审计日志。"
        extra={
          editing === null ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => edit({ year: next })}>
              录入{next}年放假安排
            </Button>
          ) : null
        }
      />
      <Alert
        showIcon
        type={lastKnownYear <= dayjs().year() ? 'warning' : 'info'}
        style={{ marginBottom: 16, maxWidth: 960 }}
        message={`已知放假安排至${lastKnownYear}年`}
        description={`${lastKnownYear}年以后的工作日期限只能按周一至周五计算，相关预警会注明“节假日安排未录入，按工作日估算”。国务院办公厅公布${next}年部分节假日安排后，请在此录入。`}
      />
      {save.error ? <Alert type="error" showIcon message={save.error} style={{ marginBottom: 16, maxWidth: 960 }} /> : null}
      {editing !== null ? (
        <Card title={`${editing}年放假安排`} style={{ maxWidth: 960, marginBottom: 16 }}>
          <Form<YearForm> form={form} layout="vertical" onFinish={onFinish}>
            <Space wrap align="start" size={16}>
              <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
                <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} onChange={(v) => typeof v === 'number' && setEditing(v)} />
              </Form.Item>
              <Form.Item name="source" label="依据" style={{ minWidth: 480 }} rules={[{ required: true, min: 2, message: '请填写依据（通知名称及文号）' }]}>
                <Input placeholder="国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕…号）" />
              </Form.Item>
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              放假日：每个假期选起止日期（含假期中的周末）。
            </Typography.Paragraph>
            <Form.List name="spans">
              {(fields, { add, remove: drop }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: '请选择放假起止日期' }]}>
                        <DatePicker.RangePicker aria-label="放假起止日期" />
                      </Form.Item>
                      {fields.length > 1 ? <MinusCircleOutlined aria-label="删除此假期" onClick={() => drop(f.name)} /> : null}
                    </Space>
                  ))}
                  <Form.Item>
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      添加假期
                    </Button>
                  </Form.Item>
                </>
              )}
            </Form.List>
            <Form.Item name="work" label="调休上班日（周六或周日）" extra="按通知列出的调休上班的周末，可选多天。">
              <DatePicker multiple style={{ minWidth: 320 }} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.busy}>
                保存
              </Button>
              <Button onClick={() => setEditing(null)}>取消</Button>
            </Space>
          </Form>
        </Card>
      ) : null}
      <Card style={{ maxWidth: 960 }}>
        <Table<HolidayYearView>
          rowKey="year"
          size="middle"
          pagination={false}
          dataSource={[...years].reverse()}
          columns={[
            { title: '年份', dataIndex: 'year', width: 80 },
            {
              title: '放假日',
              render: (_: unknown, y) => (
                <>
                  <div>{spansText(y.year, y.off)}</div>
                  <Typography.Text type="secondary">{y.source}</Typography.Text>
                </>
              ),
            },
            { title: '调休上班日', width: 200, render: (_: unknown, y) => (y.work.length ? y.work.map((d) => dayjs(d).format('M月D日')).join('，') : '无') },
            { title: '来源', width: 110, render: (_: unknown, y) => (y.entered ? <Tag color="blue">县里录入</Tag> : <Tag>系统内置</Tag>) },
            {
              title: '操作',
              width: 130,
              render: (_: unknown, y) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => edit(y)}>
                    {y.entered ? '修改' : '更正'}
                  </Button>
                  {y.entered ? (
                    <Popconfirm
                      title={`删除县里录入的${y.year}年放假安排？`}
                      description={y.builtIn ? '将恢复使用系统内置安排。' : '该年的期限将按工作日估算。'}
                      onConfirm={() => remove(y.year)}
                      okText="删除"
                      cancelText="取消"
                    >
                      <Button size="small" type="link" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
