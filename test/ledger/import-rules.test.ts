/**
 * Imports obey the same rules as the web (issue 11 §4): the one write path runs the write
 * guards (the 影响期 guard on 干部任用), the workflow's status rule and the derived fields for
 * JSON Lines and Excel files, from the engine, the HTTP endpoint and the CLI; a refused row
 * refuses the whole file; after a valid import the alert center is current without a manual run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { builtinLedger } from '../../src/ledger/registry.ts';
import { buildTemplate } from '../../src/ledger/excel/template.ts';
import { addDays } from '../../src/ledger/validate.ts';
import { today } from '../../src/shared/today.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { importFile, tableCounts } from '../fixtures/import/setup.ts';

const record = (ledger: string, org: string, fields: Record<string, unknown>) => JSON.stringify({ type: 'record', ledger, org, fields });
const jsonl = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n');
const sanction = record('sanction', 'QH-DH', { person: '严某', kind: 'seriousWarning', decidedOn: '2023-03-01' }); // to 2024-08-31
const promotion = (person: string, effectiveOn: string) => record('cadreAction', 'QH-DH', { kind: 'staffGrade', person, effectiveOn });
const talk = record('talk', 'QH-DH', { kind: 'reminder', talker: '李清廉', talkees: ['赵六'], occurredOn: '2023-07-01' });
const GUARD = /严某.*处于处分影响期内（至2024年8月31日），影响期内不得提拔或晋升/;

function multipart(name: string, data: Buffer) {
  const boundary = `----luoshi${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A filled 干部任用 Excel template: one promotion per row from row 4. */
async function cadreWorkbook(rows: { person: string; effectiveOn: string }[]): Promise<Buffer> {
  const l = builtinLedger('cadreAction')!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTemplate(l, { orgs: [{ code: 'QH-DH', name: '东湖镇' }] })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(l.decl.label)!;
  const headers = (ws.getRow(2).values as unknown[]).map((v) =>
    String(v ?? '')
      .replace('*', '')
      .trim(),
  );
  rows.forEach((r, i) => {
    const put = (label: string, v: string) => (ws.getCell(4 + i, headers.indexOf(label)).value = v);
    put('所属组织代码', 'QH-DH');
    put('类型', 'staffGrade');
    put('姓名', r.person);
    put('任职/晋升日期', r.effectiveOn);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe(`${dialectName}: imports obey the same rules as the web`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(); // installs the alert center's write guard and after-write work
  });
  afterAll(() => t.close());

  it('refuses a JSON Lines file whole when one row is a promotion inside an influence period (the sanction in the same file)', async () => {
    const before = await tableCounts(t.db.kysely);
    const r = await importFile(t.db.kysely, jsonl(talk, sanction, promotion('某甲', '2023-12-01'), promotion('严某', '2023-12-01')));
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 4, field: 'person' });
    expect(r.errors[0].message).toMatch(GUARD);
    expect(await tableCounts(t.db.kysely)).toEqual(before); // nothing written, not even the valid lines
    // A dry run says the same.
    const dry = await importFile(t.db.kysely, jsonl(talk, sanction, promotion('严某', '2023-12-01')), { dryRun: true });
    expect(dry).toMatchObject({ ok: false, dryRun: true, errors: [expect.objectContaining({ line: 3, message: expect.stringMatching(GUARD) })] });
    expect(await tableCounts(t.db.kysely)).toEqual(before);
  });

  it('checks against a sanction already stored; refuses an Excel file by sheet row', async () => {
    expect((await importFile(t.db.kysely, jsonl(sanction))).ok).toBe(true);
    const before = await tableCounts(t.db.kysely);
    const file = await importFile(t.db.kysely, jsonl(promotion('严某', '2024-08-31')));
    expect(file.errors).toEqual([
      {
        line: 1,
        field: 'person',
        message:
          '干部任用·姓名：严某受党内严重警告处分（2023年3月1日决定），处于处分影响期内（至2024年8月31日），影响期内不得提拔或晋升职务、职级，不能登记2024年8月31日的此次干部任用。如有疑问请联系镇纪委。',
      },
    ]);
    const xlsx = await importFile(
      t.db.kysely,
      await cadreWorkbook([
        { person: '某乙', effectiveOn: '2024-01-01' },
        { person: '严某', effectiveOn: '2024-01-01' },
      ]),
    );
    expect(xlsx.ok).toBe(false);
    expect(xlsx.errors).toEqual([expect.objectContaining({ sheet: '干部任用', row: 5, field: 'person', message: expect.stringMatching(GUARD) })]);
    expect(await tableCounts(t.db.kysely)).toEqual(before);
    // From the day after the period the same file goes in.
    const ok = await importFile(
      t.db.kysely,
      await cadreWorkbook([
        { person: '某乙', effectiveOn: '2024-09-01' },
        { person: '严某', effectiveOn: '2024-09-01' },
      ]),
    );
    expect(ok, JSON.stringify(ok.errors)).toMatchObject({ ok: true, total: 2 });
  });

  it('refuses through POST /api/import, JSON Lines and Excel, with the line and the guard message for the user’s role', async () => {
    const call = await t.as('shuji');
    const zuzhi = await t.as('zuzhi'); // logins are audited: before counting
    const before = await tableCounts(t.db.kysely);
    const res = await call({ method: 'POST', url: '/api/import', ...multipart('cadres.jsonl', jsonl(talk, promotion('严某', '2023-12-01'))) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, errors: [{ line: 2, field: 'person', message: expect.stringMatching(GUARD) }] });
    const xlsx = await call({
      method: 'POST',
      url: '/api/import',
      ...multipart('cadres.xlsx', await cadreWorkbook([{ person: '严某', effectiveOn: '2023-12-01' }])),
    });
    expect(xlsx.json()).toMatchObject({ ok: false, errors: [{ sheet: '干部任用', row: 4, message: expect.stringContaining('受党内严重警告处分') }] });
    // The organisation office reads exactly what the web form tells it (not which sanction).
    const web = await zuzhi({
      method: 'POST',
      url: '/api/ledgers/cadreAction/records',
      payload: { org: 'QH-DH', fields: { kind: 'staffGrade', person: '严某', effectiveOn: '2023-12-01' } },
    });
    expect(web.statusCode).toBe(400);
    const file = await zuzhi({ method: 'POST', url: '/api/import', ...multipart('cadres.jsonl', jsonl(promotion('严某', '2023-12-01'))) });
    expect(file.json().errors).toEqual([{ line: 1, field: 'person', message: `干部任用·姓名：${web.json().error}` }]);
    expect(web.json().error).toMatch(GUARD);
    expect(web.json().error).not.toContain('严重警告');
    expect(await tableCounts(t.db.kysely)).toEqual(before);
  });

  it('applies the workflow status rule to an imported record as to a web one', async () => {
    const fields = { title: '整改未填完成日期', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-05-06', status: 'done' };
    const web = await (await t.as('jiwei'))({ method: 'POST', url: '/api/ledgers/rectification/records', payload: { org: 'QH-DH', fields } });
    expect(web.statusCode).toBe(400);
    expect(web.json().error).toContain('请填写完成日期');
    const file = await importFile(t.db.kysely, jsonl(talk, record('rectification', 'QH-DH', fields)));
    expect(file.errors).toEqual([{ line: 2, field: 'status', message: '问题整改·状态：登记为“已完成”须满足“标记完成”的条件：请填写完成日期' }]);
    expect(web.json().error).toContain('登记为“已完成”须满足“标记完成”的条件：请填写完成日期');
  });

  it('derives the same stored flag (党员信息完整) on import as through the web', async () => {
    const complete = {
      name: '陈完整',
      gender: '男',
      birthDate: '1985-03-02',
      idNumber: '120223198503021233',
      education: '高中',
      occupation: '农民',
      branch: 'QH-DH-V01-B1',
      joinedOn: '2010-07-01',
      status: 'full',
      phone: '13800000000',
    };
    const partial = { name: '陈缺项', branch: 'QH-DH-V01-B1', joinedOn: '2011-07-01', status: 'full' };
    const shuji = await t.as('shuji');
    for (const f of [complete, partial])
      expect((await shuji({ method: 'POST', url: '/api/ledgers/partyMember/records', payload: { org: 'QH-DH-V01', fields: f } })).statusCode).toBe(201);
    const copy = (f: Record<string, unknown>) => ({ ...f, name: `${String(f.name)}（导入）` });
    expect(
      (await importFile(t.db.kysely, jsonl(record('partyMember', 'QH-DH-V01', copy(complete)), record('partyMember', 'QH-DH-V01', copy(partial))))).ok,
    ).toBe(true);
    const rows = await t.db.kysely.selectFrom('records').select(['title', 'flag']).where('ledger', '=', 'partyMember').execute();
    const flag = (name: string) => rows.find((r) => r.title === name)?.flag;
    expect([flag('陈完整'), flag('陈缺项')]).toEqual([1, 0]);
    expect([flag('陈完整（导入）'), flag('陈缺项（导入）')]).toEqual([flag('陈完整'), flag('陈缺项')]);
  });

  it('shows the alerts of a valid import in the alert center without a manual run', async () => {
    const shuji = await t.as('shuji');
    const overdue = async () =>
      ((await shuji({ url: '/api/alerts?rule=petition.overdue&pageSize=100' })).json() as { items: { message: string }[] }).items.filter((a) =>
        a.message.includes('导入后即见'),
      );
    expect(await overdue()).toEqual([]);
    const receivedOn = addDays(today(), -100);
    const petition = (subject: string, org: string) => record('petition', org, { channel: 'visit', subject, receivedOn });
    const r = await importFile(t.db.kysely, jsonl(petition('导入后即见：道路维修', 'QH-DH'), petition('导入后即见：灌溉水渠', 'QH-DH-V01'), talk));
    expect(r.ok, JSON.stringify(r.errors)).toBe(true);
    expect((await overdue()).length).toBe(2);
  });
});

describe('luoshi import (CLI) under the write guards', () => {
  let dir: string;
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a guard-breaking file with exit status 1, the line and the message, and writes nothing', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cli-guard-'));
    const err: string[] = [];
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const db = path.join(dir, 'cli.db');
    const orgs = [
      { type: 'org', code: 'QH', name: '青河县', kind: 'county', parent: null },
      { type: 'org', code: 'QH-DH', name: '东湖镇', kind: 'town', parent: 'QH' },
    ].map((o) => JSON.stringify(o));
    const file = path.join(dir, 'cadres.jsonl');
    fs.writeFileSync(file, jsonl(...orgs, sanction, promotion('严某', '2023-12-01')));
    expect(await main(['import', file, '--db', db])).toBe(1);
    expect(err.join('')).toMatch(/第 4 行［person］：干部任用·姓名：严某受党内严重警告处分（2023年3月1日决定），处于处分影响期内/);
    expect(err.join('')).toContain('未写入任何数据');
    fs.writeFileSync(file, jsonl(...orgs, sanction, promotion('严某', '2024-09-01')));
    expect(await main(['import', file, '--db', db])).toBe(0);
    expect(out.join('')).toContain('导入完成');
  });
});
