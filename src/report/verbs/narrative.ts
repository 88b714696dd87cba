/** The narrative of a draft: who may edit which field, and saving a change (merged with what is stored). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso, parseJson } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { actorOfPrincipal, type Principal } from '../../ledger/principal.ts';
import type { Role } from '../../shared/roles.ts';
import { Conflict, Forbidden, Invalid } from '../../util/errors.ts';
import { generateReport, narrativeFields, type NarrativeField } from '../template/generate.ts';
import { LOCK_REPORT, lockFor } from '../template/store.ts';
import { STATUS_LABELS, TOWN_REPORT_ROLES, hasRole, isEditable, loadReport, requireRoles, type ReportStatus } from './common.ts';
import { templateOf } from './live.ts';

/** Who may edit a narrative field: the secretary any, a line role its own line. */
export function canEditField(p: Principal, f: Pick<NarrativeField, 'line'>): boolean {
  return hasRole(p, 'secretary') || (f.line !== 'general' && hasRole(p, f.line as Role));
}

export async function updateNarrative(db: Kysely<Database>, p: Principal, id: number, patch: Record<string, string | null>): Promise<void> {
  const r = await loadReport(db, p, id);
  requireRoles(p, TOWN_REPORT_ROLES, '编辑报告');
  if (!isEditable(r.row.status)) throw new Conflict(`报告${STATUS_LABELS[r.row.status as ReportStatus]}，不能修改；如需修改请等待县级退回`);
  const t = await templateOf(db, r);
  const fields = new Map(
    narrativeFields(await generateReport(db, r.org, r.row.period, { template: { body: t.body, id: t.id, version: t.version }, values: {} })).map((f) => [
      f.key,
      f,
    ]),
  );
  const clean: Record<string, string | null> = {};
  for (const [key, text] of Object.entries(patch)) {
    const f = fields.get(key);
    if (!f) throw new Invalid(`模板中没有叙述段落“${key}”`);
    if (!canEditField(p, f)) throw new Forbidden(`当前角色无权修改“${f.label}”`);
    clean[key] = text === null ? null : text.replace(/\r\n?/g, '\n').slice(0, 20000);
  }
  await db.transaction().execute(async (trx) => {
    await lockFor(trx, LOCK_REPORT, id);
    const cur = await trx.selectFrom('reports').select(['status', 'narrative']).where('id', '=', id).executeTakeFirstOrThrow();
    if (!isEditable(cur.status)) throw new Conflict('报告已提交，不能修改');
    // Merge into the stored narrative as it is now: two line roles may save at the same time.
    const before = parseJson<Record<string, string>>(cur.narrative);
    const after = { ...before };
    for (const [key, text] of Object.entries(clean)) {
      if (text === null) delete after[key];
      else after[key] = text;
    }
    await trx
      .updateTable('reports')
      .set({ narrative: JSON.stringify(after), updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await audit(trx, actorOfPrincipal(p), {
      action: 'update',
      entity: 'report',
      entityId: id,
      townId: r.org.townId,
      before: { narrative: before },
      after: { narrative: after },
    });
  });
}
