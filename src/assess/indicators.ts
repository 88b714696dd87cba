/**
 * A county's assessment indicators: stored in the `indicators` table (scope_org_id = the
 * county), seeded from the default set the first time the county's assessment is used, edited
 * by its county reviewers. Every change is audited.
 */
import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, IndicatorTable } from '../db/schema.ts';
import { nowIso } from '../db/kysely.ts';
import { advisoryXactLock } from '../db/dialect.ts';
import { audit, type Actor } from '../audit/log.ts';
import { getSetting, putSetting } from '../auth/settings.ts';
import { getMetric } from '../metrics/catalog.ts';
import { getOrgById, listAncestors, type Org } from '../org/service.ts';
import { Invalid, NotFound } from '../util/errors.ts';
import { DEFAULT_INDICATORS } from './defaults.ts';
import { ASSESS_LINES, COMPARATORS, SCORINGS, VETO_MODES, type AssessSettings, type Indicator, type IndicatorDef } from './types.ts';

type Db = Kysely<Database> | Transaction<Database>;
const SETTINGS_KEY = 'assessment';
type Stored = AssessSettings & { seeded: boolean };
const DEFAULT_SETTINGS: Stored = { vetoMode: 'flag', seeded: false };

/** The county an org belongs to (itself for a county). */
export async function countyOf(db: Db, org: Org): Promise<Org | undefined> {
  if (org.kind === 'county') return org;
  return (await listAncestors(db, org)).reverse().find((o) => o.kind === 'county');
}

function toIndicator(r: Selectable<IndicatorTable>, county: string): Indicator {
  return {
    id: r.id,
    county,
    period: r.period,
    line: r.line as Indicator['line'],
    name: r.name,
    metric: r.metric,
    comparator: r.comparator as Indicator['comparator'],
    target: Number(r.target),
    weight: Number(r.weight),
    scoring: r.scoring as Indicator['scoring'],
    veto: Number(r.veto) === 1,
    perQuarter: Number(r.per_quarter) === 1,
    note: r.note,
    sort: Number(r.sort),
  };
}

const toRow = (d: IndicatorDef) => ({
  line: d.line,
  name: d.name.trim(),
  metric: d.metric,
  comparator: d.comparator,
  target: d.target,
  weight: d.weight,
  scoring: d.scoring,
  veto: d.veto ? 1 : 0,
  per_quarter: d.perQuarter ? 1 : 0,
  note: d.note?.trim() || null,
});

export async function getAssessSettings(db: Db, county: Org): Promise<AssessSettings> {
  const s = await getSetting<Stored>(db as Kysely<Database>, SETTINGS_KEY, DEFAULT_SETTINGS, county.id);
  return { vetoMode: VETO_MODES.includes(s.vetoMode) ? s.vetoMode : 'flag' };
}

export async function putAssessSettings(db: Kysely<Database>, actor: Actor, county: Org, patch: AssessSettings): Promise<AssessSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await getSetting<Stored>(trx, SETTINGS_KEY, DEFAULT_SETTINGS, county.id);
    const after = { ...before, vetoMode: patch.vetoMode };
    await putSetting(trx, SETTINGS_KEY, after, actor.id, county.id);
    await audit(trx, actor, {
      action: 'update',
      entity: 'assessmentSettings',
      entityId: county.code,
      before: { vetoMode: before.vetoMode },
      after: { vetoMode: after.vetoMode },
    });
    return { vetoMode: after.vetoMode };
  });
}

/** Copy the default indicator set to a county once (a county that deleted them all keeps none). */
export async function ensureDefaults(db: Kysely<Database>, county: Org, actor: Actor): Promise<void> {
  const s = await getSetting<Stored>(db, SETTINGS_KEY, DEFAULT_SETTINGS, county.id);
  if (s.seeded) return;
  await db.transaction().execute(async (trx) => {
    await advisoryXactLock(trx, 7355609, county.id);
    const again = await getSetting<Stored>(trx, SETTINGS_KEY, DEFAULT_SETTINGS, county.id);
    if (again.seeded) return;
    const now = nowIso();
    await trx
      .insertInto('indicators')
      .values(DEFAULT_INDICATORS.map((d, i) => ({ ...toRow(d), scope_org_id: county.id, period: '*', sort: (i + 1) * 10, created_at: now, updated_at: now })))
      .execute();
    await putSetting(trx, SETTINGS_KEY, { ...again, seeded: true }, actor.id, county.id);
    await audit(trx, actor, {
      action: 'seed',
      entity: 'indicator',
      entityId: county.code,
      note: `写入默认考核指标 ${DEFAULT_INDICATORS.length} 项`,
      after: { count: DEFAULT_INDICATORS.length },
    });
  });
}

/** The county's indicators; with a period, those that apply to it ('*' and that quarter). */
export async function listIndicators(db: Db, county: Org, period?: string): Promise<Indicator[]> {
  return (await indicatorsOf(db, [county], period))[0];
}

/** The same for several counties in one read (a city's or a province's dashboard), in their order. */
export async function indicatorsOf(db: Db, counties: Org[], period?: string): Promise<Indicator[][]> {
  if (!counties.length) return [];
  let q = db
    .selectFrom('indicators')
    .selectAll()
    .where(
      'scope_org_id',
      'in',
      counties.map((c) => c.id),
    );
  if (period) q = q.where('period', 'in', [period, '*']);
  const rows = await q.orderBy('sort').orderBy('id').execute();
  return counties.map((c) => rows.filter((r) => r.scope_org_id === c.id).map((r) => toIndicator(r, c.code)));
}

/** Business checks the request schema cannot make (the metric exists, the numbers make sense). */
export function checkIndicator(d: IndicatorDef): void {
  const m = getMetric(d.metric);
  if (!m) throw new Invalid(`指标“${d.name}”引用的统计口径不存在：${d.metric}`);
  if (!ASSESS_LINES.includes(d.line)) throw new Invalid(`条线无效：${d.line}`);
  if (!COMPARATORS.includes(d.comparator)) throw new Invalid(`比较方式无效：${d.comparator}`);
  if (!SCORINGS.includes(d.scoring)) throw new Invalid(`计分方式无效：${d.scoring}`);
  if (!(d.weight > 0 && d.weight <= 100)) throw new Invalid(`“${d.name}”的分值须大于 0 且不超过 100`);
  if (!Number.isFinite(d.target) || d.target < 0) throw new Invalid(`“${d.name}”的目标值须为不小于 0 的数`);
  const isRate = m.unit === '％';
  if (isRate && d.target > 1) throw new Invalid(`“${d.name}”是比率指标，目标值应在 0 到 1 之间（如 0.9 表示 90%）`);
  if (isRate && d.perQuarter) throw new Invalid(`“${d.name}”是比率指标，不能按季度累计目标`);
}

/** The county an indicator belongs to (its scope org), or undefined when there is no such indicator. */
export async function indicatorCounty(db: Db, id: number): Promise<Org | undefined> {
  const row = await db.selectFrom('indicators').select('scope_org_id').where('id', '=', id).executeTakeFirst();
  return row?.scope_org_id != null ? getOrgById(db, row.scope_org_id) : undefined;
}

export async function getIndicator(db: Db, county: Org, id: number): Promise<Indicator> {
  const r = await db.selectFrom('indicators').selectAll().where('id', '=', id).where('scope_org_id', '=', county.id).executeTakeFirst();
  if (!r) throw new NotFound(`考核指标不存在：${id}`);
  return toIndicator(r, county.code);
}

export async function createIndicator(
  db: Kysely<Database>,
  actor: Actor,
  county: Org,
  d: IndicatorDef & { period: string; sort?: number },
): Promise<Indicator> {
  checkIndicator(d);
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('indicators')
      .select((eb) => eb.fn.max('sort').as('s'))
      .where('scope_org_id', '=', county.id)
      .executeTakeFirst();
    const now = nowIso();
    const { id } = await trx
      .insertInto('indicators')
      .values({ ...toRow(d), scope_org_id: county.id, period: d.period, sort: d.sort ?? Number(last?.s ?? 0) + 10, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ind = await getIndicator(trx, county, id);
    await audit(trx, actor, { action: 'create', entity: 'indicator', entityId: id, after: ind });
    return ind;
  });
}

export async function updateIndicator(
  db: Kysely<Database>,
  actor: Actor,
  county: Org,
  id: number,
  patch: Partial<IndicatorDef> & { period?: string; sort?: number },
): Promise<Indicator> {
  return db.transaction().execute(async (trx) => {
    const before = await getIndicator(trx, county, id);
    const next: IndicatorDef & { period: string; sort: number } = {
      ...before,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    checkIndicator(next);
    await trx
      .updateTable('indicators')
      .set({ ...toRow(next), period: next.period, sort: next.sort, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    const after = await getIndicator(trx, county, id);
    await audit(trx, actor, { action: 'update', entity: 'indicator', entityId: id, before, after });
    return after;
  });
}

export async function deleteIndicator(db: Kysely<Database>, actor: Actor, county: Org, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getIndicator(trx, county, id);
    await trx.deleteFrom('indicators').where('id', '=', id).execute();
    await audit(trx, actor, { action: 'delete', entity: 'indicator', entityId: id, before });
  });
}
