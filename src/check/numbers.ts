/**
 * Counts and percentages in a sentence, for the arithmetic rules: "12个问题", "办结5件",
 * "62.5％". Years, dates, ages and numbers inside titles are left out.
 */
import { asciiDigits } from './document.ts';

export interface Count {
  value: number;
  unit: string;
  /** Offset inside the segment. */
  index: number;
  length: number;
}

export interface Percent {
  value: number;
  decimals: number;
  index: number;
  length: number;
}

const UNITS = '人次|批次|个|次|人|名|件|条|项|篇|份|部|批|起|处|块|户|家|场|期|所|座|张|支|套|本|场次';
const COUNT_RE = new RegExp(`(?<![\\d.．])([0-9０-９]+)(余)?(${UNITS})`, 'g');
const PERCENT_RE = /(?<![\d.．])([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[％%]/g;

/** Counts with a measure word (years, ages, dates have none of these units). */
export function counts(segment: string): Count[] {
  const out: Count[] = [];
  COUNT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COUNT_RE.exec(segment))) {
    if (m[2]) continue; // "20余次" is approximate
    out.push({ value: Number(asciiDigits(m[1])), unit: m[3], index: m.index, length: m[0].length });
  }
  return out;
}

export function percents(segment: string): Percent[] {
  const out: Percent[] = [];
  PERCENT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PERCENT_RE.exec(segment))) {
    const s = asciiDigits(m[1]).replace('．', '.');
    out.push({ value: Number(s), decimals: s.includes('.') ? s.length - s.indexOf('.') - 1 : 0, index: m.index, length: m[0].length });
  }
  return out;
}

/** Units that count the same thing (人 and 名 both count people). */
export function sameUnit(a: string, b: string): boolean {
  const norm = (u: string): string => (u === '名' ? '人' : u === '项' ? '个' : u);
  return norm(a) === norm(b);
}

/** Whether a printed percentage agrees with part/total (rounded or truncated). */
export function percentAgrees(printed: Percent, part: number, total: number): boolean {
  const exact = (part / total) * 100;
  const scale = 10 ** printed.decimals;
  const rounded = Math.round(exact * scale) / scale;
  const truncated = Math.floor(exact * scale + 1e-9) / scale;
  const eps = 1e-9;
  return Math.abs(printed.value - rounded) < eps + 0.5 / scale / 10 || Math.abs(printed.value - truncated) < eps;
}

/** The expected percentage as the report would print it. */
export function formatPercent(part: number, total: number, decimals: number): string {
  const v = (part / total) * 100;
  return (Math.round(v * 10 ** Math.max(decimals, 1)) / 10 ** Math.max(decimals, 1)).toString();
}

/** Splits a line into clauses-with-sentences: at 。；！？ (a rate and its counts sit in one). */
export function segments(raw: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /[^。；！？;!?]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) out.push({ text: m[0], start: m.index });
  return out;
}
