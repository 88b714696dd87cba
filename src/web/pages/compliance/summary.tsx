/** A compact compliance summary for dashboards: the share of party organisations with no missed cycle this quarter. */
import { Card, Progress, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useCurrentOrg } from '../../org.tsx';
import type { ComplianceSummary } from './types.ts';

export function ComplianceSummaryCard({ period = `${dayjs().year()}Q${Math.ceil((dayjs().month() + 1) / 3)}` }: { period?: string }) {
  const { current } = useCurrentOrg();
  const q = useQuery({
    queryKey: ['compliance-summary', current, period],
    queryFn: () => api.get<ComplianceSummary & { asOf: string }>('/api/compliance/summary', { org: current, period }),
    enabled: Boolean(current),
  });
  const s = q.data;
  return (
    <Card title="组织生活合规" size="small" loading={q.isPending} extra={<Link to="/compliance">查看明细</Link>}>
      <Progress percent={Math.round((s?.rate ?? 0) * 100)} format={() => `${s?.compliantUnits ?? 0}/${s?.units ?? 0}`} />
      <Space wrap style={{ marginTop: 8 }}>
        {(s?.byKind ?? [])
          .filter((k) => k.missedUnits)
          .map((k) => (
            <Tag key={k.kind} color="red">
              {k.label}缺{k.missedUnits}
            </Tag>
          ))}
      </Space>
    </Card>
  );
}

export default ComplianceSummaryCard;
