/**
 * 预警中心: the stored alerts of the current org (filters by colour, rule, status and
 * responsible person; acknowledge / assign / resolve / reopen; export), or — with a date —
 * the alerts computed as of that day. For a county, city or province (the reviewers), a
 * summary per county or town above the list and county → town filters kept in the URL; the
 * action buttons only where the server lets the user handle alerts (`canHandle`: reviewers
 * read only).
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Dropdown, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { App } from 'antd';
import { api, downloadUrl, errorText } from '../../api.ts';
import { useAuth, useMe } from '../../auth.tsx';
import { useCurrentOrg } from '../../org.tsx';
import { ErrorState, PageTitle } from '../../components/states.tsx';
import { ActionDialog, ACTION_LABELS, type Action } from './actions.tsx';
import { useAlertCount } from './bell.tsx';
import { AlertCards } from './cards.tsx';
import { RegionAlertSummary } from './region-summary.tsx';
import { usePhone } from '../../components/use-media.ts';
import { SEVERITY_TAGS, STATUS_TAGS, type AlertItem, type AlertPage, type RuleInfo, type Severity } from './types.ts';
import { ALERT_STATUS_LABELS, citationText } from '../../../shared/alerts.ts';

const STATUS_OPTIONS = [
  { value: 'active', label: '未办结' },
  { value: 'open', label: ALERT_STATUS_LABELS.open },
  { value: 'acknowledged', label: ALERT_STATUS_LABELS.acknowledged },
  { value: 'resolved', label: ALERT_STATUS_LABELS.resolved },
  { value: 'all', label: '全部' },
];

function actionsFor(a: AlertItem, canHandle: boolean): Action[] {
  if (a.id == null || !canHandle) return [];
  if (a.status === 'resolved') return ['reopen'];
  return a.status === 'open' ? ['acknowledge', 'assign', 'resolve'] : ['assign', 'resolve'];
}

export default function AlertsPage() {
  const me = useMe();
  const { hasRole } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { current, currentOrg, orgs } = useCurrentOrg();
  const [sp, setSp] = useSearchParams();
  const base = currentOrg ?? me.org;
  // A county, city or province: the summary and the county → town filters.
  const region = base.kind === 'county' || base.kind === 'city' || base.kind === 'province';
  const { counties, towns } = useMemo(() => {
    if (!region) return { counties: [], towns: [] };
    const byCode = new Map(orgs.map((o) => [o.code, o]));
    const under = (code: string, root: string) => {
      for (let o = byCode.get(code); o; o = o.parent ? byCode.get(o.parent) : undefined) if (o.code === root) return true;
      return false;
    };
    const countyOf = (code: string) => {
      let o = byCode.get(code);
      while (o && o.kind !== 'county') o = o.parent ? byCode.get(o.parent) : undefined;
      return o?.code ?? null;
    };
    return {
      counties: base.kind === 'county' ? [] : orgs.filter((o) => o.kind === 'county' && under(o.code, base.code)),
      towns: orgs.filter((o) => o.kind === 'town' && under(o.code, base.code)).map((o) => ({ ...o, county: countyOf(o.code) })),
    };
  }, [orgs, region, base.code, base.kind]);
  const county = region && base.kind !== 'county' ? sp.get('county') : null;
  const town = region ? sp.get('town') : null;
  const setArea = (c: string | null, t: string | null) => {
    setPage(1);
    setSp(
      (prev) => {
        const n = new URLSearchParams(prev);
        for (const [k, v] of [
          ['county', c],
          ['town', t],
        ] as const) {
          if (v) n.set(k, v);
          else n.delete(k);
        }
        return n;
      },
      { replace: true },
    );
  };
  /** The org the list shows: the town, else the county, else the header's org. */
  const org = town ?? county ?? current;
  const [severity, setSeverity] = useState<Severity[]>([]);
  const [rule, setRule] = useState<string | undefined>();
  const [status, setStatus] = useState('active');
  const [mine, setMine] = useState(false);
  const [q, setQ] = useState('');
  const [date, setDate] = useState<Dayjs | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<{ alert: AlertItem; action: Action } | null>(null);
  const count = useAlertCount();
  const phone = usePhone();
  const rules = useQuery({ queryKey: ['alert-rules'], queryFn: () => api.get<RuleInfo[]>('/api/alerts/rules'), staleTime: 10 * 60_000 });
  const query = {
    org,
    severity: severity.join(','),
    rule,
    status: date ? undefined : status,
    assignee: mine ? me.username : undefined,
    q: q || undefined,
    date: date ? date.format('YYYY-MM-DD') : undefined,
  };
  const list = useQuery({
    queryKey: ['alerts', query, page, pageSize],
    queryFn: () => api.get<AlertPage>('/api/alerts', { ...query, page, pageSize }),
    enabled: Boolean(current),
    placeholderData: (prev) => prev,
  });
  const canHandle = list.data?.canHandle ?? false;
  const actionsOf = (a: AlertItem) => actionsFor(a, canHandle);
  const recompute = useMutation({
    mutationFn: () => api.post<{ total: number; opened: number; resolved: number }>('/api/alerts/recompute', { org: current }),
    onSuccess: (r) => {
      message.success(`已重新计算：当前 ${r.total} 条，新增 ${r.opened} 条，自动消除 ${r.resolved} 条`);
      void qc.invalidateQueries({ queryKey: ['alerts'] });
      void qc.invalidateQueries({ queryKey: ['alert-count'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const ruleOptions = useMemo(() => (rules.data ?? []).map((r) => ({ value: r.id, label: r.title })), [rules.data]);
  const ruleById = useMemo(() => new Map((rules.data ?? []).map((r) => [r.id, r])), [rules.data]);
  const exportUrl = (format: 'xlsx' | 'csv') => downloadUrl('/api/alerts/export', { ...query, format });

  const columns: ColumnsType<AlertItem> = [
    {
      title: '等级',
      dataIndex: 'severity',
      width: 96,
      render: (s: string) => <Tag color={SEVERITY_TAGS[s]?.color}>{SEVERITY_TAGS[s]?.label ?? s}</Tag>,
    },
    {
      title: '规则',
      dataIndex: 'ruleTitle',
      width: 180,
      render: (t: string, a) => {
        const r = ruleById.get(a.rule);
        return (
          <Tooltip title={r ? citationText(r.source) : a.rule}>
            <span>
              {t}
              {a.disciplineOnly ? (
                <Tag style={{ marginLeft: 4 }} color="purple">
                  纪检
                </Tag>
              ) : null}
            </span>
          </Tooltip>
        );
      },
    },
    { title: '组织', dataIndex: 'orgName', width: 130 },
    {
      title: '预警内容',
      dataIndex: 'message',
      render: (m: string, a) => (
        <>
          <div>{m}</div>
          {a.note ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              说明：{a.note}
            </Typography.Text>
          ) : null}
          {a.record ? (
            <div>
              <Link to={`/records/${a.record}`} style={{ fontSize: 12 }}>
                查看记录
              </Link>
            </div>
          ) : null}
        </>
      ),
    },
    { title: '期限', dataIndex: 'dueOn', width: 110, render: (d: string | null) => d ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: string, a) =>
        date ? (
          <Tag>按日计算</Tag>
        ) : (
          <Tooltip
            title={a.resolvedBy === 'system' ? '条件已消除，系统自动办结' : a.handledBy ? `${a.handledBy} ${dayjs(a.handledAt).format('M月D日 HH:mm')}` : ''}
          >
            <Tag color={STATUS_TAGS[s]?.color}>{a.resolvedBy === 'system' ? '自动消除' : (STATUS_TAGS[s]?.label ?? s)}</Tag>
          </Tooltip>
        ),
    },
    { title: '责任人', dataIndex: 'assignee', width: 90, render: (u: string | null) => u ?? '—' },
  ];
  if (canHandle)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, a) => (
        <Space size={0} wrap>
          {actionsOf(a).map((act) => (
            <Button key={act} type="link" size="small" onClick={() => setDialog({ alert: a, action: act })}>
              {ACTION_LABELS[act]}
            </Button>
          ))}
        </Space>
      ),
    });

  const c = count.data;
  return (
    <>
      <PageTitle
        title="预警中心"
        sub={
          canHandle || !list.data
            ? `${base.name} · 逾期、即将到期和违反规定的事项，每日自动计算，台账变更后即时更新`
            : `${base.name} · 下辖各${base.kind === 'county' ? '镇' : '县、镇'}的预警（只读：查看、筛选、导出；确认、指派、办结由镇村办理）`
        }
        extra={
          <>
            <Dropdown
              menu={{
                items: [
                  { key: 'xlsx', label: <a href={exportUrl('xlsx')}>导出 Excel（.xlsx）</a> },
                  { key: 'csv', label: <a href={exportUrl('csv')}>导出 CSV</a> },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>导出</Button>
            </Dropdown>
            {hasRole('secretary', 'discipline', 'countyReviewer') ? (
              <Button icon={<ReloadOutlined />} loading={recompute.isPending} onClick={() => recompute.mutate()}>
                立即重新计算
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[16, 8]}>
          {(['error', 'warning', 'info'] as Severity[]).map((s) => (
            <Tag.CheckableTag
              key={s}
              checked={severity.includes(s)}
              onChange={(on) => {
                setPage(1);
                setSeverity(on ? [...severity, s] : severity.filter((x) => x !== s));
              }}
            >
              <Tag color={SEVERITY_TAGS[s].color} style={{ marginInlineEnd: 4 }}>
                {SEVERITY_TAGS[s].label}
              </Tag>
              {c ? `${c.bySeverity[s]} 条未处理` : ''}
            </Tag.CheckableTag>
          ))}
          {region && base.kind !== 'county' ? (
            <Select
              aria-label="县"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部县"
              style={{ width: 150 }}
              value={county ?? undefined}
              options={counties.map((o) => ({ value: o.code, label: o.name }))}
              onChange={(v?: string) => setArea(v ?? null, null)}
            />
          ) : null}
          {region ? (
            <Select
              aria-label="镇（街道）"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={county || base.kind === 'county' ? '全部镇' : '全部镇（可搜索）'}
              style={{ width: 170 }}
              value={town ?? undefined}
              options={towns.filter((o) => !county || o.county === county).map((o) => ({ value: o.code, label: o.name }))}
              onChange={(v?: string) => setArea(county, v ?? null)}
            />
          ) : null}
          <Select
            allowClear
            placeholder="全部规则"
            style={{ width: 220 }}
            options={ruleOptions}
            value={rule}
            onChange={(v) => {
              setPage(1);
              setRule(v);
            }}
            showSearch
            optionFilterProp="label"
          />
          <Select
            style={{ width: 110 }}
            options={STATUS_OPTIONS}
            value={status}
            onChange={(v) => {
              setPage(1);
              setStatus(v);
            }}
            disabled={Boolean(date)}
            aria-label="状态"
          />
          {canHandle ? (
            <Tag.CheckableTag
              checked={mine}
              onChange={(on) => {
                setPage(1);
                setMine(on);
              }}
            >
              指派给我{c?.assignedToMe ? `（${c.assignedToMe}）` : ''}
            </Tag.CheckableTag>
          ) : null}
          <Input.Search
            allowClear
            placeholder="搜索预警内容"
            style={{ width: 200 }}
            onSearch={(v) => {
              setPage(1);
              setQ(v.trim());
            }}
          />
          <DatePicker
            placeholder="按某日计算"
            value={date}
            onChange={(d) => {
              setPage(1);
              setDate(d);
            }}
            disabledDate={(d) => d.isAfter(dayjs().add(1, 'year'))}
          />
        </Space>
      </Card>
      {date ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`按 ${date.format('YYYY年M月D日')} 的台账状态计算的预警（不写入预警中心，不能在此处理）`}
        />
      ) : null}
      {region && !date ? (
        <RegionAlertSummary
          query={{ org: county ?? current, severity: query.severity || undefined, rule, status, assignee: query.assignee, q: q || undefined }}
          selected={town ?? county}
          onPick={(row, level) => {
            if (level === 'county') setArea(row.org === county ? null : row.org, null);
            else setArea(county, row.org === town ? null : row.org);
          }}
        />
      ) : null}
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : phone ? (
        <AlertCards
          items={list.data?.items ?? []}
          loading={list.isFetching}
          actionsFor={actionsOf}
          onAction={(alert, action) => setDialog({ alert, action })}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
        />
      ) : (
        <Table<AlertItem>
          rowKey="key"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '没有符合条件的预警' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 条`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
        />
      )}
      {dialog ? <ActionDialog alert={dialog.alert} action={dialog.action} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
