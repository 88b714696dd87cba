import { idBirthDate, idNumberError } from '../../shared/idnumber.ts';
import { builtinLedger } from '../../ledger/registry.ts';
import { defineRule } from '../types.ts';
import { finding, loadWithIds, quote } from './helpers.ts';

const LEDGERS = ['partyMember'];

/** 身份证号校验: GB 11643 checksum, and the birth date it carries against the 出生日期 field. */
export default defineRule({
  id: 'data.idNumber',
  title: '身份证号有误',
  severity: 'warning',
  source: { name: 'GB 11643-1999《公民身份号码》', article: '校验码与出生日期码', level: 'national' },
  ledgers: LEDGERS,
  ledger: 'partyMember',
  perRecord: true,
  params: {},
  description: '身份证号校验位错误，或其中的出生日期与“出生日期”栏不一致（党员名册）。',
  async check(ctx) {
    const out = [];
    for (const ledger of LEDGERS) {
      if (!builtinLedger(ledger)) continue;
      for (const r of await loadWithIds(ctx, ledger)) {
        if (!r.idNumber) continue;
        const err = idNumberError(r.idNumber);
        const label = builtinLedger(ledger)!.decl.label;
        if (err) out.push(finding(this.id, r, ctx, { severity: 'warning', suffix: 'checksum', message: `${label}${quote(r.title)}的身份证号有误：${err}` }));
        else if (ledger === 'partyMember' && r.date3 && idBirthDate(r.idNumber) !== r.date3) {
          out.push(finding(this.id, r, ctx, { severity: 'warning', suffix: 'birth', message: `党员${quote(r.title)}身份证号中的出生日期（${idBirthDate(r.idNumber)}）与出生日期栏（${r.date3}）不一致` }));
        }
      }
    }
    return out;
  },
});
