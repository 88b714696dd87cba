/** The create/edit form of any ledger, built from its fields; server-side errors land on the fields. */
import { useMemo, useState } from 'react';
import { Alert, Button, Col, Form, Row, Space, TreeSelect, type FormInstance } from 'antd';
import type { FieldDecl } from '../../ledger/types.ts';
import { api, ApiError, errorText } from '../api.ts';
import { kitFor, isBlank, isMasked } from '../fields/index.tsx';
import { defaultsFor, rulesFor } from '../fields/rules.ts';
import { subtreeOf, useCurrentOrg } from '../org.tsx';
import type { FieldValues, LedgerClientConfig, RecordDetail, RecordItem } from '../types.ts';
import { formFieldsOf } from './common.tsx';

const ORG_KEY = '__org';

interface Props {
  ledger: LedgerClientConfig;
  /** The record being edited; absent for a new record. */
  record?: RecordDetail;
  onSaved(r: RecordItem): void;
  onCancel(): void;
}

export function wideField(f: FieldDecl): boolean {
  return f.kind === 'longText' || f.kind === 'list' || f.kind === 'files';
}

/** Map a server error's details onto form fields; returns the messages that fit no field. */

export function applyServerErrors(form: FormInstance<any>, e: unknown, known: Set<string>): string[] {
  if (!(e instanceof ApiError) || !e.details.length) return [errorText(e)];
  const rest: string[] = [];
  const fields: { name: string; errors: string[] }[] = [];
  for (const d of e.details) {
    const name = String(d.field ?? '').replace(/^(body\.)?fields\./, '');
    if (known.has(name)) fields.push({ name, errors: [d.message] });
    else if (name === 'org') fields.push({ name: ORG_KEY, errors: [d.message] });
    else rest.push(d.field ? `${d.field}：${d.message}` : d.message);
  }
  form.setFields(fields);
  if (fields.length) form.scrollToField(fields[0].name, { block: 'center' });
  return rest.length || !fields.length ? [e.message, ...rest] : [];
}

export function RecordForm({ ledger, record, onSaved, onCancel }: Props) {
  const [form] = Form.useForm<FieldValues>();
  const { current, tree, orgs } = useCurrentOrg();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const fields = useMemo(() => formFieldsOf(ledger), [ledger]);
  const known = useMemo(() => new Set(fields.map((f) => f.key)), [fields]);
  const masked = useMemo(() => new Set(record ? fields.filter((f) => isMasked(record.fields[f.key])).map((f) => f.key) : []), [record, fields]);

  const initialValues = useMemo<FieldValues>(() => {
    if (!record) {
      const v: FieldValues = { ...defaultsFor(ledger), [ORG_KEY]: current };
      // An org field with a single possible answer under the current org (a village's own branch) is filled in.
      const mine = subtreeOf(orgs, current);
      for (const f of fields) {
        if (f.kind !== 'org' || v[f.key] !== undefined) continue;
        const fits = mine.filter((o) => !f.orgKinds || f.orgKinds.includes(o.kind));
        if (fits.length === 1) v[f.key] = fits[0].code;
      }
      return v;
    }
    const v: FieldValues = {};
    for (const f of fields) if (!masked.has(f.key)) v[f.key] = record.fields[f.key];
    return v;
  }, [record, ledger, fields, masked, current, orgs]);

  async function onFinish(values: FieldValues) {
    setBusy(true);
    setErrors([]);
    const out: FieldValues = {};
    for (const f of fields) {
      const v = values[f.key];
      if (f.kind === 'files') continue;
      if (record) {
        if (masked.has(f.key) && isBlank(v)) continue; // unchanged secret
        if (JSON.stringify(v ?? null) !== JSON.stringify(record.fields[f.key] ?? null)) out[f.key] = isBlank(v) ? null : v;
      } else if (!isBlank(v)) {
        out[f.key] = typeof v === 'string' ? v.trim() : v;
      }
    }
    try {
      const saved = record
        ? await api.patch<RecordItem>(`/api/records/${record.id}`, { fields: out, version: record.version })
        : await api.post<RecordItem>(`/api/ledgers/${ledger.key}/records`, { org: values[ORG_KEY], fields: out });
      onSaved(saved);
    } catch (e) {
      setErrors(applyServerErrors(form, e, known));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<FieldValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
      scrollToFirstError={false}
    >
      {errors.length ? (
        <Alert type="error" showIcon message={errors[0]} description={errors.slice(1).join('；') || undefined} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={16}>
        {!record ? (
          <Col xs={24} md={12}>
            <Form.Item
              name={ORG_KEY}
              label="所属组织"
              rules={[{ required: true, message: '请选择所属组织' }]}
              extra="记录登记在哪个单位名下（默认为页面顶部选择的组织）"
            >
              <TreeSelect treeData={tree} showSearch treeNodeFilterProp="title" treeDefaultExpandedKeys={[current]} placeholder="请选择组织" />
            </Form.Item>
          </Col>
        ) : null}
        {fields.map((f) => {
          const { Input } = kitFor(f);
          const secret = masked.has(f.key);
          return (
            <Col key={f.key} xs={24} md={wideField(f) ? 24 : 12}>
              <Form.Item
                name={f.key}
                label={f.label}
                required={f.required && !secret}
                rules={secret ? rulesFor({ ...f, required: false }) : rulesFor(f)}
                extra={secret ? '已填写（出于保密不显示）；不修改请留空。' : f.help}
              >
                <Input field={f} />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
      <div className="ls-form-actions">
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {record ? '保存修改' : '保存'}
          </Button>
          <Button onClick={onCancel} disabled={busy}>
            取消
          </Button>
        </Space>
      </div>
    </Form>
  );
}
