/** Quick links to the user's ledgers, by line, with the number of records of the year up to the period's end. */
import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LINE_LABELS, type Line, type Role } from '../../../shared/roles.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useLedgers } from '../../ledgers.ts';
import { EmptyState, ErrorState } from '../../components/states.tsx';
import type { LedgerClientConfig, Page, RecordItem } from '../../types.ts';

const ROLE_LINES: Partial<Record<Role, Line>> = { discipline: 'discipline', organization: 'organization', publicity: 'publicity', legal: 'legal' };

/** The ledgers of the user's line(s); roles without a line (secretary, village, grid) see all theirs. */
export function myLedgers(roles: Role[], all: LedgerClientConfig[]): LedgerClientConfig[] {
  const lines = new Set(roles.map((r) => ROLE_LINES[r]).filter(Boolean));
  if (!lines.size || roles.some((r) => r === 'secretary' || r === 'village' || r === 'grid')) return all;
  return all.filter((l) => lines.has(l.line) || l.line === 'general');
}

const END = ['03-31', '06-30', '09-30', '12-31'];

export function LedgerTiles({ org, period }: { org: string; period?: string }) {
  const me = useMe();
  const ledgers = useLedgers();
  const mine = useMemo(() => myLedgers(me.roles, ledgers.data ?? []), [me.roles, ledgers.data]);
  const year = period ? Number(period.slice(0, 4)) : new Date().getFullYear();
  const from = `${year}-01-01`;
  const to = period ? `${year}-${END[Number(period.slice(5)) - 1]}` : `${year}-12-31`;
  const counts = useQueries({
    queries: mine.map((l) => ({
      queryKey: ['ledger-counts', l.key, org, from, to],
      queryFn: () => api.get<Page<RecordItem>>(`/api/ledgers/${l.key}/records`, { org, from, to, page: 1, pageSize: 1 }),
      enabled: Boolean(org),
      staleTime: 60_000,
    })),
  });
  const lines = [...new Set(mine.map((l) => l.line))];
  if (ledgers.error) return <ErrorState error={ledgers.error} onRetry={() => void ledgers.refetch()} />;
  if (ledgers.isLoading) return <Skeleton active />;
  if (!mine.length)
    return (
      <Card>
        <EmptyState text="您的账号暂无可查看的台账，请联系管理员分配角色。" />
      </Card>
    );
  const range = `custom&from=${from}&to=${to}`;
  return (
    <Card
      title="我的台账"
      extra={
        <Typography.Text type="secondary">
          {year}年1月1日至{to.slice(5, 7).replace(/^0/, '')}月{to.slice(8)}日登记数
        </Typography.Text>
      }
      styles={{ body: { paddingTop: 4 } }}
    >
      {lines.map((line) => (
        <div key={line}>
          <div className="ls-line-title">{LINE_LABELS[line]}</div>
          <Row gutter={[12, 12]}>
            {mine.map((l, i) =>
              l.line !== line ? null : (
                <Col key={l.key} xs={12} sm={8} md={6} xl={4}>
                  <Link to={`/ledgers/${l.key}?period=${range}`} className="ls-tile">
                    <Statistic
                      title={<span className="ls-tile-label">{l.label}</span>}
                      value={counts[i]?.data?.total ?? (counts[i]?.error ? '—' : ' ')}
                      loading={counts[i]?.isPending}
                      valueStyle={{ fontSize: 20, color: '#c0392b' }}
                    />
                  </Link>
                </Col>
              ),
            )}
          </Row>
        </div>
      ))}
    </Card>
  );
}
