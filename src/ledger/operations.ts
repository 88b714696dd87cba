/**
 * The record verbs of the ledger engine, one file each under ./records/ (create, update,
 * transition, remove/restore, read); this module gathers them for callers.
 */
export { requireLedger, townOrgs, isOverdue, overdueSql, toOut, auditSafe, fileCountColumn, type RecordOut } from './records/common.ts';
export { getRecord, recordDetail, recordsBehind, revealField, recordHistory, type HistoryEntry } from './records/read.ts';
export { createRecord } from './records/create.ts';
export { updateRecord } from './records/update.ts';
export { transitionRecord } from './records/transition.ts';
export { removeRecord, restoreRecord } from './records/remove.ts';
