/** Org dialogs: edit name and profile, add a child org, create a town from the division codes. */
import { useEffect, useState } from 'react';
import { Alert, Cascader, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ORG_KIND_LABELS, type OrgKind } from '../../../../shared/roles.ts';
import { api, errorText } from '../../../api.ts';
import type { Division, Org } from '../../../types.ts';
import { CHILD_KINDS, FROM_CODES, PROFILE_FIELDS } from './profile.ts';

interface DialogProps {
  org: Org | null;
  onClose(): void;
  onDone(message: string): void;
}

function useSubmit(onDone: (m: string) => void) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(fn: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      const msg = await fn();
      await qc.invalidateQueries({ queryKey: ['orgs'] });
      onDone(msg);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

export function EditOrgDialog({ org, onClose, onDone }: DialogProps) {
  const [form] = Form.useForm<Record<string, string>>();
  const { busy, error, run } = useSubmit(onDone);
  if (!org) return null;
  const fields = PROFILE_FIELDS.filter((p) => !p.kinds || p.kinds.includes(org.kind));
  const initial: Record<string, string> = { name: org.name };
  for (const p of fields) if (org.profile?.[p.key] != null) initial[p.key] = String(org.profile[p.key]);
  const submit = async () => {
    const v = await form.validateFields();
    const profile: Record<string, unknown> = { ...(org.profile ?? {}) };
    for (const p of fields) {
      const s = v[p.key]?.trim();
      if (s) profile[p.key] = s;
      else delete profile[p.key];
    }
    await run(async () => {
      await api.patch(`/api/orgs/${encodeURIComponent(org.code)}`, { name: v.name.trim(), profile });
      return '已保存';
    });
  };
  return (
    <Modal
      open
      title={`编辑：${org.name}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        {fields.map((p) => (
          <Form.Item key={p.key} name={p.key} label={p.label} extra={p.help}>
            <Input maxLength={100} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

export function AddChildDialog({ org, onClose, onDone }: DialogProps) {
  const [form] = Form.useForm<{ code: string; name: string; kind: OrgKind }>();
  const { busy, error, run } = useSubmit(onDone);
  if (!org) return null;
  const kinds = CHILD_KINDS[org.kind].filter((k) => !FROM_CODES.includes(k));
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await api.post('/api/orgs', { code: v.code.trim(), name: v.name.trim(), kind: v.kind, parent: org.code });
      return `已新增 ${v.name}`;
    });
  };
  return (
    <Modal
      open
      title={`在“${org.name}”下新增`}
      okText="新增"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: kinds[0], code: `${org.code}-` }} preserve={false}>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={kinds.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={100} placeholder="如：东湖村第一党小组" />
        </Form.Item>
        <Form.Item
          name="code"
          label="组织代码"
          extra="唯一编号，只能包含字母、数字、下划线和横线，建立后不能修改"
          rules={[
            { required: true, message: '请填写组织代码' },
            { pattern: /^[A-Za-z0-9_-]+$/, message: '组织代码只能包含字母、数字、下划线和横线' },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CascaderOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: CascaderOption[];
  loading?: boolean;
}

const toOptions = (ds: Division[], level: number, leafLevel: number): CascaderOption[] =>
  ds.map((d) => ({ value: d.code, label: d.name, isLeaf: level >= leafLevel }));

/** The division cascader's options, loaded level by level from /api/divisions down to `leafLevel` (0 province … 3 town). */
function useDivisionOptions(open: boolean, leafLevel: number) {
  const [options, setOptions] = useState<CascaderOption[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const needsProvinces = open && !options.length && !loadError;
  useEffect(() => {
    if (!needsProvinces) return;
    let live = true;
    api.get<Division[]>('/api/divisions').then(
      (ds) => live && setOptions(toOptions(ds, 0, leafLevel)),
      (e) => live && setLoadError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [needsProvinces, leafLevel]);

  const loadData = async (selected: CascaderOption[]) => {
    const target = selected[selected.length - 1];
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      const ds = await api.get<Division[]>('/api/divisions', { parent: target.value });
      target.children = toOptions(ds, selected.length, leafLevel);
      if (!ds.length) target.isLeaf = true;
    } catch (e) {
      setLoadError(errorText(e));
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };
  return { options, loadError, loadData };
}

export function DivisionTownDialog({ open, counties, onClose, onDone }: { open: boolean; counties: Org[]; onClose(): void; onDone(m: string): void }) {
  const { options, loadError, loadData } = useDivisionOptions(open, 3);
  const [path, setPath] = useState<string[]>([]);
  const [parent, setParent] = useState<string | undefined>(counties[0]?.code);
  const { busy, error, run } = useSubmit(onDone);

  const townCode = path.length === 4 ? path[3] : undefined;
  const submit = () =>
    run(async () => {
      const r = await api.post<{ town?: { name: string }; villages?: number }>('/api/divisions/towns', { townCode, parent });
      return r.town ? `已建立${r.town.name}及所属 ${r.villages ?? 0} 个村（社区）` : '已建立';
    });

  return (
    <Modal
      open={open}
      title="按区划代码建镇"
      okText="建立"
      cancelText="取消"
      okButtonProps={{ disabled: !townCode || !parent }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p style={{ color: '#666' }}>按国家统计用区划代码（2023）建立乡镇，并自动建立其下所有村（社区）。</p>
      {loadError || error ? <Alert type="error" showIcon message={loadError ?? error} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical">
        <Form.Item label="省 / 市 / 县 / 乡镇" required>
          <Cascader<CascaderOption>
            options={options}
            loadData={(s) => void loadData(s)}
            changeOnSelect={false}
            value={path}
            onChange={(v) => setPath((v ?? []).map(String))}
            placeholder="逐级选择到乡镇"
            showSearch={false}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item label="上级（县）" required>
          <Select value={parent} onChange={setParent} options={counties.map((c) => ({ value: c.code, label: c.name }))} placeholder="请选择县级组织" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const LEVEL_OF_LENGTH: Record<number, { kind: OrgKind; parent: OrgKind }> = { 4: { kind: 'city', parent: 'province' }, 6: { kind: 'county', parent: 'city' } };

/**
 * 按区划代码建市、县: one step creates the chosen city or county, under a province or city org,
 * with every county, town and village (community) of the official codes below it
 * (POST /api/divisions/onboard; a root province or city is `luoshi init --division`).
 */
export function DivisionOnboardDialog({ open, orgs, onClose, onDone }: { open: boolean; orgs: Org[]; onClose(): void; onDone(m: string): void }) {
  const { options, loadError, loadData } = useDivisionOptions(open, 2);
  const [path, setPath] = useState<string[]>([]);
  const [parent, setParent] = useState<string | undefined>();
  const { busy, error, run } = useSubmit(onDone);
  const code = path[path.length - 1];
  const level = code ? LEVEL_OF_LENGTH[code.length] : undefined;
  const parents = level ? orgs.filter((o) => o.kind === level.parent) : [];
  const chosenParent = parents.some((p) => p.code === parent) ? parent : parents.length === 1 ? parents[0].code : undefined;
  const ready = Boolean(level && chosenParent);
  const submit = () =>
    run(async () => {
      const r = await api.post<{ org: { name: string }; counties: number; towns: number; villages: number }>('/api/divisions/onboard', {
        code,
        parent: chosenParent,
      });
      return `已建立${r.org.name}：${r.counties} 个县（区）、${r.towns} 个乡镇（街道）、${r.villages} 个村（社区）`;
    });
  return (
    <Modal
      open={open}
      title="按区划代码建市、县"
      okText="建立"
      cancelText="取消"
      okButtonProps={{ disabled: !ready }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p style={{ color: '#666' }}>
        按国家统计用区划代码（2023）一次建立所选的市或县，以及其下全部县（区）、乡镇（街道）和村（社区）。市级、省级审核账号在“账号”中建立。
      </p>
      {loadError || error ? <Alert type="error" showIcon message={loadError ?? error} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical">
        <Form.Item label="省 / 市 / 县" required extra={level ? `将建立${ORG_KIND_LABELS[level.kind]}级组织及其下全部组织` : '选到市或县'}>
          <Cascader<CascaderOption>
            options={options}
            loadData={(s) => void loadData(s)}
            changeOnSelect
            value={path}
            onChange={(v) => setPath((v ?? []).map(String))}
            placeholder="逐级选择"
            showSearch={false}
            style={{ width: '100%' }}
          />
        </Form.Item>
        {level ? (
          <Form.Item
            label={`上级（${ORG_KIND_LABELS[level.parent]}）`}
            required
            extra={!parents.length ? `您的管理范围内没有${ORG_KIND_LABELS[level.parent]}级组织` : undefined}
          >
            <Select
              value={chosenParent}
              onChange={setParent}
              options={parents.map((c) => ({ value: c.code, label: c.name }))}
              placeholder={`请选择${ORG_KIND_LABELS[level.parent]}级组织`}
              disabled={!parents.length}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
