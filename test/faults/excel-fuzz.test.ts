/**
 * Property-based tests of the Excel import path (src/ledger/excel/ via readImportSource, then
 * importItems): random bytes, damaged copies of a real workbook, and well-formed workbooks
 * with random cell values. Reading either succeeds or fails with UnreadableFileError (a
 * Chinese message), never another exception and never a hang; importing what was read is all
 * or nothing.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/kysely.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { seedDemoAccounts, seedDemoOrgs } from '../../src/demo/orgs.ts';
import { allLedgers, type CompiledLedger } from '../../src/ledger/registry.ts';
import { readImportSource, UnreadableFileError } from '../../src/ledger/excel/source.ts';
import { importItems } from '../../src/ledger/import.ts';
import { systemPrincipal } from '../../src/ledger/export.ts';
import type { Principal } from '../../src/ledger/principal.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`hung for ${ms} ms: ${what}`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.date({ min: new Date('1899-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
  fc.constantFrom<ExcelJS.CellValue>(
    null,
    '',
    '2023-05-06',
    '2023年5月6日',
    '巡察反馈',
    'QH-DH-V01',
    '东湖村（QH-DH-V01）',
    '是',
    '=1+1',
    '\'=HYPERLINK("x")',
    '示例',
    { formula: 'A1+1', result: 2 } as ExcelJS.CellFormulaValue,
    { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue,
    { error: '#N/A' } as ExcelJS.CellErrorValue,
    { richText: [{ text: '富' }, { text: '文本' }] },
    { text: '链接', hyperlink: 'javascript:alert(1)' },
  ),
);

describe(`${dialectName}: Excel import under random and damaged workbooks`, () => {
  let db: Db;
  let ledgers: CompiledLedger[];
  let sys: Principal;
  let good: Buffer;
  const counts = async () => {
    const n = async (t: 'records' | 'orgs' | 'audit_log') =>
      Number(
        (
          await db.kysely
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { records: await n('records'), orgs: await n('orgs'), audit: await n('audit_log') };
  };

  async function workbook(sheets: { name: string; rows: ExcelJS.CellValue[][] }[]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name);
      for (const r of s.rows) ws.addRow(r);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Read, then import: read errors must be UnreadableFileError; the import all-or-nothing. */
  async function readAndImport(buf: Buffer, name = '导入.xlsx') {
    let source;
    try {
      source = await within(15_000, readImportSource(buf, { ledgers, name }), name);
    } catch (e) {
      expect(e, `unexpected ${(e as Error).stack}`).toBeInstanceOf(UnreadableFileError);
      expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
      return null;
    }
    const before = await counts();
    const r = await importItems(db.kysely, sys, source.items, { preErrors: source.errors });
    const after = await counts();
    if (r.ok) expect(after.records - before.records).toBe(r.total);
    else expect(after).toEqual(before);
    return r;
  }

  beforeAll(async () => {
    db = await createTestDb();
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    ledgers = await allLedgers(db.kysely);
    sys = await systemPrincipal(db.kysely);
    good = await workbook([
      {
        name: '问题整改',
        rows: [
          ['序号', '所属组织代码', '问题描述', '问题来源', '整改责任单位', '反馈/发现日期', '整改时限'],
          [1, 'QH-DH-V01', '村务公开不及时', '巡察反馈', 'QH-DH-V01', '2023-05-06', '2023-08-31'],
          [2, 'QH-DH-V02', '三会一课记录不全', '自查自纠', 'QH-DH-V02', new Date('2023-06-01'), null],
        ],
      },
    ]);
  });
  afterAll(() => db.close());

  it('the control workbook imports', async () => {
    const r = await readAndImport(good);
    expect(r?.ok, JSON.stringify(r?.errors)).toBe(true);
    expect(r?.total).toBe(2);
  });

  it('random bytes, with or without a zip signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), fc.constantFrom('a.xlsx', 'a.jsonl', 'a'), async (bytes, zip, name) => {
        const buf = Buffer.concat([zip ? Buffer.from([0x50, 0x4b, 0x03, 0x04]) : Buffer.alloc(0), Buffer.from(bytes)]);
        await readAndImport(buf, name);
      }),
      { numRuns: RUNS },
    );
  });

  it('a real workbook truncated or with bytes flipped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: good.length - 1 }),
        fc.array(fc.record({ at: fc.nat({ max: good.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 20 }),
        fc.boolean(),
        async (cut, flips, truncate) => {
          const buf = Buffer.from(good);
          for (const f of flips) buf[f.at] = f.byte;
          await readAndImport(truncate ? buf.subarray(0, Math.max(4, cut)) : buf);
        },
      ),
      // A damaged entry can only be told from a slow one by waiting (3 s): fewer runs here.
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 180_000);

  it('well-formed workbooks with random sheet names, headers and cells', async () => {
    const header = fc.array(
      fc.oneof(
        fc.constantFrom(
          '序号',
          '所属组织代码',
          '问题描述',
          '问题来源',
          '整改责任单位',
          '反馈/发现日期',
          '整改时限',
          '组织代码',
          '组织名称',
          '类型',
          '上级组织代码',
        ),
        fc.string({ maxLength: 8 }),
      ),
      { minLength: 1, maxLength: 8 },
    );
    const sheet = fc.record({
      name: fc.oneof(
        fc.constantFrom('问题整改', '谈心谈话', '组织', '填写说明', 'Sheet1'),
        fc.string({ minLength: 1, maxLength: 20 }).map(
          (s) =>
            s
              .replace(/[\\/?*[\]:']/g, '_')
              .trim()
              .slice(0, 31) || 'S',
        ),
      ),
      rows: fc.tuple(header, fc.array(fc.array(cellValue, { maxLength: 8 }), { maxLength: 6 })).map(([h, body]) => [h as ExcelJS.CellValue[], ...body]),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(sheet, { minLength: 1, maxLength: 3, selector: (s) => s.name.toLowerCase() }), async (sheets) => {
        await readAndImport(await workbook(sheets));
      }),
      { numRuns: RUNS },
    );
  });
});
