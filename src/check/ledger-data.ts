/**
 * The ledgers' side of a check: every metric of a town for a quarter, for the ledger-number
 * rule. The period is the one given, else the one the report's title names ("2023年…四季度").
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Org } from '../org/service.ts';
import { computeMetrics, plainValues } from '../metrics/engine.ts';
import { parseDocument } from './document.ts';
import { resolveSubject } from './infer.ts';
import type { CheckData } from './types.ts';

/** '2023Q4' from the argument or the title; undefined when neither names one. */
export function reportPeriod(text: string, given?: string): string | undefined {
  if (given) return given;
  const p = resolveSubject(parseDocument(text.slice(0, 2000))).period;
  return p ? `${p.year}Q${p.quarter}` : undefined;
}

export async function ledgerData(db: Kysely<Database>, org: Org, period: string): Promise<CheckData> {
  return { metrics: plainValues(await computeMetrics(db, org, period)) };
}
