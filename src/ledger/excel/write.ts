/**
 * Streaming .xlsx writer for ledger exports in the usual 台账 layout: a merged title row,
 * the header row (序号, 所属组织代码, 所属组织, field labels), frozen below the header, one
 * row per record with labels for enums and statuses, dates as text YYYY-MM-DD. Every text cell
 * goes through safeText (formula injection). Memory stays flat: rows are committed as written.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CompiledLedger } from '../registry.ts';
import type { FieldDecl } from '../types.ts';
import { fieldKinds } from '../fields/registry.ts';
import { columnWidth, ORG_CODE_HEADER, ORG_NAME_HEADER, orgLabel, safeText, SEQ_HEADER, sheetFields, sheetNameOf } from './cells.ts';

export interface ExportRow {
  orgCode: string;
  orgName: string;
  fields: Record<string, unknown>;
}

const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
/** One style object shared by every data cell: exceljs caches its style id by object identity. */
const DATA_STYLE: Partial<ExcelJS.Style> = { border: BORDER, alignment: { vertical: 'top', wrapText: true } };

/** A field value as an Excel cell: numbers stay numbers, everything else is (quoted) text. */
export function exportCell(f: FieldDecl, v: unknown, orgName: (code: string) => string | undefined): string | number | null {
  if (v == null || v === '') return null;
  switch (f.kind) {
    case 'int':
    case 'money':
    case 'recordRef':
      return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : safeText(String(v));
    case 'org':
      return safeText(orgLabel(orgName(String(v)), String(v)));
    default: {
      const text = (fieldKinds[f.kind].format as (v: unknown, f: FieldDecl) => string)(v, f);
      return text === '' ? null : safeText(text);
    }
  }
}

export async function writeLedgerXlsx(
  out: Writable,
  l: CompiledLedger,
  title: string,
  rows: AsyncIterable<ExportRow>,
  orgName: (code: string) => string | undefined,
): Promise<number> {
  const fields = sheetFields(l);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '落实';
  const ws = wb.addWorksheet(sheetNameOf(l), {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  ws.columns = [{ width: 6 }, { width: 16 }, { width: 16 }, ...fields.map((f) => ({ width: columnWidth(f) }))];
  const n = fields.length + 3;

  const titleRow = ws.addRow([safeText(title)]);
  titleRow.height = 32;
  titleRow.getCell(1).font = { bold: true, size: 16 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(1, 1, 1, n);
  titleRow.commit();

  const head = ws.addRow([SEQ_HEADER, ORG_CODE_HEADER, ORG_NAME_HEADER, ...fields.map((f) => f.label)]);
  head.height = 24;
  head.eachCell((c) => {
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });
  head.commit();

  let seq = 0;
  for await (const r of rows) {
    seq++;
    const values = [seq, safeText(r.orgCode), safeText(r.orgName), ...fields.map((f) => exportCell(f, r.fields[f.key], orgName))];
    const row = ws.addRow(values);
    for (let c = 1; c <= n; c++) row.getCell(c).style = DATA_STYLE;
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return seq;
}
