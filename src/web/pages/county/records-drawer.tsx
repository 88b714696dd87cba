/**
 * The evidence behind a number: a drawer listing the records a metric counted for one org and
 * period (GET /api/metrics/:id/records), each a link to the record. Records the viewer may
 * not read (sensitive ledgers) are counted but not listed.
 */
import { Drawer, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { EvidenceList, type Evidence } from '../../components/evidence-list.tsx';
import { usePhone } from '../../components/use-media.ts';
import { periodLabel } from './format.ts';

export interface DrillTarget {
  metric: string;
  org: string;
  orgName: string;
  /** e.g. the indicator's name */
  title: string;
  /** the value as shown where it was clicked */
  shown: string;
}

export function RecordsDrawer({ target, period, onClose }: { target: DrillTarget | null; period: string; onClose(): void }) {
  const phone = usePhone();
  const q = useQuery({
    queryKey: ['metric-records', target?.metric, target?.org, period],
    queryFn: () => api.get<Evidence>(`/api/metrics/${encodeURIComponent(target!.metric)}/records`, { org: target!.org, period }),
    enabled: Boolean(target),
  });
  const d = q.data;
  return (
    <Drawer open={Boolean(target)} onClose={onClose} width={phone ? '100%' : 560} title={target ? `${target.orgName} · ${target.title}` : ''} destroyOnHidden>
      {target ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Typography.Text type="secondary">
            {periodLabel(period)} · 口径：{d?.metric.label ?? target.metric} · 数值：<b style={{ color: '#c0392b' }}>{target.shown}</b>
          </Typography.Text>
          <EvidenceList q={q} />
        </Space>
      ) : null}
    </Drawer>
  );
}
