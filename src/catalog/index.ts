/**
 * The built-in ledgers, in catalog order. Which fields each promotes onto which records column,
 * and which metrics read them, is in docs/catalog.md, generated from the declarations
 * (`npm run docs:catalog`); the promoted columns themselves are PROMOTED_COLUMNS in src/ledger/types.ts.
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
