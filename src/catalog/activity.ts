import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { activityTypeOptions } from './activity-types.ts';
import { evidenceField, noteField } from './fields.ts';

/**
 * 工作纪实: meetings, trainings, study sessions, publicity materials and volunteer services.
 * The type table (activity-types.ts) says whether a type is counted by records or by
 * `quantity`; `participants` (人次) is summed for volunteer services.
 */
export default defineLedger({
  key: 'activity',
  label: '工作纪实',
  line: 'general',
  fields: [
    { key: 'type', label: '活动类型', kind: 'enum', required: true, options: activityTypeOptions() },
    { key: 'title', label: '活动名称', kind: 'text', required: true, maxLength: 200 },
    { key: 'occurredOn', label: '开展日期', kind: 'date', required: true, default: 'today' },
    { key: 'quantity', label: '数量', kind: 'int', min: 0, default: 1, help: '按数量统计的类型填写（部、篇、条、块、处、次）' },
    { key: 'participants', label: '参与人次', kind: 'int', min: 0 },
    { key: 'place', label: '地点', kind: 'text', maxLength: 100 },
    { key: 'host', label: '主持人/负责人', kind: 'person' },
    { key: 'content', label: '主要内容', kind: 'longText', maxLength: 4000, hiddenInList: true },
    evidenceField(),
    noteField(),
  ],
  dateField: 'occurredOn',
  kindField: 'type',
  titleField: 'title',
  columns: { n1: 'quantity', n2: 'participants', person: 'host' },
  access: lineAccess('general', { village: true }),
  listColumns: ['type', 'title', 'occurredOn', 'quantity', 'participants', 'place'],
});
