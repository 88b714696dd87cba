import { defineLedger, type Workflow } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts, statusField, zh } from './fields.ts';

/**
 * 问题整改: every problem from 巡察反馈, 专项监督, 自查自纠 or 上级督查, filed under the town with
 * the unit responsible (`targetOrg`: the town itself or a village). 整改完成率 counts only
 * `done` (阶段性/长期坚持 items are not complete).
 */
const workflow: Workflow = {
  initial: 'open',
  states: {
    open: { label: '待整改', color: 'default' },
    inProgress: { label: '整改中', color: 'processing' },
    done: { label: '已完成', color: 'success', final: true },
    longTerm: { label: '长期坚持', color: 'purple' },
  },
  transitions: [
    { from: ['open'], to: 'inProgress', label: '开始整改' },
    { from: ['open', 'inProgress', 'longTerm'], to: 'done', label: '标记完成', guards: ['hasDoneOn', 'hasEvidenceOrNote'], fields: ['doneOn', 'doneNote'] },
    { from: ['open', 'inProgress'], to: 'longTerm', label: '转为长期坚持', fields: ['doneNote'] },
    { from: ['done', 'longTerm'], to: 'inProgress', label: '重新整改', roles: ['discipline', 'secretary'], fields: ['note'] },
  ],
};

export default defineLedger({
  key: 'rectification',
  label: '问题整改',
  line: 'discipline',
  description: '巡察反馈、专项监督、自查自纠和上级督查发现问题的整改台账',
  fields: [
    { key: 'title', label: '问题描述', kind: 'text', required: true, maxLength: 500 },
    {
      key: 'source',
      label: '问题来源',
      kind: 'enum',
      required: true,
      options: opts({ inspection: '巡察反馈', supervision: '专项监督', selfCheck: '自查自纠', higherCheck: '上级督查', other: '其他' }),
    },
    { key: 'batch', label: '批次', kind: 'text', maxLength: 100, help: '如：2023年县委第一轮巡察' },
    { key: 'category', label: '问题类别', kind: 'enum', options: zh('党的领导', '党的建设', '全面从严治党', '选人用人', '作风建设', '民生保障', '其他') },
    { key: 'targetOrg', label: '整改责任单位', kind: 'org', required: true, orgKinds: ['town', 'department', 'village', 'community'] },
    { key: 'foundOn', label: '反馈/发现日期', kind: 'date', required: true },
    { key: 'measures', label: '整改措施', kind: 'longText', maxLength: 2000, hiddenInList: true },
    { key: 'leader', label: '责任领导', kind: 'person' },
    { key: 'owner', label: '责任人', kind: 'person' },
    { key: 'dueOn', label: '整改时限', kind: 'date' },
    statusField(workflow),
    { key: 'doneOn', label: '完成日期', kind: 'date' },
    { key: 'doneNote', label: '整改完成情况', kind: 'longText', maxLength: 2000, hiddenInList: true },
    { key: 'supervisionRef', label: '关联专项监督', kind: 'recordRef', ledger: 'supervision', hiddenInList: true },
    { key: 'reviewedOn', label: '回头看日期', kind: 'date', hiddenInList: true },
    evidenceField('整改佐证材料'),
    noteField(),
  ],
  dateField: 'foundOn',
  kindField: 'source',
  statusField: 'status',
  titleField: 'title',
  columns: { refOrg: 'targetOrg', dueOn: 'dueOn', doneOn: 'doneOn', person: 'owner', date2: 'reviewedOn' },
  workflow,
  access: lineAccess('discipline', { village: true }),
  listColumns: ['title', 'source', 'targetOrg', 'foundOn', 'dueOn', 'status', 'doneOn'],
});
