/** The records behind one figure of a submitted version, as far as the principal may read them. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../../ledger/principal.ts';
import { recordsBehind } from '../../ledger/operations.ts';
import { NotFound } from '../../util/errors.ts';
import { frozenOf, loadReport } from './common.ts';

export async function factRecords(db: Kysely<Database>, p: Principal, id: number, version: number, metric: string) {
  await loadReport(db, p, id);
  const f = await frozenOf(db, id, version);
  const fact = f?.frozen.model.facts.find((x) => x.metric === metric);
  if (!f || !fact) throw new NotFound('该版本中没有这个数字');
  const behind = await recordsBehind(db, p, f.frozen.values[fact.metric]?.records ?? fact.records);
  return { metric: { id: fact.metric, label: fact.label, unit: fact.unit }, value: fact.value, text: fact.text, ...behind };
}
