import type { CompiledLedger } from './registry.ts';
import type { GuardName } from './types.ts';
import { isEmptyValue } from './fields/registry.ts';
import type { Principal } from './principal.ts';
import type { FieldError } from './validate.ts';

export interface GuardContext {
  fields: Record<string, unknown>;
  note?: string;
  /** Evidence files already attached to the record. */
  files: number;
  ledger: CompiledLedger;
}

/** Each named guard returns null when satisfied, else a Chinese message. */
const guards: Record<GuardName, (c: GuardContext) => string | null> = {
  hasDoneOn: (c) => (isEmptyValue(c.fields.doneOn) ? '请填写完成日期' : null),
  hasEvidenceOrNote: (c) => (c.files > 0 || !isEmptyValue(c.fields.doneNote) || (c.note ?? '').trim().length >= 5 ? null : '请上传佐证材料或填写完成情况说明'),
  hasClosedOn: (c) => (isEmptyValue(c.fields.closedOn) ? '请填写办结日期' : null),
  hasFiledOn: (c) => (c.fields.disposal === 'caseFiled' && isEmptyValue(c.fields.filedOn) ? '立案审查须填写立案日期' : null),
  hasResolvedOn: (c) => (isEmptyValue(c.fields.resolvedOn) ? '请填写化解/办结日期' : null),
  hasVerified: (c) => (c.fields.verified === true ? null : '请先完成核查'),
  hasPublicizedOn: (c) => (isEmptyValue(c.fields.publicizedOn) ? '请填写公示日期' : null),
};

export function runGuards(names: GuardName[], c: GuardContext): string[] {
  return names.map((n) => guards[n](c)).filter((m): m is string => m != null);
}

/**
 * The status rule for a new record (a form or an import row): it may start in any state of the
 * workflow as long as it meets the conditions of a transition into that state that the
 * principal may perform — a 整改 entered as 已完成 needs its 完成日期, just as 标记完成 on the web
 * does. The evidence guard is left to the files: they are attached to a record once it exists,
 * and an export (hence a backup re-imported) does not carry them.
 */
const ENTRY_EXEMPT = new Set<GuardName>(['hasEvidenceOrNote']);

export function entryErrors(l: CompiledLedger, p: Principal, fields: Record<string, unknown>): FieldError[] {
  const wf = l.decl.workflow;
  const sf = l.decl.statusField;
  const to = sf ? fields[sf] : undefined;
  if (!wf || !sf || typeof to !== 'string' || to === wf.initial) return [];
  const label = l.fields.get(sf)?.label ?? '状态';
  const state = wf.states[to]?.label ?? to;
  const ways = wf.transitions.filter((t) => t.to === to && (!t.roles || p.system || p.roles.some((r) => t.roles!.includes(r))));
  if (!ways.length) return [{ field: sf, label, message: `当前角色不能直接登记为“${state}”` }];
  let first: { t: (typeof ways)[number]; errors: string[] } | null = null;
  for (const t of ways) {
    const errors = runGuards(
      (t.guards ?? []).filter((g) => !ENTRY_EXEMPT.has(g)),
      { fields, files: 0, ledger: l },
    );
    if (!errors.length) return [];
    first ??= { t, errors };
  }
  return [{ field: sf, label, message: `登记为“${state}”须满足“${first!.t.label}”的条件：${first!.errors.join('；')}` }];
}

/**
 * The transitions the record's page offers `p` from state `from` (the ledger's initial state when
 * none): those leaving `from` for another state that p's roles may run. transitionRecord decides.
 */
export function offeredTransitions(l: CompiledLedger, p: Principal, from: string | null): { to: string; label: string; fields: string[] }[] {
  const wf = l.decl.workflow;
  const at = from ?? wf?.initial ?? '';
  return (wf?.transitions ?? [])
    .filter((t) => (t.from === '*' || t.from.includes(at)) && t.to !== at && (!t.roles || p.roles.some((x) => t.roles!.includes(x))))
    .map((t) => ({ to: t.to, label: t.label, fields: t.fields ?? [] }));
}
