/**
 * The audit log as the auditor (审计管理员) hands it to an assessor: every entry in the range,
 * times in the towns' zone, with the result of verifying the whole hash chain at export time.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { formatDateTime } from '../shared/today.ts';
import { safeText } from '../util/csv.ts';
import { csvFile } from '../util/csv.ts';
import { audit, verifyAuditChain, type Actor, type VerifyResult } from './log.ts';

export const AUDIT_EXPORT_MAX = 200_000;

export interface AuditExportQuery {
  /** YYYY-MM-DD (towns' dates are close enough to UTC ones for a range of days; both inclusive). */
  from?: string;
  to?: string;
  action?: string;
}

const COLUMNS: { header: string; width: number; key: keyof Database['audit_log'] }[] = [
  { header: '序号', width: 8, key: 'id' },
  { header: '时间', width: 20, key: 'at' },
  { header: '操作人', width: 12, key: 'actor' },
  { header: '操作', width: 16, key: 'action' },
  { header: '对象', width: 14, key: 'entity' },
  { header: '对象编号', width: 14, key: 'entity_id' },
  { header: '说明', width: 40, key: 'note' },
  { header: 'IP', width: 16, key: 'ip' },
  { header: '变更前', width: 40, key: 'before' },
  { header: '变更后', width: 40, key: 'after' },
  { header: '哈希算法', width: 10, key: 'hash_alg' },
  { header: '哈希', width: 66, key: 'hash' },
];

export function verifyText(v: VerifyResult): string {
  const algs = Object.entries(v.algorithms)
    .map(([a, n]) => `${a === 'sm3' ? 'SM3' : 'SHA-256'} ${n} 条`)
    .join('，');
  return v.ok
    ? `哈希链校验通过：共 ${v.entries} 条（${algs || '无'}），未发现篡改`
    : `哈希链校验失败：第 ${v.brokenAt} 条${v.reason ?? ''}（已校验 ${v.entries} 条）`;
}

async function rowsOf(db: Kysely<Database>, q: AuditExportQuery) {
  let s = db.selectFrom('audit_log').selectAll();
  if (q.from) s = s.where('at', '>=', q.from);
  if (q.to) s = s.where('at', '<', `${q.to}T99`);
  if (q.action) s = s.where('action', '=', q.action);
  return s.orderBy('id').limit(AUDIT_EXPORT_MAX).execute();
}

function cell(r: Record<string, unknown>, key: string): string | number {
  const v = r[key];
  if (key === 'at') return formatDateTime(new Date(String(v)));
  if (key === 'hash_alg') return v === 'sm3' ? 'SM3' : 'SHA-256';
  return typeof v === 'number' ? v : v == null ? '' : String(v);
}

/**
 * The export as a file, itself recorded in the log (who, how many entries, whether the chain
 * verified). The log is read and verified from `db` (the read replica's handle when the route has
 * one: a second behind the primary at most, docs/scale.md); the entry is appended on `writeDb`,
 * the primary, whose chain it extends.
 */
export async function auditExport(
  db: Kysely<Database>,
  actor: Actor,
  q: AuditExportQuery,
  format: 'csv' | 'xlsx',
  by: string,
  writeDb: Kysely<Database> = db,
): Promise<{ body: Buffer; verify: VerifyResult; count: number }> {
  const out = await exportFile(db, q, format, by);
  await audit(writeDb, actor, { action: 'export', entity: 'audit', note: `导出审计日志 ${out.count} 条（${format}），校验${out.verify.ok ? '通过' : '失败'}` });
  return out;
}

async function exportFile(
  db: Kysely<Database>,
  q: AuditExportQuery,
  format: 'csv' | 'xlsx',
  by: string,
): Promise<{ body: Buffer; verify: VerifyResult; count: number }> {
  const verify = await verifyAuditChain(db);
  const rows = await rowsOf(db, q);
  const stamp = `导出时间 ${formatDateTime(new Date())}，导出人 ${by}，范围 ${q.from ?? '最早'} 至 ${q.to ?? '最新'}${q.action ? `，操作 ${q.action}` : ''}，${rows.length} 条`;
  const table = rows.map((r) => COLUMNS.map((c) => cell(r as unknown as Record<string, unknown>, c.key)));
  if (format === 'csv')
    return { body: csvFile([['审计日志导出'], [stamp], [verifyText(verify)], [], COLUMNS.map((c) => c.header), ...table]), verify, count: rows.length };
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.getCell(1, 1).value = '审计日志导出';
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = stamp;
  ws.getCell(3, 1).value = verifyText(verify);
  ws.getCell(3, 1).font = { bold: true, color: { argb: verify.ok ? 'FF237804' : 'FFCF1322' } };
  ws.getRow(4).values = COLUMNS.map((c) => c.header);
  ws.getRow(4).font = { bold: true };
  for (const r of table) ws.addRow(r.map((v) => (typeof v === 'string' ? safeText(v) : v)));
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), verify, count: rows.length };
}
