/**
 * Small builders shared by the built-in ledger declarations: enum options, the status field
 * derived from a workflow, and the fields most ledgers carry (备注, 佐证材料, 责任人).
 */
import type { EnumOption, FieldDecl, Workflow } from '../ledger/types.ts';

/** Options whose value is the Chinese text itself (where the catalog gives only Chinese values). */
export function zh(...values: string[]): EnumOption[] {
  return values.map((v) => ({ value: v, label: v }));
}

/** Options from `{value: label}` pairs, in declaration order. */
export function opts(pairs: Record<string, string>): EnumOption[] {
  return Object.entries(pairs).map(([value, label]) => ({ value, label }));
}

/** The `status` enum of a ledger with a workflow: one option per state, default the initial state. */
export function statusField(wf: Workflow, label = '状态'): FieldDecl {
  return {
    key: 'status',
    label,
    kind: 'enum',
    required: true,
    default: wf.initial,
    listed: true,
    options: Object.entries(wf.states).map(([value, s]) => ({ value, label: s.label })),
  };
}

export function noteField(label = '备注'): FieldDecl {
  return { key: 'note', label, kind: 'longText', maxLength: 2000, hiddenInList: true };
}

export function evidenceField(label = '佐证材料'): FieldDecl {
  return { key: 'evidence', label, kind: 'files', hiddenInList: true, help: '照片、签到表、文书扫描件等' };
}

export const GENDER = zh('男', '女');

export const EDUCATION = zh('研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学及以下');

/** Occupations (人员类别). 农民 is the value the development metrics filter on. */
export const OCCUPATION = zh('农民', '工人', '机关干部', '事业单位人员', '企业管理人员', '专业技术人员', '个体经营者', '学生', '离退休人员', '其他');
