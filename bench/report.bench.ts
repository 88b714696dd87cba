/**
 * Benchmark: the default quarterly report of one demo town (东湖镇, 2023Q4) from precomputed
 * metric values — template evaluation plus plain text, and plus .docx (about 12 pages). Also,
 * for reference, the whole pipeline with the metrics computed from the ledgers.
 * Target: txt under 20 ms, docx under 1 s (median).
 * Run directly: npx tsx bench/report.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { openDb } from '../src/db/kysely.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { getOrgByCode } from '../src/org/service.ts';
import { computeMetrics } from '../src/metrics/engine.ts';
import { buildContext, compileTemplate, defaultTemplateSource, generateReport } from '../src/report/template/generate.ts';
import { evaluateTemplate } from '../src/report/template/evaluate.ts';
import { renderText } from '../src/report/render/text.ts';
import { renderReportDocx } from '../src/report/render/official.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RUNS = 9;
const PERIOD = '2023Q4';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number[]; last: T }> {
  await fn(); // warm-up
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

export default async function run(): Promise<BenchResult[]> {
  process.env.LUOSHI_SECRET ??= 'bench-secret-not-for-production';
  const db = await openDb({ file: ':memory:' });
  try {
    await seedDemo(db, { accounts: false, year: 2023 });
    const org = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    const values = (await computeMetrics(db.kysely, org, PERIOD, { provenance: true })).values;
    const tpl = compileTemplate(defaultTemplateSource());
    const ctx = await buildContext(db.kysely, org, PERIOD, tpl, { values, date: '2023-12-31' });
    const txt = await time(() => renderText(evaluateTemplate(tpl, ctx)));
    const docx = await time(() => renderReportDocx(evaluateTemplate(tpl, ctx)));
    const full = await time(async () => renderText((await generateReport(db.kysely, org, PERIOD, { date: '2023-12-31' })).model));
    return [
      { name: 'report.txt.fromValues.median', value: round(median(txt.ms)), unit: 'ms' },
      { name: 'report.docx.fromValues.median', value: round(median(docx.ms)), unit: 'ms' },
      { name: 'report.docx.size', value: Math.round(docx.last.length / 102.4) / 10, unit: 'KiB' },
      { name: 'report.txt.chars', value: txt.last.length, unit: 'chars' },
      { name: 'report.txt.withMetrics.median', value: round(median(full.ms)), unit: 'ms' },
    ];
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(`${r.name}\t${r.value} ${r.unit}`);
}
