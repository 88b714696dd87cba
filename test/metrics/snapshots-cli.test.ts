import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../src/db/kysely.ts';
import { main } from '../../src/cli/main.ts';
import { importDemoYear } from '../helpers/import.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { computeSnapshot } from '../../src/metrics/snapshots.ts';
import { quartersBetween } from '../../src/metrics/period.ts';
import { today } from '../../src/shared/today.ts';

/** `luoshi metrics --rebuild [--org CODE] [--period P]` on a SQLite file (docs/scale.md, "Metric snapshots"). */
describe('CLI: luoshi metrics --rebuild', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-snapcli-'));
  const file = path.join(dir, 'm.db');
  beforeAll(async () => {
    const db = await openDb({ file });
    await importDemoYear(db.kysely, 3);
    await db.close();
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const write = (s: string | Uint8Array) => ((out += String(s)), true);
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(write);
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(write);
    try {
      return { code: await main(['metrics', '--db', file, ...args]), out };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  it('stores every town’s quarters from its first record to today (at most 24), each equal to live', async () => {
    const r = await cli(['--rebuild']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/已重建指标快照：2 个镇，共 \d+ 个镇季度/);
    const db = await openDb({ file });
    try {
      const dh = (await getOrgByCode(db.kysely, 'QH-DH'))!;
      const first = await db.kysely
        .selectFrom('records')
        .select((eb) => eb.fn.min('date_on').as('f'))
        .where('town_id', '=', dh.id)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow();
      const want = quartersBetween(String(first.f), today()).slice(-24);
      const got = (await db.kysely.selectFrom('metric_snapshots').select('period').distinct().where('town_id', '=', dh.id).execute())
        .map((x) => x.period)
        .sort();
      expect(got).toEqual(want);
      const rows = await db.kysely
        .selectFrom('metric_snapshots')
        .select(['metric', 'value'])
        .where('town_id', '=', dh.id)
        .where('period', '=', '2023Q4')
        .execute();
      const live = await computeSnapshot(db.kysely, dh, '2023Q4');
      expect(Object.fromEntries(rows.map((x) => [x.metric, x.value == null ? null : Number(x.value)]))).toEqual(live);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('--org and --period rebuild only that town’s quarter, repairing it', async () => {
    const db = await openDb({ file });
    const dh = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    const np = (await getOrgByCode(db.kysely, 'QH-NP'))!;
    await sql`update metric_snapshots set value = -1 where metric = ${'discipline.clue.count'} and period in ('2023Q3', '2023Q4')`.execute(db.kysely);
    await db.close();
    const r = await cli(['--rebuild', '--org', 'QH-DH', '--period', '2023Q4']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('1 个镇，共 1 个镇季度');
    const again = await openDb({ file });
    try {
      const v = async (town: number, period: string) =>
        Number(
          (
            await again.kysely
              .selectFrom('metric_snapshots')
              .select('value')
              .where('town_id', '=', town)
              .where('period', '=', period)
              .where('metric', '=', 'discipline.clue.count')
              .executeTakeFirstOrThrow()
          ).value,
        );
      expect(await v(dh.id, '2023Q4')).toBe((await computeSnapshot(again.kysely, dh, '2023Q4'))['discipline.clue.count']);
      expect(await v(dh.id, '2023Q3')).toBe(-1); // another quarter: untouched
      expect(await v(np.id, '2023Q4')).toBe(-1); // another town: untouched
    } finally {
      await again.close();
    }
  });

  it('refuses an unknown org or a bad period with a Chinese message and exit status 2', async () => {
    const a = await cli(['--rebuild', '--org', 'NOPE']);
    expect(a).toMatchObject({ code: 2, out: expect.stringContaining('组织不存在：NOPE') });
    const b = await cli(['--rebuild', '--period', '2023Q5']);
    expect(b).toMatchObject({ code: 2, out: expect.stringContaining('报告期无效') });
  });
});
