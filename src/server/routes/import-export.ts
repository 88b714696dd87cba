import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allLedgers } from '../../ledger/registry.ts';
import { importItems } from '../../ledger/import.ts';
import { requireLedger } from '../../ledger/operations.ts';
import { readImportSource, UnreadableFileError } from '../../ledger/excel/source.ts';
import { buildTemplate } from '../../ledger/excel/template.ts';
import { prepareExport } from '../../ledger/export.ts';
import { getOrgById, listSubtree } from '../../org/service.ts';
import { contentDisposition } from '../../files/disposition.ts';
import { principalOf } from '../principal.ts';
import { requireUser, scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { readDb } from '../read.ts';
import { listQuerySchema } from './ledgers.ts';

/** Import files may be larger than evidence files: 100 k JSON Lines records are about 30 MB. */
const IMPORT_MAX = 200 * 1024 * 1024;
const bool = (v?: string) => v === '1' || v === 'true';

export default async function importExportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.post(
    '/api/import',
    {
      schema: {
        tags: ['导入导出'],
        summary: '导入台账数据（multipart 字段 file：.jsonl 或 .xlsx）；dryRun=1 只校验不写入；全部通过才写入',
        querystring: z.object({ dryRun: z.enum(['1', '0', 'true', 'false']).optional(), ledger: z.string().max(40).optional() }),
        consumes: ['multipart/form-data'],
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req) => {
      const p = principalOf(req);
      if (!req.isMultipart()) throw new HttpError(400, '请以 multipart/form-data 上传文件（字段名 file）');
      const part = await req.file({ limits: { fileSize: IMPORT_MAX, files: 1 } });
      if (!part) throw new HttpError(400, '请选择要导入的文件（字段名 file）');
      const tmp = path.join(os.tmpdir(), `luoshi-import-${crypto.randomBytes(8).toString('hex')}`);
      try {
        try {
          await pipeline(part.file, fs.createWriteStream(tmp, { mode: 0o600 }));
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || part.file.truncated)
            throw new HttpError(413, `导入文件超过 ${IMPORT_MAX / 1024 / 1024} MB 上限，请拆分后分批导入`);
          throw e;
        }
        if (part.file.truncated) throw new HttpError(413, `导入文件超过 ${IMPORT_MAX / 1024 / 1024} MB 上限，请拆分后分批导入`);
        const ledgers = await allLedgers(db());
        const ledger = req.query.ledger || undefined;
        if (ledger && !ledgers.some((l) => l.key === ledger)) throw new HttpError(400, `未知台账：${ledger}`);
        let source;
        try {
          source = await readImportSource(tmp, { ledgers, ledger, name: part.filename || '文件', defaultOrg: p.org.townId ? p.org.code : undefined });
        } catch (e) {
          if (e instanceof UnreadableFileError) throw new HttpError(400, e.message);
          throw e;
        }
        return await importItems(db(), p, source.items, { dryRun: bool(req.query.dryRun), preErrors: source.errors });
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
    },
  );

  r.get(
    '/api/ledgers/:ledger/template',
    { schema: { tags: ['导入导出'], summary: '下载台账的 Excel 导入模板', params: z.object({ ledger: z.string().max(40) }) } },
    async (req, reply) => {
      const p = principalOf(req);
      const l = await requireLedger(db(), p, req.params.ledger, 'create');
      const u = requireUser(req);
      const scope = u.org.townId ? ((await getOrgById(db(), u.org.townId)) ?? u.org) : u.org;
      const orgs = (await listSubtree(db(), scope)).filter((o) => o.townId).slice(0, 3000);
      const buf = await buildTemplate(l, { orgs: orgs.map((o) => ({ code: o.code, name: o.name })) });
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', contentDisposition(`${l.decl.label}台账导入模板.xlsx`))
        .header('Cache-Control', 'no-store')
        .send(buf);
    },
  );

  r.get(
    '/api/ledgers/:ledger/export',
    {
      schema: {
        tags: ['导入导出'],
        summary: '导出台账（筛选条件同列表；format=xlsx 台账样式，jsonl 交换格式；敏感信息脱敏）',
        params: z.object({ ledger: z.string().max(40) }),
        querystring: listQuerySchema.extend({ format: z.enum(['xlsx', 'jsonl']).default('xlsx') }),
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const q = req.query;
      const org = await scopeOrg(req, q.org);
      // Rows from the read replica when there is one (not right after this browser wrote); the audit entry on the primary.
      const prepared = await prepareExport(
        readDb(req),
        p,
        req.params.ledger,
        { org, q: q.q, status: q.status, kind: q.kind, from: q.from, to: q.to, overdue: bool(q.overdue), deleted: bool(q.deleted) },
        { format: q.format, writeDb: db() },
      );
      const body = new PassThrough();
      prepared.write(body).catch((e: Error) => {
        req.log.error(e);
        body.destroy(e);
      });
      return reply
        .header('Content-Type', prepared.contentType)
        .header('Content-Disposition', contentDisposition(prepared.fileName))
        .header('Cache-Control', 'no-store')
        .send(body);
    },
  );
}
