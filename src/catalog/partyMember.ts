import { defineLedger, type Workflow } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { EDUCATION, GENDER, noteField, OCCUPATION, statusField } from './fields.ts';
import { idBirthDate, idNumberError } from '../shared/idnumber.ts';

/**
 * 党员: the member roster. organization.member.completeness checks name, gender, birthDate,
 * education, occupation, branch, joinedOn, phone and an idNumber whose checksum is valid and
 * whose birth date equals birthDate.
 */
const COMPLETE_FIELDS = ['name', 'gender', 'birthDate', 'education', 'occupation', 'branch', 'joinedOn', 'phone', 'idNumber'];

/** Every listed field filled, and a valid ID number whose birth date equals birthDate. Stored as `flag` on write. */
export function isMemberComplete(fields: Record<string, unknown>): boolean {
  if (!COMPLETE_FIELDS.every((k) => fields[k] != null && fields[k] !== '')) return false;
  const id = String(fields.idNumber);
  return idNumberError(id) === null && idBirthDate(id) === fields.birthDate;
}

const workflow: Workflow = {
  initial: 'probationary',
  states: {
    probationary: { label: '预备党员', color: 'gold' },
    full: { label: '正式党员', color: 'red' },
    transferredOut: { label: '已转出', color: 'default', final: true },
    deceased: { label: '已去世', color: 'default', final: true },
  },
  transitions: [
    { from: ['probationary'], to: 'full', label: '按期转正', fields: ['fullMemberOn'] },
    { from: ['probationary', 'full'], to: 'transferredOut', label: '组织关系转出', fields: ['leftOn', 'note'] },
    { from: ['probationary', 'full'], to: 'deceased', label: '登记去世', fields: ['leftOn'] },
  ],
};

export default defineLedger({
  key: 'partyMember',
  label: '党员',
  line: 'organization',
  fields: [
    { key: 'name', label: '姓名', kind: 'text', required: true, maxLength: 50 },
    { key: 'gender', label: '性别', kind: 'enum', options: GENDER },
    { key: 'birthDate', label: '出生日期', kind: 'date' },
    { key: 'idNumber', label: '身份证号', kind: 'idNumber', sensitive: true, hiddenInList: true },
    { key: 'ethnicity', label: '民族', kind: 'text', maxLength: 20, hiddenInList: true },
    { key: 'education', label: '学历', kind: 'enum', options: EDUCATION, open: true },
    { key: 'occupation', label: '人员类别', kind: 'enum', options: OCCUPATION, open: true },
    { key: 'branch', label: '所在支部', kind: 'org', required: true, orgKinds: ['branch'] },
    { key: 'joinedOn', label: '入党日期', kind: 'date', required: true },
    { key: 'fullMemberOn', label: '转正日期', kind: 'date' },
    statusField(workflow, '党员状态'),
    { key: 'phone', label: '联系电话', kind: 'text', maxLength: 20, pattern: '^[0-9+\\- ]{7,20}$', sensitive: true, hiddenInList: true },
    { key: 'leftOn', label: '转出/去世日期', kind: 'date', hiddenInList: true },
    noteField(),
  ],
  dateField: 'joinedOn',
  kindField: 'occupation',
  statusField: 'status',
  titleField: 'name',
  columns: { refOrg: 'branch', date2: 'fullMemberOn', date3: 'birthDate', sub: 'gender', doneOn: 'leftOn' },
  deriveFlag: isMemberComplete,
  workflow,
  access: lineAccess('organization', { village: true }),
  listColumns: ['name', 'gender', 'birthDate', 'education', 'occupation', 'branch', 'joinedOn', 'status'],
});
