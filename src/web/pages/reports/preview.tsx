/**
 * The report preview: the server's escaped HTML, where every number is a link; clicking one
 * opens a drawer with the records behind it (live for a draft, the frozen ids of a version).
 */
import { useState, type MouseEvent } from 'react';
import { Drawer, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { EvidenceList } from '../../components/evidence-list.tsx';
import { usePhone } from '../../components/use-media.ts';
import { REPORT_CSS } from '../../../shared/report-css.ts';
import type { Evidence } from './api.ts';

export interface EvidenceSource {
  org: string;
  period: string;
  /** Set for a submitted version: the records frozen with it. */
  frozen?: { reportId: number; version: number };
}

export interface Target {
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

export function EvidenceDrawer({ target, source, onClose }: { target: Target | null; source: EvidenceSource; onClose(): void }) {
  const phone = usePhone();
  const f = source.frozen;
  const q = useQuery({
    queryKey: ['report-evidence', target?.metric, source.org, source.period, f?.reportId, f?.version],
    queryFn: () =>
      f
        ? api.get<Evidence>(`/api/reports/${f.reportId}/versions/${f.version}/records`, { metric: target!.metric })
        : api.get<Evidence>(`/api/metrics/${encodeURIComponent(target!.metric)}/records`, { org: source.org, period: source.period }),
    enabled: Boolean(target),
  });
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      width={phone ? '100%' : 560}
      title={target ? `数字来源：${target.label || target.metric}` : ''}
      destroyOnHidden
    >
      {target ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Typography.Text type="secondary">
            报告中写作 <b style={{ color: '#c0392b' }}>{target.shown}</b> · 指标 {target.metric}
            {f ? ` · 第 ${f.version} 版提交时的记录` : ' · 按当前台账实时计算'}
          </Typography.Text>
          <EvidenceList q={q} hiddenReason="属于涉密台账或已删除" />
        </Space>
      ) : null}
    </Drawer>
  );
}
