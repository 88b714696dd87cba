/** The reviewer's indicator editor: the county's indicators, add/edit/delete, and the veto rule. */
import { useState } from 'react';
import { App, Button, Card, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../api.ts';
import { LINE_LABELS } from '../../../shared/roles.ts';
import { COMPARATOR_LABELS, SCORING_LABELS, VETO_MODES, VETO_MODE_LABELS } from '../../../shared/assess.ts';
import type { AssessSettings, Indicator, VetoMode } from '../../../assess/types.ts';
import { ErrorState } from '../../components/states.tsx';
import { IndicatorForm, type MetricOption } from './indicator-form.tsx';
import { num, pct, periodLabel } from './format.ts';

export interface IndicatorList {
  county: { code: string; name: string };
  items: Indicator[];
  settings: AssessSettings;
  canEdit: boolean;
  metrics: MetricOption[];
}

export function useIndicators(county: string | undefined) {
  return useQuery({ queryKey: ['indicators', county], queryFn: () => api.get<IndicatorList>('/api/indicators', { org: county }), enabled: Boolean(county) });
}

export function IndicatorEditor({ county, periods }: { county: string; periods: string[] }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useIndicators(county);
  const [editing, setEditing] = useState<Indicator | null>(null);
  const [open, setOpen] = useState(false);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['indicators'] }), qc.invalidateQueries({ queryKey: ['assessment'] })]);
  const remove = useMutation({
    mutationFn: (id: number) => api.del(`/api/indicators/${id}`),
    onSuccess: () => {
      message.success('指标已删除');
      void refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const veto = useMutation({
    mutationFn: (vetoMode: VetoMode) => api.put<AssessSettings>('/api/indicators/settings', { org: county, vetoMode }),
    onSuccess: () => {
      message.success('已保存');
      void refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const metricOf = new Map((d?.metrics ?? []).map((m) => [m.id, m]));
  const target = (i: Indicator) => (metricOf.get(i.metric)?.unit === '％' ? pct(i.target) : `${num(i.target)}${i.perQuarter ? ' / 季度' : ''}`);
  const total = (d?.items ?? []).filter((i) => i.period === '*').reduce((s, i) => s + i.weight, 0);

  const columns: ColumnsType<Indicator> = [
    { key: 'line', title: '条线', width: 84, render: (_, i) => LINE_LABELS[i.line] },
    {
      key: 'name',
      title: '指标',
      render: (_, i) => (
        <div>
          {i.name} {i.veto ? <Tag color="red">一票否决</Tag> : null}
          <div style={{ color: '#888', fontSize: 12 }}>{metricOf.get(i.metric)?.label ?? i.metric}</div>
        </div>
      ),
    },
    { key: 'target', title: '目标', width: 120, render: (_, i) => `${COMPARATOR_LABELS[i.comparator]} ${target(i)}` },
    { key: 'weight', title: '分值', width: 64, align: 'right', render: (_, i) => num(i.weight) },
    { key: 'scoring', title: '计分', width: 120, render: (_, i) => SCORING_LABELS[i.scoring] },
    { key: 'period', title: '适用期间', width: 120, render: (_, i) => (i.period === '*' ? '每个季度' : periodLabel(i.period)) },
    ...(d?.canEdit
      ? [
          {
            key: 'ops',
            title: '操作',
            width: 112,
            fixed: 'right' as const,
            render: (_: unknown, i: Indicator) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => (setEditing(i), setOpen(true))}>
                  修改
                </Button>
                <Popconfirm
                  title={`删除指标“${i.name}”？`}
                  description="删除后各镇的考核得分将重新计算。"
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(i.id)}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={`${d?.county.name ?? ''}考核指标`}
      extra={
        d?.canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => (setEditing(null), setOpen(true))}>
            新增指标
          </Button>
        ) : null
      }
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          共 {d?.items.length ?? 0} 项，每季度适用的指标合计 {num(total)} 分。指标值由各镇台账自动计算，比率按 0–100% 计。
        </Typography.Text>
        {d ? (
          <Space wrap>
            <span>一票否决项未达标时：</span>
            <Radio.Group
              value={d.settings.vetoMode}
              disabled={!d.canEdit || veto.isPending}
              onChange={(e) => veto.mutate(e.target.value as VetoMode)}
              options={VETO_MODES.map((m) => ({ value: m, label: VETO_MODE_LABELS[m] }))}
            />
          </Space>
        ) : null}
        <Table<Indicator> size="small" rowKey="id" loading={q.isPending} columns={columns} dataSource={d?.items ?? []} pagination={false} scroll={{ x: 760 }} />
      </Space>
      <IndicatorForm
        open={open}
        county={county}
        editing={editing}
        metrics={d?.metrics ?? []}
        periods={periods}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          void refresh();
        }}
      />
    </Card>
  );
}
