import { defineLedger } from '../ledger/types.ts';
import { sensitiveAccess } from '../ledger/access.ts';
import { noteField, zh } from './fields.ts';

/**
 * 亲属信息 (S): relatives declared by town and village cadres for the 亲属涉权事项公开 work.
 * The ID number is validated (GB 11643), encrypted at rest and masked by the engine.
 */
export default defineLedger({
  key: 'relative',
  label: '亲属信息',
  line: 'discipline',
  sensitive: true,
  fields: [
    { key: 'cadre', label: '填报干部', kind: 'person', required: true },
    { key: 'cadrePost', label: '干部职务', kind: 'text', maxLength: 100 },
    { key: 'name', label: '亲属姓名', kind: 'text', required: true, maxLength: 50, sensitive: true },
    { key: 'relation', label: '关系', kind: 'enum', required: true, options: zh('配偶', '子女', '子女配偶', '父母', '兄弟姐妹', '其他') },
    { key: 'idNumber', label: '身份证号', kind: 'idNumber', sensitive: true, hiddenInList: true },
    { key: 'workUnit', label: '工作单位及职务', kind: 'text', maxLength: 100 },
    { key: 'livesTogether', label: '是否共同生活', kind: 'bool' },
    { key: 'filedOn', label: '填报日期', kind: 'date', required: true, default: 'today' },
    noteField(),
  ],
  dateField: 'filedOn',
  kindField: 'relation',
  titleField: 'cadre',
  columns: { person: 'cadre', flag: 'livesTogether' },
  access: sensitiveAccess(),
  listColumns: ['cadre', 'cadrePost', 'name', 'relation', 'workUnit', 'filedOn'],
});
