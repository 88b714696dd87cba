/** 首页（工作台）: greeting, the user's org, quick links to their ledgers with counts, a chart of this year. */
import { lazy, Suspense, useMemo } from 'react';
import { Card, Col, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { LINE_LABELS, type Line, type Role } from '../../../shared/roles.ts';
import { api } from '../../api.ts';
import { useAuth, useMe } from '../../auth.tsx';
import { useLedgers } from '../../ledgers.ts';
import { useCurrentOrg } from '../../org.tsx';
import { EmptyState, ErrorState } from '../../components/states.tsx';
import { AdminShortcuts } from './admin-shortcuts.tsx';
import type { LedgerClientConfig, Page, RecordItem } from '../../types.ts';

const HBarChart = lazy(() => import('../../components/bar-chart.tsx'));

const ROLE_LINES: Partial<Record<Role, Line>> = { discipline: 'discipline', organization: 'organization', publicity: 'publicity', legal: 'legal' };

function greeting(): string {
  const h = dayjs().hour();
  return h < 6 ? '夜深了' : h < 11 ? '上午好' : h < 13 ? '中午好' : h < 18 ? '下午好' : '晚上好';
}

/** The ledgers of the user's line(s); roles without a line (secretary, village, grid) see all theirs. */
export function myLedgers(roles: Role[], all: LedgerClientConfig[]): LedgerClientConfig[] {
  const lines = new Set(roles.map((r) => ROLE_LINES[r]).filter(Boolean));
  if (!lines.size || roles.some((r) => r === 'secretary' || r === 'village' || r === 'grid')) return all;
  return all.filter((l) => lines.has(l.line) || l.line === 'general');
}

export default function HomePage() {
  const me = useMe();
  const { currentOrg, current } = useCurrentOrg();
  const ledgers = useLedgers();
  const navigate = useNavigate();
  const mine = useMemo(() => myLedgers(me.roles, ledgers.data ?? []), [me.roles, ledgers.data]);
  const year = dayjs().year();
  const counts = useQueries({
    queries: mine.map((l) => ({
      queryKey: ['ledger-counts', l.key, current, year],
      queryFn: () => api.get<Page<RecordItem>>(`/api/ledgers/${l.key}/records`, { org: current, from: `${year}-01-01`, to: `${year}-12-31`, page: 1, pageSize: 1 }),
      enabled: Boolean(current),
      staleTime: 60_000,
    })),
  });
  const isAdminOnly = !useAuth().isBusiness;
  const bars = mine.map((l, i) => ({ label: l.label, value: counts[i]?.data?.total ?? 0 }));
  const countsReady = counts.length > 0 && counts.every((c) => !c.isPending);
  const lines = [...new Set(mine.map((l) => l.line))];

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{greeting()}，{me.name}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {me.roleLabels.join('、')} · {me.org.name}
          {currentOrg && currentOrg.code !== me.org.code ? `（当前查看：${currentOrg.name}）` : ''} · {dayjs().format('YYYY年M月D日 dddd')}
        </Typography.Paragraph>
      </Card>
      {isAdminOnly ? <AdminShortcuts roles={me.roles} /> : null}
      {ledgers.error ? <ErrorState error={ledgers.error} onRetry={() => void ledgers.refetch()} /> : null}
      {ledgers.isLoading ? <Skeleton active /> : null}
      {ledgers.data && !mine.length ? <Card><EmptyState text="您的账号暂无可查看的台账，请联系管理员分配角色。" /></Card> : null}
      {lines.map((line) => (
        <div key={line} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} style={{ margin: '0 0 8px' }}>{LINE_LABELS[line]}</Typography.Title>
          <Row gutter={[12, 12]}>
            {mine.map((l, i) => (l.line !== line ? null : (
              <Col key={l.key} xs={12} sm={8} md={6} xl={4}>
                <Link to={`/ledgers/${l.key}`}>
                  <Card size="small" hoverable styles={{ body: { padding: 12 } }}>
                    <Statistic
                      title={<span style={{ color: '#333' }}>{l.label}</span>}
                      value={counts[i]?.data?.total ?? (counts[i]?.error ? '—' : ' ')}
                      loading={counts[i]?.isPending}
                      suffix={counts[i]?.data ? <span style={{ fontSize: 12, color: '#888' }}>条（{year}年）</span> : null}
                      valueStyle={{ fontSize: 22 }}
                    />
                  </Card>
                </Link>
              </Col>
            )))}
          </Row>
        </div>
      ))}
      {mine.length ? (
        <Card title={`${year}年各台账登记数量`} extra={<Space><Typography.Text type="secondary">{currentOrg?.name}</Typography.Text></Space>}>
          {countsReady ? (
            bars.some((b) => b.value > 0) ? (
              <Suspense fallback={<Skeleton active />}>
                <HBarChart bars={bars} onClick={(i) => navigate(`/ledgers/${mine[i].key}?period=ytd`)} />
              </Suspense>
            ) : (
              <EmptyState text={`${year}年尚无登记记录`} />
            )
          ) : (
            <Skeleton active />
          )}
        </Card>
      ) : null}
    </>
  );
}
