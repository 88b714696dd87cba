import { defineLedger, type Workflow } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts, statusField, zh } from './fields.ts';

/**
 * 矛盾纠纷: disputes registered at the town's 矛调中心, transferred by the county, reported by
 * grid members or found by screening. Mediation ends within a month (`dueOn`) unless both
 * parties agree to continue. `resolvedOn` closes both resolved and referred disputes.
 */
const workflow: Workflow = {
  initial: 'registered',
  states: {
    registered: { label: '已登记', color: 'default' },
    mediating: { label: '调解中', color: 'processing' },
    resolved: { label: '已化解', color: 'success', final: true },
    referred: { label: '已移交', color: 'purple', final: true },
  },
  transitions: [
    { from: ['registered'], to: 'mediating', label: '开始调解', fields: ['mediator'] },
    {
      from: ['registered', 'mediating'],
      to: 'resolved',
      label: '调解成功',
      guards: ['hasResolvedOn'],
      fields: ['resolvedOn', 'fengqiao', 'agreement', 'result'],
    },
    { from: ['registered', 'mediating'], to: 'referred', label: '移交处理', guards: ['hasResolvedOn'], fields: ['resolvedOn', 'referredTo'] },
    { from: ['resolved', 'referred'], to: 'mediating', label: '重新调解', roles: ['legal', 'secretary'] },
  ],
};

export default defineLedger({
  key: 'dispute',
  label: '矛盾纠纷',
  line: 'legal',
  mobile: true,
  fields: [
    { key: 'title', label: '纠纷简况', kind: 'text', maxLength: 300 },
    {
      key: 'source',
      label: '来源',
      kind: 'enum',
      required: true,
      options: opts({ countyTransfer: '县转办', center: '镇矛调中心登记', grid: '网格上报', screening: '排查发现' }),
    },
    {
      key: 'type',
      label: '纠纷类型',
      kind: 'enum',
      open: true,
      options: zh('婚姻家庭', '邻里纠纷', '土地山林', '宅基地', '劳资纠纷', '合同纠纷', '损害赔偿', '物业纠纷', '其他'),
    },
    { key: 'parties', label: '当事人', kind: 'list', of: 'person' },
    { key: 'peopleCount', label: '涉及人数', kind: 'int', min: 1 },
    { key: 'riskLevel', label: '风险等级', kind: 'enum', default: '一般', options: zh('一般', '较大', '可能激化') },
    { key: 'registeredOn', label: '登记日期', kind: 'date', required: true, default: 'today' },
    { key: 'dueOn', label: '调结期限', kind: 'date', help: '一般在一个月内调结' },
    { key: 'bothPartiesAgreeToContinue', label: '双方同意继续调解', kind: 'bool', hiddenInList: true },
    { key: 'mediator', label: '调解员', kind: 'person' },
    statusField(workflow),
    { key: 'resolvedOn', label: '化解/移交日期', kind: 'date' },
    { key: 'fengqiao', label: '就地化解（枫桥经验）', kind: 'bool', default: false },
    { key: 'agreement', label: '调解协议', kind: 'enum', options: zh('书面协议', '口头协议', '无') },
    { key: 'referredTo', label: '移交单位', kind: 'text', maxLength: 100, hiddenInList: true },
    { key: 'followUpOn', label: '回访日期', kind: 'date', hiddenInList: true },
    { key: 'result', label: '处理结果', kind: 'longText', maxLength: 4000, hiddenInList: true },
    evidenceField('调解卷宗'),
    noteField(),
  ],
  dateField: 'registeredOn',
  kindField: 'source',
  statusField: 'status',
  titleField: 'title',
  columns: { sub: 'type', flag: 'fengqiao', dueOn: 'dueOn', doneOn: 'resolvedOn', person: 'mediator', date2: 'followUpOn', n1: 'peopleCount' },
  workflow,
  deadlines: [{ field: 'dueOn', from: 'registeredOn', days: 30 }],
  access: lineAccess('legal', { village: true, grid: true }),
  listColumns: ['title', 'source', 'type', 'registeredOn', 'dueOn', 'status', 'resolvedOn', 'fengqiao'],
});
