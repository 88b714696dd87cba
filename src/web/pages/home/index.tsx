/**
 * 首页（工作台）: a greeting and the period picker, then the dashboard of the current org — the
 * county's for a county reviewer (and for a city or province reviewer drilling down to a county),
 * the city's or province's for their reviewers, a town's for town roles, a village's for village roles — and
 * quick links to the user's ledgers. The three administrators see their shortcuts only.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useAuth, useMe } from '../../auth.tsx';
import { useCurrentOrg } from '../../org.tsx';
import type { Org } from '../../types.ts';
import { AdminShortcuts } from './admin-shortcuts.tsx';
import { LedgerTiles } from './ledger-tiles.tsx';
import { TownDashboard } from './town-dashboard.tsx';
import { CountyDashboard } from './county-dashboard.tsx';
import { RegionDashboard } from './region-dashboard.tsx';
import { REVIEWER_ROLES } from '../../../shared/roles.ts';
import { PeriodPicker, usePeriod } from '../county/period.tsx';
import { AlertSummary } from '../alerts/summary.tsx';
import { ComplianceSummaryCard } from '../compliance/summary.tsx';

function greeting(): string {
  const h = dayjs().hour();
  return h < 6 ? '夜深了' : h < 11 ? '上午好' : h < 13 ? '中午好' : h < 18 ? '下午好' : '晚上好';
}

const DASHBOARD_KINDS = new Set(['province', 'city', 'county', 'town', 'village', 'community']);

/** The org whose dashboard to show: the current org, or its nearest province/city/county/town/village above. */
function dashboardOrg(byCode: Map<string, Org>, code: string): Org | undefined {
  let o = byCode.get(code);
  while (o && !DASHBOARD_KINDS.has(o.kind) && o.parent) o = byCode.get(o.parent);
  return o && DASHBOARD_KINDS.has(o.kind) ? o : undefined;
}

export default function HomePage() {
  const me = useMe();
  const { isBusiness, hasRole } = useAuth();
  const { currentOrg, current, byCode } = useCurrentOrg();
  const target = useMemo(() => dashboardOrg(byCode, current), [byCode, current]);
  const { period, periods, latest, setPeriod, loading } = usePeriod(isBusiness ? target?.code : undefined);
  const region = target?.kind === 'city' || target?.kind === 'province';
  // Above the town: the reviewers' dashboards, without the town's alerts, compliance and ledger tiles.
  const county = target?.kind === 'county' || region;

  return (
    <>
      <Card
        style={{ marginBottom: 16 }}
        styles={{ body: { display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' } }}
      >
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {greeting()}，{me.name}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
            {me.roleLabels.join('、')} · {me.org.name}
            {currentOrg && currentOrg.code !== me.org.code ? `（当前查看：${currentOrg.name}）` : ''} · {dayjs().format('YYYY年M月D日 dddd')}
          </Typography.Paragraph>
        </div>
        {isBusiness && target ? (
          <Space>
            <Typography.Text type="secondary">统计季度</Typography.Text>
            <PeriodPicker value={period} periods={periods} latest={latest} onChange={setPeriod} loading={loading} />
          </Space>
        ) : null}
      </Card>
      {!isBusiness ? <AdminShortcuts roles={me.roles} /> : null}
      {isBusiness && target && period ? (
        <div style={{ marginBottom: 16 }}>
          {region ? (
            hasRole('cityReviewer', 'provinceReviewer') ? (
              <RegionDashboard org={target.code} period={period} />
            ) : null
          ) : county ? (
            hasRole(...REVIEWER_ROLES) ? (
              <CountyDashboard org={target.code} period={period} />
            ) : null
          ) : (
            <TownDashboard org={target.code} period={period} />
          )}
        </div>
      ) : null}
      {isBusiness && !county && target ? (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={24} lg={12}>
            <AlertSummary limit={5} />
          </Col>
          <Col xs={24} lg={12}>
            {period ? <ComplianceSummaryCard period={period} /> : null}
          </Col>
        </Row>
      ) : null}
      {isBusiness && !county && (period || !target) ? <LedgerTiles org={current} period={period} /> : null}
    </>
  );
}
