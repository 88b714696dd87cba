/** date ('YYYY-MM-DD') and month ('YYYY-MM'): strings in the API, dayjs only inside the picker. */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { FieldKit, FieldOf } from './types.ts';
import { EMPTY, isBlank } from './types.ts';

const toDay = (v: unknown, fmt: string) => {
  if (isBlank(v)) return null;
  const d = dayjs(String(v), fmt);
  return d.isValid() ? d : null;
};

const Plain = ({ value }: { value: unknown }) => <>{isBlank(value) ? EMPTY : String(value)}</>;

export const dateKit: FieldKit<FieldOf<'date'>> = {
  Input: ({ value, onChange, id, disabled }) => (
    <DatePicker
      id={id}
      disabled={disabled}
      value={toDay(value, 'YYYY-MM-DD')}
      format="YYYY-MM-DD"
      inputReadOnly
      style={{ width: '100%' }}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
    />
  ),
  Cell: Plain,
  Display: Plain,
};

export const monthKit: FieldKit<FieldOf<'month'>> = {
  Input: ({ value, onChange, id, disabled }) => (
    <DatePicker
      id={id}
      picker="month"
      disabled={disabled}
      value={toDay(value, 'YYYY-MM')}
      format="YYYY-MM"
      inputReadOnly
      style={{ width: '100%' }}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM') : null)}
    />
  ),
  Cell: Plain,
  Display: Plain,
};
