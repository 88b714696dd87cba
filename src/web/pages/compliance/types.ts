/** Shapes of the compliance API and the colours of its cells. */
export type CellStatus = 'ok' | 'due' | 'missed' | 'notDue';

export interface ComplianceCell {
  kind: string;
  expected: number;
  expectedSoFar: number;
  held: number;
  missed: string[];
  dueCycle: string | null;
  status: CellStatus;
}

export interface ComplianceRow {
  org: string;
  orgName: string;
  orgKind: string;
  parentName: string;
  members: number;
  cells: ComplianceCell[];
  compliant: boolean;
}

export interface ComplianceSummary {
  units: number;
  compliantUnits: number;
  rate: number | null;
  missedCycles: number;
  byKind: { kind: string; label: string; missedUnits: number; dueUnits: number }[];
}

export interface ComplianceTable {
  org: string;
  period: string;
  from: string;
  to: string;
  asOf: string;
  requirements: { kind: string; label: string; cycle: string; cycleLabel: string; count: number; level: string; source: string }[];
  rows: ComplianceRow[];
  summary: ComplianceSummary;
}

export const CELL_TONES: Record<CellStatus, { label: string; bg: string; fg: string }> = {
  ok: { label: '已按期召开', bg: '#f6ffed', fg: '#389e0d' },
  due: { label: '本周期待开', bg: '#fffbe6', fg: '#d48806' },
  missed: { label: '有周期未开', bg: '#fff1f0', fg: '#cf1322' },
  notDue: { label: '尚未到期', bg: '#fafafa', fg: '#8c8c8c' },
};
