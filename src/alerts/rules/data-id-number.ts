import { defineAlertRule } from '../types.ts';
import { finding, jsonText, quote, recordsIn } from './helpers.ts';

/**
 * 身份证号与出生日期: the GB 11643 checksum is a write gate (the idNumber field refuses a bad
 * one on entry and import); this rule reports roster entries whose ID number carries another
 * birth date than the 出生日期 field (read from the birth date kept beside the encrypted number).
 */
export default defineAlertRule({
  id: 'data.idNumber',
  title: '身份证号与出生日期不一致',
  severity: 'warning',
  source: { cites: [{ name: 'GB 11643-1999《公民身份号码》' }], says: '身份证号第7–14位为出生日期码，应与出生日期一致', level: 'national' },
  ledgers: ['partyMember'],
  ledger: 'partyMember',
  perRecord: true,
  params: {},
  description: '党员名册中身份证号所含出生日期与“出生日期”栏不一致（校验位错误的号码在录入和导入时即被拒绝）。',
  async check(ctx) {
    const birth = jsonText(ctx, '_derived', 'idNumberBirth');
    const rows = await recordsIn(ctx, 'partyMember')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.date3', birth.as('b')])
      .where('r.date_on', '<=', ctx.date)
      .where('r.date3', 'is not', null)
      .where(birth, 'is not', null)
      .where(birth, '!=', (eb) => eb.ref('r.date3'))
      .execute();
    return rows.map((r) =>
      finding(this.id, r, ctx, { severity: 'warning', message: `党员${quote(r.title)}身份证号中的出生日期（${r.b}）与出生日期栏（${r.date3}）不一致` }),
    );
  },
});
