/**
 * Period and subject: parse '2023Q4', infer both from a title such as
 * "2024年南坪镇二季度落实全面从严治党攻坚战情况报告", and fill in the short names.
 */
import type { DocLine, Period, Subject } from './types.ts';
import { parseCnDigits, parseCnNumber } from '../shared/cn-number.ts';

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

export function makePeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  return { year, quarter, end: `${year}-${QUARTER_END[quarter - 1]}`, yearStart: `${year}-01-01` };
}

/** '2023Q4' (also '2023q4', '2023-Q4', '2023') → Period; undefined when malformed. */
export function parsePeriod(s: string | undefined): Period | undefined {
  if (!s) return undefined;
  const m = /^\s*(\d{4})(?:\s*-?\s*[Qq]([1-4]))?\s*$/.exec(s);
  if (!m) return undefined;
  return makePeriod(Number(m[1]), (m[2] ? Number(m[2]) : 4) as 1 | 2 | 3 | 4);
}

/** Year and quarter named in a title ("2023年…四季度", "二〇二四年上半年", "2023年度"). */
export function periodFromTitle(title: string): Period | undefined {
  let year: number | undefined;
  const arabic = /((?:19|20)\d{2})\s*年/.exec(title);
  if (arabic) year = Number(arabic[1]);
  else {
    const cn = /([〇○零一二三四五六七八九]{4})年/.exec(title);
    if (cn) year = parseCnDigits(cn[1]);
  }
  if (!year) return undefined;
  let quarter: 1 | 2 | 3 | 4 = 4;
  const q = /(?:第)?([一二三四1-4])(?:季度|季)/.exec(title);
  if (q) {
    const n = /\d/.test(q[1]) ? Number(q[1]) : parseCnNumber(q[1]);
    quarter = n as 1 | 2 | 3 | 4;
  } else if (/上半年/.test(title)) quarter = 2;
  return makePeriod(year, quarter);
}

const PLACEHOLDER_NAME = /[XxＸｘ×某□○]/;
const NOT_A_NAME = /全面|推进|落实|工作|关于|情况|乡镇|季度|报告|党委|年度|开展/;

/** The town named in a title, or undefined (also when it is a placeholder like "XX镇"). */
export function townFromTitle(title: string): string | undefined {
  const re = /(?:中共|关于|^|年度?)\s*([\u4e00-\u9fa5XxＸｘ×某□○]{1,6}?(?:镇|乡|街道))(?![村镇])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(title))) {
    const name = m[1];
    if (PLACEHOLDER_NAME.test(name)) return undefined;
    if (NOT_A_NAME.test(name)) continue;
    return name;
  }
  return undefined;
}

const TOWN_SUFFIX = /(街道办事处|街道|民族乡|镇|乡)$/;
const COUNTY_SUFFIX = /(自治县|自治旗|县|区|市|旗)$/;

/** 南坪镇 → 南坪; 清河县 → 清河 (only when at least two characters remain). */
export function shortOf(name: string, suffix: RegExp): string | undefined {
  const s = name.replace(suffix, '');
  return s !== name && s.length >= 2 ? s : undefined;
}

export function townShort(name: string): string | undefined {
  return shortOf(name, TOWN_SUFFIX);
}

export function countyShort(name: string): string | undefined {
  return shortOf(name, COUNTY_SUFFIX);
}

export function titleLine(lines: readonly DocLine[]): DocLine | undefined {
  return lines.find((l) => l.title);
}

export interface Resolved {
  subject: Subject;
  period?: Period;
}

/** Merge the given subject/period with what the title says; add short names. */
export function resolveSubject(lines: readonly DocLine[], given?: Subject, period?: string): Resolved {
  // The title, plus the short lines right after it ("中共南坪镇委员会" above a two-line title).
  const head: string[] = [];
  for (const l of lines) {
    if (!l.text) continue;
    if (head.length >= 3 || l.heading || l.text.length > 60 || /[。；]$/.test(l.text)) break;
    head.push(l.text);
  }
  const title = head.join('');
  const subject: Subject = { ...(given ?? {}) };
  if (!subject.town) {
    const t = townFromTitle(title);
    if (t) subject.town = t;
  }
  const shorts = new Set(subject.shortNames ?? []);
  if (subject.town) {
    const s = townShort(subject.town);
    if (s) shorts.add(s);
  }
  if (shorts.size) subject.shortNames = [...shorts];
  return { subject, period: parsePeriod(period) ?? periodFromTitle(title) };
}
