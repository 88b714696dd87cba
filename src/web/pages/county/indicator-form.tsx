/** The add/edit dialog of an indicator. Rate targets are entered as percentages. */
import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, errorText } from '../../api.ts';
import { LINE_LABELS } from '../../../shared/roles.ts';
import { ASSESS_LINES, COMPARATORS, COMPARATOR_LABELS, SCORINGS, SCORING_LABELS } from '../../../shared/assess.ts';
import type { Indicator, IndicatorDef } from '../../../assess/types.ts';
import { periodLabel } from './format.ts';

export interface MetricOption {
  id: string;
  label: string;
  unit: string;
  line: string;
}

interface Values extends Omit<IndicatorDef, 'target'> {
  target: number;
  period: string;
}

interface Props {
  open: boolean;
  county: string;
  editing: Indicator | null;
  metrics: MetricOption[];
  periods: string[];
  onClose(): void;
  onSaved(): void;
}

export function IndicatorForm({ open, county, editing, metrics, periods, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const metricId = Form.useWatch('metric', form);
  const isRate = metrics.find((m) => m.id === metricId)?.unit === '％';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const base = editing ?? { line: 'discipline', comparator: '>=', scoring: 'linear', veto: false, perQuarter: false, period: '*', weight: 5 };
    const rate = editing && metrics.find((m) => m.id === editing.metric)?.unit === '％';
    form.setFieldsValue({ ...base, target: editing ? (rate ? Math.round(editing.target * 10000) / 100 : editing.target) : undefined } as Values);
  }, [open, editing, form, metrics]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = { ...v, target: isRate ? v.target / 100 : v.target, perQuarter: isRate ? false : v.perQuarter, note: v.note || null };
      return editing ? api.patch<Indicator>(`/api/indicators/${editing.id}`, body) : api.post<Indicator>('/api/indicators', { ...body, org: county });
    },
    onSuccess: () => {
      message.success(editing ? '指标已修改' : '指标已新增');
      onSaved();
    },
    onError: (e) => message.error(errorText(e)),
  });

  const byLine = ASSESS_LINES.map((l) => ({
    label: LINE_LABELS[l],
    options: metrics.filter((m) => m.line === l).map((m) => ({ value: m.id, label: `${m.label}（${m.unit === '％' ? '比率' : m.unit}）` })),
  }));

  return (
    <Modal
      open={open}
      title={editing ? `修改指标：${editing.name}` : '新增考核指标'}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate(v))
          .catch(() => undefined)
      }
      destroyOnHidden
      width={600}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="name"
          label="指标名称"
          rules={[
            { required: true, whitespace: true, message: '请填写指标名称' },
            { max: 60, message: '不超过 60 字' },
          ]}
        >
          <Input placeholder="如：巡察整改完成率" />
        </Form.Item>
        <Form.Item name="line" label="条线（考核部门）" rules={[{ required: true, message: '请选择条线' }]}>
          <Radio.Group optionType="button" options={ASSESS_LINES.map((l) => ({ value: l, label: LINE_LABELS[l] }))} />
        </Form.Item>
        <Form.Item name="metric" label="统计口径（从台账自动计算）" rules={[{ required: true, message: '请选择统计口径' }]}>
          <Select showSearch optionFilterProp="label" options={byLine} placeholder="搜索指标口径" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="comparator" label="比较" rules={[{ required: true }]} style={{ width: 96 }}>
            <Select options={COMPARATORS.map((c) => ({ value: c, label: COMPARATOR_LABELS[c] }))} />
          </Form.Item>
          <Form.Item
            name="target"
            label={isRate ? '目标（%）' : '目标值'}
            rules={[
              { required: true, message: '请填写目标值' },
              { type: 'number', min: 0, max: isRate ? 100 : undefined, message: isRate ? '比率目标在 0–100% 之间' : '不能为负数' },
            ]}
            style={{ width: 140 }}
          >
            <InputNumber style={{ width: '100%' }} min={0} max={isRate ? 100 : undefined} addonAfter={isRate ? '%' : undefined} />
          </Form.Item>
          <Form.Item
            name="weight"
            label="分值"
            rules={[
              { required: true, message: '请填写分值' },
              { type: 'number', min: 0.5, max: 100, message: '0.5–100 分' },
            ]}
            style={{ width: 120 }}
          >
            <InputNumber style={{ width: '100%' }} min={0.5} max={100} step={0.5} />
          </Form.Item>
        </div>
        <Form.Item name="scoring" label="计分方式" rules={[{ required: true }]} extra="按比例：≥ 时得 分值×实际/目标，≤ 时得 分值×目标/实际，最高为满分。">
          <Radio.Group options={SCORINGS.map((s) => ({ value: s, label: SCORING_LABELS[s] }))} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
          <Form.Item name="perQuarter" label="按季度累计目标" valuePropName="checked" extra={isRate ? '比率指标不适用' : '每季度目标 × 季度数（今年以来累计）'}>
            <Switch disabled={isRate} />
          </Form.Item>
          <Form.Item name="veto" label="一票否决" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="period" label="适用期间" style={{ minWidth: 180 }}>
            <Select options={[{ value: '*', label: '每个季度' }, ...periods.map((p) => ({ value: p, label: `仅${periodLabel(p)}` }))]} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="说明" rules={[{ max: 300, message: '不超过 300 字' }]}>
          <Input.TextArea rows={2} placeholder="考核口径、评分细则等（选填）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
