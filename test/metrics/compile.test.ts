import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileAggregate, compileCatalog, MetricDeclError } from '../../src/metrics/compile.ts';
import { metricCatalog } from '../../src/metrics/catalog.ts';
import { builtinLedger } from '../../src/ledger/registry.ts';
import type { AggregateMetric, Filter, MetricDecl } from '../../src/metrics/types.ts';

const metric = (id: string, ledger: string, aggregate: AggregateMetric['aggregate'], filters: Filter[] = []): AggregateMetric => ({
  type: 'aggregate',
  id,
  label: id,
  unit: '个',
  line: 'discipline',
  ledger,
  mode: 'ytd',
  aggregate,
  filters,
});

describe('metric declarations name ledger fields; compiling resolves them to columns', () => {
  it('compiles the whole catalog', () => {
    const c = compileCatalog(metricCatalog);
    expect(c.size).toBe(metricCatalog.filter((m) => m.type === 'aggregate').length);
    expect(c.get('discipline.talk.integrityDuty.personTimes')!.aggregate).toEqual({ agg: 'sum', field: 'n1' });
    expect(c.get('discipline.supervision.problems')!.filters).toEqual([{ op: 'eq', field: 'kind', value: 'supervision' }]);
    expect(c.get('organization.development.young')!.filters).toEqual([{ op: 'young', at: 'date_on', birth: 'date3' }]);
    expect(c.get('legal.petition.backlog')!.filters[0]).toEqual({
      op: 'or',
      groups: [[{ op: 'ne', field: 'status', value: 'closed' }], [{ op: 'isNull', field: 'status' }], [{ op: 'after', field: 'done_on', date: 'end' }]],
    });
  });

  it('every column a compiled ledger resolves is the one its declaration maps', () => {
    const talk = builtinLedger('talk')!;
    expect(Object.fromEntries(talk.columnOf)).toEqual({
      occurredOn: 'date_on',
      kind: 'kind',
      talkees: 'n1',
      talker: 'person',
      replyDueOn: 'due_on',
      repliedOn: 'done_on',
      receivedOn: 'date2',
    });
  });

  const fails: [string, AggregateMetric, RegExp][] = [
    [
      'a field that is not promoted',
      metric('t.unpromoted', 'talk', { agg: 'count' }, [{ op: 'eq', field: 'topic', value: 'x' }]),
      /^指标 t\.unpromoted：字段 talk\.topic 未映射到提升列/,
    ],
    ['a sum over a field that is not promoted', metric('t.sum', 'talk', { agg: 'sum', field: 'content' }), /^指标 t\.sum：字段 talk\.content 未映射/],
    [
      'an unknown field',
      metric('t.unknown', 'talk', { agg: 'count' }, [{ op: 'eq', field: 'talkes', value: 1 }]),
      /^指标 t\.unknown：台账 talk 没有字段 talkes/,
    ],
    [
      'an unknown field inside an or',
      metric('t.or', 'talk', { agg: 'count' }, [{ op: 'or', groups: [[{ op: 'isNull', field: 'nope' }]] }]),
      /^指标 t\.or：台账 talk 没有字段 nope/,
    ],
    [
      'a sum over a text column',
      metric('t.text', 'talk', { agg: 'sum', field: 'talker' }),
      /^指标 t\.text：字段 talk\.talker 存于文本列 person，此处需要数值列/,
    ],
    [
      'a date bound on a number column',
      metric('t.date', 'talk', { agg: 'count' }, [{ op: 'before', field: 'talkees', date: 'end' }]),
      /^指标 t\.date：.*需要日期列/,
    ],
    [
      'an org kind on a field that is no org',
      metric('t.org', 'talk', { agg: 'count' }, [{ op: 'refOrgKind', field: 'talker', kinds: ['town'] }]),
      /^指标 t\.org：.*需要单位列/,
    ],
    [
      'a derived flag on a ledger that derives none',
      metric('t.flag', 'talk', { agg: 'count' }, [{ op: 'derivedFlag' }]),
      /^指标 t\.flag：台账 talk 没有派生标记/,
    ],
    ['an unknown ledger', metric('t.ledger', 'talks', { agg: 'count' }), /^指标 t\.ledger：台账 talks 不存在/],
  ];
  it.each(fails)('rejects %s, naming the metric', (_, m, message) => {
    expect(() => compileAggregate(m)).toThrow(MetricDeclError);
    expect(() => compileAggregate(m)).toThrow(message);
  });

  it('rejects a ratio over a missing metric and a duplicate id', () => {
    const ratio: MetricDecl = {
      type: 'ratio',
      id: 'r.x',
      label: 'x',
      unit: '％',
      line: 'discipline',
      numerator: 'discipline.clue.count',
      denominator: 'discipline.clue.cnt',
    };
    expect(() => compileCatalog([...metricCatalog, ratio])).toThrow(/^指标 r\.x：比率引用了不存在的指标 discipline\.clue\.cnt/);
    expect(() => compileCatalog([...metricCatalog, metricCatalog[0]])).toThrow(`指标 ${metricCatalog[0].id}：标识重复`);
  });
});

describe('a catalog metric naming a field that is not promoted stops start-up', () => {
  afterEach(() => {
    vi.doUnmock('../../src/metrics/catalog.ts');
    vi.resetModules();
  });

  it('loading the metric engine (as the server does when it starts) throws with the metric id', async () => {
    vi.resetModules();
    vi.doMock('../../src/metrics/catalog.ts', async (importOriginal) => {
      const orig = await importOriginal<typeof import('../../src/metrics/catalog.ts')>();
      return { ...orig, metricCatalog: [...orig.metricCatalog, metric('discipline.talk.topics', 'talk', { agg: 'distinct', field: 'topic' })] };
    });
    await expect(import('../../src/metrics/engine.ts')).rejects.toThrow(/指标 discipline\.talk\.topics：字段 talk\.topic 未映射到提升列/);
  });

  it('and loads with the catalog as it is', async () => {
    vi.resetModules();
    await expect(import('../../src/metrics/engine.ts')).resolves.toHaveProperty('computeMetrics');
  });
});
