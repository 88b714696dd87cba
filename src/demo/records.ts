import type { Db } from '../db/kysely.ts';
import type { DemoTownSpec } from './orgs.ts';
import { generateDemoRecords } from './generate.ts';
import { importItems } from '../ledger/import.ts';
import { getOrgByCode } from '../org/service.ts';

/** The PRNG seed of the demo county (the same for every variant). */
const DEMO_SEED = 2023;

/**
 * Five quarters of realistic records in every ledger, imported like any file: the seed's `year`,
 * or the living demo ending `today`.
 */
export async function seedDemoRecords(db: Db, towns: DemoTownSpec[], scale: number, when: { year?: number; today: string }): Promise<number> {
  const root = (await getOrgByCode(db.kysely, 'QH'))!;
  const lines = generateDemoRecords({ towns, ...when, seed: DEMO_SEED, scale });
  const res = await importItems(
    db.kysely,
    { id: null, username: 'demo', roles: [], org: root, system: true },
    lines.map((item, i) => ({ origin: { line: i + 1 }, item })),
  );
  if (!res.ok) {
    const first = res.errors
      .slice(0, 5)
      .map((e) => `${e.line}: ${e.field ?? ''} ${e.message}`)
      .join('\n');
    throw new Error(`演示数据生成有误（${res.errors.length} 处）：\n${first}`);
  }
  return res.total;
}
