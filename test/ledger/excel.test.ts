import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Db } from '../../src/db/kysely.ts';
import { parseJson } from '../../src/db/kysely.ts';
import { builtinLedger } from '../../src/ledger/registry.ts';
import { buildTemplate } from '../../src/ledger/excel/template.ts';
import { prepareExport, systemPrincipal, type ExportFormat } from '../../src/ledger/export.ts';
import { fromData } from '../../src/ledger/storage.ts';
import { isMaskedField } from '../../src/ledger/types.ts';
import { safeText } from '../../src/ledger/excel/cells.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { fixture, importFile, tableCounts } from '../fixtures/import/setup.ts';

process.env.LUOSHI_SECRET ??= 'test-secret';

async function exportBuffer(db: Db, ledger: string, format: ExportFormat, withOrgs = false): Promise<Buffer> {
  const prepared = await prepareExport(db.kysely, await systemPrincipal(db.kysely), ledger, {}, { format, withOrgs });
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  await prepared.write(out);
  await done;
  return Buffer.concat(chunks);
}

/** Non-masked field values of every record of a ledger, as sorted JSON (ids and orgs ids differ between databases). */
async function content(db: Db, ledger: string): Promise<string[]> {
  const l = builtinLedger(ledger)!;
  const rows = await db.kysely
    .selectFrom('records')
    .innerJoin('orgs', 'orgs.id', 'records.org_id')
    .select(['records.data', 'orgs.code'])
    .where('ledger', '=', ledger)
    .execute();
  return rows
    .map((r) => {
      const f = fromData(l, parseJson(r.data));
      for (const d of l.decl.fields) if (isMaskedField(d)) delete f[d.key];
      return JSON.stringify([r.code, Object.fromEntries(Object.entries(f).sort(([a], [b]) => a.localeCompare(b)))]);
    })
    .sort();
}

async function loadWorkbook(b: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(b as unknown as ArrayBuffer);
  return wb;
}

describe(`${dialectName}: Excel template, reader and export`, () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
    expect((await importFile(db.kysely, fixture('orgs.jsonl'))).ok).toBe(true);
  });
  afterEach(async () => db.close());

  it('builds a template with title, marked headers, dropdowns, date format and a 填写说明 sheet', async () => {
    const l = builtinLedger('rectification')!;
    const wb = await loadWorkbook(
      await buildTemplate(l, {
        orgs: [
          { code: 'QH-DH', name: '东湖镇' },
          { code: 'QH-DH-V01', name: '东湖村' },
        ],
      }),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['问题整改', '填写说明', '下拉选项']);
    const ws = wb.getWorksheet('问题整改')!;
    expect(String(ws.getCell('A1').value)).toContain('问题整改台账导入模板');
    const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 3)).toEqual(['序号', '所属组织代码*', '问题描述*']);
    expect(headers).toContain('问题来源*');
    expect(headers).toContain('整改时限');
    expect(headers).not.toContain('整改佐证材料');
    expect(ws.getCell('A3').value).toBe('示例');
    const col = (label: string) => headers.findIndex((h) => h.replace('*', '') === label) + 1;
    const letter = (label: string) => ws.getColumn(col(label)).letter;
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const source = dv[`${letter('问题来源')}5`]; // loaded validations are keyed by cell
    expect(source.type).toBe('list');
    expect(String(source.formulae[0])).toContain('下拉选项');
    expect(dv[`${letter('反馈/发现日期')}5`].type).toBe('date');
    expect(dv[`${letter('整改责任单位')}5`].formulae[0]).toContain('下拉选项');
    expect(dv[`B5`].type).toBe('list'); // 所属组织代码 offers the orgs
    expect(ws.getCell(`${letter('反馈/发现日期')}5`).numFmt).toBe('yyyy-mm-dd');
    const options = wb.getWorksheet('下拉选项')!;
    expect(options.state).toBe('hidden');
    const guide = wb.getWorksheet('填写说明')!;
    const text = guide.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('巡察反馈、专项监督、自查自纠');
    expect(text).toContain('YYYY-MM-DD');
  });

  it('reads a filled template (title, * marks, 序号, labels, Excel dates, org labels) and imports it', async () => {
    const l = builtinLedger('rectification')!;
    const wb = await loadWorkbook(await buildTemplate(l, { orgs: [{ code: 'QH-DH', name: '东湖镇' }] }));
    const ws = wb.getWorksheet('问题整改')!;
    const headers = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? '').replace('*', ''));
    const put = (row: number, values: Record<string, unknown>) => {
      for (const [label, v] of Object.entries(values)) ws.getCell(row, headers.indexOf(label)).value = v as ExcelJS.CellValue;
    };
    ws.getCell(2, headers.indexOf('问题描述')).value = ' 问题描述 * '; // extra spaces around the label
    put(4, {
      序号: 1,
      所属组织代码: '东湖镇（QH-DH）',
      问题描述: '村务公开不及时',
      问题来源: '巡察反馈',
      整改责任单位: '东湖村（QH-DH-V01）',
      '反馈/发现日期': new Date(Date.UTC(2023, 2, 2)),
      状态: '已完成',
      完成日期: '2023/5/20',
      责任人: '王强',
    });
    put(5, { 序号: 2, 所属组织代码: 'QH-DH', 问题描述: '三资台账不全', 问题来源: 'selfCheck', 整改责任单位: 'QH-DH', '反馈/发现日期': '2023-08-15' });
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importFile(db.kysely, filled);
    expect(r, JSON.stringify(r.errors)).toMatchObject({ ok: true, total: 2, counts: { rectification: 2 } });
    const rows = (await content(db, 'rectification')).map((s) => JSON.parse(s));
    expect(rows).toContainEqual([
      'QH-DH',
      { doneOn: '2023-05-20', foundOn: '2023-03-02', owner: '王强', source: 'inspection', status: 'done', targetOrg: 'QH-DH-V01', title: '村务公开不及时' },
    ]);
    expect(rows).toContainEqual(['QH-DH', { foundOn: '2023-08-15', source: 'selfCheck', status: 'open', targetOrg: 'QH-DH', title: '三资台账不全' }]);

    // A bad row is reported by sheet, row and field; nothing is written.
    put(6, { 所属组织代码: 'QH-DH', 问题描述: '来源不对', 问题来源: '道听途说', 整改责任单位: 'QH-DH', '反馈/发现日期': '2023-02-30' });
    const before = await tableCounts(db.kysely);
    const bad = await importFile(db.kysely, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.ok).toBe(false);
    expect(bad.errors).toContainEqual(expect.objectContaining({ sheet: '问题整改', row: 6, field: 'source' }));
    expect(bad.errors).toContainEqual(expect.objectContaining({ sheet: '问题整改', row: 6, field: 'foundOn' }));
    expect(await tableCounts(db.kysely)).toEqual(before);
  });

  it('reads an org sheet and a plain sheet chosen as a ledger; reports unknown sheets and columns', async () => {
    const wb = new ExcelJS.Workbook();
    const orgs = wb.addWorksheet('组织');
    orgs.addRows([
      ['组织代码', '组织名称', '类型', '上级组织代码'],
      ['QH-DH-V03', '柳营村', '村', 'QH-DH'],
      ['QH-DH-V03-B1', '柳营村党支部', 'branch', '东湖村（QH-DH）'],
    ]);
    const sheet = wb.addWorksheet('Sheet1');
    sheet.addRows([
      ['序号', '所属组织代码', '谈话类型', '谈话对象', '谈话日期'],
      [1, 'QH-DH-V03', '提醒谈话', '张三, 李四；王五', '2023-06-01'],
    ]);
    const b = Buffer.from(await wb.xlsx.writeBuffer());
    const unnamed = await importFile(db.kysely, b, { dryRun: true });
    expect(unnamed.ok).toBe(false);
    expect(unnamed.errors[0].message).toContain('Sheet1');
    const r = await importFile(db.kysely, b, { ledger: 'talk' });
    expect(r, JSON.stringify(r.errors)).toMatchObject({ ok: true, orgs: 2, total: 1, counts: { talk: 1 } });
    const [row] = (await content(db, 'talk')).map((x) => JSON.parse(x));
    expect(row).toEqual(['QH-DH-V03', { kind: 'reminder', occurredOn: '2023-06-01', talkees: ['张三', '李四', '王五'] }]);

    sheet.getCell('F1').value = '自定义列';
    const extra = await importFile(db.kysely, Buffer.from(await wb.xlsx.writeBuffer()), { ledger: 'talk', dryRun: true });
    expect(extra.errors).toContainEqual(expect.objectContaining({ sheet: 'Sheet1', row: 1, field: '自定义列' }));
  });

  it('round trip: every ledger exported to .xlsx imports into an empty database with the same content', async () => {
    expect((await importFile(db.kysely, fixture('good.jsonl'))).ok).toBe(true);
    const empty = await createTestDb();
    try {
      expect((await importFile(empty.kysely, fixture('orgs.jsonl'))).ok).toBe(true);
      for (const ledger of ['rectification', 'talk', 'activity', 'partyMember']) {
        const xlsx = await exportBuffer(db, ledger, 'xlsx');
        const r = await importFile(empty.kysely, xlsx);
        expect(r.ok, `${ledger}: ${JSON.stringify(r.errors)}`).toBe(true);
        expect(await content(empty, ledger)).toEqual(await content(db, ledger));
      }
    } finally {
      await empty.close();
    }
  });

  it('exports in the 台账 layout with masked ID numbers and quoted formula-like text', async () => {
    expect((await importFile(db.kysely, fixture('good.jsonl'))).ok).toBe(true);
    const wb = await loadWorkbook(await exportBuffer(db, 'rectification', 'xlsx'));
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/^清河县问题整改台账（导出于 \d{4}-\d{2}-\d{2}）$/);
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 4)).toEqual(['序号', '所属组织代码', '所属组织', '问题描述']);
    const cells = ws
      .getSheetValues()
      .flat()
      .filter((v): v is string => typeof v === 'string');
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","点击")`);
    expect(cells).toContain("'-1 项待办；+2 项已完成");
    expect(cells).toContain('已完成'); // status label
    expect(cells).toContain('2023-03-02'); // date as text
    expect(cells).toContain('东湖村（QH-DH-V01）');
    expect(cells.some((c) => /^=/.test(c))).toBe(false);
    const talk = (await loadWorkbook(await exportBuffer(db, 'talk', 'xlsx'))).worksheets[0].getSheetValues().flat();
    expect(talk).toContain("'@全体 廉政履职");
    expect(talk).toContain('张三、李四、王五');

    const members = (await exportBuffer(db, 'partyMember', 'xlsx')).length;
    expect(members).toBeGreaterThan(0);
    const jsonl = (await exportBuffer(db, 'partyMember', 'jsonl')).toString('utf8');
    expect(jsonl).not.toContain('120223198503021233');
    expect(jsonl).toContain('1202**********1233');
    expect(safeText('\tx')).toBe("'\tx");
    expect(safeText('正常文本')).toBe('正常文本');
  });

  it('JSON Lines export with org lines imports into an empty database', async () => {
    expect((await importFile(db.kysely, fixture('good.jsonl'))).ok).toBe(true);
    // Masked values (ID number, phone) are left out on the way back in.
    const members = (await exportBuffer(db, 'partyMember', 'jsonl')).toString('utf8');
    const fresh = await createTestDb();
    try {
      expect((await importFile(fresh.kysely, fixture('orgs.jsonl'))).ok).toBe(true);
      const back = await importFile(fresh.kysely, Buffer.from(members));
      expect(back, JSON.stringify(back.errors)).toMatchObject({ ok: true, total: 1 });
      expect(await content(fresh, 'partyMember')).toEqual(await content(db, 'partyMember'));
    } finally {
      await fresh.close();
    }
    const text = (await exportBuffer(db, 'rectification', 'jsonl', true)).toString('utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x));
    expect(lines[0]).toMatchObject({ type: 'org', code: 'QH', kind: 'county', parent: null });
    expect(lines.filter((x) => x.type === 'record')).toHaveLength(3);
    expect(lines.find((x) => x.type === 'record')).toMatchObject({ ledger: 'rectification', org: expect.any(String), fields: expect.any(Object) });
    const empty = await createTestDb();
    try {
      const r = await importFile(empty.kysely, Buffer.from(text));
      expect(r, JSON.stringify(r.errors)).toMatchObject({ ok: true, orgs: 7, total: 3 });
      expect(await content(empty, 'rectification')).toEqual(await content(db, 'rectification'));
    } finally {
      await empty.close();
    }
  });
});

describe('luoshi export (CLI)', () => {
  it('writes masked JSON Lines and Excel by default, ID numbers in clear only with --reveal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cli-export-'));
    const out: string[] = [];
    const spy = [
      vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((s) => (out.push(String(s)), true)),
    ];
    try {
      const db = path.join(dir, 'x.db');
      expect(await main(['import', fixture('orgs.jsonl'), '--db', db])).toBe(0);
      expect(await main(['import', fixture('good.jsonl'), '--db', db])).toBe(0);
      const masked = path.join(dir, 'pm.jsonl');
      expect(await main(['export', '--ledger', 'partyMember', '--org', 'QH-DH', '--out', masked, '--db', db])).toBe(0);
      expect(fs.readFileSync(masked, 'utf8')).toContain('1202**********1233');
      const clear = path.join(dir, 'pm-clear.jsonl');
      expect(await main(['export', '--ledger', 'partyMember', '--format', 'jsonl', '--out', clear, '--reveal', '--db', db])).toBe(0);
      expect(fs.readFileSync(clear, 'utf8')).toContain('120223198503021233');
      const xlsx = path.join(dir, 'rect.xlsx');
      expect(await main(['export', '--ledger', 'rectification', '--org', 'QH-DH', '--status', 'done', '--out', xlsx, '--db', db])).toBe(0);
      const ws = (await loadWorkbook(fs.readFileSync(xlsx))).worksheets[0];
      expect(String(ws.getCell('A1').value)).toMatch(/^东湖镇问题整改台账/);
      expect(ws.rowCount).toBe(3);
      expect(await main(['export', '--ledger', 'nope', '--out', xlsx, '--db', db])).toBe(2);
      expect(await main(['export', '--ledger', 'talk', '--org', 'NOPE', '--out', xlsx, '--db', db])).toBe(2);
    } finally {
      for (const s of spy) s.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(`${dialectName}: template and export API`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const good = await importFile(t.db.kysely, fixture('good.jsonl'));
    expect(good.ok, JSON.stringify(good.errors)).toBe(true);
  });
  afterAll(async () => t.close());

  it('serves the template and a scoped export with a UTF-8 file name', async () => {
    const jiwei = await t.as('jiwei');
    const tpl = await jiwei({ url: '/api/ledgers/rectification/template' });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-disposition']).toContain("filename*=UTF-8''%E9%97%AE%E9%A2%98%E6%95%B4%E6%94%B9");
    const wb = await loadWorkbook(tpl.rawPayload);
    expect(wb.getWorksheet('下拉选项')!.getSheetValues().flat().map(String)).toContain('东湖村（QH-DH-V01）');

    const xlsx = await jiwei({ url: '/api/ledgers/rectification/export?format=xlsx&status=done' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const ws = (await loadWorkbook(xlsx.rawPayload)).worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/^东湖镇问题整改台账/);
    expect(ws.rowCount).toBe(3); // title, header, the one done record

    const village = await t.as('cun01');
    const own = await village({ url: '/api/ledgers/partyMember/export?format=jsonl' });
    expect(own.statusCode).toBe(200);
    const orgs = own.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).org);
    expect(orgs).toEqual(['QH-DH-V01']);
    const outside = await village({ url: '/api/ledgers/partyMember/export?format=jsonl&org=QH-DH' });
    expect(outside.statusCode).toBe(403);
    const denied = await village({ url: '/api/ledgers/clue/export' });
    expect(denied.statusCode).toBe(403);
  });
});
