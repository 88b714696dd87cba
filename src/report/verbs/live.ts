/** The report's model as it stands: live from the ledgers and its narrative, or a frozen version. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parseJson } from '../../db/kysely.ts';
import type { Principal } from '../../ledger/principal.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { generateReport } from '../template/generate.ts';
import { effectiveTemplate, getTemplate, type TemplateRow } from '../template/store.ts';
import type { ReportModel } from '../render/model.ts';
import { frozenOf, showsFrozen, type LoadedReport } from './common.ts';

/** The template a report is written with: the one it was opened with, else the town's current one. */
export async function templateOf(db: Kysely<Database>, r: LoadedReport): Promise<TemplateRow> {
  return r.row.template_id ? getTemplate(db, r.org, r.row.template_id) : effectiveTemplate(db, r.org);
}

/** Live generation of a draft from the ledgers and its narrative. */
export async function liveReport(db: Kysely<Database>, r: LoadedReport, o: { provenance?: boolean; values?: Record<string, MetricValue>; date?: string } = {}) {
  const t = await templateOf(db, r);
  const narrative = parseJson<Record<string, string>>(r.row.narrative);
  const g = await generateReport(db, r.org, r.row.period, { template: { body: t.body, id: t.id, version: t.version }, narrative, ...o });
  return { ...g, templateRow: t, narrative };
}

/** The model to show: a given version, the latest frozen one once submitted (see showsFrozen), else live. */
export async function currentModel(
  db: Kysely<Database>,
  p: Principal,
  r: LoadedReport,
  version?: number,
  provenance = false,
): Promise<{ model: ReportModel; version: number | null }> {
  if (version || showsFrozen(p, r.row.status)) {
    const f = await frozenOf(db, r.row.id, version);
    if (f) return { model: f.frozen.model, version: f.version };
  }
  return { model: (await liveReport(db, r, { provenance })).model, version: null };
}
