/**
 * Quarterly reports of a town: the draft (numbers live from the ledgers, narrative editable by
 * the secretary and, for their part, the line roles), the checker, submission (frozen: model,
 * metric values with record ids, narrative, template, text and .docx) and the county review (the city and province reviewers read).
 * Every change is audited in the transaction that makes it. One verb per file under ./verbs/
 * (who may see a report: ../access/reports.ts); this module gathers them for callers.
 */
export {
  STATUS_LABELS,
  REPORT_ROLES,
  TEMPLATE_ROLES,
  TOWN_REPORT_ROLES,
  isTownUser,
  isReviewer,
  isReviewerAtLevel,
  isEditable,
  isFrozen,
  showsFrozen,
  loadReport,
  versionRow,
  frozenOf,
  type ReportStatus,
  type Frozen,
  type LoadedReport,
} from './verbs/common.ts';
export { templateOf, liveReport, currentModel } from './verbs/live.ts';
export { listReports } from './verbs/list.ts';
export { openReport } from './verbs/open.ts';
export { canEditField, updateNarrative } from './verbs/narrative.ts';
export { checkReport } from './verbs/check.ts';
export { submitReport } from './verbs/submit.ts';
export { reviewReport } from './verbs/review.ts';
export { versionDocx } from './verbs/docx.ts';
export { previousFacts } from './verbs/previous.ts';
export { reportDetail } from './verbs/detail.ts';
export { factRecords } from './verbs/fact-records.ts';
