/**
 * ledger-number: every number the number reader ties to a metric with enough confidence is
 * compared with the ledgers' value for the report's town and period ("报告写开展专项监督24次，
 * 台账为21次"). Rounding follows the report's own form: a percentage with its decimals, rounded
 * or truncated; 余/多 allow more, 近 allows less. Runs only when the caller passes the ledgers'
 * values (CheckData). Numbers tied with little confidence are listed as info. docs/reader.md.
 */
import { defineCheckRule } from '../define.ts';
import { readNumbers, TIE_MIN, type Reading } from '../../reader/read.ts';
import { getMetric } from '../../metrics/catalog.ts';

/** Below this the reader's tie is a guess: it is shown, not checked. */
const SURE = 0.6;
const SHOWN = 0.2;

function roundHalfUp(v: number, decimals: number): number {
  const s = 10 ** decimals;
  return Math.floor(v * s + 0.5 + 1e-9) / s;
}

/** Whether the stated number agrees with the ledgers' value. */
export function agrees(r: Reading, actual: number): boolean {
  const stated = r.value ?? NaN;
  if (r.percent) {
    const exact = actual * 100;
    const s = 10 ** r.decimals;
    return Math.abs(stated - roundHalfUp(exact, r.decimals)) < 1e-9 || Math.abs(stated - Math.floor(exact * s + 1e-9) / s) < 1e-9;
  }
  if (r.qualifier === '余' || r.qualifier === '多') return actual >= stated;
  if (r.qualifier === '近') return actual <= stated;
  return actual === stated;
}

function printed(r: Reading, actual: number, unit: string): string {
  if (r.percent) return `${roundHalfUp(actual * 100, Math.max(r.decimals, 1))}％`;
  return `${actual}${r.unit || unit}`;
}

/** "开展专项监督24次": the words just before the number (within its clause), the number and its unit. */
function stated(raw: string, r: Reading): string {
  const before = raw.slice(Math.max(0, r.numIndex - 10), r.numIndex);
  const clause = before.split(/[，、。；：,;:]/).pop() ?? '';
  return clause + raw.slice(r.numIndex, r.index + r.length);
}

export default defineCheckRule({
  meta: {
    id: 'ledger-number',
    type: 'problem',
    severity: 'error',
    docs: { description: '报告中的数字与该镇该期台账算出的数一致', recommended: true },
    messages: { mismatch: 'ledger-number.mismatch', noData: 'ledger-number.noData', untied: 'ledger-number.untied' },
    messageSeverity: { noData: 'warning', untied: 'info' },
    defaultOptions: {},
  },
  check(ctx) {
    const values = ctx.data?.metrics;
    if (!values) return;
    const { readings } = readNumbers(ctx.text);
    for (const r of readings) {
      if (r.kind !== 'metric' || r.placeholder || r.value === null) continue;
      const top = r.candidates[0];
      if (!top || r.confidence < SHOWN) continue;
      const raw = ctx.lines[r.line - 1]?.raw ?? '';
      const at = { line: r.line, index: r.numIndex, length: r.index + r.length - r.numIndex };
      const label = getMetric(top.metric)?.label ?? top.metric;
      if (r.confidence < TIE_MIN) {
        ctx.report({ ...at, messageId: 'untied', data: { stated: stated(raw, r), label, confidence: `${Math.round(r.confidence * 100)}％` } });
        continue;
      }
      if (!(top.metric in values)) continue;
      const actual = values[top.metric];
      if (actual === null || actual === undefined) {
        ctx.report({ ...at, messageId: 'noData', data: { stated: stated(raw, r), label }, metric: top.metric });
        continue;
      }
      if (agrees(r, actual)) continue;
      ctx.report({
        ...at,
        messageId: 'mismatch',
        ...(r.confidence < SURE ? { severity: 'warning' as const } : {}),
        data: { stated: stated(raw, r), actual: printed(r, actual, getMetric(top.metric)?.unit ?? ''), label },
        metric: top.metric,
      });
    }
  },
});
