/** 首页（工作台）: greeting, the user's org, quick links to their ledgers with counts, a chart of this year. */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Card, Col, Row, Select, Skeleton, Typography } from 'antd';
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
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [picked, setPicked] = useState(false);
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
  // Nothing registered yet this year (e.g. early January): show the latest of the last few years that has data.
  const empty = countsReady && bars.every((b) => b.value === 0);
  useEffect(() => {
    if (empty && !picked && year > thisYear - 3) setYear((y) => y - 1);
  }, [empty, picked, year, thisYear]);
  const yearPicker = (
    <Select
      size="small"
      aria-label="年份"
      value={year}
      style={{ width: 96 }}
      onChange={(y: number) => {
        setPicked(true);
        setYear(y);
      }}
      options={[0, 1, 2, 3, 4].map((i) => ({ value: thisYear - i, label: `${thisYear - i}年` }))}
    />
  );

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
      {mine.length ? (
        <Card
          title="我的台账"
          extra={<span>{yearPicker}<Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>登记数</Typography.Text></span>}
          style={{ marginBottom: 16 }}
          styles={{ body: { paddingTop: 8 } }}
        >
          {lines.map((line) => (
            <div key={line}>
              <div className="ls-line-title">{LINE_LABELS[line]}</div>
              <Row gutter={[10, 10]}>
                {mine.map((l, i) => (l.line !== line ? null : (
                  <Col key={l.key} xs={12} sm={8} md={6} xl={4}>
                    <Link to={`/ledgers/${l.key}?from=${year}-01-01&to=${year}-12-31`} className="ls-tile" title={l.label}>
                      <div className="ls-tile-label">{l.label}</div>
                      <div className="ls-tile-num">{counts[i]?.data ? counts[i].data.total : counts[i]?.error ? '—' : '…'}</div>
                    </Link>
                  </Col>
                )))}
              </Row>
            </div>
          ))}
        </Card>
      ) : null}
      {mine.length ? (
        <Card title={`${currentOrg?.name ?? ''} ${year}年各台账登记数量`}>
          {countsReady ? (
            bars.some((b) => b.value > 0) ? (
              <Suspense fallback={<Skeleton active />}>
                <HBarChart bars={bars} onClick={(i) => navigate(`/ledgers/${mine[i].key}?from=${year}-01-01&to=${year}-12-31`)} />
              </Suspense>
            ) : (
              <EmptyState text={`${year}年尚无登记记录，可切换年份查看`} />
            )
          ) : (
            <Skeleton active />
          )}
        </Card>
      ) : null}
    </>
  );
}
