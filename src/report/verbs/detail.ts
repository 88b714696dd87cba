/**
 * A report as its page shows it: the live draft or the frozen submitted version, the narrative
 * fields with what the principal may edit, the versions with their submitters and reviewers,
 * last quarter's figures, and what the principal may do next.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../../ledger/principal.ts';
import { compileTemplate, narrativeFields } from '../template/generate.ts';
import { renderHtmlFragment } from '../render/html.ts';
import { STATUS_LABELS, frozenOf, isEditable, isReviewer, showsFrozen, loadReport, type ReportStatus } from './common.ts';
import { liveReport } from './live.ts';
import { canEditField } from './narrative.ts';
import { previousFacts } from './previous.ts';

async function userNames(db: Kysely<Database>, ids: (number | null)[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => x != null))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function reportDetail(db: Kysely<Database>, p: Principal, id: number, version?: number) {
  const r = await loadReport(db, p, id);
  const status = r.row.status as ReportStatus;
  const versions = await db
    .selectFrom('report_versions')
    .select(['version', 'template_id', 'submitted_at', 'submitted_by', 'review_status', 'review_comment', 'reviewed_at', 'reviewed_by'])
    .where('report_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  const names = await userNames(
    db,
    versions.flatMap((v) => [v.submitted_by, v.reviewed_by]),
  );
  const showFrozen = version !== undefined || showsFrozen(p, status);
  const frozen = showFrozen ? await frozenOf(db, id, version) : null;
  let model, fields, template;
  if (frozen) {
    const f = frozen.frozen;
    model = f.model;
    template = { id: f.template.id, key: f.template.key, version: f.template.version, name: f.template.name };
    const tpl = compileTemplate(f.template.body);
    fields = tpl.narratives.map((d) => ({
      key: d.key,
      label: d.label,
      line: d.line,
      kind: d.kind,
      points: d.points,
      default: '',
      value: f.narrative[d.key] ?? null,
      editable: false,
    }));
  } else {
    const live = await liveReport(db, r);
    model = live.model;
    template = { id: live.templateRow.id, key: live.templateRow.key, version: live.templateRow.version, name: live.templateRow.name };
    const editable = isEditable(status);
    fields = narrativeFields(live).map((f) => ({ ...f, value: live.narrative[f.key] ?? null, editable: editable && canEditField(p, f) }));
  }
  const latest = versions[0];
  return {
    id,
    org: { code: r.org.code, name: r.org.name },
    period: r.row.period,
    status,
    statusLabel: STATUS_LABELS[status],
    updatedAt: r.row.updated_at,
    template,
    view: { frozen: !!frozen, version: frozen?.version ?? null },
    title: model.title,
    html: renderHtmlFragment(model),
    facts: model.facts.map(({ records, ...f }) => ({ ...f, records: records.length })),
    diagnostics: model.diagnostics,
    narrative: fields,
    versions: versions.map((v) => ({
      version: v.version,
      submittedAt: v.submitted_at,
      submittedBy: v.submitted_by ? (names.get(v.submitted_by) ?? null) : null,
      reviewStatus: v.review_status,
      reviewStatusLabel: v.review_status ? STATUS_LABELS[v.review_status as ReportStatus] : '待审核',
      reviewComment: v.review_comment,
      reviewedAt: v.reviewed_at,
      reviewedBy: v.reviewed_by ? (names.get(v.reviewed_by) ?? null) : null,
    })),
    previous: await previousFacts(db, r),
    can: {
      edit: isEditable(status) && fields.some((f) => f.editable),
      submit: isEditable(status) && p.roles.includes('secretary'),
      review: isReviewer(p) && status === 'submitted' && !!latest && !latest.review_status,
    },
  };
}
