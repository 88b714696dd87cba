/** Export of the alert list: .xlsx (exceljs) or CSV with a UTF-8 BOM (opens in Excel). */
import ExcelJS from 'exceljs';
import { SEVERITY_LABELS, type Severity } from './types.ts';
import { ALERT_STATUS_LABELS, type AlertStatus } from '../shared/alerts.ts';
import { listComputed, listStored, type AlertFilter, type AlertItem } from './query.ts';
import { csvFile } from '../util/csv.ts';
import { formatDateTime, today } from '../shared/today.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Org } from '../org/service.ts';
import { actorOfPrincipal, type Principal } from '../ledger/principal.ts';
import { audit } from '../audit/log.ts';

const COLUMNS: { header: string; width: number; value: (a: AlertItem) => string | number }[] = [
  { header: '等级', width: 10, value: (a) => SEVERITY_LABELS[a.severity as Severity] ?? a.severity },
  { header: '规则', width: 24, value: (a) => a.ruleTitle },
  { header: '组织', width: 16, value: (a) => a.orgName },
  { header: '预警内容', width: 80, value: (a) => a.message },
  { header: '期限', width: 12, value: (a) => a.dueOn ?? '' },
  { header: '状态', width: 10, value: (a) => ALERT_STATUS_LABELS[a.status as AlertStatus] ?? a.status },
  { header: '责任人', width: 12, value: (a) => a.assignee ?? '' },
  { header: '处理说明', width: 30, value: (a) => a.note ?? '' },
  { header: '首次发现', width: 20, value: (a) => (a.firstSeen ? formatDateTime(new Date(a.firstSeen)) : '') },
  { header: '规则标识', width: 28, value: (a) => a.rule },
  { header: '记录编号', width: 10, value: (a) => a.record ?? '' },
];

export function alertsCsv(items: AlertItem[]): Buffer {
  return csvFile([COLUMNS.map((c) => c.header), ...items.map((a) => COLUMNS.map((c) => c.value(a)))]);
}

export async function alertsXlsx(items: AlertItem[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const ws = wb.addWorksheet('预警', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getRow(2).values = COLUMNS.map((c) => c.header);
  ws.getRow(2).font = { bold: true };
  for (const a of items) ws.addRow(COLUMNS.map((c) => c.value(a)));
  const fills: Record<string, string> = { error: 'FFFDE2E2', warning: 'FFFFF4CE', info: 'FFE6F4FF' };
  ws.eachRow((row, n) => {
    if (n <= 2) return;
    const sev = items[n - 3]?.severity;
    if (sev && fills[sev]) row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[sev] } };
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Most alerts one export holds. */
export const ALERT_EXPORT_MAX = 20_000;

/**
 * The alert list of `org` as `p` sees it — stored, or computed as of `date` — as a file, the
 * export audited with its title and size. The list is read from `db` (the read replica's handle
 * when the route has one, docs/scale.md), the audit entry written to `writeDb` (the primary).
 */
export async function exportAlerts(
  db: Kysely<Database>,
  p: Principal,
  org: Org,
  q: { date?: string; filter: AlertFilter; format: 'xlsx' | 'csv' },
  writeDb: Kysely<Database> = db,
): Promise<{ body: Buffer; filename: string }> {
  const f = { ...q.filter, page: 1, pageSize: ALERT_EXPORT_MAX };
  const page = q.date ? await listComputed(db, p, org, q.date, f) : await listStored(db, p, org, f);
  const title = `${org.name}预警清单（${q.date ? `截至${q.date}` : `导出于${today()}`}）`;
  await audit(writeDb, actorOfPrincipal(p), { action: 'export', entity: 'alert', townId: org.townId, note: `${title}，${page.items.length}条` });
  const body = q.format === 'csv' ? alertsCsv(page.items) : await alertsXlsx(page.items, title);
  return { body, filename: `${title}.${q.format}` };
}
