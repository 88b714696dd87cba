/** Helpers shared by the generic ledger pages. */
import { Tag, Tooltip } from 'antd';
import type { FieldDecl } from '../../ledger/types.ts';
import type { LedgerClientConfig } from '../types.ts';

export function fieldOf(ledger: LedgerClientConfig, key: string): FieldDecl | undefined {
  return ledger.fields.find((f) => f.key === key);
}

/** A workflow state's label and colour; unknown states show their raw value. */
export function stateOf(ledger: LedgerClientConfig, status: string | null | undefined): { label: string; color?: string } {
  if (!status) return { label: '—' };
  const s = ledger.workflow?.states[status];
  if (s) return { label: s.label, color: s.color };
  const f = ledger.statusField ? fieldOf(ledger, ledger.statusField) : undefined;
  const opt = f?.kind === 'enum' ? f.options.find((o) => o.value === status) : undefined;
  return { label: opt?.label ?? status };
}

export function OverdueTag({ dueOn }: { dueOn?: string | null }) {
  const tag = <Tag color="red">逾期</Tag>;
  return dueOn ? <Tooltip title={`时限 ${dueOn}`}>{tag}</Tooltip> : tag;
}

export function StatusTag({
  ledger,
  status,
  overdue,
  dueOn,
}: {
  ledger: LedgerClientConfig;
  status: string | null | undefined;
  overdue?: boolean;
  dueOn?: string | null;
}) {
  const s = stateOf(ledger, status);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {status ? <Tag color={s.color ?? 'default'}>{s.label}</Tag> : null}
      {overdue ? <OverdueTag dueOn={dueOn} /> : null}
    </span>
  );
}

/** Fields a person fills in on the create/edit form (the workflow drives the status). */
export function formFieldsOf(ledger: LedgerClientConfig): FieldDecl[] {
  return ledger.fields.filter((f) => !(ledger.workflow && f.key === ledger.statusField));
}

/** Kinds that make no sense to sort by on the server. */
export function sortable(f: FieldDecl): boolean {
  return !['list', 'files', 'longText'].includes(f.kind) && !f.sensitive;
}

/** Columns shown by default: the declaration's listColumns, else listed fields, else the first few. */
export function defaultColumns(ledger: LedgerClientConfig): string[] {
  if (ledger.listColumns?.length) return ledger.listColumns;
  const listed = ledger.fields.filter((f) => f.listed).map((f) => f.key);
  if (listed.length) return listed;
  return ledger.fields
    .filter((f) => !f.hiddenInList && f.kind !== 'files')
    .slice(0, 5)
    .map((f) => f.key);
}
