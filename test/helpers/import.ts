import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import { importItems, parseJsonLines, type ImportResult } from '../../src/ledger/import.ts';
import { seedDemoOrgs } from '../../src/demo/orgs.ts';
import { generateDemoRecords } from '../../src/demo/generate.ts';
import { getOrgByCode } from '../../src/org/service.ts';

/** JSON Lines text → result: parse, then import, as the import route does with an uploaded .jsonl file. */
export async function importJsonLines(db: Kysely<Database>, p: Principal, text: string, opts: { dryRun?: boolean } = {}): Promise<ImportResult> {
  const { items, errors } = parseJsonLines(text);
  return importItems(db, p, items, { ...opts, preErrors: errors });
}

/**
 * The demo county's org tree and a generated year (2023, scale 1) of its records, imported by the
 * system through the one write path: the data most metric tests start from. Returns that principal.
 */
export async function importDemoYear(db: Kysely<Database>, seed: number): Promise<Principal> {
  const towns = await seedDemoOrgs(db);
  const root = (await getOrgByCode(db, 'QH'))!;
  const p: Principal = { id: null, username: 't', roles: [], org: root, system: true };
  const lines = generateDemoRecords({ towns, year: 2023, seed, scale: 1 });
  const res = await importItems(
    db,
    p,
    lines.map((item, i) => ({ origin: { line: i + 1 }, item })),
  );
  if (res.errors.length) throw new Error(`demo import: ${JSON.stringify(res.errors.slice(0, 3))}`);
  return p;
}
