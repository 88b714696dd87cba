/**
 * Number formats of the report (docs/templates.md, "Inline" and "Rounding"):
 * - int: a count, as Arabic digits;
 * - pct[:d]: a ratio as a percentage with d decimals (the template writes the ％ sign),
 *   rounded half up ONCE, from the exact counts when they are known;
 * - yu: the 余 rule, v >= 20 and not a multiple of 10 → floor(v/10)*10 followed by 余.
 * A missing value (a ratio over zero records) prints as '—'.
 */

export const NULL_TEXT = '—';

/** Exact numerator and denominator of a ratio, when the catalog declares them. */
export interface Exact {
  num: number;
  den: number;
}

function isInt(n: number): boolean {
  return Number.isSafeInteger(n);
}

/**
 * num/den × 100 rounded half up to `decimals`, in integer arithmetic so that 57/200 gives
 * 28.5 and 1/8 at one decimal gives 12.5 (no binary floating-point surprises).
 */
export function percentOfCounts(num: number, den: number, decimals: number): string {
  if (!isInt(num) || !isInt(den) || den <= 0 || num < 0) return percentOfRatio(num / den, decimals);
  const scale = 10 ** decimals;
  const scaled = (BigInt(num) * 100n * BigInt(scale) * 2n + BigInt(den)) / (2n * BigInt(den));
  return fixed(Number(scaled), decimals);
}

/** A fraction × 100, half up, with a guard against 0.285 × 100 = 28.499999…  */
export function percentOfRatio(ratio: number, decimals: number): string {
  const scale = 10 ** decimals;
  const x = ratio * 100 * scale;
  const rounded = Math.floor(x + 0.5 + 1e-9 * Math.max(1, Math.abs(x)));
  return fixed(rounded, decimals);
}

/** An integer count of 10^-decimals units as text: (285, 1) → '28.5'. */
function fixed(units: number, decimals: number): string {
  if (decimals === 0) return String(units);
  const neg = units < 0;
  const s = String(Math.abs(units)).padStart(decimals + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** Counts print as integers; a non-integer sum is rounded half up. */
export function formatInt(v: number): string {
  return String(Math.floor(v + 0.5 + 1e-9));
}

/** The 余 rule: 347 → '340余', 20 → '20', 19 → '19', 30 → '30', 0 → '0'. */
export function formatYu(v: number): string {
  const n = Math.floor(v + 0.5 + 1e-9);
  if (n >= 20 && n % 10 !== 0) return `${Math.floor(n / 10) * 10}余`;
  return String(n);
}

export function formatPct(value: number, decimals: number, exact?: Exact): string {
  if (exact && exact.den > 0) return percentOfCounts(exact.num, exact.den, decimals);
  return percentOfRatio(value, decimals);
}

export type FormatName = 'int' | 'pct' | 'yu';

/** Formats a metric value; `format` is 'int', 'yu', 'pct' or 'pct:1'. */
export function formatValue(value: number | null, format: string, exact?: Exact): string {
  if (value === null || !Number.isFinite(value)) return NULL_TEXT;
  const [name, arg] = format.split(':');
  if (name === 'pct') return formatPct(value, Number(arg ?? 0), exact);
  if (name === 'yu') return formatYu(value);
  return formatInt(value);
}
