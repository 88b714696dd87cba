/**
 * Export a filtered ledger list (the list API's ListQuery, scoped to the principal) to .xlsx in
 * the 台账 layout or to JSON Lines in the interchange format. Sensitive values are masked
 * unless a system principal asks for `reveal`. Rows are streamed in chunks: memory stays flat
 * however large the ledger. The rows may be read from the read replica (`db`) while the audit
 * entry goes to the primary (`writeDb`): docs/scale.md, "Read replica".
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseJson } from '../db/kysely.ts';
import { audit } from '../audit/log.ts';
import { Forbidden } from '../util/errors.ts';
import { listAncestors, listSubtree, toOrg, type Org } from '../org/service.ts';
import { listBase, type ListQuery } from './list.ts';
import { requireLedger } from './operations.ts';
import { today } from '../shared/today.ts';
import { actorOfPrincipal, type Principal } from './principal.ts';
import type { CompiledLedger } from './registry.ts';
import { fromData } from './storage.ts';
import { sheetFields } from './excel/cells.ts';
import { writeLedgerXlsx, type ExportRow } from './excel/write.ts';

export type ExportFormat = 'xlsx' | 'jsonl';

export interface ExportOptions {
  format: ExportFormat;
  /** ID numbers and sensitive fields in clear: system principal only (CLI --reveal). */
  reveal?: boolean;
  /** JSON Lines: org lines first (ancestors and subtree), so the file imports into an empty database. */
  withOrgs?: boolean;
  /**
   * Where the export's audit entry is written: the primary, when `db` is the read replica's
   * handle (`readDb(req)`, docs/scale.md). Defaults to `db`.
   */
  writeDb?: Kysely<Database>;
}

export interface PreparedExport {
  title: string;
  fileName: string;
  contentType: string;
  /** Writes the whole file, ends `out`, and returns the number of records. */
  write(out: Writable): Promise<number>;
}

const CHUNK = 1000;
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** The CLI's principal: the system, rooted at the county (or every org when there are several). */
export async function systemPrincipal(db: Kysely<Database>): Promise<Principal> {
  const roots = await db.selectFrom('orgs').selectAll().where('parent_id', 'is', null).where('deleted_at', 'is', null).orderBy('id').limit(2).execute();
  const org: Org =
    roots.length === 1 ? toOrg(roots[0]) : { id: 0, code: '', name: '全部组织', kind: 'county', parentId: null, townId: null, path: '/', profile: {}, sort: 0 };
  return { id: null, username: 'cli', roles: [], org, system: true };
}

async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

async function orgLines(db: Kysely<Database>, root: Org): Promise<string[]> {
  const orgs = root.id
    ? [...(await listAncestors(db, root)).slice(0, -1), ...(await listSubtree(db, root))]
    : (await db.selectFrom('orgs').selectAll().where('deleted_at', 'is', null).orderBy('path').execute()).map(toOrg);
  const codeOf = new Map(orgs.map((o) => [o.id, o.code]));
  return orgs.map((o) => {
    const hasProfile = Object.keys(o.profile ?? {}).length > 0;
    return `${JSON.stringify({ type: 'org', code: o.code, name: o.name, kind: o.kind, parent: o.parentId ? (codeOf.get(o.parentId) ?? null) : null, ...(hasProfile ? { profile: o.profile } : {}) })}\n`;
  });
}

export async function prepareExport(db: Kysely<Database>, p: Principal, ledger: string, q: ListQuery, o: ExportOptions): Promise<PreparedExport> {
  const l = await requireLedger(db, p, ledger, 'read');
  if (o.reveal && !p.system) throw new Forbidden('只有系统管理命令可以导出明文身份证号等敏感信息');
  const root = q.org ?? p.org;
  const date = today();
  const title = `${root.name}${l.decl.label}台账（导出于 ${date}）`;
  const fileName = `${root.name}${l.decl.label}台账-${date}.${o.format}`;
  return {
    title,
    fileName,
    contentType: CONTENT_TYPES[o.format],
    async write(out) {
      const ids = (await listBase(db, l, p, q).select('r.id').orderBy('r.date_on').orderBy('r.id').execute()).map((r) => r.id);
      const names = new Map<string, string>();
      const rows = exportRows(db, l, ids, !!o.reveal, names);
      let n = 0;
      if (o.format === 'xlsx') {
        n = await writeLedgerXlsx(out, l, title, rows, (c) => names.get(c));
      } else {
        if (o.withOrgs) for (const line of await orgLines(db, root)) await writeLine(out, line);
        for await (const r of rows) {
          n++;
          await writeLine(out, `${JSON.stringify({ type: 'record', ledger: l.key, org: r.orgCode, fields: r.fields })}\n`);
        }
        out.end();
      }
      await audit(o.writeDb ?? db, actorOfPrincipal(p), {
        action: 'export',
        entity: 'ledger',
        entityId: l.key,
        townId: root.townId,
        note: `导出${l.decl.label} ${n} 条（${o.format}${o.reveal ? '，含明文敏感信息' : '，敏感信息已脱敏'}）`,
        after: { org: root.code, format: o.format, reveal: !!o.reveal, count: n, filters: { ...q, org: root.code } },
      });
      return n;
    },
  };
}

/** Records by id in list order, a chunk at a time, with org names of org fields looked up per chunk. */
async function* exportRows(db: Kysely<Database>, l: CompiledLedger, ids: number[], reveal: boolean, names: Map<string, string>): AsyncGenerator<ExportRow> {
  const fields = sheetFields(l);
  const orgFields = fields.filter((f) => f.kind === 'org').map((f) => f.key);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rs = await db
      .selectFrom('records')
      .innerJoin('orgs', 'orgs.id', 'records.org_id')
      .select(['records.id', 'records.data', 'orgs.code as org_code', 'orgs.name as org_name'])
      .where('records.id', 'in', chunk)
      .execute();
    const byId = new Map(rs.map((r) => [r.id, r]));
    const out: ExportRow[] = [];
    for (const id of chunk) {
      const r = byId.get(id);
      if (!r) continue;
      const all = fromData(l, parseJson(r.data), { reveal });
      const kept: Record<string, unknown> = {};
      for (const f of fields) if (all[f.key] !== undefined && all[f.key] !== null && all[f.key] !== '') kept[f.key] = all[f.key];
      out.push({ orgCode: r.org_code, orgName: r.org_name, fields: kept });
    }
    const missing = [...new Set(out.flatMap((r) => orgFields.map((k) => r.fields[k]).filter((c): c is string => typeof c === 'string' && !names.has(c))))];
    for (let j = 0; j < missing.length; j += 500) {
      const found = await db
        .selectFrom('orgs')
        .select(['code', 'name'])
        .where('code', 'in', missing.slice(j, j + 500))
        .execute();
      for (const f of found) names.set(f.code, f.name);
    }
    yield* out;
  }
}
