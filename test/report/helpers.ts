/** Shared fixtures of the report tests: a fake metric catalog and values, and an evaluation context. */
import type { MetricValue } from '../../src/metrics/types.ts';
import type { EvalContext, MetricInfo } from '../../src/report/template/evaluate.ts';
import { METRIC_INFOS } from '../../src/report/template/context.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { defaultTemplateSource } from '../../src/report/template/generate.ts';
import type { ReportModel } from '../../src/report/render/model.ts';

export const VARS: [string, string | number | null][] = [
  ['org.name', '东湖镇'],
  ['org.code', 'QH-DH'],
  ['org.shortName', '东湖'],
  ['org.county', '清河县'],
  ['org.countyShort', '清河'],
  ['org.publicAccount', '清风东湖'],
  ['org.partyCommittee', '中共东湖镇委员会'],
  ['org.villageCount', 8],
  ['congress', '二十'],
  ['year', 2023],
  ['quarter', 4],
  ['quarterCn', '四'],
  ['quarterLabel', '四季度'],
  ['period', '2023Q4'],
  ['param.youngAge', 35],
];

/** Metric values of the demo town 东湖镇 for 2023Q4 (luoshi metrics --json): a realistic, consistent set. */
export const DEMO_VALUES: Record<string, number | null> = {
  'discipline.supervision.count': 24,
  'discipline.supervision.problems': 23,
  'discipline.inspection.villages': 5,
  'discipline.inspection.town.total': 16,
  'discipline.inspection.town.done': 13,
  'discipline.inspection.village.total': 14,
  'discipline.inspection.village.done': 13,
  'discipline.talk.integrityDuty.count': 16,
  'discipline.talk.integrityDuty.personTimes': 27,
  'discipline.selfCheck.problems': 6,
  'discipline.fourForms.first.count': 17,
  'discipline.fourForms.first.personTimes': 31,
  'discipline.document.reminderLetter': 9,
  'discipline.document.disciplineSuggestion': 3,
  'discipline.clue.count': 14,
  'discipline.case.count': 3,
  'discipline.sanction.expulsion': 1,
  'discipline.sanction.seriousWarning': 1,
  'discipline.sanction.demerit': 1,
  'discipline.risk.org.points': 30,
  'discipline.risk.org.measures': 77,
  'discipline.risk.personal.points': 84,
  'discipline.risk.personal.measures': 211,
  'discipline.relatives.cadres': 45,
  'discipline.relatives.entries': 188,
  'discipline.powerMatter.publicized': 11,
  'discipline.education.meetings': 5,
  'discipline.education.reflections': 95,
  'discipline.education.films': 5,
  'discipline.education.casePosts': 50,
  'organization.cadre.sectionAppointment': 1,
  'organization.cadre.civilServantRank': 4,
  'organization.cadre.staffGrade': 3,
  'organization.cadre.sanzhiyifu': 2,
  'organization.practicalMatter.keyProjectsDone': 5,
  'organization.demand.resolvedTimely': 105,
  'organization.development.newMembers': 10,
  'organization.development.young': 5,
  'publicity.study.sessions': 12,
  'publicity.study.discussions': 12,
  'publicity.study.readingClasses': 5,
  'publicity.ideology.meetings': 3,
  'publicity.online.reposts': 372,
  'publicity.online.harmfulReports': 122,
  'publicity.news.leads': 18,
  'publicity.news.infoItems': 29,
  'publicity.article.count': 94,
  'publicity.article.county': 27,
  'publicity.article.city': 7,
  'publicity.article.national': 2,
  'publicity.material.boards': 33,
  'publicity.material.flags': 39,
  'publicity.material.banners': 171,
  'publicity.material.wallSlogans': 24,
  'publicity.volunteer.activities': 112,
  'publicity.volunteer.participants': 2164,
  'legal.governance.trainings': 2,
  'legal.governance.publicity': 3,
  'legal.reception.batches': 15,
  'legal.reception.resolvedOnSpot': 17,
  'legal.petition.transferred': 9,
  'legal.petition.closed': 8,
  'legal.petition.satisfied': 7,
  'legal.petition.rated': 8,
  'legal.petition.backlog': 4,
  'legal.dispute.transferred': 6,
  'legal.dispute.transferredClosed': 5,
  'legal.dispute.registered': 20,
  'legal.dispute.registeredClosed': 19,
  'legal.dispute.fengqiao': 22,
  'legal.antiDrug.meetings': 4,
  'legal.antiDrug.events': 3,
  'legal.antiDrug.infoItems': 12,
  'organization.development.villagesMeetingYouthFarmer': 3,
  'organization.development.villagesNoneTwoYears': 1,
  'organization.branch.count': 9,
  'organization.member.completeness': 0.9517684887459807,
  'discipline.inspection.town.rate': 0.8125,
  'discipline.inspection.village.rate': 0.9285714285714286,
  'organization.development.youngRatio': 0.5,
  'legal.petition.closeRate': 0.8888888888888888,
  'legal.petition.satisfactionRate': 0.875,
};

/** Values for every catalog metric (the demo town's), with overrides; ratios follow their parts. */
export function fakeValues(overrides: Record<string, number | null> = {}): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  let n = 0;
  for (const m of METRIC_INFOS.values()) {
    if (m.type === 'ratio') continue;
    n += 1;
    const v = m.id in overrides ? overrides[m.id] : (DEMO_VALUES[m.id] ?? 10 + n);
    out[m.id] = { value: v, records: [1000 + n, 2000 + n] };
  }
  for (const m of METRIC_INFOS.values()) {
    if (m.type !== 'ratio') continue;
    const num = out[m.numerator!]?.value;
    const den = out[m.denominator!]?.value;
    out[m.id] = {
      value: m.id in overrides ? overrides[m.id] : num != null && den ? num / den : null,
      records: [...(out[m.numerator!]?.records ?? []), ...(out[m.denominator!]?.records ?? [])],
    };
  }
  return out;
}

export function context(
  o: {
    values?: Record<string, MetricValue>;
    narrative?: Record<string, string>;
    metrics?: ReadonlyMap<string, MetricInfo>;
    vars?: [string, string | number | null][];
  } = {},
): EvalContext {
  return {
    metrics: o.metrics ?? METRIC_INFOS,
    values: o.values ?? fakeValues(),
    vars: new Map(o.vars ?? VARS),
    narrative: o.narrative ?? {},
    org: { code: 'QH-DH', name: '东湖镇' },
    period: '2023Q4',
    date: '2023-12-31',
  };
}

/** The default 2023 Q4 report of the demo town 东湖镇, evaluated from the default template. */
export function defaultDemoReport(): ReportModel {
  return evaluateTemplate(parseTemplate(defaultTemplateSource()), context());
}
