/** Which columns the list shows; remembered per ledger in localStorage. */
import { useState } from 'react';
import { Button, Checkbox, Divider, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import type { LedgerClientConfig } from '../types.ts';
import { defaultColumns } from './common.tsx';

/** Pseudo columns that are not ledger fields. */
export const META_COLUMNS: { key: string; label: string; default: boolean }[] = [
  { key: '__org', label: '所属组织', default: true },
  { key: '__files', label: '佐证材料数', default: false },
  { key: '__updatedAt', label: '更新时间', default: false },
];

const storageKey = (ledger: string) => `luoshi.cols.${ledger}`;

export function initialColumns(ledger: LedgerClientConfig): string[] {
  return [...defaultColumns(ledger), ...META_COLUMNS.filter((m) => m.default).map((m) => m.key)];
}

export function useColumnPrefs(ledger: LedgerClientConfig): [string[], (cols: string[]) => void, () => void] {
  const [cols, setCols] = useState<string[]>(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey(ledger.key)) ?? 'null') as unknown;
      if (Array.isArray(saved) && saved.every((s) => typeof s === 'string')) return saved as string[];
    } catch {
      /* a broken preference falls back to the default */
    }
    return initialColumns(ledger);
  });
  const save = (c: string[]) => {
    setCols(c);
    localStorage.setItem(storageKey(ledger.key), JSON.stringify(c));
  };
  const reset = () => {
    localStorage.removeItem(storageKey(ledger.key));
    setCols(initialColumns(ledger));
  };
  return [cols, save, reset];
}

export function ColumnChooser({
  ledger,
  value,
  onChange,
  onReset,
}: {
  ledger: LedgerClientConfig;
  value: string[];
  onChange(v: string[]): void;
  onReset(): void;
}) {
  const [open, setOpen] = useState(false);
  const options = [
    ...ledger.fields.filter((f) => f.key !== ledger.titleField).map((f) => ({ value: f.key, label: f.label })),
    ...META_COLUMNS.map((m) => ({ value: m.key, label: m.label })),
  ];
  const content = (
    <div style={{ maxWidth: 320 }}>
      <Checkbox.Group
        value={value}
        onChange={(v) => onChange(options.map((o) => o.value).filter((k) => v.includes(k)))}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6 }}
      >
        {options.map((o) => (
          <Checkbox key={o.value} value={o.value}>
            {o.label}
          </Checkbox>
        ))}
      </Checkbox.Group>
      <Divider style={{ margin: '10px 0' }} />
      <Button size="small" onClick={onReset}>
        恢复默认
      </Button>
    </div>
  );
  return (
    <Popover content={content} title="显示的列" trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button icon={<SettingOutlined />}>列设置</Button>
    </Popover>
  );
}
