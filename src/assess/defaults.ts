/**
 * The default indicator set of the quarterly 全面从严治党 assessment, as data:
 * 19 indicators over the four county departments, 100 points in all. A county gets a copy (period '*', every
 * quarter) the first time its assessment is opened, and edits it from there.
 *
 * Most catalog counts are year-to-date, so a "per quarter" count target is held cumulatively
 * (perQuarter: 3 a quarter means 3 by Q1, 6 by Q2, …, 12 by Q4). Rates are fractions 0..1.
 */
import type { IndicatorDef } from './types.ts';

const d = (o: Omit<IndicatorDef, 'veto' | 'perQuarter'> & Partial<Pick<IndicatorDef, 'veto' | 'perQuarter'>>): IndicatorDef => ({ veto: false, perQuarter: false, ...o });

export const DEFAULT_INDICATORS: IndicatorDef[] = [
  // 县纪委 30
  d({ line: 'discipline', name: '巡察反馈镇党委问题整改完成率', metric: 'discipline.inspection.town.rate', comparator: '>=', target: 0.9, weight: 8, scoring: 'linear', note: '已整改问题数 ÷ 巡察反馈镇党委问题数，不足 90% 按比例得分' }),
  d({ line: 'discipline', name: '巡察反馈村级问题整改完成率', metric: 'discipline.inspection.village.rate', comparator: '>=', target: 0.9, weight: 8, scoring: 'linear' }),
  d({ line: 'discipline', name: '开展专项监督', metric: 'discipline.supervision.count', comparator: '>=', target: 5, weight: 5, scoring: 'linear', perQuarter: true, note: '每季度不少于 5 次，按年度累计考核' }),
  d({ line: 'discipline', name: '廉政履职谈话', metric: 'discipline.talk.integrityDuty.count', comparator: '>=', target: 4, weight: 4, scoring: 'linear', perQuarter: true }),
  d({ line: 'discipline', name: '警示教育大会、廉政培训', metric: 'discipline.education.meetings', comparator: '>=', target: 1, weight: 5, scoring: 'binary', perQuarter: true, note: '每季度至少 1 次' }),
  // 县委组织部 25
  d({ line: 'organization', name: '新发展党员35岁以下占比', metric: 'organization.development.youngRatio', comparator: '>=', target: 0.5, weight: 7, scoring: 'linear' }),
  d({ line: 'organization', name: '党员信息完整率', metric: 'organization.member.completeness', comparator: '>=', target: 0.95, weight: 7, scoring: 'linear', note: '党员信息各项齐全且身份证号与出生日期一致' }),
  d({ line: 'organization', name: '连续两年未发展党员的村', metric: 'organization.development.villagesNoneTwoYears', comparator: '<=', target: 0, weight: 5, scoring: 'binary' }),
  d({ line: 'organization', name: '落地重点民生工程', metric: 'organization.practicalMatter.keyProjectsDone', comparator: '>=', target: 1, weight: 3, scoring: 'linear', perQuarter: true }),
  d({ line: 'organization', name: '及时解决群众诉求', metric: 'organization.demand.resolvedTimely', comparator: '>=', target: 15, weight: 3, scoring: 'linear', perQuarter: true }),
  // 县委宣传部 20
  d({ line: 'publicity', name: '理论学习中心组集中学习', metric: 'publicity.study.sessions', comparator: '>=', target: 3, weight: 6, scoring: 'linear', perQuarter: true, note: '每季度不少于 3 次' }),
  d({ line: 'publicity', name: '党委会专题研究意识形态工作', metric: 'publicity.ideology.meetings', comparator: '>=', target: 1, weight: 5, scoring: 'binary', perQuarter: true, note: '每季度至少 1 次' }),
  d({ line: 'publicity', name: '原创文章获县级以上媒体采纳', metric: 'publicity.article.county', comparator: '>=', target: 5, weight: 5, scoring: 'linear', perQuarter: true }),
  d({ line: 'publicity', name: '报送工作信息', metric: 'publicity.news.infoItems', comparator: '>=', target: 8, weight: 4, scoring: 'linear', perQuarter: true }),
  // 县委政法委 25
  d({ line: 'legal', name: '县级转办信访办结率', metric: 'legal.petition.closeRate', comparator: '>=', target: 1, weight: 8, scoring: 'linear' }),
  d({ line: 'legal', name: '信访办结满意率', metric: 'legal.petition.satisfactionRate', comparator: '>=', target: 0.9, weight: 5, scoring: 'linear' }),
  d({ line: 'legal', name: '信访积案清零', metric: 'legal.petition.backlog', comparator: '=', target: 0, weight: 5, scoring: 'binary', veto: true, note: '一票否决：截至季末仍有超期未办结信访件' }),
  d({ line: 'legal', name: '借鉴枫桥经验化解矛盾纠纷', metric: 'legal.dispute.fengqiao', comparator: '>=', target: 3, weight: 4, scoring: 'linear', perQuarter: true }),
  d({ line: 'legal', name: '禁毒宣传教育活动', metric: 'legal.antiDrug.events', comparator: '>=', target: 1, weight: 3, scoring: 'linear', perQuarter: true }),
];
