import { defineLedger, type Workflow } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { noteField, statusField, zh } from './fields.ts';

/**
 * 群众诉求: demands collected by 联点访户, 四个走遍, the hotline or grid members.
 * organization.demand.resolvedTimely counts resolved ones with resolvedOn <= dueOn.
 */
const workflow: Workflow = {
  initial: 'open',
  states: {
    open: { label: '待办理', color: 'default' },
    inProgress: { label: '办理中', color: 'processing' },
    resolved: { label: '已解决', color: 'success', final: true },
  },
  transitions: [
    { from: ['open'], to: 'inProgress', label: '开始办理', fields: ['handler'] },
    { from: ['open', 'inProgress'], to: 'resolved', label: '办结', guards: ['hasResolvedOn'], fields: ['resolvedOn', 'result'] },
    { from: ['resolved'], to: 'inProgress', label: '重新办理', roles: ['organization', 'secretary'] },
  ],
};

export default defineLedger({
  key: 'demand',
  label: '群众诉求',
  line: 'organization',
  mobile: true,
  fields: [
    { key: 'content', label: '诉求内容', kind: 'text', required: true, maxLength: 500 },
    { key: 'source', label: '诉求来源', kind: 'enum', required: true, options: zh('联点访户', '四个走遍', '热线', '来访', '网格上报', '其他') },
    { key: 'requester', label: '诉求人', kind: 'person' },
    { key: 'phone', label: '联系电话', kind: 'text', maxLength: 20, pattern: '^[0-9+\\- ]{7,20}$', sensitive: true, hiddenInList: true },
    { key: 'receivedOn', label: '收到日期', kind: 'date', required: true, default: 'today' },
    { key: 'dueOn', label: '办理时限', kind: 'date' },
    { key: 'handler', label: '承办人', kind: 'person' },
    statusField(workflow),
    { key: 'resolvedOn', label: '解决日期', kind: 'date' },
    { key: 'result', label: '办理结果', kind: 'longText', maxLength: 2000, hiddenInList: true },
    noteField(),
  ],
  dateField: 'receivedOn',
  kindField: 'source',
  statusField: 'status',
  titleField: 'content',
  columns: { dueOn: 'dueOn', doneOn: 'resolvedOn', person: 'handler' },
  workflow,
  deadlines: [{ field: 'dueOn', from: 'receivedOn', days: 15 }],
  access: lineAccess('organization', { village: true, grid: true }),
  listColumns: ['content', 'source', 'receivedOn', 'dueOn', 'status', 'resolvedOn'],
});
