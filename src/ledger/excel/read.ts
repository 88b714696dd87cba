/**
 * Read a filled template or an exported workbook into import items with {sheet,row} origins.
 * Streaming (exceljs WorkbookReader): a sheet is never held in memory as a whole. Each sheet
 * is one ledger, chosen by its name (label, `sheet`, key) or by `ledger`; the header row is
 * found by matching column labels, tolerating a title row, a 序号 column, * marks and spaces.
 * Values stay raw: validation is importItems' job (field parsers accept enum labels, 是/否,
 * Excel dates and lists separated by 、 , ；).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CompiledLedger } from '../registry.ts';
import type { FieldDecl } from '../types.ts';
import type { ImportError, Origin } from '../import.ts';
import { ORG_KINDS, ORG_KIND_LABELS } from '../../shared/roles.ts';
import {
  cellForField,
  EXAMPLE_MARK,
  GUIDE_SHEET,
  looksMasked,
  normalizeHeader,
  OPTIONS_SHEET,
  ORG_CODE_HEADER,
  ORG_NAME_HEADER,
  ORG_SHEETS,
  orgCodeOf,
  plainCell,
  SEQ_HEADER,
  sheetMatches,
} from './cells.ts';

export class UnreadableFileError extends Error {}

export interface ReadOptions {
  ledgers: CompiledLedger[];
  /** Read the workbook as this ledger: its sheet by name, else the first data sheet. */
  ledger?: string;
  /** Org code for rows that leave 所属组织代码 empty. */
  defaultOrg?: string;
}

export interface ReadResult {
  items: { origin: Origin; item: unknown }[];
  errors: ImportError[];
  /** Sheets read, with the ledger each was read as ('org' for an org sheet). */
  sheets: { name: string; ledger: string; rows: number }[];
}

type Col = { t: 'field'; f: FieldDecl } | { t: 'org' } | { t: 'seq' } | { t: 'ignore' } | { t: 'orgAttr'; key: 'code' | 'name' | 'kind' | 'parent' };
type Target = { t: 'ledger'; l: CompiledLedger } | { t: 'orgs' };
interface SheetResult extends ReadResult {
  matched: boolean;
}

const IGNORED = [ORG_NAME_HEADER, '组织名称', '记录编号'];
const ORG_HEADERS: Record<string, 'code' | 'name' | 'kind' | 'parent'> = {
  组织代码: 'code',
  代码: 'code',
  code: 'code',
  组织名称: 'name',
  名称: 'name',
  name: 'name',
  类型: 'kind',
  组织类型: 'kind',
  kind: 'kind',
  上级组织代码: 'parent',
  上级代码: 'parent',
  上级组织: 'parent',
  parent: 'parent',
};

function headerMap(target: Target): Map<string, Col> {
  const m = new Map<string, Col>();
  m.set(SEQ_HEADER, { t: 'seq' });
  if (target.t === 'orgs') {
    for (const [k, key] of Object.entries(ORG_HEADERS)) m.set(normalizeHeader(k), { t: 'orgAttr', key });
    return m;
  }
  for (const h of IGNORED) m.set(normalizeHeader(h), { t: 'ignore' });
  for (const h of [ORG_CODE_HEADER, '组织代码', 'org']) m.set(h, { t: 'org' });
  for (const f of target.l.decl.fields) {
    const col: Col = f.kind === 'files' ? { t: 'ignore' } : { t: 'field', f };
    m.set(f.key, col);
    m.set(normalizeHeader(f.label), col);
  }
  return m;
}

const orgKindOf = (v: string): string =>
  (ORG_KINDS as readonly string[]).includes(v)
    ? v
    : (Object.entries(ORG_KIND_LABELS).find(([, label]) => label === v || label.split('/').includes(v))?.[0] ?? v);

async function readSheet(ws: AsyncIterable<ExcelJS.Row>, name: string, target: Target, o: ReadOptions): Promise<ReadResult> {
  const map = headerMap(target);
  const res: ReadResult = { items: [], errors: [], sheets: [] };
  let cols: Map<number, Col> | null = null;
  let rows = 0;
  for await (const row of ws) {
    const values = row.values as ExcelJS.CellValue[];
    if (!cols) {
      if (row.number > 30) continue;
      const found = new Map<number, Col>();
      const unknown: { col: number; text: string }[] = [];
      let nonEmpty = 0;
      values.forEach((v, col) => {
        const p = plainCell(v);
        if (p == null || col < 1) return;
        nonEmpty++;
        const c = map.get(normalizeHeader(String(p)));
        if (c) found.set(col, c);
        else unknown.push({ col, text: String(p) });
      });
      const useful = [...found.values()].filter((c) => c.t !== 'seq' && c.t !== 'ignore').length;
      if (useful >= 2 || (useful >= 1 && found.size === nonEmpty)) {
        cols = found;
        const what = target.t === 'ledger' ? `${target.l.decl.label}的字段` : '组织表的列（组织代码、组织名称、类型、上级组织代码）';
        for (const u of unknown)
          res.errors.push({ sheet: name, row: row.number, field: u.text, message: `第 ${u.col} 列“${u.text}”不是${what}，请使用模板中的列名` });
        const seen = new Set<string>();
        for (const c of found.values()) {
          const key = c.t === 'field' ? c.f.key : c.t === 'orgAttr' ? c.key : c.t;
          if ((c.t === 'field' || c.t === 'org' || c.t === 'orgAttr') && seen.has(key))
            res.errors.push({ sheet: name, row: row.number, field: key, message: `列“${key}”重复出现` });
          seen.add(key);
        }
      }
      continue;
    }
    const origin: Origin = { sheet: name, row: row.number };
    let seq: unknown = null;
    let org = '';
    const fields: Record<string, unknown> = {};
    const attrs: Record<string, string> = {};
    let any = false;
    for (const [col, c] of cols) {
      const v = plainCell(values[col]);
      if (v == null) continue;
      if (c.t === 'seq') seq = v;
      if (c.t === 'seq' || c.t === 'ignore') continue;
      any = true;
      if (c.t === 'org') org = orgCodeOf(String(v));
      else if (c.t === 'orgAttr') attrs[c.key] = c.key === 'parent' ? orgCodeOf(String(v)) : String(v).trim();
      else if (looksMasked(c.f, v)) {
        if (c.f.required) res.errors.push({ ...origin, field: c.f.key, message: `“${c.f.label}”是导出时脱敏的值，不能导入，请填写完整内容` });
      } else fields[c.f.key] = cellForField(c.f, v);
    }
    if (!any || (typeof seq === 'string' && seq.startsWith(EXAMPLE_MARK))) continue;
    rows++;
    if (target.t === 'orgs') {
      res.items.push({
        origin,
        item: { type: 'org', code: attrs.code ?? '', name: attrs.name ?? '', kind: orgKindOf(attrs.kind ?? ''), parent: attrs.parent || null },
      });
      continue;
    }
    org ||= o.defaultOrg ?? '';
    if (!org) res.errors.push({ ...origin, field: 'org', message: `缺少“${ORG_CODE_HEADER}”` });
    else res.items.push({ origin, item: { type: 'record', ledger: target.l.key, org, fields } });
  }
  if (!cols)
    res.errors.push({
      sheet: name,
      row: 1,
      message: `工作表“${name}”中没有找到表头行（应包含${target.t === 'ledger' ? `“${ORG_CODE_HEADER}”和${target.l.decl.label}的字段名称` : '组织代码、组织名称等列'}）`,
    });
  res.sheets.push({ name, ledger: target.t === 'ledger' ? target.l.key : 'org', rows });
  return res;
}

const STALL_MS = 3000;

/** Rejects `stalled` when the input has ended and nothing was parsed for STALL_MS. */
function stallWatch(input: Readable) {
  let ended = false;
  let last = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const onEnd = () => {
    ended = true;
    last = Date.now();
  };
  input.once('end', onEnd);
  input.once('close', onEnd);
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (ended && Date.now() - last > STALL_MS) reject(new Error('文件结构损坏，读取中断'));
    }, 250);
  });
  stalled.catch(() => undefined);
  const tick = () => {
    last = Date.now();
  };
  return {
    stalled,
    tick,
    stop: () => clearInterval(timer),
    async *rows<T>(it: AsyncIterable<T>): AsyncIterable<T> {
      for await (const x of it) {
        tick();
        yield x;
      }
    },
  };
}

async function drain(ws: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of ws) void _;
}

export async function readWorkbook(input: string | Buffer | Readable, o: ReadOptions): Promise<ReadResult> {
  const chosen = o.ledger ? o.ledgers.find((l) => l.key === o.ledger) : undefined;
  if (o.ledger && !chosen) throw new UnreadableFileError(`未知台账：${o.ledger}`);
  const stream = typeof input === 'string' ? fs.createReadStream(input) : Buffer.isBuffer(input) ? Readable.from([input]) : input;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const results: SheetResult[] = [];
  const errors: ImportError[] = [];
  // A damaged zip entry can leave exceljs waiting forever without an error once the input has
  // ended. Watch for that: input consumed and no sheet or row for STALL_MS means a broken file.
  const watch = stallWatch(stream);
  const consume = async () => {
    for await (const ws of reader) {
      watch.tick();
      const meta = ws as unknown as { name?: string; id: number; state?: string };
      const name = meta.name ?? `Sheet${meta.id}`;
      const rows = watch.rows(ws as unknown as AsyncIterable<ExcelJS.Row>);
      if (name === GUIDE_SHEET || name === OPTIONS_SHEET || (meta.state && meta.state !== 'visible')) {
        await drain(rows);
        continue;
      }
      if (ORG_SHEETS.includes(name)) {
        results.push({ ...(await readSheet(rows, name, { t: 'orgs' }, o)), matched: true });
        continue;
      }
      const l = chosen ?? o.ledgers.find((x) => sheetMatches(x, name));
      if (!l) {
        await drain(rows);
        errors.push({ sheet: name, row: 1, message: `工作表“${name}”不对应任何台账：请把工作表命名为台账名称（如“问题整改”），或指定要导入的台账` });
        continue;
      }
      results.push({ ...(await readSheet(rows, name, { t: 'ledger', l }, o)), matched: sheetMatches(l, name) });
    }
  };
  try {
    await Promise.race([consume(), watch.stalled]);
  } catch (e) {
    stream.destroy();
    throw new UnreadableFileError(`无法读取 Excel 文件（文件可能已损坏或不是 .xlsx 格式）：${(e as Error).message}`);
  } finally {
    watch.stop();
  }
  // With a chosen ledger: its own sheets if named so, else the first data sheet only.
  let used = results;
  if (chosen) {
    const ledgerSheets = results.filter((r) => r.sheets[0]?.ledger === chosen.key);
    const named = ledgerSheets.filter((r) => r.matched);
    used = [...results.filter((r) => r.sheets[0]?.ledger === 'org'), ...(named.length ? named : ledgerSheets.slice(0, 1))];
  }
  if (!used.some((r) => r.sheets[0]?.ledger !== 'org') && errors.length === 0 && !used.some((r) => r.items.length)) {
    errors.push({ sheet: '', row: 1, message: '文件中没有可导入的台账工作表' });
  }
  return {
    items: used.flatMap((r) => r.items),
    errors: [...errors, ...used.flatMap((r) => r.errors)],
    sheets: used.flatMap((r) => r.sheets),
  };
}
