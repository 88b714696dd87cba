/**
 * Activity types of the `activity` ledger (工作纪实), as data. `counts` says how the quarterly
 * report counts them: 'records' counts entries, 'quantity' adds the `quantity` field (in
 * `unit`); `participants` marks types whose `participants` (人次) are summed too.
 * Ids are fixed names of the catalog; a county may add types, never rename these.
 */
import type { Line } from '../shared/roles.ts';
import type { EnumOption } from '../ledger/types.ts';

export interface ActivityType {
  id: string;
  label: string;
  line: Line;
  counts: 'records' | 'quantity';
  unit?: string;
  participants?: boolean;
}

export const ACTIVITY_TYPES: readonly ActivityType[] = [
  { id: 'warningConference', label: '警示教育大会', line: 'discipline', counts: 'records' },
  { id: 'integrityTraining', label: '廉政培训', line: 'discipline', counts: 'records' },
  { id: 'warningFilm', label: '观看警示教育片', line: 'discipline', counts: 'quantity', unit: '部' },
  { id: 'reflection', label: '心得体会', line: 'discipline', counts: 'quantity', unit: '篇' },
  { id: 'casePost', label: '转发纪律要求和典型案例', line: 'discipline', counts: 'quantity', unit: '次' },
  { id: 'centerGroupStudy', label: '理论学习中心组集中学习', line: 'publicity', counts: 'records' },
  { id: 'centerGroupDiscussion', label: '交流研讨', line: 'publicity', counts: 'records' },
  { id: 'readingClass', label: '专题读书班', line: 'publicity', counts: 'records' },
  { id: 'ideologyMeeting', label: '党委会专题研究意识形态工作', line: 'publicity', counts: 'records' },
  { id: 'onlineRepost', label: '转发、跟帖任务', line: 'publicity', counts: 'quantity', unit: '条' },
  { id: 'harmfulInfoReport', label: '举报涉政类不良信息', line: 'publicity', counts: 'quantity', unit: '条' },
  { id: 'exhibitionBoard', label: '宣传展板', line: 'publicity', counts: 'quantity', unit: '块' },
  { id: 'lampFlag', label: '灯杆道旗', line: 'publicity', counts: 'quantity', unit: '处' },
  { id: 'banner', label: '横幅', line: 'publicity', counts: 'quantity', unit: '条' },
  { id: 'wallSlogan', label: '墙体标语', line: 'publicity', counts: 'quantity', unit: '处' },
  { id: 'volunteerService', label: '志愿服务活动', line: 'publicity', counts: 'records', participants: true },
  { id: 'governanceTraining', label: '市域社会治理动员培训', line: 'legal', counts: 'records' },
  { id: 'governancePublicity', label: '市域社会治理宣传活动', line: 'legal', counts: 'records' },
  { id: 'antiDrugMeeting', label: '研究禁毒工作会议', line: 'legal', counts: 'records' },
  { id: 'antiDrugInfo', label: '禁毒宣传信息', line: 'legal', counts: 'quantity', unit: '篇' },
  { id: 'antiDrugEvent', label: '禁毒宣传教育活动', line: 'legal', counts: 'records' },
];

export function getActivityType(id: string): ActivityType | undefined {
  return ACTIVITY_TYPES.find((t) => t.id === id);
}

/** Enum options of `activity.type`. */
export function activityTypeOptions(): EnumOption[] {
  return ACTIVITY_TYPES.map((t) => ({ value: t.id, label: t.label }));
}
