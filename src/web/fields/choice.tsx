/** bool, enum and list. */
import { Radio, Select, Space, Tag } from 'antd';
import type { FieldKit, FieldOf } from './types.ts';
import { EMPTY, isBlank } from './types.ts';

export function boolText(v: unknown): string {
  if (v === true || v === 1 || v === 'true') return '是';
  if (v === false || v === 0 || v === 'false') return '否';
  return EMPTY;
}

export function enumLabel(field: FieldOf<'enum'>, v: unknown): string {
  if (isBlank(v)) return EMPTY;
  return field.options.find((o) => o.value === v)?.label ?? String(v);
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (isBlank(v)) return [];
  return String(v)
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const boolKit: FieldKit<FieldOf<'bool'>> = {
  Input: ({ value, onChange, id, disabled }) => (
    <Radio.Group
      id={id}
      disabled={disabled}
      optionType="button"
      value={value === true ? 'y' : value === false ? 'n' : undefined}
      onChange={(e) => onChange?.(e.target.value === 'y')}
      options={[
        { value: 'y', label: '是' },
        { value: 'n', label: '否' },
      ]}
    />
  ),
  Cell: ({ value }) => <>{boolText(value)}</>,
  Display: ({ value }) => <>{boolText(value)}</>,
};

export const enumKit: FieldKit<FieldOf<'enum'>> = {
  Input: ({ field, value, onChange, id, disabled }) => (
    <Select
      id={id}
      disabled={disabled}
      value={isBlank(value) ? undefined : (value as string)}
      options={field.options}
      allowClear={!field.required}
      showSearch={field.options.length > 8}
      optionFilterProp="label"
      placeholder="请选择"
      onChange={(v) => onChange?.(v ?? null)}
    />
  ),
  Cell: ({ field, value }) => <>{enumLabel(field, value)}</>,
  Display: ({ field, value }) => <>{enumLabel(field, value)}</>,
};

export const listKit: FieldKit<FieldOf<'list'>> = {
  Input: ({ field, value, onChange, id, disabled }) => (
    <Select
      id={id}
      mode="tags"
      disabled={disabled}
      value={asList(value)}
      open={false}
      suffixIcon={null}
      tokenSeparators={[',', '，', '、', ';', '；']}
      maxCount={field.maxItems}
      placeholder={field.of === 'person' ? '输入姓名后按回车，可输入多人' : '逐项输入后按回车'}
      onChange={(v: string[]) => onChange?.(v.map((s) => s.trim()).filter(Boolean))}
    />
  ),
  Cell: ({ value }) => {
    const l = asList(value);
    if (!l.length) return <>{EMPTY}</>;
    const s = l.join('、');
    return <span title={s}>{l.length > 3 ? `${l.slice(0, 3).join('、')} 等 ${l.length} 项` : s}</span>;
  },
  Display: ({ value }) => {
    const l = asList(value);
    if (!l.length) return <>{EMPTY}</>;
    return (
      <Space size={[4, 4]} wrap>
        {l.map((s, i) => (
          <Tag key={`${s}-${i}`}>{s}</Tag>
        ))}
        <span style={{ color: '#888' }}>共 {l.length} 项</span>
      </Space>
    );
  },
};
