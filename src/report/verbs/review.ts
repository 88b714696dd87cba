/** The county reviewer returns (with a comment) or accepts the latest submitted version. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { actorOfPrincipal, type Principal } from '../../ledger/principal.ts';
import { Conflict, Forbidden, Invalid } from '../../util/errors.ts';
import { LOCK_REPORT, lockFor } from '../template/store.ts';
import { isReviewer, loadReport } from './common.ts';

export async function reviewReport(
  db: Kysely<Database>,
  p: Principal,
  id: number,
  version: number,
  decision: 'return' | 'accept',
  comment: string,
): Promise<void> {
  const r = await loadReport(db, p, id);
  if (!isReviewer(p)) throw new Forbidden('只有县级审核人员可以审核报告');
  if (decision === 'return' && !comment.trim()) throw new Invalid('退回时请填写退回意见');
  await db.transaction().execute(async (trx) => {
    await lockFor(trx, LOCK_REPORT, id);
    const cur = await trx.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    const v = await trx
      .selectFrom('report_versions')
      .select(['id', 'version', 'review_status'])
      .where('report_id', '=', id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (cur.status !== 'submitted' || !v || v.review_status) throw new Conflict('该报告当前没有待审核的版本');
    if (v.version !== version) throw new Conflict(`只能审核最新提交的第 ${v.version} 版`);
    const status = decision === 'return' ? 'returned' : 'accepted';
    await trx
      .updateTable('report_versions')
      .set({ review_status: status, review_comment: comment.trim() || null, reviewed_at: nowIso(), reviewed_by: p.id })
      .where('id', '=', v.id)
      .execute();
    await trx.updateTable('reports').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    await audit(trx, actorOfPrincipal(p), {
      action: decision === 'return' ? 'return' : 'accept',
      entity: 'report',
      entityId: id,
      townId: r.org.townId,
      after: { version, status },
      note: comment.trim() || null,
    });
  });
}
