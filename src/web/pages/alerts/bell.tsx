/** The alert badge for the layout header: open alerts in the user's scope, refreshed every minute. */
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import type { AlertCount } from './types.ts';
import { SEVERITY_LABELS } from '../../../shared/alerts.ts';

export function useAlertCount(enabled = true) {
  return useQuery({ queryKey: ['alert-count'], queryFn: () => api.get<AlertCount>('/api/alerts/count'), refetchInterval: 60_000, staleTime: 30_000, enabled });
}

export function AlertBell() {
  const { isBusiness } = useAuth();
  const navigate = useNavigate();
  const count = useAlertCount(isBusiness);
  if (!isBusiness) return null;
  const c = count.data;
  const tip = c
    ? `未处理预警 ${c.total} 条（${SEVERITY_LABELS.error} ${c.bySeverity.error}，${SEVERITY_LABELS.warning} ${c.bySeverity.warning}，${SEVERITY_LABELS.info} ${c.bySeverity.info}）${c.assignedToMe ? `，指派给我 ${c.assignedToMe} 条` : ''}`
    : '预警中心';
  return (
    <Tooltip title={tip}>
      <Button
        type="text"
        aria-label={tip}
        onClick={() => navigate('/alerts')}
        icon={
          <Badge count={c?.total ?? 0} overflowCount={99} size="small" color={c?.bySeverity.error ? '#cf1322' : '#d48806'}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Tooltip>
  );
}
