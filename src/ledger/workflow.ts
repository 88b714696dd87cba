import type { CompiledLedger } from './registry.ts';
import type { GuardName } from './types.ts';
import { isEmptyValue } from './fields/registry.ts';

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
  hasEvidenceOrNote: (c) =>
    c.files > 0 || !isEmptyValue(c.fields.doneNote) || (c.note ?? '').trim().length >= 5 ? null : '请上传佐证材料或填写完成情况说明',
  hasClosedOn: (c) => (isEmptyValue(c.fields.closedOn) ? '请填写办结日期' : null),
  hasFiledOn: (c) => (c.fields.disposal === 'caseFiled' && isEmptyValue(c.fields.filedOn) ? '立案审查须填写立案日期' : null),
  hasResolvedOn: (c) => (isEmptyValue(c.fields.resolvedOn) ? '请填写化解/办结日期' : null),
  hasVerified: (c) => (c.fields.verified === true ? null : '请先完成核查'),
  hasPublicizedOn: (c) => (isEmptyValue(c.fields.publicizedOn) ? '请填写公示日期' : null),
};

export function runGuards(names: GuardName[], c: GuardContext): string[] {
  return names.map((n) => guards[n](c)).filter((m): m is string => m != null);
}
