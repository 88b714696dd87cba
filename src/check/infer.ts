/**
 * Period and subject: parse '2023Q4', infer both from a title such as
 * "2024年南坪镇二季度落实全面从严治党攻坚战情况报告", and fill in the short names.
 */
import type { DocLine, Period, Subject } from './types.ts';
import { parseCnDigits, parseCnNumber } from '../shared/cn-number.ts';
import { getGazetteer } from './gazetteer.ts';

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

const NAME = '[\\u4e00-\\u9fa5]{2,4}?(?:镇|乡|街道)';
/** "我就四皓镇党委……", "中共四皓镇委员会", "我代表四皓镇党委". */
const SELF_NAMED = [
  new RegExp(`(?:我|现|特|兹)(?:们)?(?:就|代表|将)(${NAME})(?:党委|党工委|委员会|人民政府)`),
  new RegExp(`中共(${NAME})(?:委员会|纪律检查委员会)`),
];
/** "四皓镇党委" in a text that speaks of 我镇 (or 我乡 / 我街道): the first one named. */
const ORGAN_NAMED = /([\u4e00-\u9fa5]{2,8}?(?:镇|乡|街道))(?:党委|党工委|纪委|人民政府|政府)/g;
const BOUNDARY = /(?:^|[，。；：、“（\s]|今年以来|以来|按照|根据|坚持|在)$/;

/** The name ending a run of characters: a town the gazetteer knows, else one after a clear boundary. */
function nameAt(text: string, index: number, run: string, known: (n: string) => boolean): string | undefined {
  for (let k = Math.min(run.length, 5); k >= 3; k--) {
    const n = run.slice(-k);
    if (known(n)) return n;
  }
  for (let k = Math.min(run.length, 5); k >= 3; k--) {
    const n = run.slice(-k);
    if (BOUNDARY.test(text.slice(0, index + run.length - k))) return n;
  }
  return undefined;
}

/** Words before 镇党委 in a sentence that are not a name: "巡察反馈镇党委", "各镇党委". */
const NOT_A_NAME_IN_TEXT = /反馈|巡察|巡视|督促|指导|要求|配合|协助|联系|包联|^(?:各|本|该|我|向|对|由|经|将|在|把|被|和|与|及|全|乡|镇|村|县|区|市|省)/;

/**
 * The town a report is about, read from its first paragraphs when the title does not
 * name it: "我就四皓镇党委履行全面从严治党主体责任……", or 我镇 with "四皓镇党委".
 */
export function townFromText(lines: readonly DocLine[], paragraphs = 6): string | undefined {
  const head = lines
    .filter((l) => l.text && !l.title)
    .slice(0, paragraphs)
    .map((l) => l.text);
  const text = head.join('\n');
  for (const re of SELF_NAMED) {
    const m = re.exec(text);
    if (m && !PLACEHOLDER_NAME.test(m[1]) && !NOT_A_NAME.test(m[1])) return m[1];
  }
  const self = /我(镇|乡|街道)/.exec(text);
  if (!self) return undefined;
  const known = (n: string): boolean => (getGazetteer().streetsByName.get(n)?.length ?? 0) > 0;
  for (const m of text.matchAll(ORGAN_NAMED)) {
    if (!m[1].endsWith(self[1])) continue;
    const name = nameAt(text, m.index, m[1], known);
    if (name && !PLACEHOLDER_NAME.test(name) && !NOT_A_NAME.test(name) && !NOT_A_NAME_IN_TEXT.test(name)) return name;
  }
  return undefined;
}

/** The subject's own villages and communities, named by their party organisations ("东湖村党支部"). */
export function villagesFromText(lines: readonly DocLine[]): string[] {
  const out = new Set<string>();
  for (const l of lines) {
    for (const m of l.raw.matchAll(/([\u4e00-\u9fa5]{2,8}?(?:村|社区))(?:党总支|党支部|党委|“两委”|两委|村委会|居委会)/g)) {
      // "指导东湖村党支部": the verb before the name is not part of it
      const name = m[1].replace(/^.*?(?:组织|指导|督促|推动|帮助|对|由|和|及|与|在|到|赴|、)(?=[\u4e00-\u9fa5]{1,4}(?:村|社区)$)/, '');
      if (name.length >= 2 && name.length <= 5 && !PLACEHOLDER_NAME.test(name) && !/^(?:各|全|每|本|该|行政|自然|农村|城市|中心|村|社区)/.test(name))
        out.add(name);
    }
  }
  return [...out];
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
    const t = townFromTitle(title) ?? townFromText(lines);
    if (t) subject.town = t;
  }
  const villages = villagesFromText(lines);
  if (villages.length) subject.villages = [...new Set([...(subject.villages ?? []), ...villages])];
  const shorts = new Set(subject.shortNames ?? []);
  if (subject.town) {
    const s = townShort(subject.town);
    if (s) shorts.add(s);
  }
  if (shorts.size) subject.shortNames = [...shorts];
  return { subject, period: parsePeriod(period) ?? periodFromTitle(title) };
}
