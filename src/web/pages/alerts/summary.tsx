/**
 * A compact alert summary the home page (or any dashboard) can embed: open alerts by colour
 * and the most urgent few, each linking to the alert center.
 */
import { Card, List, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useCurrentOrg } from '../../org.tsx';
import { useAlertCount } from './bell.tsx';
import { SEVERITY_TAGS, type AlertPage } from './types.ts';
import { SEVERITY_LABELS } from '../../../shared/alerts.ts';

export function AlertSummary({ limit = 5 }: { limit?: number }) {
  const { current } = useCurrentOrg();
  const count = useAlertCount();
  const top = useQuery({
    queryKey: ['alerts', 'top', current, limit],
    queryFn: () => api.get<AlertPage>('/api/alerts', { org: current, status: 'open', pageSize: limit }),
    enabled: Boolean(current),
  });
  const c = count.data;
  return (
    <Card title="预警" size="small" extra={<Link to="/alerts">进入预警中心</Link>} loading={count.isPending}>
      <Space size={24} wrap style={{ marginBottom: 8 }}>
        <Statistic title={SEVERITY_LABELS.error} value={c?.bySeverity.error ?? 0} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={SEVERITY_LABELS.warning} value={c?.bySeverity.warning ?? 0} valueStyle={{ color: '#d48806' }} />
        <Statistic title={SEVERITY_LABELS.info} value={c?.bySeverity.info ?? 0} valueStyle={{ color: '#1677ff' }} />
        {c?.assignedToMe ? <Statistic title="指派给我" value={c.assignedToMe} /> : null}
      </Space>
      <List
        size="small"
        loading={top.isPending}
        dataSource={top.data?.items ?? []}
        locale={{ emptyText: '暂无未处理的预警' }}
        renderItem={(a) => (
          <List.Item>
            <Typography.Text ellipsis={{ tooltip: a.message }} style={{ width: '100%' }}>
              <Tag color={SEVERITY_TAGS[a.severity]?.color}>{SEVERITY_TAGS[a.severity]?.label}</Tag>
              {a.message}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

export default AlertSummary;
