/** Shapes of the compliance API and the colours of its cells. */
import type { CellStatus } from '../../../alerts/compliance-table.ts';

// The API's shapes are the server's own types (type-only: nothing of the server is bundled).
export type {
  CellStatus,
  ComplianceCell,
  ComplianceRollup,
  ComplianceRollupRow,
  ComplianceRow,
  ComplianceSummary,
  ComplianceTable,
} from '../../../alerts/compliance-table.ts';

export const CELL_TONES: Record<CellStatus, { label: string; bg: string; fg: string }> = {
  ok: { label: '已按期召开', bg: '#f6ffed', fg: '#389e0d' },
  due: { label: '本周期待开', bg: '#fffbe6', fg: '#d48806' },
  missed: { label: '有周期未开', bg: '#fff1f0', fg: '#cf1322' },
  notDue: { label: '尚未到期', bg: '#fafafa', fg: '#8c8c8c' },
};
