import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, zh } from './fields.ts';

/** 专项监督: one row per supervision carried out (discipline.supervision.count). */
export default defineLedger({
  key: 'supervision',
  label: '专项监督',
  line: 'discipline',
  description: '围绕人居环境整治、安全生产等重点工作开展的专项监督',
  fields: [
    { key: 'title', label: '监督事项', kind: 'text', required: true, maxLength: 200 },
    {
      key: 'area',
      label: '监督领域',
      kind: 'enum',
      required: true,
      options: zh('人居环境整治', '荒草禁烧', '文明祭扫', '违法建设治理', '安全生产', '自建房安全', '债务风险', '干部作风', '其他'),
    },
    { key: 'occurredOn', label: '开展日期', kind: 'date', required: true, default: 'today' },
    { key: 'leader', label: '带队领导', kind: 'person' },
    { key: 'targets', label: '监督对象', kind: 'list', of: 'text', help: '被监督的科室、村（社区）' },
    { key: 'content', label: '监督内容', kind: 'longText', maxLength: 2000, hiddenInList: true },
    { key: 'problemsFound', label: '发现问题数', kind: 'int', min: 0, unit: '个' },
    evidenceField(),
    noteField(),
  ],
  dateField: 'occurredOn',
  kindField: 'area',
  titleField: 'title',
  columns: { person: 'leader', n1: 'problemsFound' },
  access: lineAccess('discipline'),
  listColumns: ['title', 'area', 'occurredOn', 'leader', 'problemsFound'],
});
