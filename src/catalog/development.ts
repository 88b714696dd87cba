import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { GENDER, noteField, OCCUPATION } from './fields.ts';

/**
 * 发展党员: one row per person in the pipeline. The stage (申请人 → 积极分子 → 发展对象 →
 * 预备党员 → 正式党员) is derived from the dates; `admittedOn` (the 支部大会 that admits the
 * person as a probationary member) places the record in time for the metrics.
 */
export default defineLedger({
  key: 'development',
  label: '发展党员',
  line: 'organization',
  fields: [
    { key: 'name', label: '姓名', kind: 'text', required: true, maxLength: 50 },
    { key: 'gender', label: '性别', kind: 'enum', options: GENDER },
    { key: 'birthDate', label: '出生日期', kind: 'date', required: true },
    { key: 'education', label: '学历', kind: 'text', maxLength: 20, hiddenInList: true },
    { key: 'occupation', label: '人员类别', kind: 'enum', required: true, options: OCCUPATION, open: true },
    { key: 'branch', label: '所在支部', kind: 'org', required: true, orgKinds: ['branch'] },
    { key: 'appliedOn', label: '递交申请书日期', kind: 'date', required: true },
    { key: 'talkedOn', label: '党组织派人谈话日期', kind: 'date', hiddenInList: true, help: '收到申请书后1个月内' },
    { key: 'activistOn', label: '确定为入党积极分子日期', kind: 'date' },
    { key: 'contacts', label: '培养联系人', kind: 'list', of: 'person', maxItems: 2, hiddenInList: true },
    { key: 'candidateOn', label: '确定为发展对象日期', kind: 'date' },
    { key: 'introducers', label: '入党介绍人', kind: 'list', of: 'person', maxItems: 2, hiddenInList: true },
    { key: 'politicalReviewOn', label: '政治审查结论日期', kind: 'date', hiddenInList: true },
    { key: 'trainingHours', label: '集中培训学时', kind: 'int', min: 0, unit: '学时', hiddenInList: true },
    { key: 'preReviewOn', label: '上级党委预审日期', kind: 'date', hiddenInList: true },
    { key: 'admittedOn', label: '接收为预备党员日期', kind: 'date', help: '支部大会讨论通过的日期' },
    { key: 'approvedOn', label: '上级党委审批日期', kind: 'date' },
    { key: 'branchMeetingOn', label: '讨论转正支部大会日期', kind: 'date', hiddenInList: true },
    { key: 'extendedMonths', label: '延长预备期（月）', kind: 'int', min: 0, max: 12, hiddenInList: true, help: '延长一次，不少于半年、不超过一年' },
    { key: 'fullOn', label: '转为正式党员日期', kind: 'date' },
    { key: 'terminatedOn', label: '终止发展日期', kind: 'date', hiddenInList: true },
    noteField(),
  ],
  dateField: 'admittedOn',
  titleField: 'name',
  columns: { refOrg: 'branch', sub: 'occupation', date2: 'appliedOn', date3: 'birthDate', doneOn: 'fullOn', n1: 'extendedMonths' },
  access: lineAccess('organization', { village: true }),
  listColumns: ['name', 'gender', 'birthDate', 'occupation', 'branch', 'appliedOn', 'activistOn', 'candidateOn', 'admittedOn', 'fullOn'],
});
