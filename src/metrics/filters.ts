import { sql, type Expression, type SqlBool, type RawBuilder, type Selectable } from 'kysely';
import type { RecordTable } from '../db/schema.ts';
import type { Period } from './period.ts';
import type { AggregateMetric, Column, DateRef, Filter } from './types.ts';
import type { MetricParams } from './catalog.ts';

/**
 * One filter language, two backends: SQL (for the grouped scan that computes values) and
 * JavaScript (for provenance: which records a value counted). Both follow SQL's rule that a
 * comparison with NULL is false; a test checks they agree on every catalog metric.
 */

/** The promoted columns a metric reads, and the kind of the referenced org. */
export type MetricRow = Pick<Selectable<RecordTable>, 'id' | 'ledger' | 'org_id' | 'kind' | 'status' | 'sub' | 'flag' | 'person' | 'ref_org_id' | 'date_on' | 'due_on' | 'done_on' | 'date2' | 'date3' | 'n1' | 'n2'> & {
  ref_kind: string | null;
};

export function dateOf(p: Period, r: DateRef): string {
  return { end: p.end, yearStart: p.yearStart, quarterStart: p.start, prevYearStart: p.prevYearStart }[r];
}

const col = (c: Column | 'ref_org_id') => sql.ref(`r.${c}`);

function modeSql(m: AggregateMetric, p: Period): RawBuilder<SqlBool> | null {
  switch (m.mode) {
    case 'quarter':
      return sql<SqlBool>`r.date_on >= ${p.start} and r.date_on <= ${p.end}`;
    case 'ytd':
      return sql<SqlBool>`r.date_on >= ${p.yearStart} and r.date_on <= ${p.end}`;
    case 'asOf':
      return sql<SqlBool>`r.date_on <= ${p.end}`;
    case 'all':
      return null;
  }
}

/** birth + n years, as 'YYYY-MM-DD' text, in SQL that SQLite and PostgreSQL both run. */
function plusYears(c: Column, n: number) {
  return sql`(cast(cast(substr(${col(c)}, 1, 4) as integer) + ${sql.lit(n)} as text) || substr(${col(c)}, 5))`;
}

export function filterSql(f: Filter, p: Period, params: MetricParams): RawBuilder<SqlBool> {
  if ('or' in f) {
    const groups = f.or.map((g) => sql<SqlBool>`(${sql.join(g.map((x) => filterSql(x, p, params)), sql` and `)})`);
    return sql<SqlBool>`(${sql.join(groups, sql` or `)})`;
  }
  if ('refOrgKind' in f) return sql<SqlBool>`ro.kind in (${sql.join(f.refOrgKind)})`;
  if ('youngAt' in f) return sql<SqlBool>`${plusYears(f.birth, params.youngAge)} > ${col(f.youngAt)}`;
  const c = col(f.col);
  if ('eq' in f) return sql<SqlBool>`${c} = ${f.eq}`;
  if ('ne' in f) return sql<SqlBool>`${c} <> ${f.ne}`;
  if ('in' in f) return sql<SqlBool>`${c} in (${sql.join(f.in)})`;
  if ('notIn' in f) return sql<SqlBool>`${c} not in (${sql.join(f.notIn)})`;
  if ('isNull' in f) return f.isNull ? sql<SqlBool>`${c} is null` : sql<SqlBool>`${c} is not null`;
  if ('before' in f) return sql<SqlBool>`${c} < ${dateOf(p, f.before)}`;
  if ('after' in f) return sql<SqlBool>`${c} > ${dateOf(p, f.after)}`;
  if ('lteCol' in f) return sql<SqlBool>`${c} <= ${col(f.lteCol)}`;
  const parts: RawBuilder<SqlBool>[] = [];
  if (f.from) parts.push(sql<SqlBool>`${c} >= ${dateOf(p, f.from)}`);
  if (f.to) parts.push(sql<SqlBool>`${c} <= ${dateOf(p, f.to)}`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`1 = 1`;
}

/** The whole condition of an aggregate metric: its ledger, period mode and filters. */
export function metricSql(m: AggregateMetric, p: Period, params: MetricParams): Expression<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`r.ledger = ${m.ledger}`];
  const mode = modeSql(m, p);
  if (mode) parts.push(mode);
  for (const f of m.filters ?? []) parts.push(filterSql(f, p, params));
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

// ---- JavaScript backend (SQL NULL semantics: any comparison with null is false) ----

type Val = string | number | null;
const get = (r: MetricRow, c: Column | 'ref_org_id'): Val => r[c];
const cmp = (a: Val, b: Val, op: (x: Val, y: Val) => boolean) => a != null && b != null && op(a, b);

export function addYearsText(birth: string, n: number): string {
  return `${Number(birth.slice(0, 4)) + n}${birth.slice(4)}`;
}

export function filterJs(f: Filter, r: MetricRow, p: Period, params: MetricParams): boolean {
  if ('or' in f) return f.or.some((g) => g.every((x) => filterJs(x, r, p, params)));
  if ('refOrgKind' in f) return r.ref_kind != null && f.refOrgKind.includes(r.ref_kind);
  if ('youngAt' in f) {
    const b = get(r, f.birth);
    const at = get(r, f.youngAt);
    return typeof b === 'string' && at != null && addYearsText(b, params.youngAge) > String(at);
  }
  const v = get(r, f.col);
  if ('eq' in f) return cmp(v, f.eq, (x, y) => x == y);
  if ('ne' in f) return cmp(v, f.ne, (x, y) => x != y);
  if ('in' in f) return v != null && f.in.some((x) => x == v);
  if ('notIn' in f) return v != null && !f.notIn.some((x) => x == v);
  if ('isNull' in f) return f.isNull ? v == null : v != null;
  if ('before' in f) return cmp(v, dateOf(p, f.before), (x, y) => String(x) < String(y));
  if ('after' in f) return cmp(v, dateOf(p, f.after), (x, y) => String(x) > String(y));
  if ('lteCol' in f) return cmp(v, get(r, f.lteCol), (x, y) => String(x) <= String(y));
  if (f.from && !cmp(v, dateOf(p, f.from), (x, y) => String(x) >= String(y))) return false;
  if (f.to && !cmp(v, dateOf(p, f.to), (x, y) => String(x) <= String(y))) return false;
  return true;
}

export function metricJs(m: AggregateMetric, r: MetricRow, p: Period, params: MetricParams): boolean {
  if (r.ledger !== m.ledger) return false;
  const d = r.date_on;
  if (m.mode === 'quarter' && !(d != null && d >= p.start && d <= p.end)) return false;
  if (m.mode === 'ytd' && !(d != null && d >= p.yearStart && d <= p.end)) return false;
  if (m.mode === 'asOf' && !(d != null && d <= p.end)) return false;
  return (m.filters ?? []).every((f) => filterJs(f, r, p, params));
}
