import { defineRule } from '../types.ts';
import { finding, quote, roster } from './helpers.ts';

/**
 * 身份证号与出生日期: the GB 11643 checksum is a write gate (the idNumber field refuses a bad
 * one on entry and import); this rule reports roster entries whose ID number carries another
 * birth date than the 出生日期 field (read from the birth date kept beside the encrypted number).
 */
export default defineRule({
  id: 'data.idNumber',
  title: '身份证号与出生日期不一致',
  severity: 'warning',
  source: { name: 'GB 11643-1999《公民身份号码》', article: '出生日期码（第7–14位）', level: 'national' },
  ledgers: ['partyMember'],
  ledger: 'partyMember',
  perRecord: true,
  params: {},
  description: '党员名册中身份证号所含出生日期与“出生日期”栏不一致（校验位错误的号码在录入和导入时即被拒绝）。',
  async check(ctx) {
    return (await roster(ctx))
      .filter((r) => r.birth && r.date3 && r.birth !== r.date3)
      .map((r) => finding(this.id, r, ctx, { severity: 'warning', message: `党员${quote(r.title)}身份证号中的出生日期（${r.birth}）与出生日期栏（${r.date3}）不一致` }));
  },
});
