/** Shapes of the alert API as the web client sees them; the labels are src/shared's. */
import { ALERT_STATUS_LABELS, SEVERITY_LABELS, type RuleSource, type Severity } from '../../../shared/alerts.ts';

export type { Severity };

export const SEVERITY_TAGS: Record<string, { label: string; color: string }> = {
  error: { label: SEVERITY_LABELS.error, color: 'red' },
  warning: { label: SEVERITY_LABELS.warning, color: 'gold' },
  info: { label: SEVERITY_LABELS.info, color: 'blue' },
};

export const STATUS_TAGS: Record<string, { label: string; color: string }> = {
  open: { label: ALERT_STATUS_LABELS.open, color: 'volcano' },
  acknowledged: { label: ALERT_STATUS_LABELS.acknowledged, color: 'processing' },
  resolved: { label: ALERT_STATUS_LABELS.resolved, color: 'success' },
};

// The list's shapes are the server's own types (type-only: nothing of the server is bundled).
export type { AlertItem, AlertPage, AlertStatus, AlertSummary, AlertSummaryRow } from '../../../alerts/query.ts';

export interface AlertCount {
  total: number;
  bySeverity: Record<Severity, number>;
  assignedToMe: number;
}

export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  source: RuleSource;
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
