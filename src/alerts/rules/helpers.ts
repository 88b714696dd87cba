/** Shared query and message helpers of the alert rules. */
import { type RawBuilder } from 'kysely';
import { groupConcat, jsonNumber as dialectJsonNumber, jsonText as dialectJsonText } from '../../db/dialect.ts';
import type { AlertFinding, RuleContext, Severity } from '../types.ts';
import type { Org } from '../../org/service.ts';
import { decrypt, isEncrypted } from '../../ledger/secret.ts';
import { addDays } from '../../shared/dates.ts';
import { scopedRecords, systemFor } from '../../access/records.ts';

/** Live records of the checked subtree: rules run as the system, with the org scope of the checked root. */
export function liveRecords(ctx: RuleContext) {
  return scopedRecords(ctx.db, systemFor(ctx.orgs.root));
}

/** Live records of `ledger` in the checked subtree (and only ctx.recordIds when given). */
export function recordsIn(ctx: RuleContext, ledger: string) {
  let q = liveRecords(ctx).where('r.ledger', '=', ledger);
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
): Omit<AlertFinding, 'rule'> {
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

/** A text value from the JSON `data` column of `records as r`, in SQL (json_extract / #>>). */
export function jsonText(ctx: RuleContext, ...path: string[]): RawBuilder<string | null> {
  return dialectJsonText(ctx.db, ...path);
}

/** Decrypt the ID numbers of some records (by id), in chunks: only for the few candidates of a match. */
export async function idNumbersOf(ctx: RuleContext, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('records as r')
      .select(['r.id', jsonText(ctx, 'idNumber').as('enc')])
      .where('r.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      if (typeof r.enc !== 'string') continue;
      try {
        out.set(r.id, (isEncrypted(r.enc) ? decrypt(r.enc) : r.enc).toUpperCase());
      } catch {
        // encrypted under another key: treated as absent
      }
    }
  }
  return out;
}

/** A number from the JSON `data` column of `records as r`, in SQL. */
export function jsonNumber(ctx: RuleContext, ...path: string[]): RawBuilder<number | null> {
  return dialectJsonNumber(ctx.db, ...path);
}

/** Comma-joined values of a text column per group (group_concat / string_agg). */
export function joined(ctx: RuleContext, column: string): RawBuilder<string> {
  return groupConcat(ctx.db, column);
}

export interface RosterRow {
  id: number;
  org_id: number;
  town_id: number;
  ref_org_id: number | null;
  title: string;
  date3: string | null;
  status: string | null;
  birth: string | null;
  hash: string | null;
  /** Has an ID number (encrypted) in its data. */
  hasId: number | null;
}

/** The party-member roster up to the date, with the ID number's birth date and blind index: one pass shared by the data rules. */
export function roster(ctx: RuleContext): Promise<RosterRow[]> {
  const load = async () => {
    const rows = await recordsIn(ctx, 'partyMember')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.date3', 'r.status', jsonText(ctx, '_derived').as('derived')])
      .where('r.date_on', '<=', ctx.date)
      .orderBy('r.id')
      .execute();
    return rows.map(({ derived, ...r }): RosterRow => {
      // `_derived` exists exactly when the record has an ID number (its birth date, and its blind index once written).
      const d = derived ? (JSON.parse(derived) as Record<string, string>) : null;
      return { ...r, birth: d?.idNumberBirth ?? null, hash: d?.idNumberHash ?? null, hasId: d ? 1 : 0 };
    });
  };
  return ctx.recordIds ? load() : ctx.memo(`roster:${ctx.date}`, load);
}

/** What a petition's 办理期限 is computed from (promoted columns plus the extension days). */
export interface PetitionDates {
  date_on: string | null;
  /** acceptedOn */
  date2: string | null;
  /** extensionApproved */
  flag: number | null;
  extensionDays: number | null;
}

/**
 * 《信访工作条例》第三十四条: 60 days from 受理, plus an approved extension of at most 30 days
 * (the recorded days, or the most when none are recorded). Without an acceptance date the
 * registration date stands in, and the alert says so (docs/domain.md, § 信访).
 */
export function petitionDeadline(
  r: PetitionDates,
  params: Record<string, number>,
): { due: string; base: string; fromRegistration: boolean; extension: number } {
  const fromRegistration = !r.date2;
  const base = r.date2 ?? r.date_on!;
  const max = params.maxExtensionDays ?? 30;
  const extension = r.flag ? Math.min(r.extensionDays && r.extensionDays > 0 ? r.extensionDays : max, max) : 0;
  return { due: addDays(base, params.closeDays + extension), base, fromRegistration, extension };
}

/** “（2023年1月5日受理）” or “（未录入受理日期，按2023年1月1日登记起算）”, plus the extension. */
export function petitionBasis(d: ReturnType<typeof petitionDeadline>): string {
  const from = d.fromRegistration ? `未录入受理日期，按${zhDate(d.base)}登记起算` : `${zhDate(d.base)}受理`;
  return `（${from}${d.extension ? `，经批准延长${d.extension}日` : ''}）`;
}

/** Petitions of the subtree registered by the date and not closed by it, with what their deadline needs. */
export async function openPetitions(ctx: RuleContext, latestBase: string) {
  const rows = await recordsIn(ctx, 'petition')
    .select(['r.id', 'r.org_id', 'r.town_id', 'r.title', 'r.date_on', 'r.date2', 'r.flag', 'r.person', jsonNumber(ctx, 'extensionDays').as('extensionDays')])
    .where('r.date_on', '<=', ctx.date)
    .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '!=', 'closed'), eb('r.done_on', 'is', null), eb('r.done_on', '>', ctx.date)]))
    // Prefilter: the deadline counts from the acceptance (or registration) date, which lies on or before latestBase.
    .where((eb) => eb.or([eb('r.date2', '<=', latestBase), eb.and([eb('r.date2', 'is', null), eb('r.date_on', '<=', latestBase)])]))
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ ...r, deadline: petitionDeadline(r, ctx.params) }));
}
