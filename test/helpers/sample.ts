import type { FieldDecl, LedgerDecl } from '../../src/ledger/types.ts';
import { idCheckDigit } from '../../src/shared/idnumber.ts';

/** A valid value of every required field of a ledger (plus the date field), for tests. */
export function sampleFields(d: LedgerDecl, branchCode: string, orgCode: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of d.fields) {
    if (!f.required && f.key !== d.dateField) continue;
    // Person names differ per ledger so cross-ledger rules (e.g. a sanction's influence period
    // guarding cadre actions) do not link the samples.
    out[f.key] = f.kind === 'person' ? `测试人员${d.key}` : sampleValue(f, branchCode, orgCode);
  }
  if (d.workflow && d.statusField) delete out[d.statusField];
  return out;
}

export function sampleValue(f: FieldDecl, branchCode: string, orgCode: string): unknown {
  switch (f.kind) {
    case 'text':
    case 'longText':
      return `测试${f.label}`;
    case 'int':
      return Math.max(f.min ?? 1, 1);
    case 'money':
      return 10;
    case 'date':
      return '2023-05-06';
    case 'month':
      return '2023-05';
    case 'bool':
      return true;
    case 'enum':
      return f.options[0].value;
    case 'list':
      return ['张三', '李四'];
    case 'org':
      return f.orgKinds && !f.orgKinds.includes('branch') ? orgCode : branchCode;
    case 'person':
      return '王五';
    case 'recordRef':
      return 1;
    case 'files':
      return [];
    case 'idNumber':
      return '12022319850302123' + idCheckDigit('12022319850302123');
  }
}
