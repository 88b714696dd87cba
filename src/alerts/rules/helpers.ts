/** Shared query and message helpers of the alert rules. */
import type { Finding, RuleContext, Severity } from '../types.ts';
import type { Org } from '../../org/service.ts';
import { parseJson } from '../../db/kysely.ts';
import { decrypt, isEncrypted } from '../../ledger/secret.ts';

/** Live records of `ledger` in the checked subtree (and only ctx.recordIds when given). */
export function recordsIn(ctx: RuleContext, ledger: string) {
  const root = ctx.orgs.root;
  let q = ctx.db.selectFrom('records as r').where('r.ledger', '=', ledger).where('r.deleted_at', 'is', null).where('r.org_path', 'like', `${root.path}%`);
  if (root.townId) q = q.where('r.town_id', '=', root.townId);
  if (ctx.recordIds) q = q.where('r.id', 'in', ctx.recordIds.length ? ctx.recordIds : [-1]);
  return q;
}

/** The org an alert belongs to: the responsible org (refOrg) when it is known, else the filing org. */
export function alertOrg(ctx: RuleContext, r: { org_id: number; ref_org_id?: number | null }): Org {
  return (r.ref_org_id != null ? ctx.orgs.byId.get(r.ref_org_id) : undefined) ?? ctx.orgs.byId.get(r.org_id)!;
}

export function finding(
  rule: string,
  r: { id: number; org_id: number; town_id: number; ref_org_id?: number | null },
  ctx: RuleContext,
  o: { severity: Severity; message: string; dueOn?: string | null; suffix?: string; useRefOrg?: boolean },
): Omit<Finding, 'rule'> {
  const org = o.useRefOrg === false ? ctx.orgs.byId.get(r.org_id)! : alertOrg(ctx, r);
  return {
    key: `${rule}:${r.id}${o.suffix ? `:${o.suffix}` : ''}`,
    orgId: org.id,
    townId: r.town_id,
    recordId: r.id,
    severity: o.severity,
    message: o.message,
    dueOn: o.dueOn ?? null,
  };
}

/** 2023-09-05 → 2023年9月5日 */
export function zhDate(d: string | null | undefined): string {
  if (!d) return '';
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

export function quote(title: string, max = 40): string {
  const t = title.length > max ? `${title.slice(0, max)}…` : title;
  return `“${t}”`;
}

export function orgName(ctx: RuleContext, id: number | null | undefined): string {
  return (id != null ? ctx.orgs.byId.get(id)?.name : undefined) ?? '';
}

export interface IdRow {
  id: number;
  org_id: number;
  town_id: number;
  ref_org_id: number | null;
  title: string;
  person: string | null;
  kind: string | null;
  date3: string | null;
  status: string | null;
  data: Record<string, unknown>;
  /** The decrypted ID number, when the record has one. */
  idNumber: string | null;
}

/** Records of a ledger with their data parsed and the ID number decrypted (memoised per computation). */
export function loadWithIds(ctx: RuleContext, ledger: string): Promise<IdRow[]> {
  const load = async () => {
    const rows = await recordsIn(ctx, ledger)
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.person', 'r.kind', 'r.date3', 'r.status', 'r.data'])
      .where('r.date_on', '<=', ctx.date)
      .execute();
    return rows.map((r) => {
      const data = parseJson<Record<string, unknown>>(r.data);
      const enc = data.idNumber;
      let idNumber: string | null = null;
      if (typeof enc === 'string') {
        try {
          idNumber = (isEncrypted(enc) ? decrypt(enc) : enc).toUpperCase();
        } catch {
          idNumber = null; // a value encrypted under another key: treated as absent
        }
      }
      return { ...r, data, idNumber };
    });
  };
  return ctx.recordIds ? load() : ctx.memo(`ids:${ledger}:${ctx.date}`, load);
}
