import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ledgerDeclSchema } from '../../ledger/decl-schema.ts';
import { builtinLedger, compileLedger, invalidateLedgerCache, LedgerDeclError } from '../../ledger/registry.ts';
import type { LedgerDecl } from '../../ledger/types.ts';
import { nowIso, parseJson } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { actorOf, requireUser } from '../guard.ts';
import { HttpError } from '../errors.ts';

/** A county's own ledgers, declared as data by the administrator (no release needed). */
export default async function ledgerDefRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get('/api/ledger-defs', { schema: { tags: ['台账'], summary: '自定义台账类型' } }, async (req) => {
    requireUser(req, ['admin']);
    const rows = await db().selectFrom('ledger_defs').selectAll().where('deleted_at', 'is', null).orderBy('id').execute();
    return rows.map((x) => ({ id: x.id, key: x.key, decl: parseJson<LedgerDecl>(x.decl), createdAt: x.created_at }));
  });

  r.post('/api/ledger-defs', { schema: { tags: ['台账'], summary: '新增自定义台账类型', body: z.object({ decl: ledgerDeclSchema }) } }, async (req, reply) => {
    const u = requireUser(req, ['admin']);
    const decl = req.body.decl as LedgerDecl;
    if (builtinLedger(decl.key)) throw new HttpError(409, `与标准台账重名：${decl.key}`);
    try {
      compileLedger(decl, true);
    } catch (e) {
      if (e instanceof LedgerDeclError) throw new HttpError(400, e.message);
      throw e;
    }
    const exists = await db().selectFrom('ledger_defs').select('id').where('key', '=', decl.key).where('deleted_at', 'is', null).executeTakeFirst();
    if (exists) throw new HttpError(409, `台账标识已存在：${decl.key}`);
    await db().transaction().execute(async (trx) => {
      await trx.insertInto('ledger_defs').values({ key: decl.key, scope_org_id: u.org.id, decl: JSON.stringify(decl), created_at: nowIso(), created_by: u.id }).execute();
      await audit(trx, actorOf(req), { action: 'create', entity: 'ledgerDef', entityId: decl.key, after: decl });
    });
    invalidateLedgerCache();
    return reply.code(201).send({ key: decl.key });
  });

  r.delete('/api/ledger-defs/:key', { schema: { tags: ['台账'], summary: '停用自定义台账类型（记录保留）', params: z.object({ key: z.string().max(40) }) } }, async (req) => {
    requireUser(req, ['admin']);
    const res = await db().updateTable('ledger_defs').set({ deleted_at: nowIso() }).where('key', '=', req.params.key).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new HttpError(404, '自定义台账不存在');
    await audit(db(), actorOf(req), { action: 'delete', entity: 'ledgerDef', entityId: req.params.key });
    invalidateLedgerCache();
    return { ok: true };
  });
}
