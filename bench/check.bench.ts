/**
 * Benchmark: check a synthetic 20-page quarterly report (about 15,000 Chinese
 * characters, built from the clean fixture's realistic paragraphs with a few defects
 * mixed in). Reports the gazetteer's one-time load separately from the median check.
 * Target: under 1 s per check with the gazetteer loaded once.
 * Run directly: npx tsx bench/check.bench.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkText } from '../src/check/engine.ts';
import { getGazetteer } from '../src/check/gazetteer.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RUNS = 7;
const TARGET_CHARS = 15_000;
const here = path.dirname(fileURLToPath(import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Title, then the fixture's body repeated as further numbered sections until ~15,000 characters. */
export function syntheticReport(): string {
  const clean = fs.readFileSync(path.join(here, '../test/fixtures/clean-nanping-2023q4.txt'), 'utf8').trim().split('\n');
  const [title, ...body] = clean;
  const paragraphs = body.filter((l) => !/^[一二三四五六七八九十]+、/.test(l) && !/^\d+\./.test(l));
  const out = [title, '一、总体部署推动情况', body[1], '二、落实重点任务情况'];
  let section = 1;
  let chars = out.join('').length;
  while (chars < TARGET_CHARS) {
    out.push(`${section}.落实第${section}项考核任务落实情况`);
    for (const p of paragraphs.filter((l) => /^[一二三四五六]是/.test(l)).slice(0, 6)) {
      // vary the numbers so paragraphs are not identical, keep a placeholder now and then
      const line = p
        .replace(/\d+(?=次)/g, (d) => String(Number(d) + section))
        .replace('开展专项监督', section % 5 === 0 ? '开展专项监督XX次；另开展' : '开展专项监督');
      out.push(line);
      chars += line.length;
    }
    section++;
  }
  out.push('三、存在问题', paragraphs[paragraphs.length - 5], '四、下一步工作计划', paragraphs[paragraphs.length - 1]);
  return out.join('\n');
}

export default async function run(): Promise<BenchResult[]> {
  const text = syntheticReport();
  const chars = text.replace(/\s/g, '').length;
  const t0 = performance.now();
  getGazetteer();
  const loadMs = performance.now() - t0;
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    findings = checkText(text).length;
    times.push(performance.now() - t);
  }
  return [
    { name: 'gazetteer load (once per process)', value: round(loadMs), unit: 'ms' },
    { name: `check 20-page report (${chars} chars, ${text.split('\n').length} paragraphs), median of ${RUNS}`, value: round(median(times)), unit: 'ms' },
    { name: 'check, slowest run', value: round(Math.max(...times)), unit: 'ms' },
    { name: 'findings per check', value: findings, unit: '' },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run();
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
