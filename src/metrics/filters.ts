import { sql, type Expression, type SqlBool, type RawBuilder, type Selectable } from 'kysely';
import type { RecordTable } from '../db/schema.ts';
import type { Period } from './period.ts';
import type { PromotedColumn } from '../ledger/types.ts';
import type { Column, ColumnFilter, CompiledAggregate, DateRef } from './types.ts';
import type { MetricParams } from './catalog.ts';

/**
 * One filter language, two backends: SQL (for the grouped scan that computes values) and
 * JavaScript (for provenance: which records a value counted). Both follow SQL's rule that a
 * comparison with NULL is false; a test checks they agree on every catalog metric. Both take
 * compiled metrics (src/metrics/compile.ts), whose filters name records columns.
 */

/** The promoted columns a metric reads, and the kind of the referenced org. */
export type MetricRow = Pick<Selectable<RecordTable>, 'id' | 'ledger' | 'org_id' | PromotedColumn> & {
  ref_kind: string | null;
};

export function dateOf(p: Period, r: DateRef): string {
  return { end: p.end, yearStart: p.yearStart, quarterStart: p.start, prevYearStart: p.prevYearStart }[r];
}

const col = (c: Column | 'ref_org_id') => sql.ref(`r.${c}`);

/** birth + n years, as 'YYYY-MM-DD' text, in SQL that SQLite and PostgreSQL both run. */
function plusYears(c: Column, n: number) {
  return sql`(cast(cast(substr(${col(c)}, 1, 4) as integer) + ${sql.lit(n)} as text) || substr(${col(c)}, 5))`;
}

export function filterSql(f: ColumnFilter, p: Period, params: MetricParams): RawBuilder<SqlBool> {
  switch (f.op) {
    case 'eq':
      return sql<SqlBool>`${col(f.field)} = ${f.value}`;
    case 'ne':
      return sql<SqlBool>`${col(f.field)} <> ${f.value}`;
    case 'in':
      return sql<SqlBool>`${col(f.field)} in (${sql.join(f.values)})`;
    case 'notIn':
      return sql<SqlBool>`${col(f.field)} not in (${sql.join(f.values)})`;
    case 'isNull':
      return sql<SqlBool>`${col(f.field)} is null`;
    case 'notNull':
      return sql<SqlBool>`${col(f.field)} is not null`;
    case 'between': {
      const parts: RawBuilder<SqlBool>[] = [];
      if (f.from) parts.push(sql<SqlBool>`${col(f.field)} >= ${dateOf(p, f.from)}`);
      if (f.to) parts.push(sql<SqlBool>`${col(f.field)} <= ${dateOf(p, f.to)}`);
      return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`1 = 1`;
    }
    case 'before':
      return sql<SqlBool>`${col(f.field)} < ${dateOf(p, f.date)}`;
    case 'after':
      return sql<SqlBool>`${col(f.field)} > ${dateOf(p, f.date)}`;
    case 'notAfter':
      return sql<SqlBool>`${col(f.field)} <= ${col(f.other)}`;
    case 'young':
      return sql<SqlBool>`${plusYears(f.birth, params.youngAge)} > ${col(f.at)}`;
    case 'refOrgKind':
      return sql<SqlBool>`ro.kind in (${sql.join(f.kinds)})`;
    case 'derivedFlag':
      return sql<SqlBool>`r.flag = 1`;
    case 'or': {
      const groups = f.groups.map(
        (g) =>
          sql<SqlBool>`(${sql.join(
            g.map((x) => filterSql(x, p, params)),
            sql` and `,
          )})`,
      );
      return sql<SqlBool>`(${sql.join(groups, sql` or `)})`;
    }
  }
}

/**
 * What the query's WHERE already guarantees of every row a metric's condition is tested on: its
 * ledger, and `date_on` within [from, to] (either bound may be absent).
 */
export interface Implied {
  ledger?: boolean;
  from?: string;
  to?: string;
}

/**
 * The whole condition of an aggregate metric: its ledger, period mode and filters — less what
 * `implied` guarantees. A scan of one ledger and one quarter tests each row against twenty
 * metrics; repeating the ledger and date tests in every CASE made SQLite three to four times
 * slower on the largest ledger (docs/security.md, "Fifth round").
 */
export function metricSql(m: CompiledAggregate, p: Period, params: MetricParams, implied: Implied = {}): Expression<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = implied.ledger ? [] : [sql<SqlBool>`r.ledger = ${m.ledger}`];
  if (m.mode !== 'all') {
    const low = m.mode === 'quarter' ? p.start : m.mode === 'ytd' ? p.yearStart : null;
    if (low != null && !(implied.from != null && implied.from >= low)) parts.push(sql<SqlBool>`r.date_on >= ${low}`);
    if (!(implied.to != null && implied.to <= p.end)) parts.push(sql<SqlBool>`r.date_on <= ${p.end}`);
  }
  for (const f of m.filters) parts.push(filterSql(f, p, params));
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`1 = 1`;
}

// ---- JavaScript backend (SQL NULL semantics: any comparison with null is false) ----

type Val = string | number | null;
const get = (r: MetricRow, c: Column | 'ref_org_id'): Val => r[c];
const cmp = (a: Val, b: Val, op: (x: Val, y: Val) => boolean) => a != null && b != null && op(a, b);

export function addYearsText(birth: string, n: number): string {
  return `${Number(birth.slice(0, 4)) + n}${birth.slice(4)}`;
}

export function filterJs(f: ColumnFilter, r: MetricRow, p: Period, params: MetricParams): boolean {
  switch (f.op) {
    case 'eq':
      return cmp(get(r, f.field), f.value, (x, y) => x == y);
    case 'ne':
      return cmp(get(r, f.field), f.value, (x, y) => x != y);
    case 'in': {
      const v = get(r, f.field);
      return v != null && f.values.some((x) => x == v);
    }
    case 'notIn': {
      const v = get(r, f.field);
      return v != null && !f.values.some((x) => x == v);
    }
    case 'isNull':
      return get(r, f.field) == null;
    case 'notNull':
      return get(r, f.field) != null;
    case 'between': {
      const v = get(r, f.field);
      if (f.from && !cmp(v, dateOf(p, f.from), (x, y) => String(x) >= String(y))) return false;
      if (f.to && !cmp(v, dateOf(p, f.to), (x, y) => String(x) <= String(y))) return false;
      return true;
    }
    case 'before':
      return cmp(get(r, f.field), dateOf(p, f.date), (x, y) => String(x) < String(y));
    case 'after':
      return cmp(get(r, f.field), dateOf(p, f.date), (x, y) => String(x) > String(y));
    case 'notAfter':
      return cmp(get(r, f.field), get(r, f.other), (x, y) => String(x) <= String(y));
    case 'young': {
      const b = get(r, f.birth);
      const at = get(r, f.at);
      return typeof b === 'string' && at != null && addYearsText(b, params.youngAge) > String(at);
    }
    case 'refOrgKind':
      return r.ref_kind != null && f.kinds.includes(r.ref_kind);
    case 'derivedFlag':
      return r.flag == 1;
    case 'or':
      return f.groups.some((g) => g.every((x) => filterJs(x, r, p, params)));
  }
}

export function metricJs(m: CompiledAggregate, r: MetricRow, p: Period, params: MetricParams): boolean {
  if (r.ledger !== m.ledger) return false;
  const d = r.date_on;
  if (m.mode === 'quarter' && !(d != null && d >= p.start && d <= p.end)) return false;
  if (m.mode === 'ytd' && !(d != null && d >= p.yearStart && d <= p.end)) return false;
  if (m.mode === 'asOf' && !(d != null && d <= p.end)) return false;
  return m.filters.every((f) => filterJs(f, r, p, params));
}
