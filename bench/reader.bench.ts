/**
 * Benchmark: the number reader. Accuracy on the labeled set (test/reader/labeled: the seed,
 * reports in other towns' styles, reports from the default template) — top-1, top-3, and the
 * share of non-metric numbers wrongly tied — and the time to read a 20-page report (about
 * 15,000 characters). Goals: top-1 ≥ 90 %, top-3 ≥ 98 %, tied ≤ 2 %, under 1 s.
 * Run directly: npx tsx bench/reader.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { readNumbers } from '../src/reader/read.ts';
import { learnTemplate } from '../src/reader/learn.ts';
import { generated, handLabeled, ratio, scoreReader } from '../test/reader/labeled.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RUNS = 7;
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

export default async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const [name, set] of [
    ['hand-labeled', handLabeled()],
    ['default template', generated()],
  ] as const) {
    const s = scoreReader(set);
    out.push(
      { name: `${name}: top-1 (${s.metricNumbers} metric numbers)`, value: 100 * ratio(s.top1, s.metricNumbers), unit: '% (goal ≥ 90)' },
      { name: `${name}: top-3`, value: 100 * ratio(s.top3, s.metricNumbers), unit: '% (goal ≥ 98)' },
      { name: `${name}: non-metric numbers tied (${s.nonMetricNumbers})`, value: 100 * ratio(s.wronglyTied, s.nonMetricNumbers), unit: '% (goal ≤ 2)' },
    );
  }
  const docs = handLabeled().map((d) => d.text.split('\n').slice(1).join('\n'));
  const parts = [docs[0].split('\n')[0] ?? '报告'];
  for (let i = 0; parts.join('').length < 15_000; i++) parts.push(docs[i % docs.length]);
  const text = parts.join('\n');
  readNumbers(text); // warm up
  const times: number[] = [];
  const learnTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    readNumbers(text);
    times.push(performance.now() - t0);
    t0 = performance.now();
    learnTemplate({ text, vars: new Map([['org.name', '东湖镇']]) });
    learnTimes.push(performance.now() - t0);
  }
  const chars = text.replace(/\s/g, '').length;
  out.push(
    { name: `read a 20-page report (${chars} chars, ${readNumbers(text).readings.length} numbers), median`, value: median(times), unit: 'ms (goal < 1000)' },
    { name: 'learn a template from it, median', value: median(learnTimes), unit: 'ms' },
  );
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}`);
}
