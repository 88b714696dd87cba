/** Last quarter's frozen numbers of the same town (latest version), for comparison. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parsePeriod, previousPeriod } from '../../metrics/period.ts';
import { frozenOf, type LoadedReport } from './common.ts';

export async function previousFacts(db: Kysely<Database>, r: LoadedReport) {
  const prev = previousPeriod(parsePeriod(r.row.period)).id;
  const row = await db.selectFrom('reports').select('id').where('org_id', '=', r.org.id).where('period', '=', prev).executeTakeFirst();
  const f = row ? await frozenOf(db, row.id) : null;
  if (!f) return null;
  return {
    period: prev,
    reportId: row!.id,
    version: f.version,
    facts: Object.fromEntries(f.frozen.model.facts.map((x) => [x.metric, { value: x.value, text: x.text }])),
  };
}
