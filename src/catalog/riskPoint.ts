import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { noteField, opts, zh } from './fields.ts';

/**
 * 廉政风险点: unit/post risks (scope=org) and each cadre's personal risks (scope=personal).
 * `measures` is a list: one item per 防控措施, summed by the report.
 */
export default defineLedger({
  key: 'riskPoint',
  label: '廉政风险点',
  line: 'discipline',
  fields: [
    { key: 'scope', label: '类别', kind: 'enum', required: true, options: opts({ org: '单位/岗位', personal: '个人' }) },
    { key: 'owner', label: '责任人', kind: 'person' },
    { key: 'post', label: '岗位', kind: 'text', maxLength: 100 },
    { key: 'riskCategory', label: '风险类别', kind: 'enum', options: zh('岗位职责风险', '业务流程风险', '制度机制风险', '外部环境风险', '思想道德风险') },
    { key: 'description', label: '风险点', kind: 'text', maxLength: 500 },
    { key: 'level', label: '风险等级', kind: 'enum', options: opts({ high: '高', medium: '中', low: '低' }) },
    { key: 'measures', label: '防控措施', kind: 'list', of: 'text', help: '每条措施一项' },
    { key: 'leader', label: '责任领导', kind: 'person' },
    { key: 'identifiedOn', label: '排查日期', kind: 'date', required: true, default: 'today' },
    { key: 'reviewedOn', label: '复核日期', kind: 'date', hiddenInList: true },
    noteField(),
  ],
  dateField: 'identifiedOn',
  kindField: 'scope',
  titleField: 'description',
  columns: { sub: 'level', n1: 'measures', person: 'owner', date2: 'reviewedOn' },
  access: lineAccess('discipline'),
  listColumns: ['scope', 'owner', 'post', 'description', 'level', 'measures', 'identifiedOn'],
});
