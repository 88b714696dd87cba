/** text, longText, person and idNumber: typed strings. */
import { Input, Typography } from 'antd';
import type { FieldKit, FieldOf, InputProps, CellProps } from './types.ts';
import { EMPTY, isBlank } from './types.ts';

const str = (v: unknown) => (isBlank(v) ? '' : String(v));

function TextCell({ value }: CellProps) {
  return isBlank(value) ? <>{EMPTY}</> : <>{String(value)}</>;
}

export const textKit: FieldKit<FieldOf<'text'>> = {
  Input: ({ field, value, onChange, id, disabled }: InputProps<FieldOf<'text'>>) => (
    <Input id={id} disabled={disabled} value={str(value)} maxLength={field.maxLength} allowClear onChange={(e) => onChange?.(e.target.value)} />
  ),
  Cell: TextCell,
  Display: TextCell,
};

export const longTextKit: FieldKit<FieldOf<'longText'>> = {
  Input: ({ field, value, onChange, id, disabled }) => (
    <Input.TextArea
      id={id}
      disabled={disabled}
      value={str(value)}
      maxLength={field.maxLength}
      showCount={Boolean(field.maxLength)}
      autoSize={{ minRows: 3, maxRows: 10 }}
      onChange={(e) => onChange?.(e.target.value)}
    />
  ),
  Cell: ({ value }) => {
    if (isBlank(value)) return <>{EMPTY}</>;
    const s = String(value);
    return <span title={s}>{s.length > 40 ? `${s.slice(0, 40)}…` : s}</span>;
  },
  Display: ({ value }) =>
    isBlank(value) ? <>{EMPTY}</> : <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{String(value)}</Typography.Paragraph>,
};

export const personKit: FieldKit<FieldOf<'person'>> = {
  Input: ({ value, onChange, id, disabled }) => (
    <Input id={id} disabled={disabled} value={str(value)} maxLength={50} placeholder="姓名" allowClear onChange={(e) => onChange?.(e.target.value)} />
  ),
  Cell: TextCell,
  Display: TextCell,
};

export const idNumberKit: FieldKit<FieldOf<'idNumber'>> = {
  Input: ({ value, onChange, id, disabled }) => (
    <Input
      id={id}
      disabled={disabled}
      value={str(value)}
      maxLength={18}
      inputMode="text"
      autoComplete="off"
      placeholder="18 位身份证号码"
      onChange={(e) => onChange?.(e.target.value.toUpperCase().replace(/\s/g, ''))}
    />
  ),
  Cell: ({ value }) => (isBlank(value) ? <>{EMPTY}</> : <span style={{ fontFamily: 'monospace' }}>{String(value)}</span>),
  Display: ({ value }) => (isBlank(value) ? <>{EMPTY}</> : <span style={{ fontFamily: 'monospace' }}>{String(value)}</span>),
};
