import type { ComponentType } from 'react';
import type { FieldDecl, FieldKind } from '../../ledger/types.ts';
import type { RecordItem } from '../types.ts';

export type FieldOf<K extends FieldKind> = Extract<FieldDecl, { kind: K }>;

export interface InputProps<F extends FieldDecl = FieldDecl> {
  field: F;
  /** The API value (dates as 'YYYY-MM-DD' strings, lists as arrays); Form.Item injects it. */
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
  disabled?: boolean;
}

export interface CellProps<F extends FieldDecl = FieldDecl> {
  field: F;
  value: unknown;
  record?: Pick<RecordItem, 'id' | 'files'>;
}

/** The three ways a field kind appears: in a form, in a table cell, on the detail page. */
export interface FieldKit<F extends FieldDecl = FieldDecl> {
  Input: ComponentType<InputProps<F>>;
  Cell: ComponentType<CellProps<F>>;
  Display: ComponentType<CellProps<F>>;
}

export type FieldKits = { [K in FieldKind]: FieldKit<FieldOf<K>> };

export const EMPTY = '—';

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A server-masked value such as `1202**********1234`. */
export function isMasked(v: unknown): boolean {
  return typeof v === 'string' && /\*{2,}/.test(v);
}
