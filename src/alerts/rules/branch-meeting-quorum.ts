import { defineAlertRule } from '../types.ts';
import { finding, orgName, recordsIn, zhDate } from './helpers.ts';

/**
 * 党员大会到会人数不足半数: a vote needs 半数以上 (half or more: 以上 includes the number itself)
 * of the voting members present; with fewer the meeting cannot vote. Exactly half is a quorum.
 * (超过半数 is the majority needed to pass a motion, a different rule.)
 */
export default defineAlertRule({
  id: 'branchMeeting.quorum',
  title: '支部党员大会到会人数不足半数',
  severity: 'error',
  source: {
    cites: [{ name: '《中国共产党支部工作条例（试行）》', article: '第十一条' }],
    says: '党员大会须有半数以上有表决权的党员到会方可进行（恰好半数即为半数以上）',
    level: 'national',
  },
  ledgers: ['branchMeeting'],
  ledger: 'branchMeeting',
  perRecord: true,
  params: {},
  description: '支部党员大会实到人数少于应到有表决权党员的一半（恰好一半即达到法定人数），不能进行表决，所作决议无效。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'branchMeeting')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.date_on', 'r.n1', 'r.n2'])
      .where('r.kind', '=', 'memberAssembly')
      .where('r.date_on', '<=', ctx.date)
      .where('r.n1', 'is not', null)
      .where('r.n2', '>', 0)
      .execute();
    return rows
      .filter((r) => Number(r.n1) * 2 < Number(r.n2))
      .map((r) =>
        finding(this.id, r, ctx, {
          severity: 'error',
          message: `${orgName(ctx, r.ref_org_id ?? r.org_id)}${zhDate(r.date_on)}支部党员大会应到${r.n2}人、实到${r.n1}人，不足半数，不能进行表决，所作决议无效`,
        }),
      );
  },
});
