/**
 * The report preview: the server's escaped HTML, where every number is a link; clicking one
 * opens a drawer with the records behind it (live for a draft, the frozen ids of a version).
 */
import { useState, type MouseEvent } from 'react';
import { Alert, Drawer, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useLedgers } from '../../ledgers.ts';
import { StatusTag } from '../../ledger/common.tsx';
import { ErrorState } from '../../components/states.tsx';
import { usePhone } from '../../components/use-media.ts';
import type { RecordItem } from '../../types.ts';
import { REPORT_CSS } from '../../../report/render/html.ts';
import type { Evidence } from './api.ts';

export interface EvidenceSource {
  org: string;
  period: string;
  /** Set for a submitted version: the records frozen with it. */
  frozen?: { reportId: number; version: number };
}

interface Target {
  metric: string;
  shown: string;
  label: string;
}

export function ReportPreview({ html, source }: { html: string; source: EvidenceSource }) {
  const [target, setTarget] = useState<Target | null>(null);
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as HTMLElement).closest('a[data-metric]');
    if (!a) return;
    e.preventDefault();
    setTarget({ metric: a.getAttribute('data-metric') ?? '', shown: a.textContent ?? '', label: (a.getAttribute('title') ?? '').replace(/：.*$/, '') });
  };
  return (
    <>
      <style>{REPORT_CSS}</style>
      <div className="ls-report-frame" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
      <EvidenceDrawer target={target} source={source} onClose={() => setTarget(null)} />
    </>
  );
}

function EvidenceDrawer({ target, source, onClose }: { target: Target | null; source: EvidenceSource; onClose(): void }) {
  const phone = usePhone();
  const ledgers = useLedgers();
  const byKey = new Map((ledgers.data ?? []).map((l) => [l.key, l]));
  const f = source.frozen;
  const q = useQuery({
    queryKey: ['report-evidence', target?.metric, source.org, source.period, f?.reportId, f?.version],
    queryFn: () =>
      f
        ? api.get<Evidence>(`/api/reports/${f.reportId}/versions/${f.version}/records`, { metric: target!.metric })
        : api.get<Evidence>(`/api/metrics/${encodeURIComponent(target!.metric)}/records`, { org: source.org, period: source.period }),
    enabled: Boolean(target),
  });
  const d = q.data;
  return (
    <Drawer open={Boolean(target)} onClose={onClose} width={phone ? '100%' : 560} title={target ? `数字来源：${target.label || target.metric}` : ''} destroyOnHidden>
      {target ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Typography.Text type="secondary">
            报告中写作 <b style={{ color: '#c0392b' }}>{target.shown}</b> · 指标 {target.metric}
            {f ? ` · 第 ${f.version} 版提交时的记录` : ' · 按当前台账实时计算'}
          </Typography.Text>
          {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
          {d && d.total === 0 ? <Alert type="info" showIcon message="该数字不是逐条计数得出（如分母为 0 的比率、按组织统计的个数），或本期没有相关记录。" /> : null}
          {d && d.hidden > 0 ? <Alert type="warning" showIcon message={`另有 ${d.hidden} 条记录属于涉密台账或已删除，您的角色无权查看明细。`} /> : null}
          {d && d.total > d.items.length + d.hidden ? <Alert type="info" showIcon message={`共 ${d.total} 条，仅列出前 ${d.items.length + d.hidden} 条。`} /> : null}
          <List<RecordItem>
            loading={q.isPending}
            dataSource={d?.items ?? []}
            locale={{ emptyText: q.isPending ? '正在加载…' : '没有可查看的记录' }}
            renderItem={(r) => {
              const l = byKey.get(r.ledger);
              return (
                <List.Item style={{ paddingInline: 0 }}>
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Link to={`/records/${r.id}`} style={{ fontWeight: 500 }}>{r.title || `记录 ${r.id}`}</Link>
                    <div style={{ marginTop: 4, color: '#888', fontSize: 12, display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                      <Tag>{l?.label ?? r.ledger}</Tag>
                      <span>{r.orgName}</span>
                      {l ? <StatusTag ledger={l} status={r.status} overdue={r.overdue} dueOn={r.dueOn} /> : null}
                    </div>
                  </div>
                </List.Item>
              );
            }}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}
