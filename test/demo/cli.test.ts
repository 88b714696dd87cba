import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../src/db/kysely.ts';
import { main } from '../../src/cli/main.ts';

/** `luoshi demo`: the living demo as of a date, or the seed's year with --year 2023. */
describe('CLI: luoshi demo', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-demo-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const write = (s: string | Uint8Array) => {
      out += String(s);
      return true;
    };
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(write);
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(write);
    try {
      return { code: await main(['demo', ...args]), out };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  async function span(file: string): Promise<{ first: string; last: string }> {
    const db = await openDb({ file });
    const r = await db.kysely
      .selectFrom('records')
      .select((eb) => [eb.fn.min('date_on').as('first'), eb.fn.max('date_on').as('last')])
      .where('ledger', 'not in', ['partyMember', 'development'])
      .executeTakeFirstOrThrow();
    await db.close();
    return { first: String(r.first), last: String(r.last) };
  }

  it('refuses a bad year or date, or both at once, before touching the database', async () => {
    const file = path.join(dir, 'bad.db');
    expect(await cli(['--db', file, '--year', '23'])).toMatchObject({ code: 2, out: expect.stringContaining('--year 须为四位年份') });
    expect(await cli(['--db', file, '--date', '2026-02-30'])).toMatchObject({ code: 2, out: expect.stringContaining('日期格式应为 YYYY-MM-DD') });
    expect(await cli(['--db', file, '--year', '2023', '--date', '2026-12-03'])).toMatchObject({ code: 2, out: expect.stringContaining('只能选一个') });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('--year 2023 writes the seed report’s scenario: 2022 Q4 to the end of 2023', async () => {
    const file = path.join(dir, 'y2023.db');
    const r = await cli(['--db', file, '--year', '2023']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('种子报告的 2023 年第四季度');
    const s = await span(file);
    expect(s.first >= '2022-10-01' && s.first < '2022-11-01').toBe(true);
    expect(s.last.startsWith('2023-12')).toBe(true);
  }, 120_000);

  it('--date writes the five quarters ending with that date’s quarter, nothing after it', async () => {
    const file = path.join(dir, 'living.db');
    const r = await cli(['--db', file, '--date', '2027-01-02']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('截至 2027-01-02 的五个季度');
    const s = await span(file);
    expect(s.first >= '2026-01-01' && s.first < '2026-02-01').toBe(true);
    expect(s.last).toBe('2027-01-02');
  }, 120_000);
});
