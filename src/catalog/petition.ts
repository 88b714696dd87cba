import { defineLedger, type Workflow } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts, statusField } from './fields.ts';

/**
 * 信访 (personal data sensitive): the ledger is kept by the political-legal line and villages;
 * the petitioner's name, phone and ID number are sensitive fields (masked, audited reveal).
 * 办结 within 60 days of 受理 (`dueOn`, defaulted from acceptedOn, or receivedOn until the
 * petition is accepted); an approved extension adds at most 30 (docs/domain.md, § 信访).
 */
const workflow: Workflow = {
  initial: 'registered',
  states: {
    registered: { label: '已登记', color: 'default' },
    accepted: { label: '已受理', color: 'blue' },
    handling: { label: '办理中', color: 'processing' },
    closed: { label: '已办结', color: 'success', final: true },
  },
  transitions: [
    { from: ['registered'], to: 'accepted', label: '受理', fields: ['acceptedOn', 'handler'] },
    { from: ['accepted'], to: 'handling', label: '开始办理', fields: ['leader'] },
    { from: ['registered', 'accepted', 'handling'], to: 'closed', label: '办结', guards: ['hasClosedOn'], fields: ['closedOn', 'satisfaction', 'result'] },
    { from: ['closed'], to: 'handling', label: '重新办理', roles: ['legal', 'secretary'] },
  ],
};

export default defineLedger({
  key: 'petition',
  label: '信访',
  line: 'legal',
  fields: [
    {
      key: 'channel',
      label: '信访渠道',
      kind: 'enum',
      required: true,
      options: opts({ countyTransfer: '县级转办', visit: '来访', letter: '来信', online: '网上信访', phone: '电话' }),
    },
    { key: 'subject', label: '诉求摘要', kind: 'text', required: true, maxLength: 500 },
    { key: 'petitioner', label: '信访人', kind: 'text', maxLength: 50, sensitive: true },
    { key: 'petitionerPhone', label: '联系电话', kind: 'text', maxLength: 20, pattern: '^[0-9+\\- ]{7,20}$', sensitive: true, hiddenInList: true },
    { key: 'idNumber', label: '信访人身份证号', kind: 'idNumber', sensitive: true, hiddenInList: true },
    { key: 'peopleCount', label: '人数', kind: 'int', min: 1, default: 1 },
    { key: 'collective', label: '集体访', kind: 'bool', hiddenInList: true },
    { key: 'receivedOn', label: '登记日期', kind: 'date', required: true, default: 'today' },
    { key: 'acceptedOn', label: '受理日期', kind: 'date', hiddenInList: true },
    { key: 'dueOn', label: '办理期限', kind: 'date', help: '默认为受理日期后60日（未受理时按登记日期），批准延期的加上延长天数；手工填写的以填写为准' },
    {
      key: 'extensionApproved',
      label: '延期已批准',
      kind: 'bool',
      hiddenInList: true,
      help: '情况复杂的，经本机关负责人批准可延长不超过30日，并告知信访人延期理由',
    },
    { key: 'extensionDays', label: '延长天数', kind: 'int', min: 1, max: 30, unit: '日', hiddenInList: true, help: '批准延长的天数，不超过30日；未填按30日计' },
    { key: 'handler', label: '承办人', kind: 'person' },
    { key: 'leader', label: '包案领导', kind: 'person' },
    statusField(workflow),
    { key: 'closedOn', label: '办结日期', kind: 'date' },
    {
      key: 'satisfaction',
      label: '满意度',
      kind: 'enum',
      default: 'none',
      options: opts({ satisfied: '满意', basic: '基本满意', unsatisfied: '不满意', none: '未评价' }),
    },
    { key: 'result', label: '处理意见', kind: 'longText', maxLength: 4000, hiddenInList: true },
    evidenceField('处理意见书及送达回证'),
    noteField(),
  ],
  dateField: 'receivedOn',
  kindField: 'channel',
  statusField: 'status',
  titleField: 'subject',
  columns: { sub: 'satisfaction', flag: 'extensionApproved', dueOn: 'dueOn', doneOn: 'closedOn', date2: 'acceptedOn', person: 'leader' },
  workflow,
  deadlines: [{ field: 'dueOn', from: ['acceptedOn', 'receivedOn'], days: 60, extend: { when: 'extensionApproved', days: 'extensionDays', max: 30 } }],
  access: lineAccess('legal', { village: true }),
  listColumns: ['channel', 'subject', 'petitioner', 'receivedOn', 'dueOn', 'status', 'closedOn', 'satisfaction'],
});
