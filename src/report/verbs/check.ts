/** Running the report checker on the text of the report as it stands. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../../ledger/principal.ts';
import { checkText, subjectFromOrg, type CheckFinding } from '../../check/index.ts';
import { ledgerData } from '../../check/ledger-data.ts';
import { renderText } from '../render/text.ts';
import { isEditable, loadReport } from './common.ts';
import { currentModel } from './live.ts';

export async function checkReport(db: Kysely<Database>, p: Principal, id: number, version?: number): Promise<{ findings: CheckFinding[]; text: string }> {
  const r = await loadReport(db, p, id);
  const { model } = await currentModel(db, p, r, version);
  const text = renderText(model);
  const subject = await subjectFromOrg(db, r.org.code);
  // A draft's own numbers come from the ledgers; comparing catches numbers typed into its narratives.
  const data = version === undefined && isEditable(r.row.status) ? await ledgerData(db, r.org, r.row.period) : undefined;
  return { findings: checkText(text, { subject, period: r.row.period, data }), text };
}
