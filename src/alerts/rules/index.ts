/** Every alert rule, by id. One file per rule; add a rule by adding its file here. */
import type { AlertRule } from '../types.ts';
import branchNoMemberAssembly from './branch-no-member-assembly.ts';
import complianceShortfall from './compliance-shortfall.ts';
import meetingQuorum from './meeting-quorum.ts';
import developmentUnderage from './development-underage.ts';
import developmentTalk from './development-talk.ts';
import developmentActivist from './development-activist.ts';
import developmentApproval from './development-approval.ts';
import developmentProbation from './development-probation.ts';
import duesAmount from './dues-amount.ts';
import duesArrears from './dues-arrears.ts';
import duesBackPayment from './dues-back-payment.ts';
import petitionOverdue from './petition-overdue.ts';
import petitionAcceptance from './petition-acceptance.ts';
import petitionDueSoon from './petition-due-soon.ts';
import disputeOverdue from './dispute-overdue.ts';
import rectificationOverdue from './rectification-overdue.ts';
import rectificationDueSoon from './rectification-due-soon.ts';
import talkInquiryReply from './talk-inquiry-reply.ts';
import cadreInfluence from './cadre-influence-period.ts';
import dataDateOrder from './data-date-order.ts';
import dataAttendance from './data-attendance.ts';
import dataDuplicateMember from './data-duplicate-member.ts';
import dataIdNumber from './data-id-number.ts';
import relativeUndisclosed from './relative-undisclosed.ts';

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
