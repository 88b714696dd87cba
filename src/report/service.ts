/**
 * Quarterly reports of a town: the draft (numbers live from the ledgers, narrative editable by
 * the secretary and, for their part, the line roles), the checker, submission (frozen: model,
 * metric values with record ids, narrative, template, text and .docx) and the county review.
 * Every change is audited in the transaction that makes it.
 */
import type { Kysely } from 'kysely';
import type { Database, ReportTable } from '../db/schema.ts';
import { nowIso, parseJson } from '../db/kysely.ts';
import { audit } from '../audit/log.ts';
import { getOrgByCode, getOrgById, type Org } from '../org/service.ts';
import { actorOfPrincipal, type Principal } from '../ledger/principal.ts';
import type { Role } from '../shared/roles.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../util/errors.ts';
import { computeMetrics } from '../metrics/engine.ts';
import { parsePeriod, previousPeriod } from '../metrics/period.ts';
import type { MetricValue } from '../metrics/types.ts';
import { checkText, subjectFromOrg, type CheckFinding } from '../check/index.ts';
import { ledgerData } from '../check/ledger-data.ts';
import { generateReport, narrativeFields, type NarrativeField } from './template/generate.ts';
import { today } from '../shared/today.ts';
import { LOCK_REPORT, effectiveTemplate, getTemplate, lockFor, type TemplateRow } from './template/store.ts';
import { renderText } from './render/text.ts';
import { renderReportDocx } from './render/official.ts';
import type { ReportModel } from './render/model.ts';
import { isWithin, pathWithin } from '../access/subtree.ts';

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export const STATUS_LABELS: Record<ReportStatus, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', accepted: '已通过' };
export const REPORT_ROLES: readonly Role[] = ['secretary', 'discipline', 'organization', 'publicity', 'legal', 'countyReviewer'];
const TOWN_ROLES: readonly Role[] = ['secretary', 'discipline', 'organization', 'publicity', 'legal'];

/** What a submission freezes (report_versions.frozen). */
export interface Frozen {
  model: ReportModel;
  values: Record<string, MetricValue>;
  narrative: Record<string, string>;
  template: { id: number; key: string; version: number; name: string; body: string };
  text: string;
}

export interface LoadedReport {
  row: Omit<ReportTable, 'id'> & { id: number };
  org: Org;
}

const has = (p: Principal, ...roles: Role[]) => p.roles.some((r) => roles.includes(r));
export const isTownUser = (p: Principal) => has(p, ...TOWN_ROLES);
export const isReviewer = (p: Principal) => has(p, 'countyReviewer') && p.org.kind === 'county';

function requireRoles(p: Principal, roles: readonly Role[], what: string): void {
  if (!p.system && !has(p, ...roles)) throw new Forbidden(`当前角色无权${what}`);
}

/** May `p` see this report? Town roles in its subtree; county reviewers once it has been submitted. */
function canView(p: Principal, org: Org, status: string): boolean {
  if (p.system) return true;
  if (!isWithin(org, p.org)) return false;
  return isTownUser(p) || (isReviewer(p) && status !== 'draft');
}

export async function loadReport(db: Kysely<Database>, p: Principal, id: number): Promise<LoadedReport> {
  requireRoles(p, REPORT_ROLES, '查看报告');
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  const org = row ? await getOrgById(db, row.org_id) : undefined;
  if (!row || !org || !canView(p, org, row.status)) throw new NotFound('报告不存在或无权查看');
  return { row, org };
}

export const isEditable = (status: string) => status === 'draft' || status === 'returned';
export const isFrozen = (status: string) => status === 'submitted' || status === 'accepted';
/** Whether `p` is shown the latest frozen version: once submitted; for the county also while the town revises a returned one. */
export const showsFrozen = (p: Principal, status: string) => isFrozen(status) || (status === 'returned' && !isTownUser(p));

/** Reports visible to the user, newest period first. */
export async function listReports(db: Kysely<Database>, p: Principal, q: { org?: Org; period?: string }) {
  requireRoles(p, REPORT_ROLES, '查看报告');
  const root = q.org ?? p.org;
  let query = db
    .selectFrom('reports as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.period', 'r.status', 'r.updated_at', 'o.code', 'o.name', 'o.path'])
    .where(pathWithin('o.path', root))
    .orderBy('r.period', 'desc')
    .orderBy('o.sort')
    .orderBy('o.code');
  if (q.period) query = query.where('r.period', '=', q.period);
  const rows = (await query.execute()).filter((r) => isTownUser(p) || r.status !== 'draft');
  const ids = rows.map((r) => r.id);
  const versions = ids.length
    ? await db.selectFrom('report_versions').select(['report_id', 'version', 'submitted_at', 'review_status']).where('report_id', 'in', ids).orderBy('version', 'desc').execute()
    : [];
  return rows.map((r) => {
    const v = versions.find((x) => x.report_id === r.id);
    const status = r.status as ReportStatus;
    return { id: r.id, org: { code: r.code, name: r.name }, period: r.period, status, statusLabel: STATUS_LABELS[status], updatedAt: r.updated_at, version: v?.version ?? null, submittedAt: v?.submitted_at ?? null };
  });
}

/** Opens (creates if needed) the draft of a town for a period. */
export async function openReport(db: Kysely<Database>, p: Principal, orgCode: string, period: string): Promise<number> {
  requireRoles(p, TOWN_ROLES, '编写报告');
  parsePeriod(period);
  const org = await getOrgByCode(db, orgCode);
  if (!org || !isWithin(org, p.org)) throw new NotFound(`组织不存在或不在您的范围内：${orgCode}`);
  if (org.kind !== 'town') throw new Invalid(`季度报告按镇（街道）编写，${org.name}不是镇`);
  const existing = await db.selectFrom('reports').select('id').where('org_id', '=', org.id).where('period', '=', period).executeTakeFirst();
  if (existing) return existing.id;
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row = await trx
      .insertInto('reports')
      .values({ town_id: org.townId ?? org.id, org_id: org.id, period, status: 'draft', template_id: null, narrative: '{}', created_at: now, created_by: p.id, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actorOfPrincipal(p), { action: 'create', entity: 'report', entityId: row.id, townId: org.townId, after: { org: org.code, period } });
    return row.id;
  });
}

async function templateOf(db: Kysely<Database>, r: LoadedReport): Promise<TemplateRow> {
  return r.row.template_id ? getTemplate(db, r.org, r.row.template_id) : effectiveTemplate(db, r.org);
}

/** Live generation of a draft from the ledgers and its narrative. */
export async function liveReport(db: Kysely<Database>, r: LoadedReport, o: { provenance?: boolean; values?: Record<string, MetricValue>; date?: string } = {}) {
  const t = await templateOf(db, r);
  const narrative = parseJson<Record<string, string>>(r.row.narrative);
  const g = await generateReport(db, r.org, r.row.period, { template: { body: t.body, id: t.id, version: t.version }, narrative, ...o });
  return { ...g, templateRow: t, narrative };
}

export async function versionRow(db: Kysely<Database>, reportId: number, version?: number) {
  let q = db.selectFrom('report_versions').selectAll().where('report_id', '=', reportId);
  q = version ? q.where('version', '=', version) : q.orderBy('version', 'desc').limit(1);
  const v = await q.executeTakeFirst();
  if (!v && version) throw new NotFound(`报告没有第 ${version} 版`);
  return v;
}

export async function frozenOf(db: Kysely<Database>, reportId: number, version?: number): Promise<{ version: number; frozen: Frozen } | null> {
  const v = await versionRow(db, reportId, version);
  return v ? { version: v.version, frozen: parseJson<Frozen>(v.frozen) } : null;
}

/** The model to show: a given version, the latest frozen one once submitted (see showsFrozen), else live. */
export async function currentModel(db: Kysely<Database>, p: Principal, r: LoadedReport, version?: number, provenance = false): Promise<{ model: ReportModel; version: number | null }> {
  if (version || showsFrozen(p, r.row.status)) {
    const f = await frozenOf(db, r.row.id, version);
    if (f) return { model: f.frozen.model, version: f.version };
  }
  return { model: (await liveReport(db, r, { provenance })).model, version: null };
}

/** Who may edit a narrative field: the secretary any, a line role its own line. */
export function canEditField(p: Principal, f: Pick<NarrativeField, 'line'>): boolean {
  return has(p, 'secretary') || (f.line !== 'general' && has(p, f.line as Role));
}

export async function updateNarrative(db: Kysely<Database>, p: Principal, id: number, patch: Record<string, string | null>): Promise<void> {
  const r = await loadReport(db, p, id);
  requireRoles(p, TOWN_ROLES, '编辑报告');
  if (!isEditable(r.row.status)) throw new Conflict(`报告${STATUS_LABELS[r.row.status as ReportStatus]}，不能修改；如需修改请等待县级退回`);
  const t = await templateOf(db, r);
  const fields = new Map(narrativeFields(await generateReport(db, r.org, r.row.period, { template: { body: t.body, id: t.id, version: t.version }, values: {} })).map((f) => [f.key, f]));
  const clean: Record<string, string | null> = {};
  for (const [key, text] of Object.entries(patch)) {
    const f = fields.get(key);
    if (!f) throw new Invalid(`模板中没有叙述段落“${key}”`);
    if (!canEditField(p, f)) throw new Forbidden(`当前角色无权修改“${f.label}”`);
    clean[key] = text === null ? null : text.replace(/\r\n?/g, '\n').slice(0, 20000);
  }
  await db.transaction().execute(async (trx) => {
    await lockFor(trx, LOCK_REPORT, id);
    const cur = await trx.selectFrom('reports').select(['status', 'narrative']).where('id', '=', id).executeTakeFirstOrThrow();
    if (!isEditable(cur.status)) throw new Conflict('报告已提交，不能修改');
    // Merge into the stored narrative as it is now: two line roles may save at the same time.
    const before = parseJson<Record<string, string>>(cur.narrative);
    const after = { ...before };
    for (const [key, text] of Object.entries(clean)) {
      if (text === null) delete after[key];
      else after[key] = text;
    }
    await trx.updateTable('reports').set({ narrative: JSON.stringify(after), updated_at: nowIso() }).where('id', '=', id).execute();
    await audit(trx, actorOfPrincipal(p), { action: 'update', entity: 'report', entityId: id, townId: r.org.townId, before: { narrative: before }, after: { narrative: after } });
  });
}

/** Runs the report checker on the text of the report as it stands. */
export async function checkReport(db: Kysely<Database>, p: Principal, id: number, version?: number): Promise<{ findings: CheckFinding[]; text: string }> {
  const r = await loadReport(db, p, id);
  const { model } = await currentModel(db, p, r, version);
  const text = renderText(model);
  const subject = await subjectFromOrg(db, r.org.code);
  // A draft's own numbers come from the ledgers; comparing catches numbers typed into its narratives.
  const data = version === undefined && isEditable(r.row.status) ? await ledgerData(db, r.org, r.row.period) : undefined;
  return { findings: checkText(text, { subject, period: r.row.period, data }), text };
}

/** Submits the report: freezes everything into the next version. Secretary only. */
export async function submitReport(db: Kysely<Database>, p: Principal, id: number, date = today()): Promise<number> {
  const r = await loadReport(db, p, id);
  requireRoles(p, ['secretary'], '提交报告（仅镇党委书记）');
  if (!isEditable(r.row.status)) throw new Conflict(`报告${STATUS_LABELS[r.row.status as ReportStatus]}，不能重复提交`);
  const values = (await computeMetrics(db, r.org, r.row.period, { provenance: true })).values;
  const live = await liveReport(db, r, { values, date });
  const final = live.model;
  const text = renderText(final);
  const docx = await renderReportDocx(final);
  const t = live.templateRow;
  const frozen: Frozen = { model: final, values, narrative: live.narrative, template: { id: t.id, key: t.key, version: t.version, name: t.name, body: t.body }, text };
  return db.transaction().execute(async (trx) => {
    await lockFor(trx, LOCK_REPORT, id);
    const cur = await trx.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    if (!isEditable(cur.status)) throw new Conflict('报告已被提交');
    const last = await trx.selectFrom('report_versions').select((eb) => eb.fn.max('version').as('v')).where('report_id', '=', id).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx
      .insertInto('report_versions')
      .values({ report_id: id, town_id: r.row.town_id, version, template_id: t.id, frozen: JSON.stringify(frozen), docx: new Uint8Array(docx), submitted_at: nowIso(), submitted_by: p.id, review_status: null, review_comment: null, reviewed_at: null, reviewed_by: null })
      .execute();
    await trx.updateTable('reports').set({ status: 'submitted', updated_at: nowIso() }).where('id', '=', id).execute();
    await audit(trx, actorOfPrincipal(p), { action: 'submit', entity: 'report', entityId: id, townId: r.org.townId, after: { version, period: r.row.period, template: `${t.key} v${t.version}`, facts: final.facts.length } });
    return version;
  });
}

/** The county reviewer returns (with a comment) or accepts the latest submitted version. */
export async function reviewReport(db: Kysely<Database>, p: Principal, id: number, version: number, decision: 'return' | 'accept', comment: string): Promise<void> {
  const r = await loadReport(db, p, id);
  if (!isReviewer(p)) throw new Forbidden('只有县级审核人员可以审核报告');
  if (decision === 'return' && !comment.trim()) throw new Invalid('退回时请填写退回意见');
  await db.transaction().execute(async (trx) => {
    await lockFor(trx, LOCK_REPORT, id);
    const cur = await trx.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    const v = await trx.selectFrom('report_versions').select(['id', 'version', 'review_status']).where('report_id', '=', id).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (cur.status !== 'submitted' || !v || v.review_status) throw new Conflict('该报告当前没有待审核的版本');
    if (v.version !== version) throw new Conflict(`只能审核最新提交的第 ${v.version} 版`);
    const status = decision === 'return' ? 'returned' : 'accepted';
    await trx.updateTable('report_versions').set({ review_status: status, review_comment: comment.trim() || null, reviewed_at: nowIso(), reviewed_by: p.id }).where('id', '=', v.id).execute();
    await trx.updateTable('reports').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    await audit(trx, actorOfPrincipal(p), { action: decision === 'return' ? 'return' : 'accept', entity: 'report', entityId: id, townId: r.org.townId, after: { version, status }, note: comment.trim() || null });
  });
}

export async function versionDocx(db: Kysely<Database>, p: Principal, id: number, version: number): Promise<{ bytes: Buffer; filename: string }> {
  const r = await loadReport(db, p, id);
  const v = await versionRow(db, id, version);
  if (!v?.docx) throw new NotFound('该版本没有 Word 文件');
  return { bytes: Buffer.from(v.docx), filename: `${r.row.period}-${r.org.name}-第${version}版.docx` };
}

/** Last quarter's frozen numbers of the same town (latest version), for comparison. */
export async function previousFacts(db: Kysely<Database>, r: LoadedReport) {
  const prev = previousPeriod(parsePeriod(r.row.period)).id;
  const row = await db.selectFrom('reports').select('id').where('org_id', '=', r.org.id).where('period', '=', prev).executeTakeFirst();
  const f = row ? await frozenOf(db, row.id) : null;
  if (!f) return null;
  return { period: prev, reportId: row!.id, version: f.version, facts: Object.fromEntries(f.frozen.model.facts.map((x) => [x.metric, { value: x.value, text: x.text }])) };
}
