/** The list's filters: period preset or date range, status, kind, and text search. */
import { useEffect, useState } from 'react';
import { Badge, Button, Checkbox, DatePicker, Input, Select, Space } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { LedgerClientConfig } from '../types.ts';
import { fieldOf } from './common.tsx';
import { PERIOD_LABELS, type ListFilters, type Period } from './filters.ts';

interface Props {
  ledger: LedgerClientConfig;
  filters: ListFilters;
  onChange(patch: Partial<ListFilters>): void;
  onReset(): void;
  /** Phone: search in a row with a 筛选 button that shows the other filters. */
  compact?: boolean;
}

export function statusOptions(ledger: LedgerClientConfig): { value: string; label: string }[] {
  if (ledger.workflow) return Object.entries(ledger.workflow.states).map(([value, s]) => ({ value, label: s.label }));
  const f = ledger.statusField ? fieldOf(ledger, ledger.statusField) : undefined;
  return f?.kind === 'enum' ? f.options : [];
}

export function kindOptions(ledger: LedgerClientConfig): { value: string; label: string }[] {
  const f = ledger.kindField ? fieldOf(ledger, ledger.kindField) : undefined;
  return f?.kind === 'enum' ? f.options : [];
}

export function FilterBar({ ledger, filters, onChange, onReset, compact }: Props) {
  const [q, setQ] = useState(filters.q ?? '');
  const [open, setOpen] = useState(false);
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const statuses = statusOptions(ledger);
  const kinds = kindOptions(ledger);
  const kindLabel = ledger.kindField ? (fieldOf(ledger, ledger.kindField)?.label ?? '类别') : '类别';
  const dateLabel = fieldOf(ledger, ledger.dateField)?.label ?? '日期';
  const dirty = filters.period !== 'all' || filters.status || filters.kind || filters.q || filters.overdue || filters.deleted;
  const hasDue = Boolean(ledger.columns?.dueOn || ledger.deadlines?.length || ledger.fields.some((f) => f.key === 'dueOn'));
  const search = (
    <Input.Search
      aria-label="搜索"
      placeholder="搜索标题、人员、内容"
      allowClear
      value={q}
      onChange={(e) => {
        setQ(e.target.value);
        if (!e.target.value && filters.q) onChange({ q: undefined, page: 1 });
      }}
      onSearch={(v) => onChange({ q: v.trim() || undefined, page: 1 })}
      style={{ width: compact ? undefined : 220, flex: compact ? 1 : undefined }}
    />
  );
  const active = [filters.period !== 'all', filters.status, filters.kind, filters.overdue, filters.deleted].filter(Boolean).length;
  const selects = (
    <>
      <Select<Period>
        aria-label={`${dateLabel}范围`}
        value={filters.period}
        style={{ width: 110 }}
        title={`按${dateLabel}筛选`}
        options={(Object.keys(PERIOD_LABELS) as Period[]).map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
        onChange={(period) =>
          onChange({
            period,
            page: 1,
            ...(period === 'custom'
              ? { from: filters.from ?? dayjs().startOf('year').format('YYYY-MM-DD'), to: filters.to ?? dayjs().format('YYYY-MM-DD') }
              : {}),
          })
        }
        popupMatchSelectWidth={false}
      />
      {filters.period === 'custom' ? (
        <DatePicker.RangePicker
          aria-label="自定义日期范围"
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          allowEmpty={[true, true]}
          inputReadOnly
          onChange={(r) => onChange({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD'), page: 1 })}
          style={{ width: 250 }}
        />
      ) : null}
      {statuses.length ? (
        <Select
          aria-label="状态"
          allowClear
          placeholder="全部状态"
          value={filters.status}
          options={statuses}
          style={{ width: 130 }}
          onChange={(status?: string) => onChange({ status, page: 1 })}
          popupMatchSelectWidth={false}
        />
      ) : null}
      {kinds.length ? (
        <Select
          aria-label={kindLabel}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={`全部${kindLabel}`}
          value={filters.kind}
          options={kinds}
          style={{ width: 160 }}
          onChange={(kind?: string) => onChange({ kind, page: 1 })}
          popupMatchSelectWidth={false}
        />
      ) : null}
    </>
  );
  const toggles = (
    <>
      {hasDue ? (
        <Checkbox checked={filters.overdue} onChange={(e) => onChange({ overdue: e.target.checked || undefined, page: 1 })}>
          只看逾期
        </Checkbox>
      ) : null}
      {ledger.can.remove ? (
        <Checkbox checked={filters.deleted} onChange={(e) => onChange({ deleted: e.target.checked || undefined, page: 1 })}>
          只看已删除
        </Checkbox>
      ) : null}
      {dirty ? (
        <Button type="link" onClick={onReset}>
          清除筛选
        </Button>
      ) : null}
    </>
  );
  if (compact) {
    return (
      <div style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', gap: 8 }}>
          {search}
          <Badge count={active} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setOpen((o) => !o)} type={open ? 'primary' : 'default'}>
              筛选
            </Button>
          </Badge>
        </div>
        {open ? (
          <Space wrap size={8} style={{ marginTop: 8, width: '100%' }}>
            {selects}
            {toggles}
          </Space>
        ) : null}
      </div>
    );
  }
  return (
    <Space wrap size={8} style={{ marginBottom: 12, width: '100%' }}>
      {selects}
      {search}
      {toggles}
    </Space>
  );
}
