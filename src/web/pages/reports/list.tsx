/**
 * The report list. A town account sees its town's reports and opens (or starts) the current
 * quarter's; a county reviewer sees every town of the county for the chosen quarter, with the
 * towns that have not submitted yet; a city or province reviewer, the same across counties
 * (./region-list.tsx).
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { App, Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, FileTextOutlined, SettingOutlined, ExperimentOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api, errorText } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useCurrentOrg } from '../../org.tsx';
import { EmptyState, ErrorState, PageLoading, PageTitle } from '../../components/states.tsx';
import { usePhone } from '../../components/use-media.ts';
import { PeriodPicker, usePeriod } from '../county/period.tsx';
import { periodLabel } from '../county/format.ts';
import { STATUS_COLORS, useReports, when, type ReportListItem } from './api.ts';

const TOWN_ROLES = ['secretary', 'discipline', 'organization', 'publicity', 'legal'];
const RegionReportList = lazy(() => import('./region-list.tsx'));

/** A city or province reviewer at their level reads the reports of many counties. */
export default function ReportListPage() {
  const me = useMe();
  const region = (me.roles.includes('cityReviewer') && me.org.kind === 'city') || (me.roles.includes('provinceReviewer') && me.org.kind === 'province');
  return region ? (
    <Suspense fallback={<PageLoading />}>
      <RegionReportList />
    </Suspense>
  ) : (
    <TownOrCountyList />
  );
}

interface Row {
  key: string;
  org: { code: string; name: string };
  period: string;
  report: ReportListItem | null;
}

function StatusTag({ r }: { r: ReportListItem | null }) {
  if (!r) return <Tag>未提交</Tag>;
  return <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>;
}

function TownOrCountyList() {
  const me = useMe();
  const phone = usePhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { orgs } = useCurrentOrg();
  const townUser = me.roles.some((r) => TOWN_ROLES.includes(r));
  const reviewer = me.roles.includes('countyReviewer') && me.org.kind === 'county';
  // A town account works on its town; the reviewer on the county.
  const scope = useMemo(() => {
    const byCode = new Map(orgs.map((o) => [o.code, o]));
    let o = byCode.get(me.org.code);
    const want = reviewer ? 'county' : 'town';
    while (o && o.kind !== want && o.parent) o = byCode.get(o.parent);
    return o?.kind === want ? o : undefined;
  }, [orgs, me.org.code, reviewer]);
  const { period, periods, latest, setPeriod, loading: periodsLoading } = usePeriod(scope?.code);
  const all = useReports(scope?.code, undefined);
  const [opening, setOpening] = useState(false);

  const rows: Row[] = useMemo(() => {
    const reports = all.data ?? [];
    if (!reviewer) return reports.map((r) => ({ key: String(r.id), org: r.org, period: r.period, report: r }));
    const towns = orgs.filter((o) => o.kind === 'town' && scope && isUnder(o.code, scope.code, orgs));
    return towns.map((t) => ({
      key: t.code,
      org: { code: t.code, name: t.name },
      period: period ?? '',
      report: reports.find((r) => r.org.code === t.code && r.period === period) ?? null,
    }));
  }, [all.data, reviewer, orgs, scope, period]);

  const current = !reviewer ? (all.data ?? []).find((r) => r.period === period) : undefined;

  async function openCurrent() {
    if (!scope || !period) return;
    setOpening(true);
    try {
      const { id } = await api.post<{ id: number }>('/api/reports', { org: scope.code, period });
      navigate(`/reports/${id}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setOpening(false);
    }
  }

  const open = (r: Row) => r.report && navigate(`/reports/${r.report.id}`);
  const extra = (
    <>
      <PeriodPicker value={period} periods={periods} latest={latest} onChange={setPeriod} loading={periodsLoading} />
      {townUser || reviewer ? (
        <>
          <Button icon={<SettingOutlined />} onClick={() => navigate('/reports/templates')}>
            报告模板
          </Button>
          <Button icon={<ExperimentOutlined />} onClick={() => navigate('/reports/learn')}>
            从往期报告学习模板
          </Button>
        </>
      ) : null}
    </>
  );

  return (
    <>
      <PageTitle title="季度报告" sub={scope ? `${scope.name} · 数字取自台账，编号自动生成，提交后冻结` : undefined} extra={extra} />
      {townUser && scope?.kind === 'town' && period ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space wrap>
              <FileTextOutlined style={{ fontSize: 20, color: '#c0392b' }} />
              <Typography.Text strong>
                {scope.name}
                {periodLabel(period)}报告
              </Typography.Text>
              {current ? <StatusTag r={current} /> : <Tag>尚未开始</Tag>}
            </Space>
            <Button
              type="primary"
              icon={<EditOutlined />}
              loading={opening}
              onClick={() => (current ? navigate(`/reports/${current.id}`) : void openCurrent())}
            >
              {current ? '打开报告' : '开始编写'}
            </Button>
          </Space>
        </Card>
      ) : null}
      {all.error ? <ErrorState error={all.error} onRetry={() => void all.refetch()} /> : null}
      {phone ? (
        <List<Row>
          loading={all.isPending}
          dataSource={rows}
          locale={{ emptyText: <EmptyState text={reviewer ? '本县没有镇' : '还没有报告'} /> }}
          renderItem={(r) => (
            <Card className="ls-mobile-card" size="small" hoverable={Boolean(r.report)} onClick={() => open(r)}>
              <Space wrap>
                <b>{r.org.name}</b>
                <span>{periodLabel(r.report?.period ?? r.period)}</span>
                <StatusTag r={r.report} />
                {r.report?.version ? <span style={{ color: '#888' }}>第 {r.report.version} 版</span> : null}
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="key"
          loading={all.isPending}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: <EmptyState text={reviewer ? '本县没有镇' : '还没有报告'} /> }}
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: r.report ? 'pointer' : 'default' } })}
          columns={[
            { title: '镇（街道）', dataIndex: ['org', 'name'] },
            { title: '季度', render: (_, r) => periodLabel(r.report?.period ?? r.period) },
            { title: '状态', render: (_, r) => <StatusTag r={r.report} /> },
            { title: '版本', render: (_, r) => (r.report?.version ? `第 ${r.report.version} 版` : '—') },
            { title: '最近提交', render: (_, r) => when(r.report?.submittedAt) || '—' },
            { title: '更新时间', render: (_, r) => when(r.report?.updatedAt) || '—' },
            { title: '', width: 80, render: (_, r) => (r.report ? <a onClick={() => open(r)}>查看</a> : null) },
          ]}
        />
      )}
    </>
  );
}

function isUnder(code: string, root: string, orgs: { code: string; parent: string | null }[]): boolean {
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  let cur = byCode.get(code);
  while (cur) {
    if (cur.code === root) return true;
    cur = cur.parent ? byCode.get(cur.parent) : undefined;
  }
  return false;
}
