import type { Aggregate, AggregateMetric, ComputedFn, Filter, MetricDecl, PeriodMode, RatioMetric } from './types.ts';
import type { Line } from '../shared/roles.ts';

/**
 * The product catalog's metrics for the quarterly report, as data: each metric's definition is its declaration.
 * Filters refer to the promoted record columns mapped in src/ledgers/index.ts.
 */
type Opts = { filters?: Filter[]; mode?: PeriodMode; unit?: string };

const agg = (line: Line, id: string, label: string, ledger: string, aggregate: Aggregate, o: Opts = {}): AggregateMetric => ({
  type: 'aggregate',
  id,
  label,
  line,
  unit: o.unit ?? '个',
  ledger,
  mode: o.mode ?? 'ytd',
  aggregate,
  filters: o.filters ?? [],
});
const count = (line: Line, id: string, label: string, ledger: string, o: Opts = {}) => agg(line, id, label, ledger, { agg: 'count' }, o);
const sumN = (line: Line, id: string, label: string, ledger: string, col: 'n1' | 'n2', o: Opts = {}) => agg(line, id, label, ledger, { agg: 'sum', col }, o);
const ratio = (line: Line, id: string, label: string, numerator: string, denominator: string): RatioMetric => ({ type: 'ratio', id, label, line, unit: '％', numerator, denominator });
const computed = (line: Line, id: string, label: string, ledger: string | null, fn: ComputedFn, unit = '个'): MetricDecl => ({ type: 'computed', id, label, line, unit, ledger, fn });

const kind = (v: string): Filter => ({ col: 'kind', eq: v });
const kinds = (...v: string[]): Filter => ({ col: 'kind', in: v });
const doneBy = (status: string[]): Filter[] => [{ col: 'status', in: status }, { col: 'done_on', to: 'end' }];
const inYear = (col: 'done_on' | 'date2'): Filter => ({ col, from: 'yearStart', to: 'end' });
const VILLAGE: Filter = { refOrgKind: ['village', 'community'] };
const TOWN: Filter = { refOrgKind: ['town'] };
const activity = (line: Line, id: string, label: string, type: string, unit = '次') => count(line, id, label, 'activity', { filters: [kind(type)], unit });
const activityQty = (line: Line, id: string, label: string, type: string, unit: string) => sumN(line, id, label, 'activity', 'n1', { filters: [kind(type)], unit });

export const metricCatalog: MetricDecl[] = [
  // 县纪委
  count('discipline', 'discipline.supervision.count', '专项监督次数', 'supervision', { unit: '次' }),
  count('discipline', 'discipline.supervision.problems', '专项监督督促整改问题数', 'rectification', { filters: [kind('supervision')] }),
  agg('discipline', 'discipline.inspection.villages', '巡察反馈涉及行政村数', 'rectification', { agg: 'distinct', col: 'ref_org_id' }, { filters: [kind('inspection'), VILLAGE] }),
  count('discipline', 'discipline.inspection.town.total', '巡察反馈镇党委问题数', 'rectification', { filters: [kind('inspection'), TOWN] }),
  count('discipline', 'discipline.inspection.town.done', '巡察反馈镇党委问题已整改数', 'rectification', { filters: [kind('inspection'), TOWN, ...doneBy(['done'])] }),
  ratio('discipline', 'discipline.inspection.town.rate', '巡察反馈镇党委问题整改完成率', 'discipline.inspection.town.done', 'discipline.inspection.town.total'),
  count('discipline', 'discipline.inspection.village.total', '巡察反馈村级党组织问题数', 'rectification', { filters: [kind('inspection'), VILLAGE] }),
  count('discipline', 'discipline.inspection.village.done', '巡察反馈村级党组织问题已整改数', 'rectification', { filters: [kind('inspection'), VILLAGE, ...doneBy(['done'])] }),
  ratio('discipline', 'discipline.inspection.village.rate', '巡察反馈村级党组织问题整改完成率', 'discipline.inspection.village.done', 'discipline.inspection.village.total'),
  count('discipline', 'discipline.talk.integrityDuty.count', '廉政履职谈话次数', 'talk', { filters: [kind('integrityDuty')], unit: '次' }),
  sumN('discipline', 'discipline.talk.integrityDuty.personTimes', '廉政履职谈话人次', 'talk', 'n1', { filters: [kind('integrityDuty')], unit: '人次' }),
  count('discipline', 'discipline.selfCheck.problems', '自查自纠查摆问题数', 'rectification', { filters: [kind('selfCheck')] }),
  count('discipline', 'discipline.fourForms.first.count', '运用第一种形态次数', 'fourForms', { filters: [kind('1')], unit: '次' }),
  sumN('discipline', 'discipline.fourForms.first.personTimes', '第一种形态处理人次', 'fourForms', 'n1', { filters: [kind('1')], unit: '人次' }),
  count('discipline', 'discipline.document.reminderLetter', '下发提示函份数', 'disciplineDocument', { filters: [kind('reminderLetter')], unit: '份' }),
  count('discipline', 'discipline.document.disciplineSuggestion', '下达纪律检查建议书份数', 'disciplineDocument', { filters: [kind('disciplineSuggestion')], unit: '份' }),
  count('discipline', 'discipline.clue.count', '办理问题线索件数', 'clue', { unit: '件' }),
  count('discipline', 'discipline.case.count', '立案件数', 'clue', { mode: 'all', filters: [kind('caseFiled'), inYear('date2')], unit: '件' }),
  count('discipline', 'discipline.sanction.expulsion', '开除党籍人数', 'sanction', { filters: [kind('expulsion')], unit: '人' }),
  count('discipline', 'discipline.sanction.seriousWarning', '党内严重警告人数', 'sanction', { filters: [kind('seriousWarning')], unit: '人' }),
  count('discipline', 'discipline.sanction.demerit', '记过处分人数', 'sanction', { filters: [kind('demerit')], unit: '人' }),
  count('discipline', 'discipline.risk.org.points', '单位廉政风险点数', 'riskPoint', { mode: 'asOf', filters: [kind('org')] }),
  sumN('discipline', 'discipline.risk.org.measures', '单位廉政风险防控措施条数', 'riskPoint', 'n1', { mode: 'asOf', filters: [kind('org')], unit: '条' }),
  count('discipline', 'discipline.risk.personal.points', '个人廉政风险点数', 'riskPoint', { mode: 'asOf', filters: [kind('personal')] }),
  sumN('discipline', 'discipline.risk.personal.measures', '个人廉政风险防控措施条数', 'riskPoint', 'n1', { mode: 'asOf', filters: [kind('personal')], unit: '条' }),
  agg('discipline', 'discipline.relatives.cadres', '填报亲属信息的党员干部数', 'relative', { agg: 'distinct', col: 'person' }, { mode: 'asOf', unit: '名' }),
  count('discipline', 'discipline.relatives.entries', '填报亲属信息条数', 'relative', { mode: 'asOf', unit: '条' }),
  count('discipline', 'discipline.powerMatter.publicized', '核查公示亲属涉权事项条数', 'powerMatter', { mode: 'all', filters: [{ col: 'flag', eq: 1 }, inYear('date2')], unit: '条' }),
  count('discipline', 'discipline.education.meetings', '警示教育大会、廉政培训次数', 'activity', { filters: [kinds('warningConference', 'integrityTraining')], unit: '次' }),
  activityQty('discipline', 'discipline.education.reflections', '撰写心得体会篇数', 'reflection', '篇'),
  activityQty('discipline', 'discipline.education.films', '观看警示教育片部数', 'warningFilm', '部'),
  activityQty('discipline', 'discipline.education.casePosts', '转发纪律要求和典型案例次数', 'casePost', '次'),
  // 县委组织部
  count('organization', 'organization.cadre.sectionAppointment', '选拔任用科级干部名数', 'cadreAction', { filters: [kind('sectionAppointment')], unit: '名' }),
  count('organization', 'organization.cadre.civilServantRank', '公务员职级晋升名数', 'cadreAction', { filters: [kind('civilServantRank')], unit: '名' }),
  count('organization', 'organization.cadre.staffGrade', '事业人员职员等级晋升名数', 'cadreAction', { filters: [kind('staffGrade')], unit: '名' }),
  count('organization', 'organization.cadre.sanzhiyifu', '三支一扶选聘名数', 'cadreAction', { filters: [kind('sanzhiyifu')], unit: '名' }),
  count('organization', 'organization.practicalMatter.keyProjectsDone', '落地重点民生工程项数', 'practicalMatter', { mode: 'asOf', filters: [kind('keyProject'), ...doneBy(['done'])], unit: '项' }),
  count('organization', 'organization.demand.resolvedTimely', '及时解决群众诉求条数', 'demand', { filters: [...doneBy(['resolved']), { col: 'done_on', lteCol: 'due_on' }], unit: '条' }),
  count('organization', 'organization.development.newMembers', '新发展党员名数', 'development', { unit: '名' }),
  count('organization', 'organization.development.young', '新发展党员中35岁以下人数', 'development', { filters: [{ youngAt: 'date_on', birth: 'date3' }], unit: '人' }),
  ratio('organization', 'organization.development.youngRatio', '新发展党员35岁以下占比', 'organization.development.young', 'organization.development.newMembers'),
  computed('organization', 'organization.development.villagesMeetingYouthFarmer', '达到青年农民申请人要求的村数', 'development', 'villagesMeetingYouthFarmer'),
  computed('organization', 'organization.development.villagesNoneTwoYears', '连续两年未发展党员的村数', 'development', 'villagesNoneTwoYears'),
  computed('organization', 'organization.branch.count', '党支部数', null, 'branchCount'),
  // flag = the member's record is complete, judged on every write (partyMember.deriveFlag).
  count('organization', 'organization.member.active', '在册党员人数', 'partyMember', { mode: 'asOf', filters: [{ col: 'status', in: ['probationary', 'full'] }], unit: '人' }),
  count('organization', 'organization.member.complete', '在册党员中信息完整人数', 'partyMember', { mode: 'asOf', filters: [{ col: 'status', in: ['probationary', 'full'] }, { col: 'flag', eq: 1 }], unit: '人' }),
  ratio('organization', 'organization.member.completeness', '党员信息完整率', 'organization.member.complete', 'organization.member.active'),
  // 县委宣传部
  activity('publicity', 'publicity.study.sessions', '中心组集中学习次数', 'centerGroupStudy'),
  activity('publicity', 'publicity.study.discussions', '交流研讨次数', 'centerGroupDiscussion'),
  activity('publicity', 'publicity.study.readingClasses', '专题读书班次数', 'readingClass'),
  activity('publicity', 'publicity.ideology.meetings', '党委会专题研究意识形态工作次数', 'ideologyMeeting'),
  activityQty('publicity', 'publicity.online.reposts', '转发、跟帖条数', 'onlineRepost', '条'),
  activityQty('publicity', 'publicity.online.harmfulReports', '举报涉政类不良信息条数', 'harmfulInfoReport', '条'),
  count('publicity', 'publicity.news.leads', '报送新闻线索条数', 'publication', { filters: [kind('newsLead')], unit: '条' }),
  count('publicity', 'publicity.news.infoItems', '报送工作信息条数', 'publication', { filters: [kind('infoItem')], unit: '条' }),
  count('publicity', 'publicity.article.count', '发布原创文章篇数', 'publication', { filters: [kind('article')], unit: '篇' }),
  count('publicity', 'publicity.article.county', '获县级媒体采纳转载篇数', 'publication', { filters: [kind('article'), { col: 'sub', in: ['county', 'city', 'national'] }], unit: '篇' }),
  count('publicity', 'publicity.article.city', '市级媒体转载篇数', 'publication', { filters: [kind('article'), { col: 'sub', in: ['city', 'national'] }], unit: '篇' }),
  count('publicity', 'publicity.article.national', '国家级媒体刊发篇数', 'publication', { filters: [kind('article'), { col: 'sub', eq: 'national' }], unit: '篇' }),
  activityQty('publicity', 'publicity.material.boards', '宣传展板块数', 'exhibitionBoard', '块'),
  activityQty('publicity', 'publicity.material.flags', '灯杆道旗处数', 'lampFlag', '处'),
  activityQty('publicity', 'publicity.material.banners', '横幅条数', 'banner', '条'),
  activityQty('publicity', 'publicity.material.wallSlogans', '墙体标语处数', 'wallSlogan', '处'),
  activity('publicity', 'publicity.volunteer.activities', '志愿服务活动次数', 'volunteerService'),
  sumN('publicity', 'publicity.volunteer.participants', '志愿服务参与人次', 'activity', 'n2', { filters: [kind('volunteerService')], unit: '人次' }),
  // 县委政法委
  activity('legal', 'legal.governance.trainings', '市域社会治理动员培训次数', 'governanceTraining'),
  activity('legal', 'legal.governance.publicity', '市域社会治理宣传活动次数', 'governancePublicity'),
  count('legal', 'legal.reception.batches', '领导干部接访批次', 'reception', { unit: '批次' }),
  sumN('legal', 'legal.reception.resolvedOnSpot', '就地解决群众诉求件数', 'reception', 'n1', { unit: '件' }),
  count('legal', 'legal.petition.transferred', '接县级转办信访件数', 'petition', { filters: [kind('countyTransfer')], unit: '件' }),
  count('legal', 'legal.petition.closed', '县级转办信访办结件数', 'petition', { filters: [kind('countyTransfer'), ...doneBy(['closed'])], unit: '件' }),
  ratio('legal', 'legal.petition.closeRate', '县级转办信访办结率', 'legal.petition.closed', 'legal.petition.transferred'),
  count('legal', 'legal.petition.satisfied', '办结信访中满意及基本满意件数', 'petition', { filters: [kind('countyTransfer'), ...doneBy(['closed']), { col: 'sub', in: ['satisfied', 'basic'] }], unit: '件' }),
  count('legal', 'legal.petition.rated', '办结信访中已评价件数', 'petition', { filters: [kind('countyTransfer'), ...doneBy(['closed']), { col: 'sub', in: ['satisfied', 'basic', 'unsatisfied'] }], unit: '件' }),
  ratio('legal', 'legal.petition.satisfactionRate', '信访办结满意率', 'legal.petition.satisfied', 'legal.petition.rated'),
  count('legal', 'legal.petition.backlog', '信访积案件数', 'petition', {
    mode: 'asOf',
    filters: [{ or: [[{ col: 'status', ne: 'closed' }], [{ col: 'status', isNull: true }], [{ col: 'done_on', after: 'end' }]] }, { col: 'due_on', before: 'end' }],
    unit: '件',
  }),
  count('legal', 'legal.dispute.transferred', '接县转矛盾纠纷件数', 'dispute', { filters: [kind('countyTransfer')], unit: '件' }),
  count('legal', 'legal.dispute.transferredClosed', '县转矛盾纠纷办结件数', 'dispute', { filters: [kind('countyTransfer'), ...doneBy(['resolved', 'referred'])], unit: '件' }),
  count('legal', 'legal.dispute.registered', '镇矛调中心接待登记件数', 'dispute', { filters: [kind('center')], unit: '件' }),
  count('legal', 'legal.dispute.registeredClosed', '镇矛调中心登记办结件数', 'dispute', { filters: [kind('center'), ...doneBy(['resolved', 'referred'])], unit: '件' }),
  count('legal', 'legal.dispute.fengqiao', '借鉴枫桥经验化解矛盾纠纷起数', 'dispute', { mode: 'all', filters: [{ col: 'status', eq: 'resolved' }, { col: 'flag', eq: 1 }, inYear('done_on')], unit: '起' }),
  activity('legal', 'legal.antiDrug.meetings', '研究禁毒工作会议次数', 'antiDrugMeeting'),
  activity('legal', 'legal.antiDrug.events', '禁毒宣传教育活动次数', 'antiDrugEvent'),
  activityQty('legal', 'legal.antiDrug.infoItems', '报送禁毒宣传信息篇数', 'antiDrugInfo', '篇'),
];

const byId = new Map(metricCatalog.map((m) => [m.id, m]));
export function getMetric(id: string): MetricDecl | undefined {
  return byId.get(id);
}

/** Catalog parameters (a county may override them in settings). */
export const DEFAULT_PARAMS = { youngAge: 35 };
export type MetricParams = typeof DEFAULT_PARAMS;
