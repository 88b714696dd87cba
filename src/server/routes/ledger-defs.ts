import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ledgerDeclSchema } from '../../ledger/decl-schema.ts';
import { addLedgerDef, listLedgerDefs, retireLedgerDef } from '../../ledger/definitions.ts';
import type { LedgerDecl } from '../../ledger/types.ts';
import { actorOfRequest, requireUser } from '../guard.ts';

/** A county's own ledgers, declared as data by the administrator (no release needed). */
export default async function ledgerDefRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get('/api/ledger-defs', { schema: { tags: ['台账'], summary: '自定义台账类型' } }, async (req) => {
    requireUser(req, ['admin']);
    return listLedgerDefs(db());
  });

  r.post('/api/ledger-defs', { schema: { tags: ['台账'], summary: '新增自定义台账类型', body: z.object({ decl: ledgerDeclSchema }) } }, async (req, reply) => {
    const u = requireUser(req, ['admin']);
    const decl = req.body.decl as LedgerDecl;
    await addLedgerDef(db(), actorOfRequest(req), { id: u.id, orgId: u.org.id }, decl);
    return reply.code(201).send({ key: decl.key });
  });

  r.delete(
    '/api/ledger-defs/:key',
    { schema: { tags: ['台账'], summary: '停用自定义台账类型（记录保留）', params: z.object({ key: z.string().max(40) }) } },
    async (req) => {
      requireUser(req, ['admin']);
      await retireLedgerDef(db(), actorOfRequest(req), req.params.key);
      return { ok: true };
    },
  );
}
