import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listFiles, MAX_FILE_SIZE, openFile, removeFile, uploadFiles, writableRecord, type UploadInput } from '../../files/service.ts';
import { contentDisposition } from '../../files/disposition.ts';
import { principalOf } from '../principal.ts';
import { HttpError } from '../errors.ts';

const idParams = z.object({ id: z.coerce.number().int().positive('编号无效') });

/** Read every `file` part into memory (each at most MAX_FILE_SIZE), naming the file that is too big. */
async function readParts(req: FastifyRequest): Promise<UploadInput[]> {
  if (!req.isMultipart()) throw new HttpError(400, '请以 multipart/form-data 上传文件（字段名 file）');
  const out: UploadInput[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_FILE_SIZE, files: 10 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        await part.toBuffer();
        continue;
      }
      out.push({ name: part.filename || '未命名文件', data: await part.toBuffer() });
    }
  } catch (e) {
    const err = e as { code?: string; part?: { filename?: string } };
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, `文件“${err.part?.filename ?? ''}”超过 ${MAX_FILE_SIZE / 1024 / 1024} MB 上限`);
    if (err.code === 'FST_FILES_LIMIT') throw new HttpError(413, '一次最多上传 10 个文件');
    throw e;
  }
  return out;
}

export default async function fileRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.post(
    '/api/records/:id/files',
    {
      schema: {
        tags: ['佐证材料'],
        summary: '上传佐证材料（multipart，字段 file，可多个；每个不超过 20 MB；按内容识别类型）',
        params: idParams,
        consumes: ['multipart/form-data'],
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const p = principalOf(req);
      await writableRecord(db(), p, req.params.id); // refuse before reading up to 200 MB of parts
      const files = await readParts(req);
      const out = await uploadFiles(db(), p, req.params.id, files);
      return reply.code(201).send(out);
    },
  );

  r.get('/api/records/:id/files', { schema: { tags: ['佐证材料'], summary: '记录的佐证材料列表', params: idParams } }, async (req) =>
    listFiles(db(), principalOf(req), req.params.id),
  );

  r.get(
    '/api/files/:id',
    {
      schema: {
        tags: ['佐证材料'],
        summary: '下载佐证材料（inline=1 时图片、PDF 在浏览器中预览）',
        params: idParams,
        querystring: z.object({ inline: z.enum(['1', '0']).optional() }),
      },
    },
    async (req, reply) => {
      const { file, stream } = await openFile(db(), principalOf(req), req.params.id);
      const inline = req.query.inline === '1' && /^(image\/(png|jpeg|gif|webp)|application\/pdf)$/.test(file.mime);
      return reply
        .header('Content-Type', file.mime)
        .header('Content-Length', String(file.size))
        .header('Content-Disposition', contentDisposition(file.name, inline ? 'inline' : 'attachment'))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .header('Content-Security-Policy', `default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'${inline ? '' : '; sandbox'}`)
        .send(stream);
    },
  );

  r.delete('/api/files/:id', { schema: { tags: ['佐证材料'], summary: '删除佐证材料（软删除，留痕）', params: idParams } }, async (req) => {
    await removeFile(db(), principalOf(req), req.params.id);
    return { ok: true };
  });
}
