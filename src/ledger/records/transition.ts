/** Moving a record along its ledger's workflow, through the one write path (../write.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso, parseJson } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { Conflict, Forbidden, Invalid } from '../../util/errors.ts';
import { validateFields } from '../validate.ts';
import { plainFields, toRow } from '../storage.ts';
import { actorOfPrincipal, type Principal } from '../principal.ts';
import { runGuards } from '../workflow.ts';
import { afterCommit, guardWrites } from '../write.ts';
import { versionOf } from '../hooks.ts';
import { today } from '../../shared/today.ts';
import { auditSafe, invalid, loadRow, townOrgs, type RecordOut } from './common.ts';
import { getRecord } from './read.ts';

export async function transitionRecord(
  db: Kysely<Database>,
  p: Principal,
  id: number,
  to: string,
  note: string | undefined,
  raw: Record<string, unknown> = {},
): Promise<RecordOut> {
  const { r, l } = await loadRow(db, p, id, 'transition');
  const wf = l.decl.workflow;
  if (!wf || !l.decl.statusField) throw new Invalid(`${l.decl.label}没有流转`);
  if (r.deleted_at) throw new Conflict('记录已删除，请先恢复');
  const from = r.status ?? wf.initial;
  const t = wf.transitions.find((x) => x.to === to && (x.from === '*' || x.from.includes(from)));
  if (!t) throw new Invalid(`不能从“${wf.states[from]?.label ?? from}”转为“${wf.states[to]?.label ?? to}”`);
  if (t.roles && !p.system && !p.roles.some((x) => t.roles!.includes(x))) throw new Forbidden(`当前角色不能执行“${t.label}”`);
  const existing = plainFields(l, parseJson(r.data));
  const orgs = await townOrgs(db, r.town_id);
  const { fields, errors } = validateFields(
    l,
    { ...raw, [l.decl.statusField]: to },
    { orgExists: (c) => orgs.has(c) },
    { isNew: false, existing, today: today() },
  );
  if (errors.length) throw invalid(l, errors);
  const files = await db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const guardErrors = runGuards(t.guards ?? [], { fields, note, files: Number(files?.n ?? 0), ledger: l });
  if (guardErrors.length)
    throw new Invalid(
      guardErrors.join('；'),
      guardErrors.map((m) => ({ field: '', label: '', message: m })),
    );
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('records')
      .set({ ...toRow(l, fields, (c) => orgs.get(c)?.id), version: r.version + 1, updated_at: nowIso(), updated_by: p.id })
      .where('id', '=', id)
      .execute();
    await guardWrites(trx, p, 'transition', [{ ledger: l, townId: r.town_id, recordId: id, fields }]);
    await audit(trx, actorOfPrincipal(p), {
      action: 'transition',
      entity: 'record',
      entityId: id,
      townId: r.town_id,
      before: { status: from },
      after: { status: to, fields: auditSafe(l, raw) },
      note: note ?? null,
    });
  });
  await afterCommit(db, p, 'transition', [{ ledger: l.key, townId: r.town_id, recordId: id, before: versionOf(r), townOrgs: [...orgs.values()] }]);
  return getRecord(db, p, id);
}
