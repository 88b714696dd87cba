import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { noteField, zh } from './fields.ts';

/** 领导干部接访下访: one row per batch (批次) received or visited by a leader. */
export default defineLedger({
  key: 'reception',
  label: '领导干部接访下访',
  line: 'legal',
  fields: [
    { key: 'leader', label: '接访领导', kind: 'person' },
    { key: 'kind', label: '方式', kind: 'enum', required: true, options: zh('接访', '下访', '包案') },
    { key: 'occurredOn', label: '日期', kind: 'date', required: true, default: 'today' },
    { key: 'summary', label: '主要诉求', kind: 'text', maxLength: 300 },
    { key: 'place', label: '地点', kind: 'text', maxLength: 100 },
    { key: 'visitors', label: '接待人数', kind: 'int', min: 0, unit: '人' },
    { key: 'cases', label: '诉求件数', kind: 'int', min: 0, unit: '件' },
    { key: 'resolvedOnSpot', label: '就地解决件数', kind: 'int', min: 0, default: 0, unit: '件' },
    { key: 'assigned', label: '交办事项', kind: 'text', maxLength: 300, hiddenInList: true },
    noteField(),
  ],
  dateField: 'occurredOn',
  kindField: 'kind',
  titleField: 'summary',
  columns: { person: 'leader', n1: 'resolvedOnSpot', n2: 'cases' },
  access: lineAccess('legal'),
  listColumns: ['leader', 'kind', 'occurredOn', 'summary', 'visitors', 'cases', 'resolvedOnSpot'],
});
