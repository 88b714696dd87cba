/**
 * The field registry: one kit (Input, Cell, Display) per field kind. Typed over every
 * FieldKind, so adding a kind to ledger/types.ts without a kit here fails to compile.
 */
import type { FieldDecl, FieldKind } from '../../ledger/types.ts';
import type { FieldKit, FieldKits } from './types.ts';
import { idNumberKit, longTextKit, personKit, textKit } from './text.tsx';
import { intKit, moneyKit } from './number.tsx';
import { dateKit, monthKit } from './date.tsx';
import { boolKit, enumKit, listKit } from './choice.tsx';
import { filesKit, orgKit, recordRefKit } from './ref.tsx';

export const fieldKits: FieldKits = {
  text: textKit,
  longText: longTextKit,
  int: intKit,
  money: moneyKit,
  date: dateKit,
  month: monthKit,
  bool: boolKit,
  enum: enumKit,
  list: listKit,
  org: orgKit,
  person: personKit,
  recordRef: recordRefKit,
  files: filesKit,
  idNumber: idNumberKit,
};

/** The same registry seen as the brief's plain map (every kind, any field). */
export const fieldRegistry: Record<FieldKind, FieldKit> = fieldKits as unknown as Record<FieldKind, FieldKit>;

export function kitFor(field: FieldDecl): FieldKit {
  return fieldRegistry[field.kind] ?? fieldRegistry.text;
}

export { isBlank, isMasked, EMPTY } from './types.ts';
export type { FieldKit, InputProps, CellProps } from './types.ts';
