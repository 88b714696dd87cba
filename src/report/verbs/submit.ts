/** Submitting a report: everything frozen into the next version. Secretary only. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { actorOfPrincipal, type Principal } from '../../ledger/principal.ts';
import { Conflict } from '../../util/errors.ts';
import { computeMetrics } from '../../metrics/engine.ts';
import { today } from '../../shared/today.ts';
import { LOCK_REPORT, lockFor } from '../template/store.ts';
import { renderText } from '../render/text.ts';
import { renderReportDocx } from '../render/official.ts';
import { STATUS_LABELS, isEditable, loadReport, requireRoles, type Frozen, type ReportStatus } from './common.ts';
import { liveReport } from './live.ts';

export async function submitReport(db: Kysely<Database>, p: Principal, id: number, date = today()): Promise<number> {
  const r = await loadReport(db, p, id);
  requireRoles(p, ['secretary'], '提交报告（仅镇党委书记）');
  if (!isEditable(r.row.status)) throw new Conflict(`报告${STATUS_LABELS[r.row.status as ReportStatus]}，不能重复提交`);
  const values = (await computeMetrics(db, r.org, r.row.period, { provenance: true })).values;
  const live = await liveReport(db, r, { values, date });
  const final = live.model;
  const text = renderText(final);
  const docx = await renderReportDocx(final);
  const t = live.templateRow;
  const frozen: Frozen = {
    model: final,
    values,
    narrative: live.narrative,
    template: { id: t.id, key: t.key, version: t.version, name: t.name, body: t.body },
    text,
  };
  return db.transaction().execute(async (trx) => {
    await lockFor(trx, LOCK_REPORT, id);
    const cur = await trx.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    if (!isEditable(cur.status)) throw new Conflict('报告已被提交');
    const last = await trx
      .selectFrom('report_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('report_id', '=', id)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx
      .insertInto('report_versions')
      .values({
        report_id: id,
        town_id: r.row.town_id,
        version,
        template_id: t.id,
        frozen: JSON.stringify(frozen),
        docx: new Uint8Array(docx),
        submitted_at: nowIso(),
        submitted_by: p.id,
        review_status: null,
        review_comment: null,
        reviewed_at: null,
        reviewed_by: null,
      })
      .execute();
    await trx.updateTable('reports').set({ status: 'submitted', updated_at: nowIso() }).where('id', '=', id).execute();
    await audit(trx, actorOfPrincipal(p), {
      action: 'submit',
      entity: 'report',
      entityId: id,
      townId: r.org.townId,
      after: { version, period: r.row.period, template: `${t.key} v${t.version}`, facts: final.facts.length },
    });
    return version;
  });
}
