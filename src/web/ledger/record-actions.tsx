/** Workflow transitions (with the fields they ask for and a note) and delete-with-reason. */
import { useMemo, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { api, errorText } from '../api.ts';
import { kitFor, isBlank } from '../fields/index.tsx';
import { rulesFor } from '../fields/rules.ts';
import type { FieldValues, LedgerClientConfig, RecordDetail, TransitionOption } from '../types.ts';
import { fieldOf } from './common.tsx';
import { applyServerErrors } from './record-form.tsx';

interface TransitionProps {
  ledger: LedgerClientConfig;
  record: RecordDetail;
  transition: TransitionOption | null;
  onClose(): void;
  onDone(): void;
}

export function TransitionModal({ ledger, record, transition, onClose, onDone }: TransitionProps) {
  const [form] = Form.useForm<FieldValues & { __note?: string }>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const fields = useMemo(
    () => (transition?.fields ?? []).map((k) => fieldOf(ledger, k)).filter((f): f is NonNullable<typeof f> => Boolean(f)),
    [ledger, transition],
  );
  const initial = useMemo(() => {
    const v: FieldValues = {};
    for (const f of fields) {
      const cur = record.fields[f.key];
      v[f.key] = !isBlank(cur) ? cur : f.kind === 'date' ? dayjs().format('YYYY-MM-DD') : undefined;
    }
    return v;
  }, [fields, record]);

  async function submit() {
    const values = await form.validateFields();
    setBusy(true);
    setErrors([]);
    const out: FieldValues = {};
    for (const f of fields) if (!isBlank(values[f.key])) out[f.key] = values[f.key];
    try {
      await api.post(`/api/records/${record.id}/transitions`, { to: transition!.to, note: values.__note?.trim() || undefined, fields: out });
      onDone();
    } catch (e) {
      setErrors(applyServerErrors(form, e, new Set(fields.map((f) => f.key))));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={Boolean(transition)}
      title={transition?.label}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {errors.length ? <Alert type="error" showIcon message={errors.join('；')} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        {fields.map((f) => {
          const { Input: FieldInput } = kitFor(f);
          return (
            <Form.Item key={f.key} name={f.key} label={f.label} rules={rulesFor(f)} extra={f.help}>
              <FieldInput field={f} />
            </Form.Item>
          );
        })}
        <Form.Item name="__note" label="说明">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder="可填写办理情况、依据等（选填）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DeleteModal({ open, record, onClose, onDone }: { open: boolean; record: RecordDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.del(`/api/records/${record.id}`, { reason: reason.trim() });
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title="删除记录"
      okText="删除"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>将删除“{record.title}”。删除后不再计入统计，但会保留在系统中，可随时恢复；删除操作记入审计日志。</p>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="删除原因" rules={[{ required: true, whitespace: true, message: '请填写删除原因' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder="例如：重复登记、录入错误" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
