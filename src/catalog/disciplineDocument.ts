import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts } from './fields.ts';

/** 纪律文书: 提示函, 纪律检查建议书, 监察建议书 with the reply they ask for. */
export default defineLedger({
  key: 'disciplineDocument',
  label: '纪律文书',
  line: 'discipline',
  fields: [
    {
      key: 'kind',
      label: '文书类型',
      kind: 'enum',
      required: true,
      options: opts({ reminderLetter: '提示函', disciplineSuggestion: '纪律检查建议书', supervisionSuggestion: '监察建议书' }),
    },
    { key: 'title', label: '事由', kind: 'text', maxLength: 200 },
    { key: 'docNo', label: '文号', kind: 'text', maxLength: 60 },
    { key: 'recipient', label: '发送对象', kind: 'text', required: true, maxLength: 100, help: '科室、村（社区）党组织或纪检监察工作联络站' },
    { key: 'issuedOn', label: '发出日期', kind: 'date', required: true, default: 'today' },
    { key: 'replyDueOn', label: '回复时限', kind: 'date' },
    { key: 'repliedOn', label: '回复日期', kind: 'date' },
    { key: 'rectifiedOn', label: '整改完成日期', kind: 'date', hiddenInList: true },
    evidenceField('文书及回复'),
    noteField(),
  ],
  dateField: 'issuedOn',
  kindField: 'kind',
  titleField: 'title',
  columns: { dueOn: 'replyDueOn', doneOn: 'repliedOn', date2: 'rectifiedOn' },
  access: lineAccess('discipline'),
  listColumns: ['kind', 'title', 'recipient', 'issuedOn', 'replyDueOn', 'repliedOn'],
});
