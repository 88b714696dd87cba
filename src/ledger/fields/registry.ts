import type { FieldDecl, FieldKind } from '../types.ts';
import { idNumberError, isValidDate } from '../../shared/idnumber.ts';

/** What a field parser may look up. */
export interface ParseContext {
  /** Org code → exists in the record's town (or is the town). */
  orgExists(code: string): boolean;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export interface FieldKindImpl<F extends FieldDecl = FieldDecl> {
  /** Normalise user or file input to the stored value; forgiving of common spellings. */
  parse(raw: unknown, field: F, ctx: ParseContext): Parsed;
  /** Text for search, lists and Excel cells. */
  format(value: unknown, field: F): string;
}

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (error: string): Parsed => ({ ok: false, error });
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** Excel serial day (1900 system) to ISO date. */
function excelSerialToIso(n: number): string {
  const ms = Math.round((n - 25569) * 86400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` (ASCII digits) as y, m, d; null for anything else. */
function isoParts(s: string): [number, number, number] | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    if (i < 4) y = y * 10 + c;
    else if (i < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  return [y, m, d];
}

export function parseDate(raw: unknown): string | null {
  // Fast path for the stored form itself (an import of 100 000 records parses a few hundred
  // thousand dates): a valid ISO date is returned as it is, anything else takes the general path.
  if (typeof raw === 'string') {
    const p = isoParts(raw);
    if (p && p[0] >= 1900 && p[0] <= 2100 && isValidDate(p[0], p[1], p[2])) return raw;
  }
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'number' && raw > 20000 && raw < 80000) return excelSerialToIso(raw);
  const s = str(raw).replace(/\s+/g, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidDate(y, mo, d) || y < 1900 || y > 2100) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const s = str(raw).replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

export function splitList(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map((x) => str(x)).filter(Boolean);
  return str(raw)
    .split(/[、,，;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

const TRUE = new Set(['true', '1', '是', 'y', 'yes', '√', '已']);
const FALSE = new Set(['false', '0', '否', 'n', 'no', '×', '未', '']);

type Impl<K extends FieldKind> = FieldKindImpl<Extract<FieldDecl, { kind: K }>>;

/** One implementation per field kind: a kind missing here fails to compile. */
export const fieldKinds: { [K in FieldKind]: Impl<K> } = {
  text: {
    parse: (raw, f) => {
      const s = str(raw);
      if (s.length > (f.maxLength ?? 500)) return fail(`不能超过 ${f.maxLength ?? 500} 个字`);
      if (f.pattern && s && !new RegExp(f.pattern).test(s)) return fail('格式不正确');
      return ok(s);
    },
    format: (v) => str(v),
  },
  longText: {
    parse: (raw, f) => {
      const s = typeof raw === 'string' ? raw.trim() : str(raw);
      return s.length > (f.maxLength ?? 20000) ? fail(`不能超过 ${f.maxLength ?? 20000} 个字`) : ok(s);
    },
    format: (v) => str(v),
  },
  int: {
    parse: (raw, f) => {
      const n = parseNumber(raw);
      if (n == null || !Number.isInteger(n)) return fail(`须为整数，实际为“${str(raw)}”`);
      if (f.min != null && n < f.min) return fail(`不能小于 ${f.min}`);
      if (f.max != null && n > f.max) return fail(`不能大于 ${f.max}`);
      return ok(n);
    },
    format: (v) => (v == null ? '' : String(v)),
  },
  money: {
    parse: (raw, f) => {
      const n = parseNumber(raw);
      if (n == null) return fail(`须为金额数字，实际为“${str(raw)}”`);
      if (n < (f.min ?? 0)) return fail(`不能小于 ${f.min ?? 0}`);
      return ok(Math.round(n * 100) / 100);
    },
    format: (v) => (v == null ? '' : Number(v).toFixed(2)),
  },
  date: {
    parse: (raw) => {
      const d = parseDate(raw);
      return d ? ok(d) : fail(`日期无效：“${raw instanceof Date ? raw.toISOString() : str(raw)}”，应为 YYYY-MM-DD`);
    },
    format: (v) => str(v),
  },
  month: {
    parse: (raw) => {
      const s = str(raw);
      const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return fail(`月份无效：“${s}”，应为 YYYY-MM`);
      return ok(`${m[1]}-${m[2].padStart(2, '0')}`);
    },
    format: (v) => str(v),
  },
  bool: {
    parse: (raw) => {
      if (typeof raw === 'boolean') return ok(raw);
      const s = str(raw).toLowerCase();
      if (TRUE.has(s)) return ok(true);
      if (FALSE.has(s)) return ok(false);
      return fail(`须为“是”或“否”，实际为“${str(raw)}”`);
    },
    format: (v) => (v === true ? '是' : v === false ? '否' : ''),
  },
  enum: {
    parse: (raw, f) => {
      const s = str(raw);
      const hit = f.options.find((o) => o.value === s) ?? f.options.find((o) => o.label === s);
      if (hit) return ok(hit.value);
      if (f.open && s.length <= 100) return ok(s);
      return fail(`“${s}”不在可选值中（可选：${f.options.map((o) => o.label).join('、')}）`);
    },
    format: (v, f) => f.options.find((o) => o.value === v)?.label ?? str(v),
  },
  list: {
    parse: (raw, f) => {
      const items = splitList(raw);
      if (f.maxItems && items.length > f.maxItems) return fail(`最多 ${f.maxItems} 项`);
      return ok(items);
    },
    format: (v) => (Array.isArray(v) ? v.join('、') : str(v)),
  },
  org: {
    parse: (raw, _f, ctx) => {
      const s = str(raw);
      return ctx.orgExists(s) ? ok(s) : fail(`组织不存在或不属于本镇：“${s}”`);
    },
    format: (v) => str(v),
  },
  person: {
    parse: (raw) => {
      const s = str(raw);
      return s.length > 50 ? fail('姓名过长') : ok(s);
    },
    format: (v) => str(v),
  },
  recordRef: {
    parse: (raw) => {
      const n = parseNumber(raw);
      return n != null && Number.isInteger(n) && n > 0 ? ok(n) : fail(`须为记录编号，实际为“${str(raw)}”`);
    },
    format: (v) => (v == null ? '' : String(v)),
  },
  files: {
    parse: (raw) => ok(Array.isArray(raw) ? raw.filter((x) => Number.isInteger(x)) : []),
    format: (v) => (Array.isArray(v) ? `${v.length} 个文件` : ''),
  },
  idNumber: {
    parse: (raw) => {
      const s = str(raw).toUpperCase();
      const err = idNumberError(s);
      return err ? fail(err) : ok(s);
    },
    format: (v) => str(v),
  },
};

export function isEmptyValue(v: unknown): boolean {
  return v == null || v === '' || (Array.isArray(v) && v.length === 0);
}
