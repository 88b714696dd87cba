/**
 * Benchmark: the checker against the corpus of real-genre reports (test/check/corpus):
 * recall per kind of planted error, and false findings per page on the clean reports
 * (a page is 616 characters, GB/T 9704's 22 lines of 28). Goals (asserted by
 * test/check/corpus.test.ts): recall ≥ 90 % for each kind, no false error and at most
 * one false warning per ten pages.
 * Run directly: npx tsx bench/check-corpus.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { evaluate } from '../test/check/corpus/corpus.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

export default async function run(): Promise<BenchResult[]> {
  const t = performance.now();
  const r = evaluate();
  const ms = performance.now() - t;
  const rows: BenchResult[] = [...r.byKind.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, s]) => ({ name: `recall: ${kind} (${s.found}/${s.planted})`, value: Math.round((s.found / s.planted) * 1000) / 10, unit: '%' }));
  const per = (sev: string): number => Math.round((r.cleanFindings.filter((f) => f.severity === sev).length / r.pages) * 100) / 100;
  rows.push(
    { name: `clean reports: pages (${r.chars} characters)`, value: Math.round(r.pages * 10) / 10, unit: '' },
    { name: 'clean reports: false errors per page', value: per('error'), unit: '' },
    { name: 'clean reports: false warnings per page', value: per('warning'), unit: '' },
    { name: 'clean reports: info per page', value: per('info'), unit: '' },
    { name: 'whole corpus checked (clean and planted copies)', value: Math.round(ms), unit: 'ms' },
  );
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.name}: ${row.value} ${row.unit}`);
}
