import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { noteField, opts } from './fields.ts';

/** 干部任用: appointments and promotions counted by the organisation department. */
export default defineLedger({
  key: 'cadreAction',
  label: '干部任用',
  line: 'organization',
  fields: [
    {
      key: 'kind',
      label: '类型',
      kind: 'enum',
      required: true,
      options: opts({
        sectionAppointment: '选拔任用科级干部',
        civilServantRank: '公务员职级晋升',
        staffGrade: '事业人员职员等级晋升',
        sanzhiyifu: '三支一扶选聘',
      }),
    },
    { key: 'person', label: '姓名', kind: 'person', required: true },
    { key: 'fromPost', label: '原职务/职级', kind: 'text', maxLength: 100 },
    { key: 'toPost', label: '现职务/职级', kind: 'text', maxLength: 100 },
    { key: 'effectiveOn', label: '任职/晋升日期', kind: 'date', required: true },
    { key: 'docNo', label: '文号', kind: 'text', maxLength: 60 },
    noteField(),
  ],
  dateField: 'effectiveOn',
  kindField: 'kind',
  titleField: 'person',
  columns: { person: 'person' },
  access: lineAccess('organization'),
  listColumns: ['kind', 'person', 'fromPost', 'toPost', 'effectiveOn', 'docNo'],
});
