/** Shapes of the report and template API as the report pages use them, and their queries. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import type { TemplateInfo } from '../../../report/template/store.ts';

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

export const STATUS_COLORS: Record<ReportStatus, string> = { draft: 'default', submitted: 'processing', returned: 'error', accepted: 'success' };

export interface ReportListItem {
  id: number;
  org: { code: string; name: string };
  period: string;
  status: ReportStatus;
  statusLabel: string;
  updatedAt: string;
  version: number | null;
  submittedAt: string | null;
}

export interface Diagnostic {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface NarrativeField {
  key: string;
  label: string;
  line: string;
  kind: 'inline' | 'block';
  points: boolean;
  default: string;
  value: string | null;
  editable: boolean;
}

export interface FactSummary {
  metric: string;
  label: string;
  unit: string;
  value: number | null;
  text: string;
  records: number;
}

export interface VersionInfo {
  version: number;
  submittedAt: string;
  submittedBy: string | null;
  reviewStatus: 'returned' | 'accepted' | null;
  reviewStatusLabel: string;
  reviewComment: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

export interface ReportDetail {
  id: number;
  org: { code: string; name: string };
  period: string;
  status: ReportStatus;
  statusLabel: string;
  updatedAt: string;
  template: { id: number; key: string; version: number; name: string };
  view: { frozen: boolean; version: number | null };
  title: string;
  html: string;
  facts: FactSummary[];
  diagnostics: Diagnostic[];
  narrative: NarrativeField[];
  versions: VersionInfo[];
  previous: { period: string; reportId: number; version: number; facts: Record<string, { value: number | null; text: string }> } | null;
  can: { edit: boolean; submit: boolean; review: boolean };
}

export interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  excerpt: string;
  line: number;
  column?: number;
}

export type { Evidence } from '../../components/evidence-list.tsx';

// The server's own type (type-only: nothing of the server is bundled).
export type { TemplateInfo } from '../../../report/template/store.ts';

export interface TemplateRow extends TemplateInfo {
  body: string;
  diagnostics?: Diagnostic[];
}

export interface Preview {
  title: string;
  html: string;
  diagnostics: Diagnostic[];
}

export interface MetricEntry {
  id: string;
  label: string;
  unit: string;
  line: string;
  value: number | null;
  text: string;
  format: string;
}

export interface TemplateVocabulary {
  metrics: MetricEntry[];
  variables: { name: string; label: string; value: string | number | null }[];
  filters: { name: string; label: string }[];
}

export const reportKey = (id: number, version?: number | null) => ['report', id, version ?? null] as const;

export function useReport(id: number, version?: number | null) {
  return useQuery({
    queryKey: reportKey(id, version),
    queryFn: () => api.get<ReportDetail>(`/api/reports/${id}`, { version: version ?? undefined }),
    staleTime: 0,
  });
}

export function useReports(org: string | undefined, period: string | undefined) {
  return useQuery({
    queryKey: ['reports', org, period],
    queryFn: () => api.get<ReportListItem[]>('/api/reports', { org, period }),
    enabled: Boolean(org),
  });
}

/** '2023-12-31T08:00:00.000Z' → '2023-12-31 16:00' in local time. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
