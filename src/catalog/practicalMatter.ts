import { defineLedger, type Workflow } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts, statusField } from './fields.ts';

/** 我为群众办实事: the year's list of practical matters, key livelihood projects among them. */
const workflow: Workflow = {
  initial: 'planned',
  states: {
    planned: { label: '计划中', color: 'default' },
    inProgress: { label: '推进中', color: 'processing' },
    done: { label: '已完成', color: 'success', final: true },
  },
  transitions: [
    { from: ['planned'], to: 'inProgress', label: '开始推进' },
    { from: ['planned', 'inProgress'], to: 'done', label: '标记完成', guards: ['hasDoneOn'], fields: ['doneOn', 'result'] },
    { from: ['done'], to: 'inProgress', label: '重新推进', roles: ['organization', 'secretary'] },
  ],
};

export default defineLedger({
  key: 'practicalMatter',
  label: '我为群众办实事',
  line: 'organization',
  fields: [
    { key: 'title', label: '实事项目', kind: 'text', required: true, maxLength: 200 },
    { key: 'category', label: '类别', kind: 'enum', required: true, default: 'general', options: opts({ keyProject: '重点民生工程', general: '一般实事' }) },
    { key: 'plannedOn', label: '列入清单日期', kind: 'date', required: true, default: 'today' },
    { key: 'dueOn', label: '计划完成时间', kind: 'date' },
    { key: 'owner', label: '责任人', kind: 'person' },
    { key: 'budget', label: '投入资金（元）', kind: 'money', min: 0 },
    statusField(workflow),
    { key: 'doneOn', label: '完成日期', kind: 'date' },
    { key: 'result', label: '完成情况', kind: 'longText', maxLength: 2000, hiddenInList: true },
    evidenceField(),
    noteField(),
  ],
  dateField: 'plannedOn',
  kindField: 'category',
  statusField: 'status',
  titleField: 'title',
  columns: { dueOn: 'dueOn', doneOn: 'doneOn', person: 'owner' },
  workflow,
  access: lineAccess('organization', { village: true }),
  listColumns: ['title', 'category', 'plannedOn', 'dueOn', 'status', 'doneOn'],
});
