import { defineLedger } from '../ledger/types.ts';
import { sensitiveAccess } from '../ledger/access.ts';
import { noteField, zh } from './fields.ts';

/**
 * 惠民资金/救助对象名单 (S): the lists a town already holds (低保、特困供养、危房改造、惠农补贴 …),
 * imported as they are, so the discipline office can match them against cadres' relatives
 * (小微权力监督碰撞比对, rule relative.undisclosedPowerMatter).
 */
export default defineLedger({
  key: 'beneficiary',
  label: '惠民资金及救助对象名单',
  line: 'discipline',
  sensitive: true,
  description: '低保、特困供养、危房改造、惠农补贴等享受对象名单，用于与干部亲属信息碰撞比对',
  fields: [
    { key: 'name', label: '姓名', kind: 'text', required: true, maxLength: 50, sensitive: true },
    { key: 'idNumber', label: '身份证号', kind: 'idNumber', sensitive: true, hiddenInList: true },
    {
      key: 'program',
      label: '项目',
      kind: 'enum',
      required: true,
      open: true,
      options: zh('低保', '特困供养', '危房改造', '惠农补贴', '耕地地力保护补贴', '残疾人两项补贴', '临时救助', '宅基地审批', '征地补偿', '其他'),
    },
    { key: 'village', label: '所在村（社区）', kind: 'org', orgKinds: ['village', 'community'] },
    { key: 'amount', label: '金额（元）', kind: 'money', min: 0 },
    { key: 'approvedOn', label: '审批/发放日期', kind: 'date', required: true },
    { key: 'handler', label: '经办人', kind: 'person' },
    { key: 'batch', label: '名单批次', kind: 'text', maxLength: 100, hiddenInList: true },
    noteField(),
  ],
  dateField: 'approvedOn',
  kindField: 'program',
  titleField: 'name',
  columns: { refOrg: 'village', person: 'handler', n1: 'amount' },
  access: sensitiveAccess(),
  listColumns: ['name', 'program', 'village', 'amount', 'approvedOn', 'handler'],
});
