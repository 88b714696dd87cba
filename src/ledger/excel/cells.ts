/**
 * What the template, the export and the reader share: the column layout of a ledger sheet,
 * header normalisation, cell value conversion and formula-injection quoting.
 */
import type { CellValue } from 'exceljs';
import type { CompiledLedger } from '../registry.ts';
import { isMaskedField, type FieldDecl, type FieldKind } from '../types.ts';
import { safeText, unquote } from '../../util/csv.ts';

export { safeText, unquote };

export const SEQ_HEADER = '序号';
export const ORG_CODE_HEADER = '所属组织代码';
export const ORG_NAME_HEADER = '所属组织';
export const EXAMPLE_MARK = '示例';
export const GUIDE_SHEET = '填写说明';
export const OPTIONS_SHEET = '下拉选项';
export const ORG_SHEETS = ['组织', '组织机构'];

/** Fields that have a column: everything but evidence files (uploaded separately). */
export function sheetFields(l: CompiledLedger): FieldDecl[] {
  return l.decl.fields.filter((f) => f.kind !== 'files');
}

/** A valid Excel sheet name (max 31 characters, none of []:*?/\). */
export function sheetNameOf(l: CompiledLedger): string {
  return (l.decl.sheet ?? l.decl.label).replace(/[[\]:*?/\\]/g, '').slice(0, 31) || l.key;
}

/** Sheet names that stand for a ledger: its sheet name, label, key, or label + 台账. */
export function sheetMatches(l: CompiledLedger, name: string): boolean {
  const n = normalizeHeader(name);
  return [sheetNameOf(l), l.decl.label, l.key, `${l.decl.label}台账`].some((x) => normalizeHeader(x) === n);
}

/** Header text without required marks, hints in brackets, or any kind of space. */
export function normalizeHeader(s: string): string {
  return s
    .replace(/[（(](必填|选填|必选)[)）]/g, '')
    .replace(/[*＊\s\u3000]/g, '')
    .trim();
}

export const KIND_LABELS: Record<FieldKind, string> = {
  text: '文本',
  longText: '长文本',
  int: '整数',
  money: '金额（元）',
  date: '日期',
  month: '月份',
  bool: '是/否',
  enum: '单选',
  list: '多项（用顿号、分隔）',
  org: '组织',
  person: '姓名',
  recordRef: '关联记录编号',
  files: '附件',
  idNumber: '身份证号',
};

/** "东湖村（QH-DH-V01）": how org references are shown in workbooks. */
export function orgLabel(name: string | undefined, code: string): string {
  return name ? `${name}（${code}）` : code;
}

/** The org code in a cell: "名称（代码）" or a bare code. */
export function orgCodeOf(s: string): string {
  const m = /[（(]\s*([A-Za-z0-9_.-]+)\s*[)）]\s*$/.exec(s);
  return (m ? m[1] : s).trim();
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** exceljs cell value → plain value: text of rich text and hyperlinks, formula results, Dates kept. */
export function plainCell(v: CellValue | undefined): string | number | boolean | Date | null {
  if (v == null) return null;
  if (typeof v === 'string') return unquote(v.trim()) || null;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return plainCell(v.richText.map((t) => t.text).join(''));
    if ('result' in v) return plainCell(v.result as CellValue);
    if ('text' in v) return plainCell((v as { text: CellValue }).text);
    if ('error' in v) return null;
  }
  return null;
}

/** A plain cell value shaped for a field's parser (Dates become text where text is expected). */
export function cellForField(f: FieldDecl, v: string | number | boolean | Date): unknown {
  if (v instanceof Date) {
    if (f.kind === 'date') return v;
    if (f.kind === 'month') return isoDay(v).slice(0, 7);
    return isoDay(v);
  }
  if (typeof v === 'string' && f.kind === 'org') return orgCodeOf(v);
  return v;
}

/** Values exported masked (ID numbers 1202**********1234, sensitive text 张*) cannot be imported. */
export function looksMasked(f: FieldDecl, v: unknown): boolean {
  if (typeof v !== 'string' || !isMaskedField(f)) return false;
  return f.kind === 'idNumber' ? /^\d{4}\*+[\dXx]{4}$/.test(v) : /^.\*{1,6}$/u.test(v);
}

/** Display width of a text in Excel columns (CJK characters count double). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** A column width for a field, from its label and kind. */
export function columnWidth(f: FieldDecl): number {
  const base: Partial<Record<FieldKind, number>> = { longText: 40, text: 24, list: 24, date: 12, month: 10, int: 8, money: 12, bool: 8, idNumber: 22, org: 22 };
  return Math.min(60, Math.max(textWidth(f.label) + 4, base[f.kind] ?? 14));
}
