/**
 * The built-in ledgers, in catalog order.
 *
 * Promoted columns per ledger (kind/status/date_on come from kindField/statusField/dateField;
 * a list field promoted to n1/n2 stores its length):
 *
 * | ledger             | date_on      | kind        | status | sub          | flag              | person        | refOrg    | dueOn       | doneOn      | date2         | date3        | n1             | n2           |
 * |--------------------|--------------|-------------|--------|--------------|-------------------|---------------|-----------|-------------|-------------|---------------|--------------|----------------|--------------|
 * | supervision        | occurredOn   | area        |        |              |                   | leader        |           |             |             |               |              | problemsFound  |              |
 * | rectification      | foundOn      | source      | status |              |                   | owner         | targetOrg | dueOn       | doneOn      | reviewedOn    |              |                |              |
 * | talk               | occurredOn   | kind        |        |              |                   | talker        |           | replyDueOn  | repliedOn   |               |              | #talkees       |              |
 * | fourForms          | occurredOn   | form '1'..  |        |              |                   | byLeader      |           |             |             |               |              | #subjects      |              |
 * | disciplineDocument | issuedOn     | kind        |        |              |                   |               |           | replyDueOn  | repliedOn   | rectifiedOn   |              |                |              |
 * | clue               | receivedOn   | disposal    | status | source       |                   | subjectPerson |           |             | disposedOn  | filedOn       |              |                |              |
 * | sanction           | decidedOn    | kind        |        |              |                   | person        |           |             |             | announcedOn   | effectEndsOn |                |              |
 * | riskPoint          | identifiedOn | scope       |        | level        |                   | owner         |           |             |             | reviewedOn    |              | #measures      |              |
 * | relative           | filedOn      | relation    |        |              | livesTogether     | cadre         |           |             |             |               |              |                |              |
 * | powerMatter        | occurredOn   | matterType  |        |              | verified          | cadre         |           |             |             | publicizedOn  |              |                |              |
 * | activity           | occurredOn   | type        |        |              |                   | host          |           |             |             |               |              | quantity       | participants |
 * | cadreAction        | effectiveOn  | kind        |        |              |                   | person        |           |             |             |               |              |                |              |
 * | practicalMatter    | plannedOn    | category    | status |              |                   | owner         |           | dueOn       | doneOn      |               |              |                |              |
 * | demand             | receivedOn   | source      | status |              |                   | handler       |           | dueOn       | resolvedOn  |               |              |                |              |
 * | partyMember        | joinedOn     | occupation  | status | gender       |                   |               | branch    |             | leftOn      | fullMemberOn  | birthDate    |                |              |
 * | development        | admittedOn   |             |        | occupation   |                   |               | branch    |             | fullOn      | appliedOn     | birthDate    | extendedMonths |              |
 * | branchMeeting      | occurredOn   | kind        |        |              |                   | lecturer      | branch    |             |             |               |              | attendees      | expected     |
 * | dues               | paidOn       | category    |        | month        |                   | member        |           |             |             |               |              | due            | paid         |
 * | publication        | publishedOn  | kind        |        | adoption     |                   | author        |           |             |             |               |              |                |              |
 * | petition           | receivedOn   | channel     | status | satisfaction | extensionApproved | leader        |           | dueOn       | closedOn    | acceptedOn    |              |                |              |
 * | reception          | occurredOn   | kind        |        |              |                   | leader        |           |             |             |               |              | resolvedOnSpot | cases        |
 * | dispute            | registeredOn | source      | status | type         | fengqiao          | mediator      |           | dueOn       | resolvedOn  | followUpOn    |              | peopleCount    |              |
 * | beneficiary        | approvedOn   | program     |        |              |                   | handler       | village   |             |             |               |              | amount         |              |
 * | projectParty       | contractedOn | role        |        |              |                   |               | village   |             |             |               |              | amount         |              |
 *
 * Catalog metrics → columns ([ytd]/[asOf]/quarter filter date_on unless said otherwise):
 *
 * | metric                                              | ledger           | filter / aggregate on columns                                              |
 * |-----------------------------------------------------|------------------|----------------------------------------------------------------------------|
 * | discipline.supervision.count                        | supervision      | count                                                                      |
 * | discipline.supervision.problems                     | rectification    | kind=supervision, count                                                    |
 * | discipline.inspection.villages                      | rectification    | kind=inspection, distinct ref_org_id whose org kind is village/community   |
 * | discipline.inspection.town/village.total/.done/.rate| rectification    | kind=inspection, ref org kind; done: status=done and done_on<=end          |
 * | discipline.talk.integrityDuty.count/.personTimes    | talk             | kind=integrityDuty; count / sum n1                                         |
 * | discipline.selfCheck.problems                       | rectification    | kind=selfCheck, count                                                      |
 * | discipline.fourForms.first.count/.personTimes       | fourForms        | kind='1'; count / sum n1                                                   |
 * | discipline.document.*                               | disciplineDocument| kind                                                                      |
 * | discipline.clue.count                               | clue             | count                                                                      |
 * | discipline.case.count                               | clue             | kind=caseFiled, date2 (filedOn) in year..end (not date_on)                 |
 * | discipline.sanction.*                               | sanction         | kind                                                                       |
 * | discipline.risk.org/personal.points/.measures       | riskPoint        | kind=org/personal [asOf]; count / sum n1                                   |
 * | discipline.relatives.cadres/.entries                | relative         | [asOf] distinct person / count                                             |
 * | discipline.powerMatter.publicized                   | powerMatter      | flag=1, date2 (publicizedOn) in year..end                                  |
 * | discipline.education.*                              | activity         | kind in (...) count; kind=reflection/warningFilm/casePost sum n1           |
 * | organization.cadre.*                                | cadreAction      | kind                                                                       |
 * | organization.practicalMatter.keyProjectsDone        | practicalMatter  | kind=keyProject, status=done, done_on<=end [asOf]                          |
 * | organization.demand.resolvedTimely                  | demand           | [ytd] status=resolved, done_on<=end, done_on<=due_on                       |
 * | organization.development.newMembers/.young/.ratio   | development      | [ytd] on date_on (admittedOn); age from date3 (birthDate) on date_on       |
 * | organization.development.villagesMeetingYouthFarmer | development      | date2 (appliedOn) in year..end, sub=农民, age from date3 on date2; village of org |
 * | organization.development.villagesNoneTwoYears       | development      | date_on in year-1..year, grouped by village of org                         |
 * | organization.branch.count                           | (orgs)           | org kind=branch                                                            |
 * | organization.member.completeness/.active/.complete | partyMember      | [asOf] status in (probationary, full); complete: flag=1 (derived on write) |
 * | publicity.study/ideology/online/material.*          | activity         | kind; count or sum n1                                                      |
 * | publicity.news.leads/.infoItems, publicity.article.*| publication      | kind; article adoption via sub in (county, city, national) ...             |
 * | publicity.volunteer.activities/.participants        | activity         | kind=volunteerService; count / sum n2                                      |
 * | legal.governance.*, legal.antiDrug.*                | activity         | kind; count or sum n1                                                      |
 * | legal.reception.batches/.resolvedOnSpot             | reception        | count / sum n1                                                             |
 * | legal.petition.transferred/.closed/.closeRate       | petition         | kind=countyTransfer; closed: status=closed and done_on<=end                |
 * | legal.petition.satisfactionRate                     | petition         | closed ones with sub<>none: sub in (satisfied, basic)                      |
 * | legal.petition.backlog                              | petition         | [asOf] (status<>closed or done_on>end) and due_on<end                      |
 * | legal.dispute.transferred/.registered/...Closed     | dispute          | kind=countyTransfer/center; closed: status in (resolved, referred), done_on<=end |
 * | legal.dispute.fengqiao                              | dispute          | status=resolved, flag=1, done_on in year..end                              |
 *
 * partyMember.flag is not a field: the ledger derives it on every write (deriveFlag) as "the
 * record is complete" — every listed field filled and an ID number whose birth date is birthDate.
 */
import type { LedgerDecl } from '../ledger/types.ts';
import supervision from './supervision.ts';
import rectification from './rectification.ts';
import talk from './talk.ts';
import fourForms from './fourForms.ts';
import disciplineDocument from './disciplineDocument.ts';
import clue from './clue.ts';
import sanction from './sanction.ts';
import riskPoint from './riskPoint.ts';
import relative from './relative.ts';
import powerMatter from './powerMatter.ts';
import activity from './activity.ts';
import cadreAction from './cadreAction.ts';
import practicalMatter from './practicalMatter.ts';
import demand from './demand.ts';
import partyMember from './partyMember.ts';
import development from './development.ts';
import branchMeeting from './branchMeeting.ts';
import dues from './dues.ts';
import publication from './publication.ts';
import petition from './petition.ts';
import reception from './reception.ts';
import dispute from './dispute.ts';
import beneficiary from './beneficiary.ts';
import projectParty from './projectParty.ts';

export { ACTIVITY_TYPES, getActivityType, type ActivityType } from './activity-types.ts';

export const builtinLedgers: LedgerDecl[] = [
  supervision,
  rectification,
  talk,
  fourForms,
  disciplineDocument,
  clue,
  sanction,
  riskPoint,
  relative,
  powerMatter,
  activity,
  cadreAction,
  practicalMatter,
  demand,
  partyMember,
  development,
  branchMeeting,
  dues,
  publication,
  petition,
  reception,
  dispute,
  // Local lists for the collision checks (not in the catalog).
  beneficiary,
  projectParty,
];

const byKey = new Map(builtinLedgers.map((l) => [l.key, l]));

export function getBuiltinLedger(key: string): LedgerDecl | undefined {
  return byKey.get(key);
}
