import { defineRule } from '../types.ts';
import { finding, orgName, zhDate } from './helpers.ts';
import { recordsIn } from './helpers.ts';

/** 党员大会到会人数未过半: with half or fewer of the voting members present, the meeting and its decisions are invalid. */
export default defineRule({
  id: 'branchMeeting.quorum',
  title: '支部党员大会到会人数未过半',
  severity: 'error',
  source: { name: '《中国共产党支部工作条例（试行）》', article: '第十一条（有表决权的党员到会人数超过半数方可召开）', level: 'national' },
  ledgers: ['branchMeeting'],
  ledger: 'branchMeeting',
  perRecord: true,
  params: {},
  description: '支部党员大会实到人数不超过应到有表决权党员的一半，会议及其决议无效。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'branchMeeting')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.date_on', 'r.n1', 'r.n2'])
      .where('r.kind', '=', 'memberAssembly')
      .where('r.date_on', '<=', ctx.date)
      .where('r.n1', 'is not', null)
      .where('r.n2', '>', 0)
      .execute();
    return rows
      .filter((r) => Number(r.n1) * 2 <= Number(r.n2))
      .map((r) =>
        finding(this.id, r, ctx, {
          severity: 'error',
          message: `${orgName(ctx, r.ref_org_id ?? r.org_id)}${zhDate(r.date_on)}支部党员大会应到${r.n2}人、实到${r.n1}人，未超过半数，会议及决议无效`,
        }),
      );
  },
});
