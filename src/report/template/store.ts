/**
 * Versioned report templates (table report_templates). A save never changes a row: it adds
 * the next version of the key. The built-in default is seeded as version 1 (no scope) on first
 * use; a county or a town may publish its own versions, and a town uses the most specific one.
 */
import { type Kysely, type Transaction } from 'kysely';
import type { Database, TemplateTable } from '../../db/schema.ts';
import { nowIso } from '../../db/kysely.ts';
import { advisoryXactLock } from '../../db/dialect.ts';
import { audit, SYSTEM_ACTOR, type Actor } from '../../audit/log.ts';
import { getOrgById, listAncestors, type Org } from '../../org/service.ts';
import { Invalid, NotFound } from '../../util/errors.ts';
import { compileTemplate, defaultTemplateSource } from './generate.ts';
import { formatDiagnostic, hasTemplateErrors } from './types.ts';
import { isWithin } from '../../access/subtree.ts';

type DbLike = Kysely<Database> | Transaction<Database>;

export const QUARTERLY_KEY = 'quarterly';

/** Lock spaces of pg_advisory_xact_lock(space, id) (SQLite serialises writers already). */
export const LOCK_TEMPLATES = 7355620;
export const LOCK_REPORT = 7355621;

/** Serialises writers of one thing for the rest of the transaction on PostgreSQL. */
export async function lockFor(trx: DbLike, space: number, id: number): Promise<void> {
  await advisoryXactLock(trx, space, id);
}

export interface TemplateInfo {
  id: number;
  key: string;
  version: number;
  name: string;
  scope: { code: string; name: string; kind: string } | null;
  createdAt: string;
  createdBy: number | null;
}

export interface TemplateRow extends TemplateInfo {
  body: string;
}

async function toInfo(db: DbLike, r: Omit<TemplateTable, 'id'> & { id: number }): Promise<TemplateInfo> {
  const scope = r.scope_org_id == null ? null : await getOrgById(db, r.scope_org_id);
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    name: r.name,
    scope: scope ? { code: scope.code, name: scope.name, kind: scope.kind } : null,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

async function toRow(db: DbLike, r: Omit<TemplateTable, 'id'> & { id: number }): Promise<TemplateRow> {
  return { ...(await toInfo(db, r)), body: r.body };
}

/** Seeds the built-in default template as version 1 when the key has no version yet. */
export async function ensureDefaultTemplate(db: Kysely<Database>): Promise<void> {
  const any = await db.selectFrom('report_templates').select('id').where('key', '=', QUARTERLY_KEY).limit(1).executeTakeFirst();
  if (any) return;
  const body = defaultTemplateSource();
  await db.transaction().execute(async (trx) => {
    await lockFor(trx, LOCK_TEMPLATES, 0);
    const again = await trx.selectFrom('report_templates').select('id').where('key', '=', QUARTERLY_KEY).limit(1).executeTakeFirst();
    if (again) return;
    const row = await trx
      .insertInto('report_templates')
      .values({ key: QUARTERLY_KEY, version: 1, name: compileTemplate(body).meta.name, body, scope_org_id: null, created_at: nowIso(), created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, SYSTEM_ACTOR, { action: 'create', entity: 'template', entityId: row.id, note: '内置默认报告模板（第 1 版）' });
  });
}

/** The template a town uses: the newest version of the most specific scope (town, county, built-in). */
export async function effectiveTemplate(db: Kysely<Database>, org: Org, key = QUARTERLY_KEY): Promise<TemplateRow> {
  await ensureDefaultTemplate(db);
  const chain = await listAncestors(db, org);
  const depth = new Map(chain.map((o, i) => [o.id, i + 1]));
  const rows = await db.selectFrom('report_templates').selectAll().where('key', '=', key).execute();
  const usable = rows.filter((r) => r.scope_org_id == null || depth.has(r.scope_org_id));
  usable.sort((a, b) => (depth.get(b.scope_org_id ?? -1) ?? 0) - (depth.get(a.scope_org_id ?? -1) ?? 0) || b.version - a.version);
  if (!usable.length) throw new NotFound('没有可用的报告模板');
  return toRow(db, usable[0]);
}

/** Whether a user at `viewer` may read a template of this scope (its own chain or its subtree). */
async function visible(db: DbLike, viewer: Org, scopeOrgId: number | null): Promise<boolean> {
  if (scopeOrgId == null) return true;
  const scope = await getOrgById(db, scopeOrgId);
  if (!scope) return false;
  return isWithin(scope, viewer) || isWithin(viewer, scope);
}

export async function listTemplates(db: Kysely<Database>, viewer: Org): Promise<TemplateInfo[]> {
  await ensureDefaultTemplate(db);
  const rows = await db
    .selectFrom('report_templates')
    .select(['id', 'key', 'version', 'name', 'scope_org_id', 'created_at', 'created_by', 'body'])
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
  const out: TemplateInfo[] = [];
  for (const r of rows) if (await visible(db, viewer, r.scope_org_id)) out.push(await toInfo(db, r));
  return out;
}

export async function getTemplate(db: Kysely<Database>, viewer: Org, id: number): Promise<TemplateRow> {
  const r = await db.selectFrom('report_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || !(await visible(db, viewer, r.scope_org_id))) throw new NotFound('模板不存在或无权查看');
  return toRow(db, r);
}

export interface NewTemplateVersion {
  key: string;
  name: string;
  body: string;
  scope: Org;
}

/** Adds the next version of a template (the body must parse without errors). Audited. */
export async function saveTemplate(db: Kysely<Database>, actor: Actor, t: NewTemplateVersion): Promise<TemplateRow> {
  const tpl = compileTemplate(t.body);
  if (hasTemplateErrors(tpl.diagnostics)) {
    const errors = tpl.diagnostics.filter((d) => d.severity === 'error');
    throw new Invalid(`模板有 ${errors.length} 处错误，未保存：${formatDiagnostic(errors[0])}`, errors);
  }
  return db.transaction().execute(async (trx) => {
    await lockFor(trx, LOCK_TEMPLATES, 0);
    const last = await trx
      .selectFrom('report_templates')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('key', '=', t.key)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await trx
      .insertInto('report_templates')
      .values({ key: t.key, version, name: t.name, body: t.body, scope_org_id: t.scope.id, created_at: nowIso(), created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      action: 'create',
      entity: 'template',
      entityId: row.id,
      townId: t.scope.townId,
      after: { key: t.key, version, name: t.name, scope: t.scope.code },
    });
    const saved = await trx.selectFrom('report_templates').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return toRow(trx, saved);
  });
}
