import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { noteField, zh } from './fields.ts';

/**
 * 党费: one row per member and month. `due` follows the 2008 rules (0.5%–2% of the after-tax
 * base, 农民 0.2–1 元, students and 低保 0.2 元); `paid` below `due` without an approved
 * reduction is flagged by the checks.
 */
export default defineLedger({
  key: 'dues',
  label: '党费',
  line: 'organization',
  fields: [
    { key: 'member', label: '党员', kind: 'person', required: true },
    { key: 'category', label: '人员类别', kind: 'enum', options: zh('在职', '离退休', '农民', '学生', '低保/下岗失业', '其他') },
    { key: 'month', label: '所属月份', kind: 'month', required: true },
    { key: 'baseIncome', label: '计算基数（元）', kind: 'money', min: 0 },
    { key: 'due', label: '应交（元）', kind: 'money', required: true, min: 0 },
    { key: 'paid', label: '实交（元）', kind: 'money', min: 0 },
    { key: 'paidOn', label: '交纳日期', kind: 'date' },
    { key: 'method', label: '交纳方式', kind: 'enum', options: zh('现金', '线上') },
    { key: 'receiptNo', label: '收据号', kind: 'text', maxLength: 40, hiddenInList: true },
    noteField(),
  ],
  dateField: 'paidOn',
  kindField: 'category',
  titleField: 'member',
  columns: { person: 'member', sub: 'month', n1: 'due', n2: 'paid' },
  access: lineAccess('organization', { village: true }),
  listColumns: ['member', 'category', 'month', 'due', 'paid', 'paidOn'],
});
