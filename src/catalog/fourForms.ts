import { defineLedger } from '../ledger/types.ts';
import { sensitiveAccess } from '../ledger/access.ts';
import { noteField, opts } from './fields.ts';

/** 四种形态 (S): each use of a form; `subjects` is a list, its length the person-times. */
export default defineLedger({
  key: 'fourForms',
  label: '四种形态',
  line: 'discipline',
  sensitive: true,
  fields: [
    {
      key: 'form',
      label: '形态',
      kind: 'enum',
      required: true,
      options: opts({ '1': '第一种形态', '2': '第二种形态', '3': '第三种形态', '4': '第四种形态' }),
    },
    { key: 'subjects', label: '处理对象', kind: 'list', of: 'person', required: true },
    { key: 'measure', label: '处理方式', kind: 'text', maxLength: 100, help: '如：谈话提醒、批评教育、责令检查、诫勉' },
    { key: 'byLeader', label: '实施人', kind: 'person' },
    { key: 'occurredOn', label: '处理日期', kind: 'date', required: true, default: 'today' },
    { key: 'reason', label: '问题事由', kind: 'text', maxLength: 500 },
    { key: 'clueRef', label: '关联线索', kind: 'recordRef', ledger: 'clue', hiddenInList: true },
    noteField(),
  ],
  dateField: 'occurredOn',
  kindField: 'form',
  titleField: 'reason',
  columns: { n1: 'subjects', person: 'byLeader' },
  access: sensitiveAccess(),
  listColumns: ['form', 'subjects', 'measure', 'byLeader', 'occurredOn'],
});
