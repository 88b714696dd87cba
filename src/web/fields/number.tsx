/** int and money. */
import { InputNumber } from 'antd';
import type { FieldKit, FieldOf } from './types.ts';
import { EMPTY, isBlank } from './types.ts';

const num = (v: unknown): number | null => (isBlank(v) || Number.isNaN(Number(v)) ? null : Number(v));

export function formatMoney(v: unknown): string {
  const n = num(v);
  return n === null ? EMPTY : n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export const intKit: FieldKit<FieldOf<'int'>> = {
  Input: ({ field, value, onChange, id, disabled }) => (
    <InputNumber
      id={id}
      disabled={disabled}
      value={num(value)}
      precision={0}
      min={field.min}
      max={field.max}
      addonAfter={field.unit}
      inputMode="numeric"
      style={{ width: '100%' }}
      onChange={(v) => onChange?.(v ?? null)}
    />
  ),
  Cell: ({ field, value }) => <>{num(value) === null ? EMPTY : `${num(value)}${field.unit ?? ''}`}</>,
  Display: ({ field, value }) => <>{num(value) === null ? EMPTY : `${num(value)} ${field.unit ?? ''}`}</>,
};

export const moneyKit: FieldKit<FieldOf<'money'>> = {
  Input: ({ field, value, onChange, id, disabled }) => (
    <InputNumber
      id={id}
      disabled={disabled}
      value={num(value)}
      precision={2}
      min={field.min}
      addonAfter="元"
      inputMode="decimal"
      style={{ width: '100%' }}
      onChange={(v) => onChange?.(v ?? null)}
    />
  ),
  Cell: ({ value }) => <>{formatMoney(value)}</>,
  Display: ({ value }) => <>{num(value) === null ? EMPTY : `${formatMoney(value)} 元`}</>,
};
