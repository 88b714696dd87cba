import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ORG_KINDS, ROOT_KINDS, type OrgKind } from '../shared/roles.ts';
import { createOrg, listSubtree, getOrgByCode, type Org } from '../org/service.ts';
import { orgsChanged } from '../org/cache.ts';
import { allLedgers, type CompiledLedger } from './registry.ts';
import { actorOfPrincipal, can, type Principal } from './principal.ts';
import { afterCommit, insertNew, prepareFields, WriteRefused } from './write.ts';
import type { Written } from './hooks.ts';
import { today } from '../shared/today.ts';

/** Where an item came from, for error messages: a JSON Lines line, or an Excel sheet row. */
export interface Origin {
  line?: number;
  sheet?: string;
  row?: number;
}

export type ImportItem =
  | { type: 'org'; code: string; name: string; kind: string; parent?: string | null; profile?: Record<string, unknown> }
  | { type: 'record'; ledger: string; org: string; fields: Record<string, unknown> };

export interface ImportError extends Origin {
  field?: string;
  message: string;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  total: number;
  orgs: number;
  counts: Record<string, number>;
  errors: ImportError[];
}

export function where(o: Origin): string {
  return o.line != null ? `第 ${o.line} 行` : `工作表“${o.sheet}”第 ${o.row} 行`;
}

/** Parse JSON Lines text into items; malformed lines become errors. */
export function parseJsonLines(text: string): { items: { origin: Origin; item: unknown }[]; errors: ImportError[] } {
  const items: { origin: Origin; item: unknown }[] = [];
  const errors: ImportError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const s = raw.trim();
    if (!s) return;
    try {
      items.push({ origin: { line: i + 1 }, item: JSON.parse(s) });
    } catch {
      errors.push({ line: i + 1, message: '不是有效的 JSON（请检查引号、逗号和括号）' });
    }
  });
  return { items, errors };
}

interface OrgInfo {
  code: string;
  kind: string;
  townCode: string | null;
  path?: string;
  id?: number;
}

/**
 * Import through the one write path (./write.ts), under the same rules as the web: every row is
 * validated first (fields, the workflow's status rule); only when nothing is wrong are the rows
 * written, in one transaction, where the ledgers' write guards (e.g. the 影响期 guard on 干部任用)
 * see the whole file and a refusal of any row rolls back all of them — all or nothing, a crash
 * mid-way included. Errors name the line (or sheet row) and field. After the commit the
 * after-write work runs once for the file (the alert center recomputes the towns it touched).
 */
export async function importItems(
  db: Kysely<Database>,
  p: Principal,
  input: { origin: Origin; item: unknown }[],
  opts: { dryRun?: boolean; preErrors?: ImportError[]; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportResult> {
  const errors: ImportError[] = [...(opts.preErrors ?? [])];
  const ledgers = new Map((await allLedgers(db)).map((l) => [l.key, l]));
  // Orgs visible to the principal, plus the file's own new orgs as they appear.
  const root: Org | undefined = p.system ? undefined : p.org;
  const known = new Map<string, OrgInfo>();
  const existing = root
    ? await listSubtree(db, root)
    : (await db.selectFrom('orgs').selectAll().where('deleted_at', 'is', null).execute()).map((r) => ({
        id: r.id,
        code: r.code,
        kind: r.kind,
        townId: r.town_id,
        path: r.path,
      }));
  const byId = new Map(existing.map((o) => [o.id, o]));
  for (const o of existing)
    known.set(o.code, {
      code: o.code,
      kind: o.kind,
      townCode: o.townId ? (byId.get(o.townId)?.code ?? (await townCode(db, o.townId))) : null,
      path: o.path,
      id: o.id,
    });
  const newOrgs: { origin: Origin; item: Extract<ImportItem, { type: 'org' }> }[] = [];
  const records: { origin: Origin; l: CompiledLedger; org: OrgInfo; fields: Record<string, unknown> }[] = [];
  const counts: Record<string, number> = {};
  const t = today();

  // Closures made once, not per line (at 100 k lines their creation shows in profiles).
  let origin: Origin = {};
  let town: string | null = null;
  const err = (message: string, field?: string) => errors.push({ ...origin, ...(field ? { field } : {}), message });
  const ctx = { orgExists: (c: string) => known.get(c)?.townCode === town };
  const vopts = { isNew: true, today: t };
  for (const entry of input) {
    origin = entry.origin;
    const item = entry.item;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      err('每行须为一个 JSON 对象');
      continue;
    }
    const it = item as Record<string, unknown>;
    if (it.type === 'org') {
      const code = typeof it.code === 'string' ? it.code.trim() : '';
      const name = typeof it.name === 'string' ? it.name.trim() : '';
      const kind = String(it.kind ?? '');
      const parent = it.parent == null ? null : String(it.parent);
      if (!code) err('缺少组织代码', 'code');
      else if (known.has(code)) {
        err(`组织代码重复：${code}`, 'code');
        continue;
      }
      if (!name) err('缺少组织名称', 'name');
      const nul = `${code}${name}`.includes('\u0000');
      if (nul) err('组织代码或名称含有不可见的空字符（\\u0000），请删除后重试', 'name');
      if (!ORG_KINDS.includes(kind as OrgKind)) err(`组织类型“${kind}”无效（可选：${ORG_KINDS.join('、')}）`, 'kind');
      const par = parent ? known.get(parent) : undefined;
      if (parent && !par) err(`上级组织不存在：${parent}（上级须在本行之前或已在系统中）`, 'parent');
      if (!parent && !ROOT_KINDS.includes(kind as OrgKind)) err('只有省、市、县级组织可以没有上级', 'parent');
      if (!p.system && !p.roles.includes('admin')) err('只有系统管理员可以导入组织');
      if (code && name && !nul && ORG_KINDS.includes(kind as OrgKind) && (par || (!parent && ROOT_KINDS.includes(kind as OrgKind)))) {
        known.set(code, { code, kind, townCode: kind === 'town' ? code : (par?.townCode ?? null) });
        newOrgs.push({ origin, item: { type: 'org', code, name, kind, parent, profile: (it.profile as Record<string, unknown>) ?? undefined } });
      }
      continue;
    }
    if (it.type !== 'record') {
      err(`未知的行类型“${String(it.type ?? '')}”（应为 org 或 record）`, 'type');
      continue;
    }
    const l = ledgers.get(String(it.ledger ?? ''));
    if (!l) {
      err(`未知台账“${String(it.ledger ?? '')}”`, 'ledger');
      continue;
    }
    if (!can(p, l, 'create')) {
      err(`无权导入${l.decl.label}`, 'ledger');
      continue;
    }
    const org = known.get(String(it.org ?? ''));
    if (!org) {
      err(`组织不存在或不在您的范围内：“${String(it.org ?? '')}”`, 'org');
      continue;
    }
    if (!org.townCode) {
      err(`台账记录须登记在镇或镇以下组织：${org.code}`, 'org');
      continue;
    }
    const raw = it.fields;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      err('缺少 fields 对象', 'fields');
      continue;
    }
    town = org.townCode;
    const { fields, errors: fe } = prepareFields(l, p, raw as Record<string, unknown>, ctx, vopts);
    for (const e of fe) err(`${l.decl.label}·${e.label}：${e.message}`, e.field);
    if (fe.length === 0) {
      records.push({ origin, l, org, fields });
      counts[l.key] = (counts[l.key] ?? 0) + 1;
    }
  }

  errors.sort((a, b) => (a.line ?? a.row ?? 0) - (b.line ?? b.row ?? 0));
  const result: ImportResult = {
    ok: errors.length === 0,
    dryRun: !!opts.dryRun,
    total: records.length,
    orgs: newOrgs.length,
    counts,
    errors: errors.slice(0, 1000),
  };
  // A dry run goes as far as the write guards, inside a transaction it then rolls back.
  if (errors.length) return result;

  const actor = actorOfPrincipal(p);
  let written: Written[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const o of newOrgs) {
        const created = await createOrg(trx, actor, {
          code: o.item.code,
          name: o.item.name,
          kind: o.item.kind as OrgKind,
          parentCode: o.item.parent,
          profile: o.item.profile as never,
        });
        // Mutate in place: validated records hold a reference to this OrgInfo.
        Object.assign(known.get(created.code)!, { id: created.id, path: created.path });
      }
      const idOf = (code: string) => known.get(code)?.id;
      const townIdOf = new Map<string, number>();
      for (const code of new Set(records.map((r) => r.org.townCode!))) {
        const tid = idOf(code) ?? (await getOrgByCode(trx, code))?.id;
        if (tid) townIdOf.set(code, tid);
      }
      const recs = records.map((r) => ({
        ledger: r.l,
        org: { id: r.org.id!, path: r.org.path!, code: r.org.code },
        townId: townIdOf.get(r.org.townCode!)!,
        fields: r.fields,
      }));
      const ids = await insertNew(trx, p, recs, { orgIdOf: idOf, audit: 'batch', onProgress: opts.onProgress });
      written = recs.map((r, i) => ({ ledger: r.ledger.key, townId: r.townId, recordId: ids[i] }));
      if (opts.dryRun) throw new DryRunDone();
    });
  } catch (e) {
    if (e instanceof WriteRefused) {
      const refused = e.refusals.map((r) => {
        const rec = records[r.index];
        return { ...rec.origin, ...(r.field ? { field: r.field } : {}), message: `${rec.l.decl.label}${r.label ? `·${r.label}` : ''}：${r.message}` };
      });
      return { ...result, ok: false, errors: refused.slice(0, 1000) };
    }
    if (!(e instanceof DryRunDone)) throw e;
    return result;
  } finally {
    if (newOrgs.length) orgsChanged(db);
  }
  // After the commit, once for the whole file: e.g. the alert center recomputes each town it touched.
  await afterCommit(db, p, 'create', written);
  return result;
}

/** Thrown to roll back a dry run once the guards have seen every row. */
class DryRunDone extends Error {}

async function townCode(db: Kysely<Database>, townId: number): Promise<string | null> {
  const r = await db.selectFrom('orgs').select('code').where('id', '=', townId).executeTakeFirst();
  return r?.code ?? null;
}
