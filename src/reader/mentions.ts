/**
 * Finds every number in a line of a report — Arabic and Chinese numerals, percentages,
 * "XX" placeholders, with their 余/多/近 qualifiers and measure words — and recognises the
 * ones that state no metric (dates, years, 党的二十大, 第3条, phone numbers, "两个维护"…).
 * docs/reader.md describes the rules.
 */
import { asciiDigits } from '../check/document.ts';
import { parseCnNumber } from '../shared/cn-number.ts';

export type NonMetricReason = 'date' | 'year' | 'ordinal' | 'congress' | 'phone' | 'quoted' | 'formulation' | 'age' | 'frequency' | 'name' | 'noUnit';

export const NON_METRIC_LABELS: Record<NonMetricReason, string> = {
  date: '日期',
  year: '年份',
  ordinal: '序号',
  congress: '届次',
  phone: '电话号码',
  quoted: '引号或书名号内',
  formulation: '固定提法',
  age: '年龄',
  frequency: '频次（每…一次）',
  name: '名称占位',
  noUnit: '无量词',
};

export interface Mention {
  /** 0-based offset in the raw line of the whole match (qualifier and unit included). */
  index: number;
  length: number;
  /** Offset and length of the numeral itself. */
  numIndex: number;
  numLength: number;
  /** The numeral as written: "24", "二十四", "XX", "83.5". */
  raw: string;
  /** null for a placeholder. */
  value: number | null;
  placeholder: boolean;
  percent: boolean;
  /** Digits after the decimal point (percentages). */
  decimals: number;
  /** 余/多 (more than) or 近 (nearly). */
  qualifier?: '余' | '多' | '近';
  /** The measure word after the number ('' when none). */
  unit: string;
  chinese: boolean;
  /** Set when the number states no metric. */
  nonMetric?: NonMetricReason;
}

/** Measure words, longest first so 人次 wins over 人. */
const UNITS = [
  '人次',
  '批次',
  '场次',
  '个',
  '次',
  '人',
  '名',
  '件',
  '条',
  '项',
  '篇',
  '份',
  '部',
  '批',
  '起',
  '处',
  '块',
  '户',
  '家',
  '场',
  '期',
  '所',
  '座',
  '张',
  '支',
  '套',
  '本',
  '元',
  '万元',
  '天',
  '届',
  '大',
  '年',
  '月',
  '日',
  '号',
  '时',
  '岁',
  '周岁',
  '季度',
  '章',
  '节',
  '款',
  '位',
  '类',
  '轮',
  '组',
  '点',
  '种',
];
const UNIT_ALT = UNITS.slice()
  .sort((a, b) => b.length - a.length)
  .join('|');

const DATE_UNITS = new Set(['年', '月', '日', '号', '时', '季度']);
const NON_COUNT_UNITS = new Set(['章', '节', '款', '届', '大', '类', '轮', '种', '点']);

/** Fixed formulations whose numerals are part of a name, not a count. */
const FORMULATIONS = [
  '两个确立',
  '两个维护',
  '四个意识',
  '四个自信',
  '四个全面',
  '五位一体',
  '四风',
  '三会一课',
  '三严三实',
  '两学一做',
  '一岗双责',
  '两个责任',
  '两个清单',
  '四个走遍',
  '四个起来',
  '五项工程',
  '六力',
  '三不',
  '一把手',
  '一形态',
  '第一种形态',
  '四种形态',
  '两台一报',
  '两办',
  '双百行动',
  '三支一扶',
  '两委',
  '三力',
  '六大攻坚战',
  '三大攻坚战',
  '一票否决',
  '两新',
  '三重一大',
  '一肩挑',
  '两代表一委员',
  '三务',
  '四议两公开',
  '一村一品',
  '一事一议',
  '三资',
  '五个一',
  '第一粒扣子',
  '一起向未来',
  '一级抓一级',
  '两会',
  '一带一路',
  '四下基层',
  '四议',
  '五项',
  '六必访',
  '八项规定',
  '十大',
  '百千万',
  '千万工程',
];

const CN = '[零〇一二三四五六七八九十百千万两]';
/**
 * One alternation: a placeholder, an Arabic number (full-width digits too, decimals, a
 * thousands comma), or a Chinese numeral; then an optional qualifier, ％ or a unit.
 */
const NUMBER_RE = new RegExp(
  `(近|约)?(?:([XxＸｘ]{1,4}(?:[.．][XxＸｘ]{1,3})?)|([0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?)|(${CN}+))(余|多)?\\s?([％%]|${UNIT_ALT})?`,
  'g',
);

/** Spans inside “…”, ‘…’, "…" and 《…》 of a line, as [start, end) pairs. */
export function quotedSpans(raw: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /“[^”]{0,40}”|‘[^’]{0,40}’|"[^"]{0,40}"|《[^》]{0,80}》|「[^」]{0,40}」/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) out.push([m.index, m.index + m[0].length]);
  return out;
}

function parseArabic(s: string): { value: number; decimals: number } {
  const a = asciiDigits(s).replace(/[,，]/g, '').replace('．', '.');
  return { value: Number(a), decimals: a.includes('.') ? a.length - a.indexOf('.') - 1 : 0 };
}

function classify(raw: string, m: Mention, quoted: Array<[number, number]>): NonMetricReason | undefined {
  const before = raw.slice(Math.max(0, m.index - 4), m.index);
  const after = raw.slice(m.index + m.length, m.index + m.length + 6);
  const inQuote = quoted.some(([s, e]) => m.index >= s && m.index < e);
  if (m.placeholder) {
    if (!m.unit && !m.percent && /^[镇乡县区市村]/.test(after)) return 'name';
    if (m.unit === '大' || m.unit === '届' || /党的$/.test(before)) return 'congress';
    if (inQuote && !m.unit && !m.percent) return 'name';
  }
  if (DATE_UNITS.has(m.unit)) return m.unit === '年' ? 'year' : 'date';
  if (
    !m.placeholder &&
    !m.chinese &&
    !m.percent &&
    m.value !== null &&
    m.value >= 1900 &&
    m.value <= 2100 &&
    Number.isInteger(m.value) &&
    /^[年度—-]|^$/.test(after.slice(0, 1))
  )
    return 'year';
  if (/^[-—至到~～]/.test(raw.slice(m.index + m.length, m.index + m.length + 1)) && /^[-—至到~～]\s*[0-9０-９]+\s*[年月日]/.test(raw.slice(m.index + m.length)))
    return 'date';
  if (m.unit === '岁' || m.unit === '周岁') return 'age';
  if (m.unit === '届' || (m.unit === '大' && (/党的$/.test(before) || /^(精神|报告|以来|胜利)/.test(after)))) return 'congress';
  if (/第$/.test(before) || raw[m.numIndex + m.numLength] === '是') return 'ordinal';
  if (!m.chinese && m.raw.replace(/\D/g, '').length >= 7) return 'phone';
  if (m.chinese && m.value === 1 && /每[个]?[月周年季天日]/.test(raw.slice(Math.max(0, m.index - 12), m.index))) return 'frequency';
  if (NON_COUNT_UNITS.has(m.unit)) return 'formulation';
  const around = raw.slice(Math.max(0, m.numIndex - 2), m.numIndex + m.numLength + 6);
  if (FORMULATIONS.some((f) => around.includes(f) && f.includes(m.raw))) return 'formulation';
  if (inQuote) return 'quoted';
  if (!m.unit && !m.percent) return 'noUnit';
  return undefined;
}

/** The heading marker at the start of a line ("一、", "（二）", "1.") is not a number of the text. */
function markerEnd(raw: string): number {
  const m = /^[\s\u3000]*(?:[（(]?[一二三四五六七八九十0-9０-９]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、，是]|[0-9０-９]{1,2}[.．、])/.exec(raw);
  return m ? m[0].length : 0;
}

/** Every number in a raw line, in order. */
export function findMentions(raw: string): Mention[] {
  const out: Mention[] = [];
  const quoted = quotedSpans(raw);
  const skip = markerEnd(raw);
  NUMBER_RE.lastIndex = skip;
  let g: RegExpExecArray | null;
  while ((g = NUMBER_RE.exec(raw))) {
    if (g[0].length === 0) {
      NUMBER_RE.lastIndex++;
      continue;
    }
    const [all, near, ph, arabic, cn, more, tail] = g;
    // A Chinese numeral counts only with a measure word (一些, 统一, 万一 are words, not numbers).
    if (cn !== undefined && !tail) continue;
    // Latin letters around an X are a word ("X＋N", "XML"), not a placeholder.
    if (ph !== undefined && (/[A-Za-z]/.test(raw[g.index - 1] ?? '') || /^[A-Za-z＋+]/.test(raw.slice(g.index + all.length)))) continue;
    if (arabic !== undefined && /[A-Za-z]/.test(raw[g.index - 1] ?? '')) continue;
    const numText = ph ?? arabic ?? cn ?? '';
    const numIndex = g.index + (near?.length ?? 0);
    const percent = tail === '％' || tail === '%';
    let value: number | null = null;
    let decimals = 0;
    if (arabic !== undefined) ({ value, decimals } = parseArabic(arabic));
    else if (cn !== undefined) {
      value = parseCnNumber(cn);
      if (!Number.isFinite(value)) continue;
    } else decimals = ph.includes('.') || ph.includes('．') ? ph.length - Math.max(ph.indexOf('.'), ph.indexOf('．')) - 1 : 0;
    const qualifier = (more as '余' | '多' | undefined) ?? (near === '近' ? '近' : undefined);
    const m: Mention = {
      index: g.index,
      length: all.length,
      numIndex,
      numLength: numText.length,
      raw: numText,
      value,
      placeholder: ph !== undefined,
      percent,
      decimals,
      unit: percent ? '％' : (tail ?? ''),
      chinese: cn !== undefined,
      ...(qualifier ? { qualifier } : {}),
    };
    const reason = classify(raw, m, quoted);
    if (reason) m.nonMetric = reason;
    out.push(m);
  }
  return out;
}
