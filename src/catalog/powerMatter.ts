import { defineLedger } from '../ledger/types.ts';
import { sensitiveAccess } from '../ledger/access.ts';
import { evidenceField, noteField, zh } from './fields.ts';

/**
 * 亲属涉权事项 (S): a cadre's relative received a benefit, project or contract. Verified matters
 * are publicised (discipline.powerMatter.publicized counts verified=true by publicizedOn).
 */
export default defineLedger({
  key: 'powerMatter',
  label: '亲属涉权事项',
  line: 'discipline',
  sensitive: true,
  fields: [
    { key: 'title', label: '事项名称', kind: 'text', maxLength: 200 },
    {
      key: 'matterType',
      label: '事项类型',
      kind: 'enum',
      required: true,
      options: zh('低保', '特困供养', '危房改造', '惠农补贴', '宅基地审批', '村级工程', '招投标', '征地拆迁', '其他'),
    },
    { key: 'relativeRef', label: '关联亲属', kind: 'recordRef', ledger: 'relative' },
    { key: 'cadre', label: '关联干部', kind: 'person' },
    { key: 'beneficiary', label: '受益人/中标人', kind: 'text', maxLength: 100, sensitive: true },
    { key: 'amount', label: '涉及金额（元）', kind: 'money', min: 0 },
    { key: 'occurredOn', label: '发生日期', kind: 'date', required: true },
    { key: 'avoided', label: '经办回避', kind: 'bool' },
    { key: 'verified', label: '已核查', kind: 'bool', default: false },
    { key: 'publicizedOn', label: '公示日期', kind: 'date' },
    evidenceField('核查及公示材料'),
    noteField(),
  ],
  dateField: 'occurredOn',
  kindField: 'matterType',
  titleField: 'title',
  columns: { flag: 'verified', date2: 'publicizedOn', person: 'cadre' },
  access: sensitiveAccess(),
  listColumns: ['title', 'matterType', 'cadre', 'occurredOn', 'verified', 'publicizedOn'],
});
