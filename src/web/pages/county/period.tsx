/**
 * The period picker of the dashboards and the county page: quarters from the first record to
 * today, defaulting to the latest quarter that has records (the demo data is 2023), kept in
 * the URL (?period=) so a view can be shared.
 */
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import type { DashboardPeriods } from '../../../assess/types.ts';
import { periodLabel } from './format.ts';

export function usePeriod(org: string | undefined) {
  const [sp, setSp] = useSearchParams();
  const q = useQuery({
    queryKey: ['dashboard-periods', org],
    queryFn: () => api.get<DashboardPeriods>('/api/dashboard/periods', { org }),
    enabled: Boolean(org),
    staleTime: 5 * 60_000,
  });
  const asked = sp.get('period');
  const period = asked && /^\d{4}Q[1-4]$/.test(asked) ? asked : q.data?.latest;
  const setPeriod = (p: string) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('period', p);
        return next;
      },
      { replace: true },
    );
  const periods = q.data?.periods ?? [];
  return {
    period,
    periods: period && !periods.includes(period) ? [period, ...periods] : periods,
    latest: q.data?.latest,
    setPeriod,
    error: q.error,
    loading: q.isPending,
  };
}

export function PeriodPicker({
  value,
  periods,
  latest,
  onChange,
  loading,
}: {
  value?: string;
  periods: string[];
  latest?: string;
  onChange(p: string): void;
  loading?: boolean;
}) {
  return (
    <Select
      aria-label="统计季度"
      value={value}
      loading={loading}
      onChange={onChange}
      style={{ minWidth: 176 }}
      placeholder="选择季度"
      options={periods.map((p) => ({ value: p, label: p === latest ? `${periodLabel(p)}（最新）` : periodLabel(p) }))}
    />
  );
}
