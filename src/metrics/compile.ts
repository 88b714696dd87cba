/**
 * Metric declarations name ledger fields; the engine filters on records columns. Compiling a
 * catalog resolves every field through its compiled ledger (`columnOf`: field → promoted column)
 * and checks what the declaration asks of it, so a metric on an unknown or unpromoted field, a sum
 * over a text column or a ratio over a missing metric stops the server at start-up with the
 * metric's id instead of counting 0.
 */
import { builtinLedger, type CompiledLedger } from '../ledger/registry.ts';
import { PROMOTED_COLUMNS, type PromotedType } from '../ledger/types.ts';
import type { AggregateMetric, AggregateOn, Column, ColumnFilter, CompiledAggregate, Filter, MetricDecl } from './types.ts';

export class MetricDeclError extends Error {}

const TYPE_OF = new Map<Column, PromotedType>(Object.values(PROMOTED_COLUMNS).map((c) => [c.column, c.type]));
const TYPE_LABEL: Record<PromotedType, string> = { text: '文本', date: '日期', number: '数值', flag: '是否', org: '单位' };

/** The ledger of a metric: a built-in one (metrics do not read county-defined ledgers). */
function ledgerOf(m: { id: string }, key: string): CompiledLedger {
  const l = builtinLedger(key);
  if (!l) throw new MetricDeclError(`指标 ${m.id}：台账 ${key} 不存在`);
  return l;
}

function resolver(m: AggregateMetric, l: CompiledLedger) {
  return (field: string, want?: PromotedType[]): Column => {
    if (!l.fields.has(field)) throw new MetricDeclError(`指标 ${m.id}：台账 ${l.key} 没有字段 ${field}`);
    const c = l.columnOf.get(field);
    if (!c) throw new MetricDeclError(`指标 ${m.id}：字段 ${l.key}.${field} 未映射到提升列，指标不能引用它（在台账声明的 columns 中映射）`);
    const type = TYPE_OF.get(c)!;
    if (want && !want.includes(type)) {
      throw new MetricDeclError(`指标 ${m.id}：字段 ${l.key}.${field} 存于${TYPE_LABEL[type]}列 ${c}，此处需要${want.map((t) => TYPE_LABEL[t]).join('或')}列`);
    }
    return c;
  };
}

export function compileAggregate(m: AggregateMetric): CompiledAggregate {
  const l = ledgerOf(m, m.ledger);
  const col = resolver(m, l);
  const date: PromotedType[] = ['date'];
  const filter = (f: Filter): ColumnFilter => {
    switch (f.op) {
      case 'eq':
      case 'ne':
      case 'isNull':
      case 'notNull':
        return { ...f, field: col(f.field) };
      case 'in':
      case 'notIn':
        if (!f.values.length) throw new MetricDeclError(`指标 ${m.id}：${f.op} 的取值为空`);
        return { ...f, field: col(f.field) };
      case 'between':
      case 'before':
      case 'after':
        return { ...f, field: col(f.field, date) };
      case 'notAfter':
        return { ...f, field: col(f.field, date), other: col(f.other, date) };
      case 'young':
        return { ...f, at: col(f.at, date), birth: col(f.birth, date) };
      case 'refOrgKind':
        return { ...f, field: col(f.field, ['org']) };
      case 'derivedFlag':
        if (!l.decl.deriveFlag) throw new MetricDeclError(`指标 ${m.id}：台账 ${l.key} 没有派生标记（deriveFlag）`);
        return f;
      case 'or':
        return { ...f, groups: f.groups.map((g) => g.map(filter)) };
    }
  };
  const a = m.aggregate;
  const aggregate: AggregateOn<Column> =
    a.agg === 'count' ? a : a.agg === 'sum' ? { agg: 'sum', field: col(a.field, ['number']) } : { agg: 'distinct', field: col(a.field) };
  return { ...m, aggregate, filters: (m.filters ?? []).map(filter) };
}

/** Compiles a whole catalog: its aggregate metrics by id; throws on the first broken declaration. */
export function compileCatalog(catalog: MetricDecl[]): Map<string, CompiledAggregate> {
  const ids = new Set<string>();
  for (const m of catalog) {
    if (ids.has(m.id)) throw new MetricDeclError(`指标 ${m.id}：标识重复`);
    ids.add(m.id);
  }
  const out = new Map<string, CompiledAggregate>();
  for (const m of catalog) {
    switch (m.type) {
      case 'aggregate':
        out.set(m.id, compileAggregate(m));
        break;
      case 'ratio':
        for (const id of [m.numerator, m.denominator]) if (!ids.has(id)) throw new MetricDeclError(`指标 ${m.id}：比率引用了不存在的指标 ${id}`);
        break;
      case 'computed':
        if (m.ledger != null) ledgerOf(m, m.ledger);
        break;
    }
  }
  return out;
}
