/**
 * Every alert rule, by id. One file per rule, named after its id (petition.overdue →
 * petition-overdue.ts); add a rule by adding its file here. test/alerts/registry.test.ts checks
 * the names, that a test names every rule, and that docs/rules.md is what the declarations
 * generate (`npm run docs:rules`).
 */
import type { AlertRule } from '../types.ts';
import branchNoMemberAssembly from './branch-no-member-assembly.ts';
import complianceShortfall from './compliance-shortfall.ts';
import meetingQuorum from './branch-meeting-quorum.ts';
import developmentUnderage from './development-underage.ts';
import developmentTalk from './development-talk-overdue.ts';
import developmentActivist from './development-activist-period.ts';
import developmentApproval from './development-approval-overdue.ts';
import developmentProbation from './development-probation.ts';
import duesAmount from './dues-amount.ts';
import duesArrears from './dues-arrears.ts';
import duesBackPayment from './dues-back-payment.ts';
import petitionOverdue from './petition-overdue.ts';
import petitionAcceptance from './petition-acceptance-overdue.ts';
import petitionDueSoon from './petition-due-soon.ts';
import disputeOverdue from './dispute-overdue.ts';
import rectificationOverdue from './rectification-overdue.ts';
import rectificationDueSoon from './rectification-due-soon.ts';
import talkInquiryReply from './talk-inquiry-reply-overdue.ts';
import cadreInfluence from './cadre-action-in-influence-period.ts';
import dataDateOrder from './data-date-order.ts';
import dataAttendance from './data-attendance-above-expected.ts';
import dataDuplicateMember from './data-duplicate-member.ts';
import dataIdNumber from './data-id-number.ts';
import relativeUndisclosed from './relative-undisclosed-power-matter.ts';

export const alertRules: AlertRule[] = [
  branchNoMemberAssembly,
  complianceShortfall,
  meetingQuorum,
  developmentUnderage,
  developmentTalk,
  developmentActivist,
  developmentApproval,
  developmentProbation,
  duesAmount,
  duesArrears,
  duesBackPayment,
  petitionOverdue,
  petitionAcceptance,
  petitionDueSoon,
  disputeOverdue,
  rectificationOverdue,
  rectificationDueSoon,
  talkInquiryReply,
  cadreInfluence,
  dataDateOrder,
  dataAttendance,
  dataDuplicateMember,
  dataIdNumber,
  relativeUndisclosed,
];

const byId = new Map(alertRules.map((r) => [r.id, r]));

export function getRule(id: string): AlertRule | undefined {
  return byId.get(id);
}
