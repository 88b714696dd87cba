/**
 * Conditions of `{% if … %}`: comparisons (== != > >= < <=) of paths, numbers (`1`, `0.5`,
 * `100%`), strings and `null`, combined with `and`, `or`, `not` and parentheses. A small
 * recursive-descent parser and an interpreter over looked-up values: no JavaScript is run.
 */
import type { CompareOp, Expr, Pos } from './types.ts';
import type { Diagnostics, SourceText } from './source.ts';

type Tok =
  | { t: 'num'; v: number; at: number; raw: string }
  | { t: 'str'; v: string; at: number; raw: string }
  | { t: 'id'; v: string; at: number; raw: string }
  | { t: 'op'; v: string; at: number; raw: string };

const PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*/;
const NUM_RE = /^\d+(?:\.\d+)?%?/;

function tokenize(text: string, base: number, src: SourceText, diags: Diagnostics): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const at = base + i;
    let m: RegExpExecArray | null;
    if ((m = NUM_RE.exec(rest))) {
      const raw = m[0];
      const v = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
      out.push({ t: 'num', v, at, raw });
      i += raw.length;
    } else if ((m = PATH_RE.exec(rest))) {
      out.push({ t: 'id', v: m[0], at, raw: m[0] });
      i += m[0].length;
    } else if (ch === '"' || ch === '“') {
      const close = ch === '"' ? '"' : '”';
      const end = text.indexOf(close, i + 1);
      if (end < 0) {
        diags.error(src.pos(at), 'exprUnclosedString');
        return null;
      }
      out.push({ t: 'str', v: text.slice(i + 1, end), at, raw: text.slice(i, end + 1) });
      i = end + 1;
    } else if (/^(===|!==)/.test(rest)) {
      diags.error(src.pos(at), 'exprSingleEquals');
      return null;
    } else if (/^(==|!=|>=|<=)/.test(rest)) {
      out.push({ t: 'op', v: rest.slice(0, 2), at, raw: rest.slice(0, 2) });
      i += 2;
    } else if (ch === '>' || ch === '<' || ch === '(' || ch === ')') {
      out.push({ t: 'op', v: ch, at, raw: ch });
      i++;
    } else if (ch === '=') {
      diags.error(src.pos(at), 'exprSingleEquals');
      return null;
    } else {
      diags.error(src.pos(at), 'exprBadChar', { text: ch });
      return null;
    }
  }
  return out;
}

class ExprParser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly src: SourceText,
    private readonly end: number,
    private readonly diags: Diagnostics,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private pos(t: Tok | undefined): Pos {
    return this.src.pos(t ? t.at : this.end);
  }
  private fail(t: Tok | undefined): never {
    if (t) this.diags.error(this.pos(t), 'exprUnexpected', { text: t.raw });
    else this.diags.error(this.pos(undefined), 'exprEnd');
    throw new ExprFailure();
  }
  private isWord(w: string): boolean {
    const t = this.peek();
    return t?.t === 'id' && t.v === w;
  }

  parse(): Expr {
    const e = this.or();
    if (this.i < this.toks.length) this.fail(this.peek());
    return e;
  }
  private or(): Expr {
    let left = this.and();
    while (this.isWord('or')) {
      const t = this.toks[this.i++];
      left = { type: 'bin', op: 'or', left, right: this.and(), pos: this.pos(t) };
    }
    return left;
  }
  private and(): Expr {
    let left = this.not();
    while (this.isWord('and')) {
      const t = this.toks[this.i++];
      left = { type: 'bin', op: 'and', left, right: this.not(), pos: this.pos(t) };
    }
    return left;
  }
  private not(): Expr {
    if (this.isWord('not')) {
      const t = this.toks[this.i++];
      return { type: 'not', expr: this.not(), pos: this.pos(t) };
    }
    return this.compare();
  }
  private compare(): Expr {
    const left = this.operand();
    const t = this.peek();
    if (t?.t === 'op' && ['==', '!=', '>', '>=', '<', '<='].includes(t.v)) {
      this.i++;
      return { type: 'bin', op: t.v as CompareOp, left, right: this.operand(), pos: this.pos(t) };
    }
    return left;
  }
  private operand(): Expr {
    const t = this.peek();
    if (!t) return this.fail(t);
    this.i++;
    const pos = this.pos(t);
    if (t.t === 'num') return { type: 'num', value: t.v, pos };
    if (t.t === 'str') return { type: 'str', value: t.v, pos };
    if (t.t === 'id') {
      if (t.v === 'null') return { type: 'null', pos };
      if (t.v === 'true') return { type: 'num', value: 1, pos };
      if (t.v === 'false') return { type: 'num', value: 0, pos };
      if (t.v === 'and' || t.v === 'or' || t.v === 'not') return this.fail(t);
      return { type: 'path', path: t.v, pos };
    }
    if (t.v === '(') {
      const inner = this.or();
      const close = this.peek();
      if (close?.t !== 'op' || close.v !== ')') {
        this.diags.error(this.pos(close), 'exprUnclosedParen');
        throw new ExprFailure();
      }
      this.i++;
      return inner;
    }
    return this.fail(t);
  }
}

class ExprFailure extends Error {}

/** Parses the condition `text` found at offset `base` of `src`; null (with a diagnostic) on error. */
export function parseExpr(text: string, base: number, src: SourceText, diags: Diagnostics): Expr | null {
  const toks = tokenize(text, base, src, diags);
  if (!toks) return null;
  try {
    return new ExprParser(toks, src, base + text.length, diags).parse();
  } catch (e) {
    if (e instanceof ExprFailure) return null;
    throw e;
  }
}

export type Value = number | string | null;

/** Interprets a condition; `lookup` resolves paths (and reports unknown ones itself). */
export function evalExpr(e: Expr, lookup: (path: string, pos: Pos) => Value): Value {
  switch (e.type) {
    case 'num':
      return e.value;
    case 'str':
      return e.value;
    case 'null':
      return null;
    case 'path':
      return lookup(e.path, e.pos);
    case 'not':
      return truthy(evalExpr(e.expr, lookup)) ? 0 : 1;
    case 'bin': {
      if (e.op === 'and') return truthy(evalExpr(e.left, lookup)) && truthy(evalExpr(e.right, lookup)) ? 1 : 0;
      if (e.op === 'or') return truthy(evalExpr(e.left, lookup)) || truthy(evalExpr(e.right, lookup)) ? 1 : 0;
      return compare(e.op, evalExpr(e.left, lookup), evalExpr(e.right, lookup)) ? 1 : 0;
    }
  }
}

export function truthy(v: Value): boolean {
  return v !== null && v !== 0 && v !== '';
}

/** Ratios compare at 1e-9 so that `rate == 1` holds for 7/7 however it was divided. */
function compare(op: CompareOp, a: Value, b: Value): boolean {
  if (op === '==' || op === '!=') {
    const eq = typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b;
    return op === '==' ? eq : !eq;
  }
  if (a === null || b === null || typeof a !== typeof b) return false;
  if (typeof a === 'number' && typeof b === 'number') {
    const d = a - b;
    if (op === '>') return d > 1e-9;
    if (op === '>=') return d > -1e-9;
    if (op === '<') return d < -1e-9;
    return d < 1e-9;
  }
  const [x, y] = [String(a), String(b)];
  return op === '>' ? x > y : op === '>=' ? x >= y : op === '<' ? x < y : x <= y;
}
