/** Shapes of the alert API as the web client sees them. */
export type Severity = 'info' | 'warning' | 'error';

export const SEVERITY_TAGS: Record<string, { label: string; color: string }> = {
  error: { label: '逾期/违规', color: 'red' },
  warning: { label: '预警', color: 'gold' },
  info: { label: '提示', color: 'blue' },
};

export const STATUS_TAGS: Record<string, { label: string; color: string }> = {
  open: { label: '未处理', color: 'volcano' },
  acknowledged: { label: '已确认', color: 'processing' },
  resolved: { label: '已办结', color: 'success' },
};

// The list's shapes are the server's own types (type-only: nothing of the server is bundled).
export type { AlertItem, AlertPage, AlertStatus } from '../../../alerts/query.ts';

export interface AlertCount {
  total: number;
  bySeverity: Record<Severity, number>;
  assignedToMe: number;
}

export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  source: { name: string; article?: string; level?: string };
  description: string;
  disciplineOnly: boolean;
  enabled: boolean;
  params: { key: string; label: string; unit: string; default: number; value: number }[];
}

export interface Assignee {
  username: string;
  name: string;
  orgName: string;
}
