import { builtinLedger } from '../../ledger/registry.ts';
import type { Promoted } from '../../ledger/types.ts';
import { defineAlertRule } from '../types.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

type Col = 'date_on' | 'done_on' | 'date2' | 'date3';
const PROMOTED: Record<Exclude<Col, 'date_on'>, Promoted> = { done_on: 'doneOn', date2: 'date2', date3: 'date3' };

/** Pairs [earlier, later] of promoted date columns that must be in order, per ledger. */
const PAIRS: Record<string, [Col, Col][]> = {
  rectification: [
    ['date_on', 'done_on'],
    ['date_on', 'date2'],
  ],
  petition: [
    ['date_on', 'done_on'],
    ['date_on', 'date2'],
  ],
  dispute: [
    ['date_on', 'done_on'],
    ['date_on', 'date2'],
  ],
  demand: [['date_on', 'done_on']],
  practicalMatter: [['date_on', 'done_on']],
  talk: [['date_on', 'done_on']],
  clue: [
    ['date_on', 'date2'],
    ['date_on', 'done_on'],
  ],
  sanction: [['date_on', 'date2']],
  powerMatter: [['date_on', 'date2']],
  partyMember: [
    ['date3', 'date_on'],
    ['date_on', 'date2'],
    ['date_on', 'done_on'],
  ],
  development: [
    ['date3', 'date2'],
    ['date2', 'date_on'],
    ['date_on', 'done_on'],
  ],
};

function label(ledger: string, col: Col): string {
  const l = builtinLedger(ledger)!;
  const key = col === 'date_on' ? l.decl.dateField : l.columns[PROMOTED[col]];
  return (key && l.fields.get(key)?.label) || col;
}

/** Dates out of order (完成日期早于发现日期, 入党日期早于出生日期 …): a data-quality gate. */
export default defineAlertRule({
  id: 'data.dateOrder',
  title: '日期先后顺序有误',
  severity: 'warning',
  source: { cites: [{ name: '台账数据质量要求' }], says: '办结、完成日期不得早于登记、发现日期，入党日期不得早于出生日期等', level: 'practice' },
  ledgers: Object.keys(PAIRS),
  ledger: 'rectification',
  perRecord: true,
  params: {},
  description: '同一条记录中后一环节的日期早于前一环节（如完成日期早于发现日期、入党日期早于出生日期）。',
  async check(ctx) {
    const out = [];
    // After a write to one record, only its ledger (not a query per ledger for nothing).
    const ledgers = Object.entries(PAIRS).filter(([ledger]) => !ctx.recordLedger || ledger === ctx.recordLedger);
    for (const [ledger, pairs] of ledgers) {
      const rows = await recordsIn(ctx, ledger)
        .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.date_on', 'r.done_on', 'r.date2', 'r.date3'])
        .where((eb) => eb.or(pairs.map(([a, b]) => eb(`r.${b}`, '<', eb.ref(`r.${a}`)))))
        .execute();
      for (const r of rows) {
        for (const [a, b] of pairs) {
          const va = r[a];
          const vb = r[b];
          if (!va || !vb || vb >= va) continue;
          out.push({
            ...finding(this.id, r, ctx, {
              severity: 'warning',
              suffix: `${a}-${b}`,
              message: `${builtinLedger(ledger)!.decl.label}${quote(r.title)}的${label(ledger, b)}（${zhDate(vb)}）早于${label(ledger, a)}（${zhDate(va)}），请核对`,
            }),
          });
        }
      }
    }
    return out;
  },
});
