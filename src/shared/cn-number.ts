/**
 * Chinese numerals, both directions, 0…9999, and the ordinal forms the reports use.
 * The one implementation for the report templates, the checker and the UI (docs/docx.md,
 * "Chinese numerals").
 *
 * Writing follows ordinary usage in official documents: 十一 (not 一十一) on its own and at the
 * start, 一百一十 inside a larger number, one 零 for any run of zeros inside (一百零一,
 * 一千零二十, 一千零一), none at the end (一千, 二千三百).
 */

/** The nine digits in order, 一 = 1 … 九 = 9. */
export const CN_DIGIT_CHARS = '一二三四五六七八九';

const DIGITS = ['零', ...CN_DIGIT_CHARS];
const UNITS = ['', '十', '百', '千'] as const;
const UNIT_VALUE: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const DIGIT_VALUE: Record<string, number> = { 〇: 0, '○': 0, 零: 0, 两: 2 };
for (let i = 1; i <= 9; i++) DIGIT_VALUE[DIGITS[i]] = i;

/** The largest number written in words; larger ones are written in Arabic digits. */
export const CN_NUMBER_MAX = 9999;

/**
 * 0 → 零, 1 → 一, 10 → 十, 11 → 十一, 100 → 一百, 101 → 一百零一, 110 → 一百一十,
 * 1020 → 一千零二十, 9999 → 九千九百九十九. Numbers outside 0…9999 or not integers are returned
 * in Arabic digits (a report never numbers ten thousand items).
 */
export function toCnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > CN_NUMBER_MAX) return String(n);
  if (n === 0) return DIGITS[0];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zeros = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i];
    if (d === 0) {
      zeros = true;
      return;
    }
    if (zeros && out) out += DIGITS[0];
    zeros = false;
    // 十一…十九 on their own: no leading 一
    if (!(d === 1 && unit === '十' && i === 0)) out += DIGITS[d];
    out += unit;
  });
  return out;
}

/**
 * Reads a Chinese numeral of 0…9999: 一, 十二, 一十二, 二十, 两百, 一百零五, 一千零二十, 〇;
 * NaN when the text is not one (empty, other characters, 十百, 二二, 一百一 as shorthand for 110).
 */
export function parseCnNumber(s: string): number {
  if (!s) return NaN;
  if (s.length === 1 && s in DIGIT_VALUE) return DIGIT_VALUE[s];
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  let afterZero = false;
  for (const ch of s) {
    if (ch in DIGIT_VALUE) {
      const d = DIGIT_VALUE[ch];
      if (digit !== null) return NaN; // two digits in a row
      if (d === 0) {
        if (afterZero || total === 0) return NaN;
        afterZero = true;
        continue;
      }
      digit = d;
    } else if (ch in UNIT_VALUE) {
      const unit = UNIT_VALUE[ch];
      if (unit >= lastUnit) return NaN; // units must decrease: 十百, 百百
      if (digit === null && !(unit === 10 && total === 0)) return NaN; // only 十 may stand alone, at the start
      total += (digit ?? 1) * unit;
      lastUnit = unit;
      digit = null;
      afterZero = false;
    } else return NaN;
  }
  if (digit !== null) {
    // a final digit is ones; after a zero or straight after 十 / alone that is exact, after 百 or 千 it is shorthand
    if (lastUnit !== Infinity && lastUnit > 10 && !afterZero) return NaN;
    total += digit;
  } else if (afterZero) return NaN; // trailing 零
  return total;
}

/** Reads digit-by-digit numerals as years are written: 二〇二三 → 2023; NaN otherwise. */
export function parseCnDigits(s: string): number {
  if (!s) return NaN;
  let out = '';
  for (const ch of s) {
    if (!(ch in DIGIT_VALUE) || ch === '两') return NaN;
    out += String(DIGIT_VALUE[ch]);
  }
  return Number(out);
}

/** Ordinal forms of the reports: 一、 (heading), （一） (heading), 一是 (point), 第一 (point). */
export type CnOrdinalForm = 'dun' | 'paren' | 'shi' | 'di';

/** 'dun' → 一、, 'paren' → （一）, 'shi' → 一是, 'di' → 第一 (the caller adds "，" after 第一). */
export function cnOrdinal(form: CnOrdinalForm, n: number): string {
  const cn = toCnNumber(n);
  switch (form) {
    case 'dun':
      return `${cn}、`;
    case 'paren':
      return `（${cn}）`;
    case 'shi':
      return `${cn}是`;
    case 'di':
      return `第${cn}`;
  }
}
