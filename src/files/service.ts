import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso } from '../db/kysely.ts';
import { audit } from '../audit/log.ts';
import { Conflict, Forbidden, Gone, Invalid, NotFound, TooLarge, UnsupportedType } from '../util/errors.ts';
import { getRecord } from '../ledger/operations.ts';
import { getLedger } from '../ledger/registry.ts';
import { actorOfPrincipal, can, type Principal } from '../ledger/principal.ts';
import { ACCEPTED_LABEL, sniff } from './sniff.ts';
import { hasBlob, openBlob, putBlob } from './store.ts';
import type { Readable } from 'node:stream';

/** Evidence files (佐证材料) attached to ledger records. */
export const MAX_FILE_SIZE = 20 * 1024 * 1024;

export interface FileOut {
  id: number;
  name: string;
  size: number;
  mime: string;
  uploadedAt: string;
}

export interface UploadInput {
  name: string;
  data: Buffer;
}

/** A file name as given by the browser, reduced to its last path part, without control characters. */
export function cleanFileName(raw: string, ext: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';

  const s = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(-200);
  return s && s !== '.' && s !== '..' ? s : `佐证材料.${ext}`;
}

export function sizeLabel(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** The record if the principal may read it (404/403 otherwise) and update it (403). */
export async function writableRecord(db: Kysely<Database>, p: Principal, recordId: number) {
  const rec = await getRecord(db, p, recordId);
  const l = await getLedger(db, rec.ledger);
  if (!l || !can(p, l, 'update')) throw new Forbidden(`无权修改${l?.decl.label ?? '该台账'}的佐证材料`);
  if (rec.deletedAt) throw new Conflict('记录已删除，请先恢复');
  const row = await db.selectFrom('records').select('town_id').where('id', '=', recordId).executeTakeFirstOrThrow();
  return { rec, townId: row.town_id };
}

/** Check every file first (size, type by content); store them and their metadata only if all pass. */
export async function uploadFiles(db: Kysely<Database>, p: Principal, recordId: number, files: UploadInput[]): Promise<FileOut[]> {
  const { townId } = await writableRecord(db, p, recordId);
  if (files.length === 0) throw new Invalid('请选择要上传的文件');
  const checked = files.map((f) => {
    if (f.data.length > MAX_FILE_SIZE) throw new TooLarge(`文件“${f.name}”为 ${sizeLabel(f.data.length)}，超过 ${MAX_FILE_SIZE / 1024 / 1024} MB 上限`);
    if (f.data.length === 0) throw new Invalid(`文件“${f.name}”是空文件`);
    const type = sniff(f.data, f.name);
    if (!type) throw new UnsupportedType(`文件“${f.name}”的类型不受支持（按文件内容识别，而非扩展名）。可上传：${ACCEPTED_LABEL}`);
    return { ...f, name: cleanFileName(f.name, type.ext), type };
  });
  const stored: ((typeof checked)[number] & { sha256: string; size: number })[] = [];
  for (const f of checked) stored.push({ ...f, ...(await putBlob(f.data)) });
  const at = nowIso();
  return db.transaction().execute(async (trx) => {
    const out: FileOut[] = [];
    for (const f of stored) {
      const row = await trx
        .insertInto('files')
        .values({
          sha256: f.sha256,
          size: f.size,
          mime: f.type.mime,
          name: f.name,
          record_id: recordId,
          town_id: townId,
          uploaded_by: p.id,
          uploaded_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, actorOfPrincipal(p), {
        action: 'upload',
        entity: 'file',
        entityId: row.id,
        townId,
        after: { record: recordId, name: f.name, size: f.size, mime: f.type.mime, sha256: f.sha256 },
      });
      out.push({ id: row.id, name: f.name, size: f.size, mime: f.type.mime, uploadedAt: at });
    }
    return out;
  });
}

export async function listFiles(db: Kysely<Database>, p: Principal, recordId: number): Promise<FileOut[]> {
  await getRecord(db, p, recordId);
  const rows = await db
    .selectFrom('files')
    .select(['id', 'name', 'size', 'mime', 'uploaded_at'])
    .where('record_id', '=', recordId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, size: Number(r.size), mime: r.mime, uploadedAt: r.uploaded_at }));
}

/** The live file row; 404 (never 403) when missing, deleted, or its record is out of reach. */
async function loadFile(db: Kysely<Database>, p: Principal, fileId: number) {
  const f = await db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst();
  if (!f || f.deleted_at || f.record_id == null) throw new NotFound('文件不存在');
  try {
    await getRecord(db, p, f.record_id);
  } catch (e) {
    if (e instanceof NotFound || e instanceof Forbidden) throw new NotFound('文件不存在或无权查看');
    throw e;
  }
  return f;
}

export async function openFile(db: Kysely<Database>, p: Principal, fileId: number): Promise<{ file: FileOut; stream: Readable }> {
  const f = await loadFile(db, p, fileId);
  if (!hasBlob(f.sha256)) throw new Gone(`文件“${f.name}”的内容在服务器上缺失，请联系管理员`);
  return { file: { id: f.id, name: f.name, size: Number(f.size), mime: f.mime, uploadedAt: f.uploaded_at }, stream: openBlob(f.sha256) };
}

/** Soft delete: the row keeps its blob and gets deleted_at; audited with the same transaction. */
export async function removeFile(db: Kysely<Database>, p: Principal, fileId: number): Promise<void> {
  const f = await loadFile(db, p, fileId);
  const { townId } = await writableRecord(db, p, f.record_id!);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('files').set({ deleted_at: nowIso() }).where('id', '=', fileId).execute();
    await audit(trx, actorOfPrincipal(p), {
      action: 'delete',
      entity: 'file',
      entityId: fileId,
      townId,
      before: { record: f.record_id, name: f.name, sha256: f.sha256 },
    });
  });
}
