/** Form validation (Chinese messages) and default values, derived from a field declaration. */
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import type { FieldDecl, LedgerDecl } from '../../ledger/types.ts';
import { isBlank } from './types.ts';

const PICKED = new Set<FieldDecl['kind']>(['date', 'month', 'bool', 'enum', 'org', 'recordRef']);

/** GB 11643 check digit of an 18-digit citizen ID number. */
export function idNumberValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

export function rulesFor(f: FieldDecl): Rule[] {
  const rules: Rule[] = [];
  if (f.required) {
    rules.push({
      required: true,
      whitespace: f.kind === 'text' || f.kind === 'longText' || f.kind === 'person',
      message: `请${PICKED.has(f.kind) ? '选择' : '填写'}${f.label}`,
      ...(f.kind === 'list' ? { type: 'array' as const, min: 1 } : {}),
    });
  }
  const check = (test: (v: unknown) => string | null): Rule => ({
    validator: async (_: unknown, v: unknown) => {
      if (isBlank(v)) return;
      const msg = test(v);
      if (msg) throw new Error(msg);
    },
  });
  switch (f.kind) {
    case 'text':
      if (f.maxLength) rules.push({ max: f.maxLength, message: `${f.label}不能超过 ${f.maxLength} 个字` });
      if (f.pattern) {
        const re = new RegExp(f.pattern);
        rules.push(check((v) => (re.test(String(v)) ? null : `${f.label}格式不正确`)));
      }
      break;
    case 'longText':
      if (f.maxLength) rules.push({ max: f.maxLength, message: `${f.label}不能超过 ${f.maxLength} 个字` });
      break;
    case 'int':
      rules.push(
        check((v) => {
          const n = Number(v);
          if (!Number.isInteger(n)) return `${f.label}应为整数`;
          if (f.min !== undefined && f.max !== undefined && (n < f.min || n > f.max)) return `${f.label}应在 ${f.min} 到 ${f.max} 之间`;
          if (f.min !== undefined && n < f.min) return `${f.label}不能小于 ${f.min}`;
          if (f.max !== undefined && n > f.max) return `${f.label}不能大于 ${f.max}`;
          return null;
        }),
      );
      break;
    case 'money':
      rules.push(check((v) => (f.min !== undefined && Number(v) < f.min ? `${f.label}不能小于 ${f.min} 元` : null)));
      break;
    case 'list':
      if (f.maxItems) rules.push(check((v) => (Array.isArray(v) && v.length > f.maxItems! ? `${f.label}最多 ${f.maxItems} 项` : null)));
      break;
    case 'idNumber':
      rules.push(
        check((v) => {
          const s = String(v).toUpperCase();
          if (!/^\d{17}[\dX]$/.test(s)) return '身份证号码应为 18 位（前 17 位为数字，最后一位为数字或 X）';
          return idNumberValid(s) ? null : '身份证号码校验位不正确，请核对';
        }),
      );
      break;
    default:
      break;
  }
  return rules;
}

/** Initial values of a new record: declared defaults, and today for the ledger's date field. */
export function defaultsFor(ledger: LedgerDecl): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ledger.fields) {
    let d: unknown = f.default;
    if (d === 'today' || (d === undefined && f.key === ledger.dateField)) {
      if (f.kind === 'date') d = dayjs().format('YYYY-MM-DD');
      else if (f.kind === 'month') d = dayjs().format('YYYY-MM');
      else d = d === 'today' ? undefined : d;
    }
    if (d !== undefined) out[f.key] = d;
  }
  return out;
}
