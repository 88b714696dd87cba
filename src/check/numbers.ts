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

/** Units that count the same thing (人 and 名 both count people). */
export function sameUnit(a: string, b: string): boolean {
  const norm = (u: string): string => (u === '名' ? '人' : u === '项' ? '个' : u);
  return norm(a) === norm(b);
}

/**
 * Whether a printed percentage agrees with part/total, rounded half up to the decimals
 * as written (456 / 546 = 83.5165… → "83.52％"; "83.51％" is wrong). A whole percentage
 * may also be truncated ("66％" for 2 / 3): authors round down so as not to overstate,
 * but one who writes decimals has computed them.
 */
export function percentAgrees(printed: Percent, part: number, total: number): boolean {
  const exact = (part / total) * 100;
  const scale = 10 ** printed.decimals;
  const rounded = Math.round(exact * scale + 1e-9) / scale;
  const truncated = Math.floor(exact * scale + 1e-9) / scale;
  const eps = 1e-9;
  return Math.abs(printed.value - rounded) < eps || (printed.decimals === 0 && Math.abs(printed.value - truncated) < eps);
}

/** The expected percentage as the report would print it (at least one decimal). */
export function formatPercent(part: number, total: number, decimals: number): string {
  const v = (part / total) * 100;
  const d = Math.max(decimals, 1);
  return (Math.round(v * 10 ** d + 1e-9) / 10 ** d).toFixed(d).replace(/\.0+$/, decimals ? '$&' : '');
}

/** Words that mark a count as a whole: "全乡共有党员546名", "总数", "累计排查". */
const WHOLE_MARK = /(?:共有?|总数|总计|合计|累计|全镇|全乡|全村|全街道|全体|现有|受理|收到|接到?|排查|梳理|反馈|发现|登记)[^，,。；]{0,10}$/;

export interface Whole extends Count {
  /** The count's text before it (for the message). */
  label: string;
}

/**
 * Wholes stated earlier in the same paragraph, before offset `before` (nearest first):
 * counts marked as a whole ("共有党员546名"). When the paragraph opens with 其中, the
 * previous paragraph's wholes count too (the whole closed the paragraph before).
 */
export function wholesBefore(lines: readonly { raw: string; text: string }[], lineIndex: number, before: number): Whole[] {
  const scan = (raw: string, end: number): Whole[] =>
    counts(raw.slice(0, end))
      .filter((c) => WHOLE_MARK.test(raw.slice(Math.max(0, c.index - 14), c.index)))
      .map((c) => ({ ...c, label: raw.slice(Math.max(0, c.index - 6), c.index).replace(/^.*[，,。；、：:]/, '') }))
      .reverse();
  const line = lines[lineIndex];
  const out = scan(line.raw, before);
  if (/^其中/.test(line.text)) {
    for (let i = lineIndex - 1; i >= 0; i--) {
      if (!lines[i].text) continue;
      out.push(...scan(lines[i].raw, lines[i].raw.length).map((c) => ({ ...c, index: -1 })));
      break;
    }
  }
  return out;
}

/** Splits a line into clauses-with-sentences: at 。；！？ (a rate and its counts sit in one). */
export function segments(raw: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /[^。；！？;!?]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) out.push({ text: m[0], start: m.index });
  return out;
}
