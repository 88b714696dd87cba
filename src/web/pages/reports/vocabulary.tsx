/** What a template may name: the catalog's metrics (with this quarter's values) and variables; click to insert. */
import { useMemo, useState } from 'react';
import { Collapse, Input, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { ErrorState } from '../../components/states.tsx';
import { LINE_LABELS, type Line } from '../../../shared/roles.ts';
import type { MetricEntry, TemplateVocabulary } from './api.ts';

const snippet = (m: MetricEntry) => (m.format === 'pct' ? `{{${m.id} | pct}}％` : `{{${m.id}}}`);

export function Vocabulary({ org, period, onInsert }: { org: string; period: string; onInsert(text: string): void }) {
  const [q, setQ] = useState('');
  const v = useQuery({ queryKey: ['template-vocabulary', org, period], queryFn: () => api.get<TemplateVocabulary>('/api/templates/metrics', { org, period }) });
  const groups = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hit = (m: MetricEntry) => !needle || m.label.includes(q.trim()) || m.id.toLowerCase().includes(needle);
    const out = new Map<string, MetricEntry[]>();
    for (const m of v.data?.metrics ?? []) if (hit(m)) (out.get(m.line) ?? out.set(m.line, []).get(m.line)!).push(m);
    return [...out.entries()];
  }, [v.data, q]);
  if (v.error) return <ErrorState error={v.error} onRetry={() => void v.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search allowClear placeholder="搜索指标名称或编号" value={q} onChange={(e) => setQ(e.target.value)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        点击插入到光标处。格式：{(v.data?.filters ?? []).map((f) => `${f.name}（${f.label}）`).join('；')}
      </Typography.Text>
      <Collapse
        size="small"
        defaultActiveKey={['vars']}
        items={[
          {
            key: 'vars',
            label: '变量（组织档案与报告期）',
            children: (
              <List
                size="small"
                loading={v.isPending}
                dataSource={v.data?.variables ?? []}
                renderItem={(x) => (
                  <List.Item style={{ cursor: 'pointer', paddingInline: 0 }} onClick={() => onInsert(`{{${x.name}}}`)}>
                    <Space wrap size={4}>
                      <code>{x.name}</code>
                      <span style={{ color: '#888' }}>{x.label}</span>
                      <Tag>{x.value === null || x.value === '' ? '（未填写）' : String(x.value)}</Tag>
                    </Space>
                  </List.Item>
                )}
              />
            ),
          },
          ...groups.map(([line, ms]) => ({
            key: line,
            label: `${LINE_LABELS[line as Line] ?? line}（${ms.length}）`,
            children: (
              <List
                size="small"
                dataSource={ms}
                renderItem={(m) => (
                  <List.Item style={{ cursor: 'pointer', paddingInline: 0 }} onClick={() => onInsert(snippet(m))}>
                    <div style={{ minWidth: 0 }}>
                      <Space wrap size={4}>
                        <span>{m.label}</span>
                        <Tag color={m.value === null ? 'default' : 'red'}>{m.value === null ? '空' : `${m.text}${m.unit === '％' ? '％' : m.unit}`}</Tag>
                      </Space>
                      <div>
                        <code style={{ fontSize: 12, color: '#666', wordBreak: 'break-all' }}>{m.id}</code>
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            ),
          })),
        ]}
      />
    </Space>
  );
}
