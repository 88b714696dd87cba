/** The alert list as cards, for phones (village and grid users work on them). */
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ACTION_LABELS, type Action } from './actions.tsx';
import { SEVERITY_TAGS, STATUS_TAGS, type AlertItem } from './types.ts';

export function AlertCards({
  items,
  loading,
  actionsFor,
  onAction,
  total,
  page,
  pageSize,
  onPage,
}: {
  items: AlertItem[];
  loading: boolean;
  actionsFor(a: AlertItem): Action[];
  onAction(a: AlertItem, act: Action): void;
  total: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
}) {
  return (
    <List
      loading={loading}
      dataSource={items}
      locale={{ emptyText: '没有符合条件的预警' }}
      pagination={{ current: page, pageSize, total, onChange: onPage, size: 'small', simple: true }}
      renderItem={(a) => (
        <Card size="small" style={{ marginBottom: 8 }}>
          <Space size={4} wrap style={{ marginBottom: 4 }}>
            <Tag color={SEVERITY_TAGS[a.severity]?.color}>{SEVERITY_TAGS[a.severity]?.label}</Tag>
            <Typography.Text strong>{a.ruleTitle}</Typography.Text>
            {a.id != null ? <Tag color={STATUS_TAGS[a.status]?.color}>{a.resolvedBy === 'system' ? '自动消除' : STATUS_TAGS[a.status]?.label}</Tag> : null}
          </Space>
          <div>{a.message}</div>
          <div style={{ fontSize: 12, color: '#888' }}>
            {a.orgName}
            {a.dueOn ? ` · 期限 ${a.dueOn}` : ''}
            {a.assignee ? ` · 责任人 ${a.assignee}` : ''}
          </div>
          {a.note ? <div style={{ fontSize: 12, color: '#888' }}>说明：{a.note}</div> : null}
          <Space size={0} wrap style={{ marginTop: 4 }}>
            {a.record ? (
              <Link to={`/records/${a.record}`} style={{ marginRight: 8 }}>
                查看记录
              </Link>
            ) : null}
            {actionsFor(a).map((act) => (
              <Button key={act} type="link" size="small" onClick={() => onAction(a, act)}>
                {ACTION_LABELS[act]}
              </Button>
            ))}
          </Space>
        </Card>
      )}
    />
  );
}
