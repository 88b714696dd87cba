import { defineLedger, type Workflow } from '../ledger/types.ts';
import { sensitiveAccess } from '../ledger/access.ts';
import { noteField, opts, statusField, zh } from './fields.ts';

/**
 * 问题线索 (S). A clue is received, disposed of in one of the four ways or filed as a case
 * (立案审查, which needs `filedOn`: discipline.case.count counts disposal=caseFiled by filedOn).
 */
const workflow: Workflow = {
  initial: 'pending',
  states: {
    pending: { label: '待处置', color: 'default' },
    disposing: { label: '处置中', color: 'processing' },
    disposed: { label: '已办结', color: 'success', final: true },
  },
  transitions: [
    { from: ['pending'], to: 'disposing', label: '开始处置', fields: ['disposal'] },
    { from: ['pending', 'disposing'], to: 'disposed', label: '处置办结', fields: ['disposal', 'disposedOn', 'result'] },
    { from: ['pending', 'disposing'], to: 'disposed', label: '立案审查', guards: ['hasFiledOn'], fields: ['disposal', 'filedOn'] },
    { from: ['disposed'], to: 'disposing', label: '重新处置', roles: ['discipline', 'secretary'] },
  ],
};

export default defineLedger({
  key: 'clue',
  label: '问题线索',
  line: 'discipline',
  sensitive: true,
  fields: [
    { key: 'summary', label: '问题摘要', kind: 'text', maxLength: 500 },
    { key: 'source', label: '线索来源', kind: 'enum', required: true, options: zh('信访举报', '巡察移交', '审计移交', '上级交办', '监督检查发现', '其他') },
    { key: 'receivedOn', label: '受理日期', kind: 'date', required: true, default: 'today' },
    { key: 'subjectPerson', label: '被反映人', kind: 'person' },
    { key: 'subjectPost', label: '被反映人职务', kind: 'text', maxLength: 100 },
    {
      key: 'disposal',
      label: '处置方式',
      kind: 'enum',
      options: opts({ talkInquiry: '谈话函询', preliminaryCheck: '初步核实', shelved: '暂存待查', closed: '予以了结', caseFiled: '立案审查' }),
    },
    { key: 'filedOn', label: '立案日期', kind: 'date' },
    { key: 'disposedOn', label: '办结日期', kind: 'date' },
    statusField(workflow),
    { key: 'result', label: '处置结果', kind: 'longText', maxLength: 2000, hiddenInList: true },
    noteField(),
  ],
  dateField: 'receivedOn',
  kindField: 'disposal',
  statusField: 'status',
  titleField: 'summary',
  columns: { sub: 'source', date2: 'filedOn', doneOn: 'disposedOn', person: 'subjectPerson' },
  workflow,
  access: sensitiveAccess(),
  listColumns: ['summary', 'source', 'receivedOn', 'disposal', 'filedOn', 'status'],
});
