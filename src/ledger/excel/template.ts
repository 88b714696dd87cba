/**
 * The downloadable import template of a ledger: a title row, the Chinese header row (required
 * columns marked *), an example row the reader skips, dropdowns for enums, 是/否 and orgs, date
 * and text formats on the columns, and a 填写说明 sheet describing every column.
 */
import ExcelJS from 'exceljs';
import type { CompiledLedger } from '../registry.ts';
import type { FieldDecl } from '../types.ts';
import {
  columnWidth,
  EXAMPLE_MARK,
  GUIDE_SHEET,
  KIND_LABELS,
  OPTIONS_SHEET,
  ORG_CODE_HEADER,
  orgLabel,
  SEQ_HEADER,
  sheetFields,
  sheetNameOf,
} from './cells.ts';

export interface TemplateOptions {
  /** Orgs offered in the 所属组织代码 and org-field dropdowns (the user's town). */
  orgs?: { code: string; name: string }[];
  /** Rows carrying dropdowns and formats below the example. */
  rows?: number;
}

const HEADER_ROW = 2;
const FIRST_DATA_ROW = 3;
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function exampleValue(f: FieldDecl, org: string): ExcelJS.CellValue {
  switch (f.kind) {
    case 'enum':
      return f.options[0]?.label ?? '';
    case 'bool':
      return '是';
    case 'date':
      return new Date(Date.UTC(2023, 2, 2));
    case 'month':
      return '2023-03';
    case 'int':
      return f.min && f.min > 1 ? f.min : 1;
    case 'money':
      return 100;
    case 'list':
      return f.of === 'person' ? '张三、李四' : '第一项、第二项';
    case 'person':
      return '张三';
    case 'org':
      return org;
    case 'text':
    case 'longText':
      return `（示例）${f.label}`;
    default:
      return null;
  }
}

function allowedText(f: FieldDecl): string {
  switch (f.kind) {
    case 'enum':
      return f.options.map((o) => o.label).join('、');
    case 'bool':
      return '是、否';
    case 'date':
      return 'YYYY-MM-DD，如 2023-03-02';
    case 'month':
      return 'YYYY-MM，如 2023-03';
    case 'int':
      return (
        [f.min != null ? `不小于 ${f.min}` : '', f.max != null ? `不大于 ${f.max}` : '', f.unit ? `单位：${f.unit}` : ''].filter(Boolean).join('，') || '整数'
      );
    case 'money':
      return '数字，单位元，最多两位小数';
    case 'list':
      return '多项用顿号“、”、逗号或分号分隔';
    case 'org':
      return '组织代码，或下拉选择“名称（代码）”';
    case 'idNumber':
      return '18 位公民身份号码（按 GB 11643 校验）；请将单元格设为文本';
    case 'recordRef':
      return `关联记录的编号`;
    default:
      return 'maxLength' in f && f.maxLength ? `不超过 ${f.maxLength} 字` : '';
  }
}

function addGuide(wb: ExcelJS.Workbook, l: CompiledLedger, fields: FieldDecl[]): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [{ width: 22 }, { width: 18 }, { width: 14 }, { width: 8 }, { width: 60 }, { width: 40 }];
  ws.addRow([`${l.decl.label}台账导入模板 · 填写说明`]).font = { bold: true, size: 14 };
  const notes = [
    `1. 在“${sheetNameOf(l)}”工作表第 ${FIRST_DATA_ROW + 1} 行起逐行填写，每行一条记录；请勿修改或删除表头（第 ${HEADER_ROW} 行）。带 * 的列为必填。`,
    `2. 第 ${FIRST_DATA_ROW} 行是示例（序号列为“${EXAMPLE_MARK}”），导入时自动跳过，可以删除。`,
    `3. “${ORG_CODE_HEADER}”填写记录所属组织的代码，也可从下拉列表选择“名称（代码）”。`,
    '4. 日期写作 YYYY-MM-DD（如 2023-03-02），也可使用 Excel 日期；单选项请从下拉列表中选择。',
    '5. 一个文件可包含多个台账，每个工作表一个台账，工作表名即台账名称。',
    '6. 导入时先全部校验：任何一行有误都不会写入，并列出工作表、行号、字段和原因；改正后重新导入即可。',
  ];
  for (const n of notes) ws.addRow([n]);
  ws.addRow([]);
  const head = ws.addRow(['列名', '字段标识', '类型', '必填', '可选值 / 格式', '说明']);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    c.border = BORDER;
  });
  const rows: unknown[][] = [[ORG_CODE_HEADER, 'org', '组织', '是', '组织代码，或下拉选择“名称（代码）”', '记录登记在哪个组织（镇、村、社区、部门、支部）']];
  for (const f of fields) rows.push([f.label, f.key, KIND_LABELS[f.kind], f.required ? '是' : '', allowedText(f), f.help ?? '']);
  for (const r of rows) {
    const row = ws.addRow(r);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
  }
}

/** Lists for dropdowns on a hidden sheet (inline lists are limited to 255 characters). */
function addOptions(wb: ExcelJS.Workbook, lists: { title: string; values: string[] }[]): string[] {
  const ws = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  return lists.map((list, i) => {
    const col = ws.getColumn(i + 1);
    col.values = [list.title, ...list.values];
    const letter = col.letter;
    return `'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${Math.max(2, list.values.length + 1)}`;
  });
}

export async function buildTemplate(l: CompiledLedger, o: TemplateOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  wb.created = new Date();
  const fields = sheetFields(l);
  const orgs = o.orgs ?? [];
  const exampleOrg = orgs[0] ? orgLabel(orgs[0].name, orgs[0].code) : 'QH-DH';
  const ws = wb.addWorksheet(sheetNameOf(l), { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  const headers = [SEQ_HEADER, `${ORG_CODE_HEADER}*`, ...fields.map((f) => `${f.label}${f.required ? '*' : ''}`)];
  ws.columns = [{ width: 8 }, { width: 24 }, ...fields.map((f) => ({ width: columnWidth(f) }))];

  ws.getCell(1, 1).value = `${l.decl.label}台账导入模板`;
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getRow(1).height = 30;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };

  const head = ws.getRow(HEADER_ROW);
  head.values = headers;
  head.height = 28;
  head.eachCell((c, col) => {
    const required = col === 2 || fields[col - 3]?.required;
    c.font = { bold: true, color: { argb: required ? 'FFC00000' : 'FF000000' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    const f = fields[col - 3];
    if (f?.help) c.note = f.help;
  });

  const example = ws.getRow(FIRST_DATA_ROW);
  example.values = [EXAMPLE_MARK, exampleOrg, ...fields.map((f) => exampleValue(f, exampleOrg))];
  example.font = { italic: true, color: { argb: 'FF7F7F7F' } };

  addGuide(wb, l, fields); // the second sheet; the hidden dropdown lists come last
  // Dropdown sources: enums, and orgs when known.
  const lists = fields.filter((f) => f.kind === 'enum').map((f) => ({ title: f.label, values: f.kind === 'enum' ? f.options.map((x) => x.label) : [] }));
  if (orgs.length) lists.push({ title: '组织', values: orgs.map((x) => orgLabel(x.name, x.code)) });
  const ranges = lists.length ? addOptions(wb, lists) : [];
  const orgRange = orgs.length ? ranges[ranges.length - 1] : undefined;

  const last = FIRST_DATA_ROW + (o.rows ?? 1000);
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const span = (col: number) => {
    const letter = ws.getColumn(col).letter;
    return `${letter}${FIRST_DATA_ROW}:${letter}${last}`;
  };
  const orgDropdown = (col: number) => {
    ws.getColumn(col).numFmt = '@';
    if (orgRange) validations.add(span(col), { type: 'list', allowBlank: true, formulae: [orgRange], showErrorMessage: false });
  };
  orgDropdown(2);
  let enumIndex = 0;
  fields.forEach((f, i) => {
    const col = i + 3;
    const err = { showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: '输入有误' };
    if (f.kind === 'enum')
      validations.add(span(col), { type: 'list', allowBlank: true, formulae: [ranges[enumIndex++]], ...err, error: `请从下拉列表选择${f.label}` });
    else if (f.kind === 'bool') validations.add(span(col), { type: 'list', allowBlank: true, formulae: ['"是,否"'], ...err, error: '请选择“是”或“否”' });
    else if (f.kind === 'date') {
      ws.getColumn(col).numFmt = 'yyyy-mm-dd';
      validations.add(span(col), {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        ...err,
        error: '请输入日期，如 2023-03-02',
      });
    } else if (f.kind === 'int') {
      validations.add(span(col), {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [f.min ?? -1e9, f.max ?? 1e9],
        ...err,
        error: '请输入整数',
      });
    } else if (f.kind === 'org') orgDropdown(col);
    else if (f.kind !== 'money' && f.kind !== 'recordRef') ws.getColumn(col).numFmt = '@';
  });
  // Column formats above also styled the title and header: restore them.
  for (let c = 1; c <= headers.length; c++) {
    ws.getCell(1, c).numFmt = 'General';
    ws.getCell(HEADER_ROW, c).numFmt = 'General';
  }
  example.getCell(1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
