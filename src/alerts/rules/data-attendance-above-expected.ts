import { defineAlertRule } from '../types.ts';
import { finding, orgName, recordsIn, zhDate } from './helpers.ts';

const KINDS: Record<string, string> = {
  memberAssembly: '支部党员大会',
  committee: '支委会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  themeDay: '主题党日',
  lifeMeeting: '组织生活会',
  democraticReview: '民主评议党员',
};

/** 实到人数多于应到人数: a data-quality gate on 组织生活 records. */
export default defineAlertRule({
  id: 'data.attendanceAboveExpected',
  title: '实到人数多于应到人数',
  severity: 'warning',
  source: { cites: [{ name: '台账数据质量要求' }], says: '实到人数不得多于应到人数', level: 'practice' },
  ledgers: ['branchMeeting'],
  ledger: 'branchMeeting',
  perRecord: true,
  params: {},
  description: '组织生活记录的实到人数多于应到人数。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'branchMeeting')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.kind', 'r.date_on', 'r.n1', 'r.n2'])
      .where('r.n2', 'is not', null)
      .where((eb) => eb('r.n1', '>', eb.ref('r.n2')))
      .execute();
    return rows.map((r) =>
      finding(this.id, r, ctx, {
        severity: 'warning',
        message: `${orgName(ctx, r.ref_org_id ?? r.org_id)}${zhDate(r.date_on)}${KINDS[r.kind ?? ''] ?? '会议'}实到${r.n1}人，多于应到${r.n2}人`,
      }),
    );
  },
});
