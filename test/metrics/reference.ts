/**
 * An independent implementation of the catalog's metric definitions (as worded in the
 * declarations of src/metrics/catalog.ts), over interchange-format records (fields as filed, no promoted
 * columns, no SQL). The metric engine must agree with it.
 */
import { idNumberError, idBirthDate } from '../../src/shared/idnumber.ts';

export interface RefOrg {
  code: string;
  kind: string;
  parent: string | null;
}
export interface RefRecord {
  ledger: string;
  org: string;
  fields: Record<string, any>;
}

export function reference(records: RefRecord[], orgs: RefOrg[], root: string, period: string, youngAge = 35): Record<string, number | null> {
  const year = Number(period.slice(0, 4));
  const q = Number(period.slice(5));
  const end = `${year}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
  const ys = `${year}-01-01`;
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const inTree = (code: string) => {
    for (let c: string | null = code; c; c = byCode.get(c)?.parent ?? null) if (c === root) return true;
    return false;
  };
  const villageOf = (code: string): string | null => {
    for (let c: string | null = code; c; c = byCode.get(c)?.parent ?? null) {
      const k = byCode.get(c)?.kind;
      if (k === 'village' || k === 'community') return c;
    }
    return null;
  };
  const isVillage = (code: string | undefined) => !!code && ['village', 'community'].includes(byCode.get(code)?.kind ?? '');
  const mine = records.filter((r) => inTree(r.org));
  const L = (ledger: string) => mine.filter((r) => r.ledger === ledger).map((r) => r.fields);
  const DATE: Record<string, string> = {
    supervision: 'occurredOn',
    rectification: 'foundOn',
    talk: 'occurredOn',
    fourForms: 'occurredOn',
    disciplineDocument: 'issuedOn',
    clue: 'receivedOn',
    sanction: 'decidedOn',
    riskPoint: 'identifiedOn',
    relative: 'filedOn',
    powerMatter: 'occurredOn',
    activity: 'occurredOn',
    cadreAction: 'effectiveOn',
    practicalMatter: 'plannedOn',
    demand: 'receivedOn',
    development: 'admittedOn',
    publication: 'publishedOn',
    petition: 'receivedOn',
    reception: 'occurredOn',
    dispute: 'registeredOn',
  };
  const ytd = (ledger: string) => L(ledger).filter((f) => f[DATE[ledger]] >= ys && f[DATE[ledger]] <= end);
  const asOf = (ledger: string) => L(ledger).filter((f) => f[DATE[ledger]] != null && f[DATE[ledger]] <= end);
  const inYear = (d: unknown) => typeof d === 'string' && d >= ys && d <= end;
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  const sum = (xs: Record<string, any>[], k: string) =>
    xs.reduce((a, f) => a + (Array.isArray(f[k]) ? f[k].length : Number(f[k] ?? (k === 'quantity' ? 1 : 0))), 0);
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const age = (birth: string, on: string) => Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
  const act = (t: string) => ytd('activity').filter((f) => f.type === t);

  const rect = ytd('rectification');
  const insp = rect.filter((f) => f.source === 'inspection');
  const town = insp.filter((f) => byCode.get(f.targetOrg)?.kind === 'town');
  const vill = insp.filter((f) => isVillage(f.targetOrg));
  const done = (xs: Record<string, any>[]) => xs.filter((f) => f.status === 'done' && f.doneOn && f.doneOn <= end);
  const talks = ytd('talk').filter((f) => f.kind === 'integrityDuty');
  const first = ytd('fourForms').filter((f) => String(f.form) === '1');
  const risk = (scope: string) => asOf('riskPoint').filter((f) => f.scope === scope);
  const dev = ytd('development');
  const young = dev.filter((f) => f.birthDate && age(f.birthDate, f.admittedOn) < youngAge);
  const villagesInTree = orgs.filter((o) => inTree(o.code) && (o.kind === 'village' || o.kind === 'community')).map((o) => o.code);
  const youthVillages = new Set(
    mine
      .filter(
        (r) =>
          r.ledger === 'development' &&
          inYear(r.fields.appliedOn) &&
          r.fields.occupation === '农民' &&
          r.fields.birthDate &&
          age(r.fields.birthDate, r.fields.appliedOn) < youngAge,
      )
      .map((r) => villageOf(r.org))
      .filter(Boolean),
  );
  const devVillages = new Set(
    mine.filter((r) => r.ledger === 'development' && r.fields.admittedOn >= `${year - 1}-01-01` && r.fields.admittedOn <= end).map((r) => villageOf(r.org)),
  );
  const members = L('partyMember').filter((f) => f.joinedOn <= end && (f.status === 'probationary' || f.status === 'full'));
  const completeMember = (f: Record<string, any>) =>
    ['name', 'gender', 'birthDate', 'education', 'occupation', 'branch', 'joinedOn', 'phone'].every((k) => f[k] != null && f[k] !== '') &&
    typeof f.idNumber === 'string' &&
    idNumberError(f.idNumber) === null &&
    idBirthDate(f.idNumber) === f.birthDate;
  const pub = ytd('publication');
  const art = pub.filter((f) => f.kind === 'article');
  const pet = ytd('petition').filter((f) => f.channel === 'countyTransfer');
  const petClosed = pet.filter((f) => f.status === 'closed' && f.closedOn && f.closedOn <= end);
  const rated = petClosed.filter((f) => f.satisfaction && f.satisfaction !== 'none');
  const disp = (src: string) => ytd('dispute').filter((f) => f.source === src);
  const dispClosed = (xs: Record<string, any>[]) =>
    xs.filter((f) => (f.status === 'resolved' || f.status === 'referred') && f.resolvedOn && f.resolvedOn <= end);
  const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

  return {
    'discipline.supervision.count': ytd('supervision').length,
    'discipline.supervision.problems': rect.filter((f) => f.source === 'supervision').length,
    'discipline.inspection.villages': new Set(vill.map((f) => f.targetOrg)).size,
    'discipline.inspection.town.total': town.length,
    'discipline.inspection.town.done': done(town).length,
    'discipline.inspection.town.rate': ratio(done(town).length, town.length),
    'discipline.inspection.village.total': vill.length,
    'discipline.inspection.village.done': done(vill).length,
    'discipline.inspection.village.rate': ratio(done(vill).length, vill.length),
    'discipline.talk.integrityDuty.count': talks.length,
    'discipline.talk.integrityDuty.personTimes': talks.reduce((a, f) => a + len(f.talkees), 0),
    'discipline.selfCheck.problems': rect.filter((f) => f.source === 'selfCheck').length,
    'discipline.fourForms.first.count': first.length,
    'discipline.fourForms.first.personTimes': first.reduce((a, f) => a + len(f.subjects), 0),
    'discipline.document.reminderLetter': ytd('disciplineDocument').filter((f) => f.kind === 'reminderLetter').length,
    'discipline.document.disciplineSuggestion': ytd('disciplineDocument').filter((f) => f.kind === 'disciplineSuggestion').length,
    'discipline.clue.count': ytd('clue').length,
    'discipline.case.count': L('clue').filter((f) => f.disposal === 'caseFiled' && inYear(f.filedOn)).length,
    'discipline.sanction.expulsion': ytd('sanction').filter((f) => f.kind === 'expulsion').length,
    'discipline.sanction.seriousWarning': ytd('sanction').filter((f) => f.kind === 'seriousWarning').length,
    'discipline.sanction.demerit': ytd('sanction').filter((f) => f.kind === 'demerit').length,
    'discipline.risk.org.points': risk('org').length,
    'discipline.risk.org.measures': risk('org').reduce((a, f) => a + len(f.measures), 0),
    'discipline.risk.personal.points': risk('personal').length,
    'discipline.risk.personal.measures': risk('personal').reduce((a, f) => a + len(f.measures), 0),
    'discipline.relatives.cadres': new Set(
      asOf('relative')
        .map((f) => f.cadre)
        .filter(Boolean),
    ).size,
    'discipline.relatives.entries': asOf('relative').length,
    'discipline.powerMatter.publicized': L('powerMatter').filter((f) => f.verified === true && inYear(f.publicizedOn)).length,
    'discipline.education.meetings': ytd('activity').filter((f) => f.type === 'warningConference' || f.type === 'integrityTraining').length,
    'discipline.education.reflections': sum(act('reflection'), 'quantity'),
    'discipline.education.films': sum(act('warningFilm'), 'quantity'),
    'discipline.education.casePosts': sum(act('casePost'), 'quantity'),
    'organization.cadre.sectionAppointment': ytd('cadreAction').filter((f) => f.kind === 'sectionAppointment').length,
    'organization.cadre.civilServantRank': ytd('cadreAction').filter((f) => f.kind === 'civilServantRank').length,
    'organization.cadre.staffGrade': ytd('cadreAction').filter((f) => f.kind === 'staffGrade').length,
    'organization.cadre.sanzhiyifu': ytd('cadreAction').filter((f) => f.kind === 'sanzhiyifu').length,
    'organization.practicalMatter.keyProjectsDone': asOf('practicalMatter').filter(
      (f) => f.category === 'keyProject' && f.status === 'done' && f.doneOn && f.doneOn <= end,
    ).length,
    'organization.demand.resolvedTimely': ytd('demand').filter(
      (f) => f.status === 'resolved' && f.resolvedOn && f.resolvedOn <= end && f.dueOn && f.resolvedOn <= f.dueOn,
    ).length,
    'organization.development.newMembers': dev.length,
    'organization.development.young': young.length,
    'organization.development.youngRatio': ratio(young.length, dev.length),
    'organization.development.villagesMeetingYouthFarmer': youthVillages.size,
    'organization.development.villagesNoneTwoYears': villagesInTree.filter((v) => !devVillages.has(v)).length,
    'organization.branch.count': orgs.filter((o) => inTree(o.code) && o.kind === 'branch').length,
    'organization.member.completeness': ratio(members.filter(completeMember).length, members.length),
    'publicity.study.sessions': act('centerGroupStudy').length,
    'publicity.study.discussions': act('centerGroupDiscussion').length,
    'publicity.study.readingClasses': act('readingClass').length,
    'publicity.ideology.meetings': act('ideologyMeeting').length,
    'publicity.online.reposts': sum(act('onlineRepost'), 'quantity'),
    'publicity.online.harmfulReports': sum(act('harmfulInfoReport'), 'quantity'),
    'publicity.news.leads': pub.filter((f) => f.kind === 'newsLead').length,
    'publicity.news.infoItems': pub.filter((f) => f.kind === 'infoItem').length,
    'publicity.article.count': art.length,
    'publicity.article.county': art.filter((f) => ['county', 'city', 'national'].includes(f.adoption)).length,
    'publicity.article.city': art.filter((f) => ['city', 'national'].includes(f.adoption)).length,
    'publicity.article.national': art.filter((f) => f.adoption === 'national').length,
    'publicity.material.boards': sum(act('exhibitionBoard'), 'quantity'),
    'publicity.material.flags': sum(act('lampFlag'), 'quantity'),
    'publicity.material.banners': sum(act('banner'), 'quantity'),
    'publicity.material.wallSlogans': sum(act('wallSlogan'), 'quantity'),
    'publicity.volunteer.activities': act('volunteerService').length,
    'publicity.volunteer.participants': act('volunteerService').reduce((a, f) => a + Number(f.participants ?? 0), 0),
    'legal.governance.trainings': act('governanceTraining').length,
    'legal.governance.publicity': act('governancePublicity').length,
    'legal.reception.batches': ytd('reception').length,
    'legal.reception.resolvedOnSpot': ytd('reception').reduce((a, f) => a + Number(f.resolvedOnSpot ?? 0), 0),
    'legal.petition.transferred': pet.length,
    'legal.petition.closed': petClosed.length,
    'legal.petition.closeRate': ratio(petClosed.length, pet.length),
    'legal.petition.satisfactionRate': ratio(rated.filter((f) => f.satisfaction === 'satisfied' || f.satisfaction === 'basic').length, rated.length),
    'legal.petition.backlog': asOf('petition').filter(
      (f) => !(f.status === 'closed' && !(f.closedOn && f.closedOn > end)) && (f.dueOn ?? addDays(f.receivedOn, 60)) < end,
    ).length,
    'legal.dispute.transferred': disp('countyTransfer').length,
    'legal.dispute.transferredClosed': dispClosed(disp('countyTransfer')).length,
    'legal.dispute.registered': disp('center').length,
    'legal.dispute.registeredClosed': dispClosed(disp('center')).length,
    'legal.dispute.fengqiao': L('dispute').filter((f) => f.status === 'resolved' && f.fengqiao === true && inYear(f.resolvedOn)).length,
    'legal.antiDrug.meetings': act('antiDrugMeeting').length,
    'legal.antiDrug.events': act('antiDrugEvent').length,
    'legal.antiDrug.infoItems': sum(act('antiDrugInfo'), 'quantity'),
  };
}
