import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts } from './fields.ts';

/**
 * 组织生活 (三会一课): one row per meeting of a branch. `attendees` and `expected` are head
 * counts (实到/应到有表决权党员) so the quorum rules (more than half present) can be checked.
 */
export default defineLedger({
  key: 'branchMeeting',
  label: '组织生活',
  line: 'organization',
  fields: [
    { key: 'branch', label: '党支部', kind: 'org', required: true, orgKinds: ['branch', 'group'] },
    {
      key: 'kind',
      label: '会议类型',
      kind: 'enum',
      required: true,
      options: opts({
        memberAssembly: '支部党员大会',
        committee: '支委会',
        groupMeeting: '党小组会',
        partyLecture: '党课',
        themeDay: '主题党日',
        lifeMeeting: '组织生活会',
        democraticReview: '民主评议党员',
      }),
    },
    { key: 'occurredOn', label: '召开日期', kind: 'date', required: true, default: 'today' },
    { key: 'topic', label: '主题/议题', kind: 'text', maxLength: 200 },
    { key: 'host', label: '主持人', kind: 'person' },
    { key: 'lecturer', label: '讲课人', kind: 'person', help: '党课填写' },
    { key: 'expected', label: '应到人数', kind: 'int', min: 0, unit: '人' },
    { key: 'attendees', label: '实到人数', kind: 'int', min: 0, unit: '人' },
    { key: 'absentees', label: '缺席人员及原因', kind: 'text', maxLength: 500, hiddenInList: true },
    { key: 'place', label: '地点', kind: 'text', maxLength: 100, hiddenInList: true },
    { key: 'minutes', label: '会议记录', kind: 'longText', maxLength: 8000, hiddenInList: true },
    evidenceField('会议照片及签到表'),
    noteField(),
  ],
  dateField: 'occurredOn',
  kindField: 'kind',
  titleField: 'topic',
  columns: { refOrg: 'branch', n1: 'attendees', n2: 'expected', person: 'lecturer' },
  access: lineAccess('organization', { village: true }),
  listColumns: ['branch', 'kind', 'occurredOn', 'topic', 'attendees', 'expected', 'lecturer'],
});
