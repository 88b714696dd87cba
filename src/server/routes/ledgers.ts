import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allLedgers } from '../../ledger/registry.ts';
import { can } from '../../ledger/principal.ts';
import {
  createRecord,
  recordDetail,
  recordHistory,
  removeRecord,
  restoreRecord,
  revealField,
  transitionRecord,
  updateRecord,
} from '../../ledger/operations.ts';
import { listRecords } from '../../ledger/list.ts';
import type { LedgerClientConfig, LedgerDecl } from '../../ledger/types.ts';
import { principalOf } from '../principal.ts';
import { scopeOrg } from '../guard.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const listQuerySchema = z.object({
  org: z.string().max(64).optional(),
  q: z.string().max(100).optional(),
  status: z.string().max(40).optional(),
  kind: z.string().max(60).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  overdue: z.enum(['1', '0', 'true', 'false']).optional(),
  deleted: z.enum(['1', '0', 'true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
  sort: z
    .string()
    .regex(/^-?[A-Za-z]{1,40}$/, '排序字段无效')
    .optional(),
});
const idParams = z.object({ id: z.coerce.number().int().positive('记录编号无效') });
const fieldsSchema = z.record(z.string(), z.unknown());

/** The declaration without what only the server uses. */
function clientDecl({ deriveFlag: _serverOnly, ...decl }: LedgerDecl): Omit<LedgerDecl, 'deriveFlag'> {
  return decl;
}

export default async function ledgerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get('/api/ledgers', { schema: { tags: ['台账'], summary: '当前用户可见的台账类型及其声明' } }, async (req) => {
    const p = principalOf(req);
    const ls = await allLedgers(db());
    return ls
      .filter((l) => can(p, l, 'read'))
      .map((l): LedgerClientConfig => ({
        ...clientDecl(l.decl),
        can: { create: can(p, l, 'create'), update: can(p, l, 'update'), remove: can(p, l, 'remove'), transition: can(p, l, 'transition') },
      }));
  });

  r.get(
    '/api/ledgers/:ledger/records',
    { schema: { tags: ['台账'], summary: '台账记录列表（按组织范围过滤）', params: z.object({ ledger: z.string().max(40) }), querystring: listQuerySchema } },
    async (req) => {
      const p = principalOf(req);
      const q = req.query;
      const org = await scopeOrg(req, q.org);
      return listRecords(db(), p, req.params.ledger, {
        ...q,
        org,
        overdue: q.overdue === '1' || q.overdue === 'true',
        deleted: q.deleted === '1' || q.deleted === 'true',
      });
    },
  );

  r.post(
    '/api/ledgers/:ledger/records',
    {
      schema: {
        tags: ['台账'],
        summary: '新建记录',
        params: z.object({ ledger: z.string().max(40) }),
        body: z.object({ org: z.string().min(1, '请选择所属组织'), fields: fieldsSchema }),
      },
    },
    async (req, reply) => {
      const rec = await createRecord(db(), principalOf(req), req.params.ledger, req.body.org, req.body.fields);
      return reply.code(201).send(rec);
    },
  );

  r.get('/api/records/:id', { schema: { tags: ['台账'], summary: '记录详情', params: idParams } }, async (req) =>
    recordDetail(db(), principalOf(req), req.params.id),
  );

  r.patch(
    '/api/records/:id',
    { schema: { tags: ['台账'], summary: '修改记录', params: idParams, body: z.object({ fields: fieldsSchema, version: z.number().int().optional() }) } },
    async (req) => updateRecord(db(), principalOf(req), req.params.id, req.body.fields, req.body.version),
  );

  r.post(
    '/api/records/:id/transitions',
    {
      schema: {
        tags: ['台账'],
        summary: '流转（如标记整改完成、办结）',
        params: idParams,
        body: z.object({ to: z.string().min(1).max(40), note: z.string().max(2000).optional(), fields: fieldsSchema.optional() }),
      },
    },
    async (req) => transitionRecord(db(), principalOf(req), req.params.id, req.body.to, req.body.note, req.body.fields ?? {}),
  );

  r.delete(
    '/api/records/:id',
    {
      schema: {
        tags: ['台账'],
        summary: '删除记录（软删除，须说明原因）',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1, '请填写删除原因').max(500) }),
      },
    },
    async (req) => {
      await removeRecord(db(), principalOf(req), req.params.id, req.body.reason);
      return { ok: true };
    },
  );

  r.post('/api/records/:id/restore', { schema: { tags: ['台账'], summary: '恢复已删除的记录', params: idParams } }, async (req) =>
    restoreRecord(db(), principalOf(req), req.params.id),
  );

  r.get('/api/records/:id/history', { schema: { tags: ['台账'], summary: '记录的修改历史', params: idParams } }, async (req) =>
    recordHistory(db(), principalOf(req), req.params.id),
  );

  r.post(
    '/api/records/:id/reveal',
    {
      schema: { tags: ['台账'], summary: '查看脱敏字段明文（留痕）', params: idParams, body: z.object({ field: z.string().max(40) }) },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req) => ({ value: await revealField(db(), principalOf(req), req.params.id, req.body.field) }),
  );
}
