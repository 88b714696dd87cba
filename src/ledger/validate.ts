import type { CompiledLedger } from './registry.ts';
import { fieldKinds, isEmptyValue, type ParseContext } from './fields/registry.ts';
import type { DeadlineRule, FieldDecl } from './types.ts';
import { addDays } from '../shared/dates.ts';

export interface FieldError {
  field: string;
  label: string;
  message: string;
}

export interface ValidateOptions {
  /** Fields already stored (for a PATCH): missing keys keep their value. */
  existing?: Record<string, unknown>;
  /** Today's date (YYYY-MM-DD) for 'today' defaults. */
  today: string;
  /** Fill defaults for a new record. */
  isNew: boolean;
}

function parseField(f: FieldDecl, raw: unknown, ctx: ParseContext) {
  // The union is closed: each kind's parser gets its own declaration type.
  return (fieldKinds[f.kind].parse as (r: unknown, f: FieldDecl, c: ParseContext) => ReturnType<typeof fieldKinds.text.parse>)(raw, f, ctx);
}

/**
 * Validate and normalise a record's fields against its ledger. Unknown keys, required fields,
 * each kind's parser, enum values, workflow status and deadline defaults. Never throws.
 */
export function validateFields(
  l: CompiledLedger,
  raw: Record<string, unknown>,
  ctx: ParseContext,
  o: ValidateOptions,
): { fields: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = { ...(o.existing ?? {}) };
  for (const k of Object.keys(raw)) {
    if (!l.fields.has(k)) errors.push({ field: k, label: k, message: `未知字段“${k}”（${l.decl.label}没有这个字段）` });
  }
  for (const f of l.decl.fields) {
    if (!(f.key in raw)) {
      if (o.isNew && f.default !== undefined && isEmptyValue(out[f.key])) out[f.key] = f.default === 'today' ? o.today : f.default;
      continue;
    }
    const v = raw[f.key];
    if (isEmptyValue(v)) {
      delete out[f.key];
      continue;
    }
    if (f.kind === 'files') continue; // evidence is managed by the files API
    // PostgreSQL cannot store U+0000 in text or jsonb: refuse it here, the same on both databases.
    if (hasNul(v)) {
      errors.push({ field: f.key, label: f.label, message: '含有不可见的空字符（\\u0000），请删除后重试' });
      continue;
    }
    const p = parseField(f, v, ctx);
    if (p.ok) out[f.key] = p.value;
    else errors.push({ field: f.key, label: f.label, message: p.error });
  }
  // Workflow: a new record starts in the initial state unless a valid state is given (imports).
  if (l.decl.workflow && l.decl.statusField && isEmptyValue(out[l.decl.statusField])) out[l.decl.statusField] = l.decl.workflow.initial;
  // Deadline defaults (petition dueOn = acceptedOn, else receivedOn, + 60 days): they follow
  // their dates until someone enters the deadline by hand.
  for (const d of l.decl.deadlines ?? []) {
    const wasDefault = o.existing !== undefined && out[d.field] === deadlineOf(d, o.existing) && !(d.field in raw);
    if (isEmptyValue(out[d.field]) || wasDefault) {
      const due = deadlineOf(d, out);
      if (due) out[d.field] = due;
      else delete out[d.field];
    }
  }
  for (const f of l.decl.fields) {
    if (f.required && isEmptyValue(out[f.key]) && !errors.some((e) => e.field === f.key)) {
      errors.push({ field: f.key, label: f.label, message: `缺少必填项“${f.label}”` });
    }
  }
  return { fields: out, errors };
}

/** The deadline a rule computes from a record's fields, or null without a start date. */
export function deadlineOf(d: DeadlineRule, f: Record<string, unknown>): string | null {
  const start = (Array.isArray(d.from) ? d.from : [d.from]).map((k) => f[k]).find((v): v is string => typeof v === 'string' && v !== '');
  if (!start) return null;
  const extra =
    d.extend && f[d.extend.when] === true ? Math.min(typeof f[d.extend.days] === 'number' ? (f[d.extend.days] as number) : d.extend.max, d.extend.max) : 0;
  return addDays(start, d.days + extra);
}

function hasNul(v: unknown): boolean {
  return typeof v === 'string' ? v.includes('\u0000') : Array.isArray(v) && v.some(hasNul);
}

export { addDays };
