import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import { importItems, parseJsonLines, type ImportResult } from '../../src/ledger/import.ts';

/** JSON Lines text → result: parse, then import, as the import route does with an uploaded .jsonl file. */
export async function importJsonLines(db: Kysely<Database>, p: Principal, text: string, opts: { dryRun?: boolean } = {}): Promise<ImportResult> {
  const { items, errors } = parseJsonLines(text);
  return importItems(db, p, items, { ...opts, preErrors: errors });
}
