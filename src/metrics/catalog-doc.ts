/**
 * docs/catalog.md, generated from the declarations (`npm run docs:catalog`): the promoted
 * columns, every built-in ledger with its fields, and every metric with its definition in words.
 * test/metrics/catalog-doc.test.ts fails when the committed file differs from what this returns,
 * so the document cannot drift from the code.
 */
import { builtinLedgers } from '../catalog/index.ts';
import { PROMOTED_COLUMNS, type FieldDecl, type FieldKind, type LedgerDecl, type PromotedType } from '../ledger/types.ts';
import { builtinLedger } from '../ledger/registry.ts';
import { LINE_LABELS, LINES, ORG_KIND_LABELS, type OrgKind } from '../shared/roles.ts';
import { metricCatalog, DEFAULT_PARAMS } from './catalog.ts';
import type { Aggregate, ComputedFn, DateRef, Filter, MetricDecl, PeriodMode } from './types.ts';

const FIELD_KIND_LABELS: Record<FieldKind, string> = {
  text: '文本',
  longText: '长文本',
  int: '整数',
  money: '金额',
  date: '日期',
  month: '月份',
  bool: '是否',
  enum: '选项',
  list: '列表',
  org: '单位',
  person: '人员',
  recordRef: '关联记录',
  files: '附件',
  idNumber: '身份证号',
};
const TYPE_LABELS: Record<PromotedType, string> = { text: '文本', date: '日期（YYYY-MM-DD）', number: '数值', flag: '是否（1/0）', org: '单位 id' };
const MODE_TEXT: Record<PeriodMode, (date: string) => string> = {
  quarter: (d) => `本季度：${d} 在季度首日至期末`,
  ytd: (d) => `今年以来：${d} 在当年 1 月 1 日至期末`,
  asOf: (d) => `截至期末：${d} 不晚于期末`,
  all: () => '不按日期字段限定，时间由以下条件决定',
};
const DATE_LABELS: Record<DateRef, string> = { end: '期末', yearStart: '当年 1 月 1 日', quarterStart: '季度首日', prevYearStart: '上年 1 月 1 日' };
/** Computed metrics are code (src/metrics/engine.ts); their definitions in words. */
const COMPUTED_TEXT: Record<ComputedFn, string> = {
  villagesMeetingYouthFarmer: `今年以来（申请日期 \`appliedOn\` 在当年 1 月 1 日至期末）有人员类别为“农民”、申请时未满 ${DEFAULT_PARAMS.youngAge} 周岁的入党申请人的村（社区）数；记录按所在单位归到村`,
  villagesNoneTwoYears: '自上年 1 月 1 日至期末没有一条发展党员记录（按接收日期 `admittedOn`）的村（社区）数',
  branchCount: '组织树中类型为“党支部”的单位数（不读台账）',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string | number) => `\`${s}\``;

function valueText(l: LedgerDecl, field: string, v: string | number): string {
  const f = l.fields.find((x) => x.key === field);
  const label = f?.kind === 'enum' ? f.options.find((o) => o.value === String(v))?.label : undefined;
  if (f?.kind === 'bool') return v === 1 ? '是' : '否';
  return label && label !== String(v) ? `${code(v)}（${label}）` : code(v);
}

function fieldText(l: LedgerDecl, key: string): string {
  const f = l.fields.find((x) => x.key === key);
  return f ? `${f.label} ${code(key)}` : code(key);
}

export function filterText(l: LedgerDecl, f: Filter): string {
  switch (f.op) {
    case 'eq':
      return `${fieldText(l, f.field)} = ${valueText(l, f.field, f.value)}`;
    case 'ne':
      return `${fieldText(l, f.field)} ≠ ${valueText(l, f.field, f.value)}`;
    case 'in':
      return `${fieldText(l, f.field)} 为 ${f.values.map((v) => valueText(l, f.field, v)).join('、')} 之一`;
    case 'notIn':
      return `${fieldText(l, f.field)} 不为 ${f.values.map((v) => valueText(l, f.field, v)).join('、')}`;
    case 'isNull':
      return `${fieldText(l, f.field)} 为空`;
    case 'notNull':
      return `${fieldText(l, f.field)} 不为空`;
    case 'between':
      return (
        [f.from ? `${fieldText(l, f.field)} ≥ ${DATE_LABELS[f.from]}` : '', f.to ? `${fieldText(l, f.field)} ≤ ${DATE_LABELS[f.to]}` : '']
          .filter(Boolean)
          .join('，') || '（无条件）'
      );
    case 'before':
      return `${fieldText(l, f.field)} 早于${DATE_LABELS[f.date]}`;
    case 'after':
      return `${fieldText(l, f.field)} 晚于${DATE_LABELS[f.date]}`;
    case 'notAfter':
      return `${fieldText(l, f.field)} 不晚于 ${fieldText(l, f.other)}`;
    case 'young':
      return `在 ${fieldText(l, f.at)} 当日未满 ${DEFAULT_PARAMS.youngAge} 周岁（出生日期 ${code(f.birth)}；年龄参数 \`youngAge\` 可由县里设置）`;
    case 'refOrgKind':
      return `${fieldText(l, f.field)} 所指单位的类型为 ${f.kinds.map((k) => ORG_KIND_LABELS[k as OrgKind] ?? k).join('、')}`;
    case 'derivedFlag':
      return '记录信息完整（写入时由台账的 `deriveFlag` 判定）';
    case 'or':
      return `（${f.groups.map((g) => g.map((x) => filterText(l, x)).join(' 且 ')).join('；或 ')}）`;
  }
}

function aggregateText(l: LedgerDecl, a: Aggregate): string {
  switch (a.agg) {
    case 'count':
      return '记录条数';
    case 'sum': {
      const f = l.fields.find((x) => x.key === a.field);
      return `${fieldText(l, a.field)} 之和${f?.kind === 'list' ? '（列表计其项数）' : ''}`;
    }
    case 'distinct':
      return `不同的 ${fieldText(l, a.field)} 个数`;
  }
}

function metricText(m: MetricDecl): { ledger: string; definition: string } {
  switch (m.type) {
    case 'aggregate': {
      const l = builtinLedgers.find((x) => x.key === m.ledger)!;
      const parts = [aggregateText(l, m.aggregate), MODE_TEXT[m.mode](fieldText(l, l.dateField)), ...(m.filters ?? []).map((f) => filterText(l, f))];
      return { ledger: `${l.label} ${code(l.key)}`, definition: parts.join('；') };
    }
    case 'ratio':
      return {
        ledger: '—',
        definition: `[${code(m.numerator)}](#${anchor(m.numerator)}) ÷ [${code(m.denominator)}](#${anchor(m.denominator)})；分母为 0 时无值（报告中印“—”）`,
      };
    case 'computed': {
      const l = m.ledger ? builtinLedgers.find((x) => x.key === m.ledger) : undefined;
      return { ledger: l ? `${l.label} ${code(l.key)}` : '（组织树）', definition: COMPUTED_TEXT[m.fn] };
    }
  }
}

const anchor = (id: string) => id.replace(/\./g, '-').toLowerCase();

function fieldRow(l: LedgerDecl, f: FieldDecl, column: string | undefined): string {
  const extra: string[] = [];
  if (f.required) extra.push('必填');
  if (f.sensitive || f.kind === 'idNumber') extra.push('敏感，列表与导出中遮蔽');
  if (f.kind === 'enum')
    extra.push(`取值：${f.options.map((o) => (o.value === o.label ? o.value : `${code(o.value)} ${o.label}`)).join('、')}${f.open ? '（可填其他）' : ''}`);
  if (f.kind === 'recordRef') extra.push(`指向 ${code(f.ledger)}`);
  if (l.deadlines?.some((d) => d.field === f.key)) {
    const d = l.deadlines.find((x) => x.field === f.key)!;
    extra.push(`空时按 ${[d.from].flat().map(code).join(' 或 ')} + ${d.days} 日计算`);
  }
  return `| ${code(f.key)} | ${cell(f.label)} | ${FIELD_KIND_LABELS[f.kind]} | ${column ? code(column) : ''} | ${cell(extra.join('；'))} |`;
}

export function catalogDoc(): string {
  const out: string[] = [
    '<!-- 由 `npm run docs:catalog` 从 src/catalog/*.ts 与 src/metrics/catalog.ts 的声明生成，请勿手工修改。 -->',
    '# 台账与指标目录 / Ledgers and metrics',
    '',
    '本目录列出系统内置的每本台账（字段、提升列、流程）和季度报告用到的每个指标及其口径。台账的声明在 `src/catalog/<台账标识>.ts`，指标的声明在 `src/metrics/catalog.ts`；本文件由声明生成，`test/metrics/catalog-doc.test.ts` 检查它与声明一致。法规中的期限与门槛见 [domain.md](domain.md)，报告模板引用指标的写法见 [templates.md](templates.md)。',
    '',
    '## 提升列',
    '',
    "所有台账的记录存在一张 `records` 表里：字段值整体存为 JSON（`data`），另有少数“提升列”供指标、列表排序和预警按索引筛选。每本台账声明把哪些字段映射到这些列（`dateField`、`kindField`、`statusField` 与 `columns`）。**指标只写字段名**（如谈话人次是 `{ agg: 'sum', field: 'talkees' }`），启动时按台账声明解析到列；引用不存在或未提升的字段，服务启动即失败并报出指标标识。",
    '',
    '| 声明中的名称 | 列 | 类型 | 来自 |',
    '|---|---|---|---|',
    ...Object.entries(PROMOTED_COLUMNS).map(
      ([name, c]) =>
        `| ${code(name)} | ${code(c.column)} | ${TYPE_LABELS[c.type]} | ${name === 'kind' ? '`kindField`' : name === 'status' ? '`statusField`' : name === 'date' ? '`dateField`' : `\`columns.${name}\``} |`,
    ),
    '',
    '列表字段提升到数值列时存其项数（如谈话对象的人数即谈话人次）。`partyMember` 的 `flag` 不对应字段：每次写入时由台账的 `deriveFlag` 判定“信息完整”（列出的字段都已填写，且身份证号中的出生日期与出生日期栏一致）。',
    '',
    '## 台账',
    '',
    '| 台账 | 名称 | 条线 | 日期字段 | 类别字段 | 状态字段 | 其他提升列 |',
    '|---|---|---|---|---|---|---|',
    ...builtinLedgers.map((l) => {
      const cols = Object.entries(l.columns ?? {}).map(([k, f]) => `${code(f)}→${code(PROMOTED_COLUMNS[k as keyof typeof PROMOTED_COLUMNS].column)}`);
      return `| [${code(l.key)}](#ledger-${l.key.toLowerCase()}) | ${l.label}${l.sensitive ? '（敏感）' : ''} | ${LINE_LABELS[l.line]} | ${code(l.dateField)} | ${l.kindField ? code(l.kindField) : ''} | ${l.statusField ? code(l.statusField) : ''} | ${cols.join('，')} |`;
    }),
    '',
  ];
  for (const d of builtinLedgers) {
    const l = builtinLedger(d.key)!;
    out.push(`<a id="ledger-${d.key.toLowerCase()}"></a>`, `### ${code(d.key)} ${d.label}`, '');
    if (d.description) out.push(cell(d.description), '');
    out.push('| 字段 | 名称 | 类型 | 提升列 | 说明 |', '|---|---|---|---|---|', ...d.fields.map((f) => fieldRow(d, f, l.columnOf.get(f.key))), '');
    if (d.workflow) {
      const wf = d.workflow;
      out.push(
        `流程：初始状态 ${code(wf.initial)}；状态 ${Object.entries(wf.states)
          .map(([k, s]) => `${code(k)} ${s.label}${s.final ? '（办结）' : ''}`)
          .join('、')}。`,
        '',
      );
    }
  }
  out.push(
    '## 指标',
    '',
    `共 ${metricCatalog.length} 个指标。口径中的期间（本季度、今年以来、截至期末）决定台账的日期字段（\`dateField\`）怎样限定记录；“口径”中的条件全部满足（且）的记录才计入。期末、当年 1 月 1 日、季度首日都相对所选期间（如 2023Q4：期末 2023-12-31）。比率在报告中按整数计数精确计算后一次四舍五入。`,
    '',
  );
  for (const line of LINES) {
    const ms = metricCatalog.filter((m) => m.line === line);
    if (!ms.length) continue;
    out.push(`### ${LINE_LABELS[line]}`, '', '| 指标 | 名称 | 单位 | 台账 | 口径 |', '|---|---|---|---|---|');
    for (const m of ms) {
      const t = metricText(m);
      out.push(`| <a id="${anchor(m.id)}"></a>${code(m.id)} | ${cell(m.label)} | ${m.unit} | ${t.ledger} | ${cell(t.definition)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
