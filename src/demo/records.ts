import type { Db } from '../db/kysely.ts';
import type { DemoTownSpec } from './orgs.ts';

/** Placeholder until the ledger engine's importer lands: no records yet. */
export async function seedDemoRecords(_db: Db, _towns: DemoTownSpec[], _scale: number): Promise<number> {
  return 0;
}
