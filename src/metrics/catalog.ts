import type { Aggregate, AggregateMetric, ComputedFn, Filter, MetricDecl, PeriodMode, RatioMetric } from './types.ts';
import type { Line } from '../shared/roles.ts';

/**
 * The catalog's metrics for the quarterly report, as data: each metric's definition is its declaration.
 * Filters and aggregates name fields of the metric's ledger; compiling the catalog at start-up
 * (src/metrics/compile.ts) resolves each to the records column it is promoted to and rejects a
 * field that is not promoted. docs/catalog.md lists every metric, generated from these declarations.
 */
type Opts = { filters?: Filter[]; mode?: PeriodMode; unit?: string; phrases?: string[] };

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
  phrases: o.phrases ?? [],
});
const count = (line: Line, id: string, label: string, ledger: string, o: Opts = {}) => agg(line, id, label, ledger, { agg: 'count' }, o);
const sum = (line: Line, id: string, label: string, ledger: string, field: string, o: Opts = {}) => agg(line, id, label, ledger, { agg: 'sum', field }, o);
const ratio = (line: Line, id: string, label: string, numerator: string, denominator: string, phrases: string[] = []): RatioMetric => ({
  type: 'ratio',
  id,
  label,
  line,
  unit: '％',
  numerator,
  denominator,
  phrases,
});
const computed = (line: Line, id: string, label: string, ledger: string | null, fn: ComputedFn, phrases: string[] = [], unit = '个'): MetricDecl => ({
  type: 'computed',
  id,
  label,
  line,
  unit,
  ledger,
  fn,
  phrases,
});

const eq = (field: string, value: string | number): Filter => ({ op: 'eq', field, value });
const oneOf = (field: string, ...values: string[]): Filter => ({ op: 'in', field, values });
/** A yes/no field is stored as 1/0. */
const yes = (field: string): Filter => eq(field, 1);
/** In one of the `status` states, with its completion date `doneField` on or before the period end. */
const doneBy = (status: string[], doneField: string): Filter[] => [oneOf('status', ...status), { op: 'between', field: doneField, to: 'end' }];
const inYear = (field: string): Filter => ({ op: 'between', field, from: 'yearStart', to: 'end' });
const TARGET_VILLAGE: Filter = { op: 'refOrgKind', field: 'targetOrg', kinds: ['village', 'community'] };
const TARGET_TOWN: Filter = { op: 'refOrgKind', field: 'targetOrg', kinds: ['town'] };
const activity = (line: Line, id: string, label: string, type: string, phrases: string[], unit = '次') =>
  count(line, id, label, 'activity', { filters: [eq('type', type)], unit, phrases });
const activityQty = (line: Line, id: string, label: string, type: string, unit: string, phrases: string[]) =>
  sum(line, id, label, 'activity', 'quantity', { filters: [eq('type', type)], unit, phrases });

export const metricCatalog: MetricDecl[] = [
  // 县纪委
  count('discipline', 'discipline.supervision.count', '专项监督次数', 'supervision', { unit: '次', phrases: ['开展专项监督', '专项监督检查', '开展监督检查'] }),
  count('discipline', 'discipline.supervision.problems', '专项监督督促整改问题数', 'rectification', {
    filters: [eq('source', 'supervision')],
    phrases: ['督促整改问题', '发现并推动解决问题', '推动整改问题', '专项监督发现问题'],
  }),
  agg(
    'discipline',
    'discipline.inspection.villages',
    '巡察反馈涉及行政村数',
    'rectification',
    { agg: 'distinct', field: 'targetOrg' },
    { filters: [eq('source', 'inspection'), TARGET_VILLAGE], phrases: ['巡察反馈行政村问题整改回头看', '巡察涉及行政村'] },
  ),
  count('discipline', 'discipline.inspection.town.total', '巡察反馈镇党委问题数', 'rectification', {
    filters: [eq('source', 'inspection'), TARGET_TOWN],
    phrases: ['巡察反馈镇党委问题', '反馈镇党委的问题'],
  }),
  count('discipline', 'discipline.inspection.town.done', '巡察反馈镇党委问题已整改数', 'rectification', {
    filters: [eq('source', 'inspection'), TARGET_TOWN, ...doneBy(['done'], 'doneOn')],
    phrases: ['反馈镇党委问题已整改完成', '镇党委问题整改到位'],
  }),
  ratio(
    'discipline',
    'discipline.inspection.town.rate',
    '巡察反馈镇党委问题整改完成率',
    'discipline.inspection.town.done',
    'discipline.inspection.town.total',
    ['反馈镇党委问题整改完成率'],
  ),
  count('discipline', 'discipline.inspection.village.total', '巡察反馈村级党组织问题数', 'rectification', {
    filters: [eq('source', 'inspection'), TARGET_VILLAGE],
    phrases: ['巡察反馈村级党组织问题', '反馈村级党组织的问题'],
  }),
  count('discipline', 'discipline.inspection.village.done', '巡察反馈村级党组织问题已整改数', 'rectification', {
    filters: [eq('source', 'inspection'), TARGET_VILLAGE, ...doneBy(['done'], 'doneOn')],
    phrases: ['反馈村级党组织问题已整改完成', '村级党组织问题整改到位'],
  }),
  ratio(
    'discipline',
    'discipline.inspection.village.rate',
    '巡察反馈村级党组织问题整改完成率',
    'discipline.inspection.village.done',
    'discipline.inspection.village.total',
    ['反馈村级党组织问题整改完成率'],
  ),
  count('discipline', 'discipline.talk.integrityDuty.count', '廉政履职谈话次数', 'talk', {
    filters: [eq('kind', 'integrityDuty')],
    unit: '次',
    phrases: ['进行廉政履职谈话', '同一把手廉政谈话'],
  }),
  sum('discipline', 'discipline.talk.integrityDuty.personTimes', '廉政履职谈话人次', 'talk', 'talkees', {
    filters: [eq('kind', 'integrityDuty')],
    unit: '人次',
    phrases: ['开展廉政履职谈话人次', '廉政谈话人次'],
  }),
  count('discipline', 'discipline.selfCheck.problems', '自查自纠查摆问题数', 'rectification', {
    filters: [eq('source', 'selfCheck')],
    phrases: ['通过自查自纠查摆问题', '自查自纠问题'],
  }),
  count('discipline', 'discipline.fourForms.first.count', '运用第一种形态次数', 'fourForms', {
    filters: [eq('form', '1')],
    unit: '次',
    phrases: ['运用第一种形态', '第一种形态批评教育'],
  }),
  sum('discipline', 'discipline.fourForms.first.personTimes', '第一种形态处理人次', 'fourForms', 'subjects', {
    filters: [eq('form', '1')],
    unit: '人次',
    phrases: ['一形态处理人次', '第一种形态处理人次'],
  }),
  count('discipline', 'discipline.document.reminderLetter', '下发提示函份数', 'disciplineDocument', {
    filters: [eq('kind', 'reminderLetter')],
    unit: '份',
    phrases: ['下发提示函', '发出提醒函'],
  }),
  count('discipline', 'discipline.document.disciplineSuggestion', '下达纪律检查建议书份数', 'disciplineDocument', {
    filters: [eq('kind', 'disciplineSuggestion')],
    unit: '份',
    phrases: ['下达纪律检查建议书', '纪检监察建议书'],
  }),
  count('discipline', 'discipline.clue.count', '办理问题线索件数', 'clue', { unit: '件', phrases: ['办理问题线索', '受理处置问题线索', '收到问题线索'] }),
  count('discipline', 'discipline.case.count', '立案件数', 'clue', {
    mode: 'all',
    filters: [eq('disposal', 'caseFiled'), inYear('filedOn')],
    unit: '件',
    phrases: ['立案', '立案审查调查'],
  }),
  count('discipline', 'discipline.sanction.expulsion', '开除党籍人数', 'sanction', {
    filters: [eq('kind', 'expulsion')],
    unit: '人',
    phrases: ['给予开除党籍', '开除党籍处分'],
  }),
  count('discipline', 'discipline.sanction.seriousWarning', '党内严重警告人数', 'sanction', {
    filters: [eq('kind', 'seriousWarning')],
    unit: '人',
    phrases: ['党内严重警告', '严重警告处分'],
  }),
  count('discipline', 'discipline.sanction.demerit', '记过处分人数', 'sanction', { filters: [eq('kind', 'demerit')], unit: '人', phrases: ['记过处分'] }),
  count('discipline', 'discipline.risk.org.points', '单位廉政风险点数', 'riskPoint', {
    mode: 'asOf',
    filters: [eq('scope', 'org')],
    phrases: ['各部门各村梳理廉政风险点', '排查单位廉政风险点'],
  }),
  sum('discipline', 'discipline.risk.org.measures', '单位廉政风险防控措施条数', 'riskPoint', 'measures', {
    mode: 'asOf',
    filters: [eq('scope', 'org')],
    unit: '条',
    phrases: ['廉政风险点制定防控措施'],
  }),
  count('discipline', 'discipline.risk.personal.points', '个人廉政风险点数', 'riskPoint', {
    mode: 'asOf',
    filters: [eq('scope', 'personal')],
    phrases: ['梳理个人廉政风险点', '党员干部个人风险点'],
  }),
  sum('discipline', 'discipline.risk.personal.measures', '个人廉政风险防控措施条数', 'riskPoint', 'measures', {
    mode: 'asOf',
    filters: [eq('scope', 'personal')],
    unit: '条',
    phrases: ['个人廉政风险点制定防控措施'],
  }),
  agg(
    'discipline',
    'discipline.relatives.cadres',
    '填报亲属信息的党员干部数',
    'relative',
    { agg: 'distinct', field: 'cadre' },
    { mode: 'asOf', unit: '名', phrases: ['组织镇村党员干部填报亲属信息', '党员干部填报'] },
  ),
  count('discipline', 'discipline.relatives.entries', '填报亲属信息条数', 'relative', { mode: 'asOf', unit: '条', phrases: ['填报亲属信息', '登记亲属信息'] }),
  count('discipline', 'discipline.powerMatter.publicized', '核查公示亲属涉权事项条数', 'powerMatter', {
    mode: 'all',
    filters: [yes('verified'), inYear('publicizedOn')],
    unit: '条',
    phrases: ['核查公示亲属涉权事项', '公示涉权事项'],
  }),
  count('discipline', 'discipline.education.meetings', '警示教育大会、廉政培训次数', 'activity', {
    filters: [oneOf('type', 'warningConference', 'integrityTraining')],
    unit: '次',
    phrases: ['召开警示教育大会廉政培训', '警示教育会'],
  }),
  activityQty('discipline', 'discipline.education.reflections', '撰写心得体会篇数', 'reflection', '篇', ['撰写心得体会', '交流心得体会']),
  activityQty('discipline', 'discipline.education.films', '观看警示教育片部数', 'warningFilm', '部', ['观看警示教育片', '警示教育影片']),
  activityQty('discipline', 'discipline.education.casePosts', '转发纪律要求和典型案例次数', 'casePost', '次', ['转发党的纪律要求和典型案例', '转发典型案例']),
  // 县委组织部
  count('organization', 'organization.cadre.sectionAppointment', '选拔任用科级干部名数', 'cadreAction', {
    filters: [eq('kind', 'sectionAppointment')],
    unit: '名',
    phrases: ['选拔任用科级干部', '提拔任用科级干部'],
  }),
  count('organization', 'organization.cadre.civilServantRank', '公务员职级晋升名数', 'cadreAction', {
    filters: [eq('kind', 'civilServantRank')],
    unit: '名',
    phrases: ['公务员职级晋升', '晋升公务员职级'],
  }),
  count('organization', 'organization.cadre.staffGrade', '事业人员职员等级晋升名数', 'cadreAction', {
    filters: [eq('kind', 'staffGrade')],
    unit: '名',
    phrases: ['事业干部职员等级晋升', '事业人员职员等级晋升'],
  }),
  count('organization', 'organization.cadre.sanzhiyifu', '三支一扶选聘名数', 'cadreAction', {
    filters: [eq('kind', 'sanzhiyifu')],
    unit: '名',
    phrases: ['从三支一扶队伍中择优选聘为事业编干部', '选聘三支一扶人员'],
  }),
  count('organization', 'organization.practicalMatter.keyProjectsDone', '落地重点民生工程项数', 'practicalMatter', {
    mode: 'asOf',
    filters: [eq('category', 'keyProject'), ...doneBy(['done'], 'doneOn')],
    unit: '项',
    phrases: ['重点民生工程落地', '完成民生实事项目'],
  }),
  count('organization', 'organization.demand.resolvedTimely', '及时解决群众诉求条数', 'demand', {
    filters: [...doneBy(['resolved'], 'resolvedOn'), { op: 'notAfter', field: 'resolvedOn', other: 'dueOn' }],
    unit: '条',
    phrases: ['群众诉求得到及时解决', '及时解决群众诉求', '办结群众诉求'],
  }),
  count('organization', 'organization.development.newMembers', '新发展党员名数', 'development', {
    unit: '名',
    phrases: ['新发展党员', '发展新党员', '吸收预备党员'],
  }),
  count('organization', 'organization.development.young', '新发展党员中35岁以下人数', 'development', {
    filters: [{ op: 'young', at: 'admittedOn', birth: 'birthDate' }],
    unit: '人',
    phrases: ['其中年龄在岁以下', '35岁以下的', '其中青年党员'],
  }),
  ratio(
    'organization',
    'organization.development.youngRatio',
    '新发展党员35岁以下占比',
    'organization.development.young',
    'organization.development.newMembers',
    ['岁以下占比', '35岁以下比例', '年轻党员占比'],
  ),
  computed('organization', 'organization.development.villagesMeetingYouthFarmer', '达到青年农民申请人要求的村数', 'development', 'villagesMeetingYouthFarmer', [
    '个村达到青年农民党员常量青年农民申请人要求',
    '村达到青年农民申请人要求',
  ]),
  computed('organization', 'organization.development.villagesNoneTwoYears', '连续两年未发展党员的村数', 'development', 'villagesNoneTwoYears', [
    '连续两年未发展党员村',
    '村连续两年未发展党员',
  ]),
  computed('organization', 'organization.branch.count', '党支部数', null, 'branchCount', ['组织全镇支部按规定开展三会一课', '全镇党支部', '基层党支部']),
  // derivedFlag = the member's record is complete, judged on every write (partyMember.deriveFlag).
  count('organization', 'organization.member.active', '在册党员人数', 'partyMember', {
    mode: 'asOf',
    filters: [oneOf('status', 'probationary', 'full')],
    unit: '人',
    phrases: ['在册党员', '全镇共有党员', '现有党员'],
  }),
  count('organization', 'organization.member.complete', '在册党员中信息完整人数', 'partyMember', {
    mode: 'asOf',
    filters: [oneOf('status', 'probationary', 'full'), { op: 'derivedFlag' }],
    unit: '人',
    phrases: ['党员信息完整', '信息完整的党员'],
  }),
  ratio('organization', 'organization.member.completeness', '党员信息完整率', 'organization.member.complete', 'organization.member.active', [
    '党员信息完整率',
    '录入信息完整率',
    '准确率',
  ]),
  // 县委宣传部
  activity('publicity', 'publicity.study.sessions', '中心组集中学习次数', 'centerGroupStudy', ['中心组集中学习', '开展集中学习', '理论学习中心组学习']),
  activity('publicity', 'publicity.study.discussions', '交流研讨次数', 'centerGroupDiscussion', ['交流研讨', '专题研讨']),
  activity('publicity', 'publicity.study.readingClasses', '专题读书班次数', 'readingClass', ['举办专题读书班', '专题读书班']),
  activity('publicity', 'publicity.ideology.meetings', '党委会专题研究意识形态工作次数', 'ideologyMeeting', ['党委会专题研究意识形态工作', '专题研究意识形态']),
  activityQty('publicity', 'publicity.online.reposts', '转发、跟帖条数', 'onlineRepost', '条', ['落实转发跟帖任务', '转发跟帖']),
  activityQty('publicity', 'publicity.online.harmfulReports', '举报涉政类不良信息条数', 'harmfulInfoReport', '条', ['举报涉政类不良信息', '举报有害信息']),
  count('publicity', 'publicity.news.leads', '报送新闻线索条数', 'publication', {
    filters: [eq('kind', 'newsLead')],
    unit: '条',
    phrases: ['报送新闻线索', '提供新闻线索'],
  }),
  count('publicity', 'publicity.news.infoItems', '报送工作信息条数', 'publication', {
    filters: [eq('kind', 'infoItem')],
    unit: '条',
    phrases: ['报送工作信息', '信息科报送信息'],
  }),
  count('publicity', 'publicity.article.count', '发布原创文章篇数', 'publication', {
    filters: [eq('kind', 'article')],
    unit: '篇',
    phrases: ['发布原创文章', '推送原创稿件', '公众号发布文章'],
  }),
  count('publicity', 'publicity.article.county', '获县级媒体采纳转载篇数', 'publication', {
    filters: [eq('kind', 'article'), oneOf('adoption', 'county', 'city', 'national')],
    unit: '篇',
    phrases: ['获县级媒体采纳并转载', '县级媒体采用'],
  }),
  count('publicity', 'publicity.article.city', '市级媒体转载篇数', 'publication', {
    filters: [eq('kind', 'article'), oneOf('adoption', 'city', 'national')],
    unit: '篇',
    phrases: ['市级媒体转载', '市级媒体采用'],
  }),
  count('publicity', 'publicity.article.national', '国家级媒体刊发篇数', 'publication', {
    filters: [eq('kind', 'article'), eq('adoption', 'national')],
    unit: '篇',
    phrases: ['国家级媒体刊发', '新华社刊发', '中央媒体采用'],
  }),
  activityQty('publicity', 'publicity.material.boards', '宣传展板块数', 'exhibitionBoard', '块', ['制作宣传展板', '设置展板']),
  activityQty('publicity', 'publicity.material.flags', '灯杆道旗处数', 'lampFlag', '处', ['更换灯杆道旗', '悬挂道旗']),
  activityQty('publicity', 'publicity.material.banners', '横幅条数', 'banner', '条', ['悬挂横幅', '张挂条幅']),
  activityQty('publicity', 'publicity.material.wallSlogans', '墙体标语处数', 'wallSlogan', '处', ['粉刷墙体标语', '刷写墙体标语']),
  activity('publicity', 'publicity.volunteer.activities', '志愿服务活动次数', 'volunteerService', ['开展志愿服务活动', '组织志愿服务']),
  sum('publicity', 'publicity.volunteer.participants', '志愿服务参与人次', 'activity', 'participants', {
    filters: [eq('type', 'volunteerService')],
    unit: '人次',
    phrases: ['志愿服务参与人数', '参与志愿者人次'],
  }),
  // 县委政法委
  activity('legal', 'legal.governance.trainings', '市域社会治理动员培训次数', 'governanceTraining', ['开展市域社会治理动员培训', '动员培训']),
  activity('legal', 'legal.governance.publicity', '市域社会治理宣传活动次数', 'governancePublicity', ['市域社会治理宣传活动', '社会治理宣传']),
  count('legal', 'legal.reception.batches', '领导干部接访批次', 'reception', { unit: '批次', phrases: ['领导干部接访', '领导接访'] }),
  sum('legal', 'legal.reception.resolvedOnSpot', '就地解决群众诉求件数', 'reception', 'resolvedOnSpot', {
    unit: '件',
    phrases: ['就地解决群众诉求', '当场化解诉求'],
  }),
  count('legal', 'legal.petition.transferred', '接县级转办信访件数', 'petition', {
    filters: [eq('channel', 'countyTransfer')],
    unit: '件',
    phrases: ['接县级转办单', '县级转办信访件', '受理县转信访件'],
  }),
  count('legal', 'legal.petition.closed', '县级转办信访办结件数', 'petition', {
    filters: [eq('channel', 'countyTransfer'), ...doneBy(['closed'], 'closedOn')],
    unit: '件',
    phrases: ['转办单办结', '信访件办结', '办结县转信访'],
  }),
  ratio('legal', 'legal.petition.closeRate', '县级转办信访办结率', 'legal.petition.closed', 'legal.petition.transferred', ['信访办结率', '办结率']),
  count('legal', 'legal.petition.satisfied', '办结信访中满意及基本满意件数', 'petition', {
    filters: [eq('channel', 'countyTransfer'), ...doneBy(['closed'], 'closedOn'), oneOf('satisfaction', 'satisfied', 'basic')],
    unit: '件',
    phrases: ['满意及基本满意', '群众满意'],
  }),
  count('legal', 'legal.petition.rated', '办结信访中已评价件数', 'petition', {
    filters: [eq('channel', 'countyTransfer'), ...doneBy(['closed'], 'closedOn'), oneOf('satisfaction', 'satisfied', 'basic', 'unsatisfied')],
    unit: '件',
    phrases: ['已评价信访件', '参与评价'],
  }),
  ratio('legal', 'legal.petition.satisfactionRate', '信访办结满意率', 'legal.petition.satisfied', 'legal.petition.rated', ['信访满意率', '满意率']),
  count('legal', 'legal.petition.backlog', '信访积案件数', 'petition', {
    mode: 'asOf',
    filters: [
      {
        op: 'or',
        groups: [[{ op: 'ne', field: 'status', value: 'closed' }], [{ op: 'isNull', field: 'status' }], [{ op: 'after', field: 'closedOn', date: 'end' }]],
      },
      { op: 'before', field: 'dueOn', date: 'end' },
    ],
    unit: '件',
    phrases: ['全镇尚有信访积案', '信访积案'],
  }),
  count('legal', 'legal.dispute.transferred', '接县转矛盾纠纷件数', 'dispute', {
    filters: [eq('source', 'countyTransfer')],
    unit: '件',
    phrases: ['共接县转办件', '接县转矛盾纠纷'],
  }),
  count('legal', 'legal.dispute.transferredClosed', '县转矛盾纠纷办结件数', 'dispute', {
    filters: [eq('source', 'countyTransfer'), ...doneBy(['resolved', 'referred'], 'resolvedOn')],
    unit: '件',
    phrases: ['县转办件办结', '县转矛盾纠纷办结'],
  }),
  count('legal', 'legal.dispute.registered', '镇矛调中心接待登记件数', 'dispute', {
    filters: [eq('source', 'center')],
    unit: '件',
    phrases: ['镇矛调中心接待登记', '矛调中心登记矛盾纠纷'],
  }),
  count('legal', 'legal.dispute.registeredClosed', '镇矛调中心登记办结件数', 'dispute', {
    filters: [eq('source', 'center'), ...doneBy(['resolved', 'referred'], 'resolvedOn')],
    unit: '件',
    phrases: ['矛调中心登记办结', '镇矛调中心化解'],
  }),
  count('legal', 'legal.dispute.fengqiao', '借鉴枫桥经验化解矛盾纠纷起数', 'dispute', {
    mode: 'all',
    filters: [eq('status', 'resolved'), yes('fengqiao'), inYear('resolvedOn')],
    unit: '起',
    phrases: ['借鉴枫桥经验化解矛盾纠纷', '运用枫桥经验化解'],
  }),
  activity('legal', 'legal.antiDrug.meetings', '研究禁毒工作会议次数', 'antiDrugMeeting', ['召开会议研究禁毒工作', '研究禁毒工作会议']),
  activity('legal', 'legal.antiDrug.events', '禁毒宣传教育活动次数', 'antiDrugEvent', ['开展禁毒宣传教育活动', '禁毒宣传活动']),
  activityQty('legal', 'legal.antiDrug.infoItems', '报送禁毒宣传信息篇数', 'antiDrugInfo', '篇', ['报送禁毒宣传信息', '报送宣传信息']),
];

const byId = new Map(metricCatalog.map((m) => [m.id, m]));
export function getMetric(id: string): MetricDecl | undefined {
  return byId.get(id);
}

/** Catalog parameters (a county may override them in settings). */
export const DEFAULT_PARAMS = { youngAge: 35 };
export type MetricParams = typeof DEFAULT_PARAMS;
