import { defineLedger } from '../ledger/types.ts';
import { sensitiveAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts } from './fields.ts';

/** 处分 (S): party (党纪) and government (政务) sanctions; their influence periods: docs/domain.md. */
export default defineLedger({
  key: 'sanction',
  label: '处分',
  line: 'discipline',
  sensitive: true,
  fields: [
    { key: 'person', label: '受处分人', kind: 'person', required: true },
    { key: 'post', label: '职务', kind: 'text', maxLength: 100 },
    {
      key: 'kind',
      label: '处分种类',
      kind: 'enum',
      required: true,
      options: opts({
        warning: '党内警告',
        seriousWarning: '党内严重警告',
        removal: '撤销党内职务',
        probation: '留党察看',
        expulsion: '开除党籍',
        govWarning: '政务警告',
        demerit: '记过',
        majorDemerit: '记大过',
        demotion: '降级',
        dismissal: '撤职',
        discharge: '开除',
      }),
    },
    { key: 'decidedOn', label: '处分决定日期', kind: 'date', required: true },
    {
      key: 'probationYears',
      label: '留党察看期限',
      kind: 'int',
      min: 1,
      max: 2,
      unit: '年',
      hiddenInList: true,
      help: '留党察看处分填写：一年或二年（影响期至恢复党员权利后二年）',
    },
    { key: 'docNo', label: '处分决定文号', kind: 'text', maxLength: 60 },
    { key: 'reason', label: '违纪违法事实', kind: 'text', maxLength: 500 },
    { key: 'announcedOn', label: '宣布日期', kind: 'date', hiddenInList: true },
    { key: 'effectEndsOn', label: '影响期满日期', kind: 'date', hiddenInList: true },
    { key: 'clueRef', label: '关联线索', kind: 'recordRef', ledger: 'clue', hiddenInList: true },
    evidenceField('处分决定书'),
    noteField(),
  ],
  dateField: 'decidedOn',
  kindField: 'kind',
  titleField: 'person',
  columns: { person: 'person', date2: 'announcedOn', date3: 'effectEndsOn' },
  access: sensitiveAccess(),
  listColumns: ['person', 'post', 'kind', 'decidedOn', 'docNo'],
});
