/**
 * Benchmark: render the seed-based sample report (4 department sections, 12 pages) to .docx.
 * Target: median under 1 s. Run directly: npx tsx bench/docx.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { renderDocx } from '../src/report/docx/render.ts';
import { sampleReport } from '../src/report/docx/fixture.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RUNS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export default async function run(): Promise<BenchResult[]> {
  const doc = sampleReport(4);
  const chars = doc.blocks.reduce((n, b) => n + (b.type === 'heading' ? b.text.length : b.runs.reduce((m, r) => m + r.text.length, 0)), 0);
  const first = performance.now();
  let buffer = await renderDocx(doc);
  const cold = performance.now() - first;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    buffer = await renderDocx(doc);
    times.push(performance.now() - start);
  }
  return [
    { name: 'docx.render.12pages.median', value: round(median(times)), unit: 'ms' },
    { name: 'docx.render.12pages.max', value: round(Math.max(...times)), unit: 'ms' },
    { name: 'docx.render.12pages.cold', value: round(cold), unit: 'ms' },
    { name: 'docx.render.12pages.size', value: Math.round(buffer.length / 102.4) / 10, unit: 'KiB' },
    { name: 'docx.render.12pages.chars', value: chars, unit: 'chars' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(`${r.name}\t${r.value} ${r.unit}`);
}
