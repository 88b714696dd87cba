/**
 * 对比与考核. A county reviewer sees every town side by side (ranking chart, a sortable table
 * coloured by met/unmet, drill-down to the records) and edits the county's indicators; a town
 * account sees its own scorecard and the indicators it is held to.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Drawer, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useCurrentOrg } from '../../org.tsx';
import { ErrorState, PageTitle } from '../../components/states.tsx';
import { usePhone } from '../../components/use-media.ts';
import { LINE_LABELS } from '../../../shared/roles.ts';
import { ASSESS_LINES, VETO_MODE_LABELS } from '../../../shared/assess.ts';
import type { Assessment } from '../../../assess/types.ts';
import { COLORS } from '../../components/charts/core.tsx';
import { PeriodPicker, usePeriod } from './period.tsx';
import { CompareTable } from './compare-table.tsx';
import { Scorecard } from './scorecard.tsx';
import { RecordsDrawer, type DrillTarget } from './records-drawer.tsx';
import { IndicatorEditor } from './indicator-editor.tsx';
import { cellTone, num } from './format.ts';

const HBars = lazy(() => import('../../components/charts/hbars.tsx'));

function HeatLegend() {
  const tones = [
    cellTone({ value: 1, met: true, score: 1 }, 1),
    cellTone({ value: 1, met: false, score: 0.7 }, 1),
    cellTone({ value: 0, met: false, score: 0 }, 1),
    cellTone(undefined, 1),
  ];
  return (
    <Space size={12} wrap style={{ fontSize: 12 }}>
      {tones.map((t) => (
        <span key={t.label}>
          <span style={{ display: 'inline-block', width: 12, height: 12, background: t.bg, border: `1px solid ${t.fg}`, verticalAlign: -2, marginRight: 4 }} />
          {t.label}
        </span>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        点击数值查看台账记录
      </Typography.Text>
    </Space>
  );
}

function RankingChart({ data, onTown }: { data: Assessment; onTown(code: string): void }) {
  const towns = [...data.towns].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  const tips = towns.map((t) =>
    [
      `${num(t.total)} / ${num(t.max)} 分`,
      ...ASSESS_LINES.filter((l) => t.lines[l]).map((l) => `${LINE_LABELS[l]} ${num(t.lines[l]!.score)}`),
      t.vetoed ? '一票否决' : '',
    ]
      .filter(Boolean)
      .join('，'),
  );
  return (
    <Suspense fallback={<Skeleton active />}>
      <HBars
        categories={towns.map((t) => `${t.rank ?? ''}. ${t.org.name}`)}
        labelWidth={130}
        series={[{ name: '总分', data: towns.map((t) => t.total), tips, colors: towns.map((t) => (t.vetoed ? COLORS.grey : undefined)) }]}
        ariaLabel="各镇考核总分排名"
        onClick={(i) => onTown(towns[i].org.code)}
      />
    </Suspense>
  );
}

const RegionPage = lazy(() => import('./region.tsx'));

/** A city or province reviewer compares counties (./region.tsx); everyone else sees the county page. */
export default function CountyOrRegionPage() {
  const me = useMe();
  if (me.roles.includes('cityReviewer') || me.roles.includes('provinceReviewer')) {
    return (
      <Suspense fallback={<Skeleton active />}>
        <RegionPage />
      </Suspense>
    );
  }
  return <CountyPage />;
}

function CountyPage() {
  const me = useMe();
  const phone = usePhone();
  const { orgs } = useCurrentOrg();
  const [sp, setSp] = useSearchParams();
  const reviewer = me.roles.includes('countyReviewer');
  // The reviewer's county, or the town of a town account.
  const scope = useMemo(() => {
    const byCode = new Map(orgs.map((o) => [o.code, o]));
    let o = byCode.get(me.org.code) ?? { code: me.org.code, kind: me.org.kind, parent: null, name: me.org.name };
    const want = reviewer ? 'county' : 'town';
    while (o && o.kind !== want && o.parent && byCode.get(o.parent)) o = byCode.get(o.parent)!;
    return o.kind === want ? o.code : undefined;
  }, [orgs, me.org, reviewer]);
  const { period, periods, latest, setPeriod, loading } = usePeriod(scope);
  const tab = sp.get('tab') === 'indicators' ? 'indicators' : 'compare';
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [townCode, setTownCode] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['assessment', scope, period],
    queryFn: () => api.get<Assessment>('/api/assessment', { org: scope, period }),
    enabled: Boolean(scope && period),
  });

  if (!scope) {
    return (
      <>
        <PageTitle title="对比与考核" />
        <Result status="info" title="考核以镇为单位" subTitle="您的账号不属于县或镇，没有可查看的考核。" />
      </>
    );
  }
  const data = q.data;
  const drawerTown = data?.towns.find((t) => t.org.code === townCode);
  const body = (
    <>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!data && !q.error ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : null}
      {data && reviewer ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card title="考核总分排名">
            {data.towns.length ? <RankingChart data={data} onTown={setTownCode} /> : <Typography.Text type="secondary">本县暂无镇</Typography.Text>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {data.towns.some((t) => t.vetoed) ? '灰色为一票否决的镇。' : ''}一票否决规则：{VETO_MODE_LABELS[data.vetoMode]}。点击柱条查看该镇逐项得分。
            </Typography.Text>
          </Card>
          <Card title="各镇逐项对比" extra={phone ? null : <HeatLegend />}>
            {phone ? (
              <div style={{ marginBottom: 8 }}>
                <HeatLegend />
              </div>
            ) : null}
            <CompareTable data={data} onDrill={setDrill} onTown={setTownCode} compact={phone} />
          </Card>
        </Space>
      ) : null}
      {data && !reviewer && data.towns[0] ? (
        <Card
          title={`${data.towns[0].org.name}考核得分`}
          extra={
            <span>
              <b style={{ fontSize: 18, color: COLORS.primary }}>{num(data.towns[0].total)}</b> / {num(data.towns[0].max)} 分
              {data.towns[0].vetoed ? (
                <Tag color="red" style={{ marginLeft: 8 }}>
                  一票否决
                </Tag>
              ) : null}
            </span>
          }
        >
          <Scorecard indicators={data.indicators} town={data.towns[0]} onDrill={setDrill} />
        </Card>
      ) : null}
    </>
  );

  return (
    <>
      <PageTitle
        title="对比与考核"
        sub={reviewer ? '按县级考核指标，从各镇台账自动计算得分并排名' : '本镇按县级考核指标的自动评分（数据来自本镇台账）'}
        extra={<PeriodPicker value={period} periods={periods} latest={latest} onChange={setPeriod} loading={loading} />}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) =>
          setSp(
            (prev) => {
              const n = new URLSearchParams(prev);
              if (k === 'compare') n.delete('tab');
              else n.set('tab', k);
              return n;
            },
            { replace: true },
          )
        }
        items={[
          { key: 'compare', label: reviewer ? '各镇对比' : '本镇得分', children: body },
          {
            key: 'indicators',
            label: reviewer ? '指标设置' : '考核指标',
            children: scope ? <IndicatorEditor county={reviewer ? scope : countyOf(orgs, scope)} periods={periods} /> : null,
          },
        ]}
      />
      <Drawer
        open={Boolean(drawerTown)}
        onClose={() => setTownCode(null)}
        width={phone ? '100%' : 720}
        title={drawerTown ? `${drawerTown.org.name} · 第 ${drawerTown.rank ?? '—'} 名 · ${num(drawerTown.total)} 分` : ''}
      >
        {drawerTown && data ? <Scorecard indicators={data.indicators} town={drawerTown} onDrill={setDrill} compact /> : null}
      </Drawer>
      {period ? <RecordsDrawer target={drill} period={period} onClose={() => setDrill(null)} /> : null}
    </>
  );
}

function countyOf(orgs: { code: string; kind: string; parent: string | null }[], code: string): string {
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  let o = byCode.get(code);
  while (o && o.kind !== 'county' && o.parent) o = byCode.get(o.parent);
  return o?.kind === 'county' ? o.code : code;
}
