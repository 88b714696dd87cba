import { defineLedger } from '../ledger/types.ts';
import { sensitiveAccess } from '../ledger/access.ts';
import { noteField, zh } from './fields.ts';

/**
 * 村级工程承包方与务工人员 (S): contractors, suppliers and workers of village projects, matched
 * by ID number against cadres' relatives (rule relative.undisclosedPowerMatter).
 */
export default defineLedger({
  key: 'projectParty',
  label: '村级工程承包方与务工人员',
  line: 'discipline',
  sensitive: true,
  description: '村级工程项目的承包方、供应商和务工人员名单，用于与干部亲属信息碰撞比对',
  fields: [
    { key: 'project', label: '工程项目', kind: 'text', required: true, maxLength: 200 },
    { key: 'role', label: '身份', kind: 'enum', required: true, options: zh('承包方', '供应商', '务工人员') },
    { key: 'name', label: '姓名/负责人', kind: 'text', required: true, maxLength: 50, sensitive: true },
    { key: 'idNumber', label: '身份证号', kind: 'idNumber', sensitive: true, hiddenInList: true },
    { key: 'company', label: '单位名称', kind: 'text', maxLength: 100 },
    { key: 'creditCode', label: '统一社会信用代码', kind: 'text', maxLength: 18, hiddenInList: true },
    { key: 'village', label: '所在村（社区）', kind: 'org', orgKinds: ['village', 'community'] },
    { key: 'amount', label: '合同金额/劳务报酬（元）', kind: 'money', min: 0 },
    { key: 'contractedOn', label: '签约/用工日期', kind: 'date', required: true },
    noteField(),
  ],
  dateField: 'contractedOn',
  kindField: 'role',
  titleField: 'project',
  columns: { refOrg: 'village', n1: 'amount' },
  access: sensitiveAccess(),
  listColumns: ['project', 'role', 'name', 'company', 'village', 'amount', 'contractedOn'],
});
