/**
 * Inline content of a heading or paragraph: text, `{{ path | filter:arg }}` outputs,
 * `{% if %}…{% elif %}…{% else %}…{% endif %}` and `{# comments #}`. A backslash makes the
 * next character literal (`\{{`).
 */
import type { Branch, Expr, Filter, Inline, Pos } from './types.ts';
import { parseExpr } from './expr.ts';
import type { Diagnostics, SourceText } from './source.ts';

/** Number formats and whether they take an argument. */
export const FILTERS: Record<string, { arg: boolean }> = { int: { arg: false }, pct: { arg: true }, yu: { arg: false } };
export const PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;
export const TAG_NAMES = ['if', 'elif', 'else', 'endif'] as const;
export type TagName = (typeof TAG_NAMES)[number];

type Piece = Inline | { type: 'tag'; name: TagName; cond: Expr | null; pos: Pos };

function parseOutput(body: string, base: number, src: SourceText, diags: Diagnostics, at: Pos): Inline | null {
  const parts = body.split('|');
  const path = parts[0].trim();
  if (!path) {
    diags.error(at, 'emptyOutput');
    return null;
  }
  const lead = base + (parts[0].length - parts[0].trimStart().length);
  if (!PATH_RE.test(path)) {
    diags.error(src.pos(lead), 'badPath', { text: path });
    return null;
  }
  const filters: Filter[] = [];
  let offset = base + parts[0].length + 1;
  for (const part of parts.slice(1)) {
    const pos = src.pos(offset + (part.length - part.trimStart().length));
    offset += part.length + 1;
    const m = /^\s*([A-Za-z]+)\s*(?::\s*([^\s]*)\s*)?$/.exec(part);
    if (!m) {
      diags.error(pos, 'badFilter', { text: part.trim() });
      continue;
    }
    const [, name, arg] = m;
    const spec = FILTERS[name];
    if (!spec) {
      diags.error(pos, 'unknownFilter', { name });
      continue;
    }
    if (arg !== undefined && (!spec.arg || !/^[0-4]$/.test(arg))) {
      diags.error(pos, 'badFilterArg', { name, arg });
      continue;
    }
    filters.push({ name, arg, pos });
  }
  return { type: 'output', path, filters, pos: at };
}

function parseTag(body: string, base: number, src: SourceText, diags: Diagnostics, at: Pos): Piece | null {
  const m = /^(\s*)([A-Za-z]+)(.*)$/s.exec(body);
  const name = m?.[2] ?? '';
  if (!m || !(TAG_NAMES as readonly string[]).includes(name)) {
    diags.error(at, 'unknownTag', { name: name || body.trim() });
    return null;
  }
  const rest = m[3];
  const restBase = base + m[1].length + name.length;
  if (name === 'if' || name === 'elif') {
    if (!rest.trim()) {
      diags.error(at, 'missingCond', { name });
      return null;
    }
    const cond = parseExpr(rest, restBase, src, diags);
    return cond ? { type: 'tag', name: name as TagName, cond, pos: at } : null;
  }
  if (rest.trim()) {
    diags.error(src.pos(restBase + (rest.length - rest.trimStart().length)), 'exprUnexpected', { text: rest.trim() });
  }
  return { type: 'tag', name: name as TagName, cond: null, pos: at };
}

/** Splits the text into text, outputs and tags. */
function scan(src: SourceText, diags: Diagnostics): Piece[] {
  const s = src.text;
  const out: Piece[] = [];
  let buf = '';
  let bufStart = 0;
  const flush = () => {
    if (buf) out.push({ type: 'text', text: buf, pos: src.pos(bufStart) });
    buf = '';
  };
  let i = 0;
  while (i < s.length) {
    const two = s.slice(i, i + 2);
    if (s[i] === '\\' && i + 1 < s.length) {
      if (!buf) bufStart = i;
      buf += s[i + 1];
      i += 2;
      continue;
    }
    const close = two === '{{' ? '}}' : two === '{%' ? '%}' : two === '{#' ? '#}' : null;
    if (!close) {
      if (!buf) bufStart = i;
      buf += s[i++];
      continue;
    }
    flush();
    const at = src.pos(i);
    const end = s.indexOf(close, i + 2);
    if (end < 0) {
      diags.error(at, two === '{{' ? 'unclosedOutput' : two === '{%' ? 'unclosedTag' : 'unclosedComment');
      return out;
    }
    const body = s.slice(i + 2, end);
    const piece = two === '{{' ? parseOutput(body, i + 2, src, diags, at) : two === '{%' ? parseTag(body, i + 2, src, diags, at) : null;
    if (piece) out.push(piece);
    i = end + 2;
  }
  flush();
  return out;
}

interface Frame {
  node: Extract<Inline, { type: 'if' }>;
  body: Inline[];
  hasElse: boolean;
}

/** Parses inline content; unbalanced tags are reported and closed where the text ends. */
export function parseInline(src: SourceText, diags: Diagnostics): Inline[] {
  const root: Inline[] = [];
  const stack: Frame[] = [];
  const target = () => (stack.length ? stack[stack.length - 1].body : root);
  for (const p of scan(src, diags)) {
    if (p.type !== 'tag') {
      target().push(p);
      continue;
    }
    const top = stack[stack.length - 1];
    if (p.name === 'if') {
      const branch: Branch<Inline> = { cond: p.cond!, body: [] };
      const node: Frame['node'] = { type: 'if', branches: [branch], otherwise: null, pos: p.pos };
      target().push(node);
      stack.push({ node, body: branch.body, hasElse: false });
    } else if (!top) {
      diags.error(p.pos, 'strayTag', { name: p.name });
    } else if (p.name === 'elif') {
      if (top.hasElse) diags.error(p.pos, 'elifAfterElse');
      const branch: Branch<Inline> = { cond: p.cond!, body: [] };
      top.node.branches.push(branch);
      top.body = branch.body;
    } else if (p.name === 'else') {
      if (top.hasElse) diags.error(p.pos, 'elseTwice');
      top.hasElse = true;
      top.node.otherwise = [];
      top.body = top.node.otherwise;
    } else {
      stack.pop();
    }
  }
  for (const f of stack) diags.error(f.node.pos, 'unclosedIf');
  return root;
}
