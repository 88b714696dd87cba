/**
 * Template text → syntax tree. Lines are classified (heading, point, tag line, container,
 * text); paragraphs join their lines without a separator. Numbers of headings and points are
 * never written in a template: a typed "一、" or "一是" is an error.
 */
import type { Block, Branch, Inline, NarrativeDecl, PointStyle, Pos, Template } from './types.ts';
import { POINT_STYLES } from './types.ts';
import { parseExpr } from './expr.ts';
import { parseInline } from './inline.ts';
import { parseFrontMatter } from './frontmatter.ts';
import { readMeta } from './meta.ts';
import { Diagnostics, SourceText } from './source.ts';

interface Line {
  no: number;
  raw: string;
  indent: number;
  text: string;
}

const TYPED_HEADING = /^(?:[一二三四五六七八九十]+[、，]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])/;
const TYPED_POINT = /^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、])/;
const TAG_LINE = /^\{%\s*(if|elif|else|endif)\b([\s\S]*)%\}$/;
const CONTAINER = /^:::([A-Za-z]+)\s*(.*)$/;

function structural(l: Line): boolean {
  const t = l.text;
  return (l.indent === 0 && (/^#{1,6}\s/.test(t) || t.startsWith('- '))) || t.startsWith(':::') || isTagLine(t) || isCommentLine(t);
}

function isTagLine(t: string): boolean {
  return t.startsWith('{%') && t.endsWith('%}') && t.indexOf('%}') === t.length - 2;
}

function isCommentLine(t: string): boolean {
  return t.startsWith('{#') && t.endsWith('#}') && t.indexOf('#}') === t.length - 2;
}

/** `{key=v label="a b" points}` or `key=v points` → map (flags map to ''). */
function parseAttrs(s: string, pos: Pos, diags: Diagnostics): Map<string, string> {
  const body = s.trim().replace(/^\{([\s\S]*)\}$/, '$1');
  const out = new Map<string, string>();
  const re = /\s*([A-Za-z_][A-Za-z0-9_-]*)(?:=(?:"([^"]*)"|“([^”]*)”|([^\s"]+)))?/y;
  let i = 0;
  while (i < body.length) {
    if (!body.slice(i).trim()) break;
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m) {
      diags.error(pos, 'badAttrs', { text: body.slice(i).trim() });
      break;
    }
    out.set(m[1], m[2] ?? m[3] ?? m[4] ?? '');
    i = re.lastIndex;
  }
  return out;
}

class BlockParser {
  i = 0;
  readonly narratives: NarrativeDecl[] = [];

  constructor(
    private readonly lines: Line[],
    private readonly diags: Diagnostics,
  ) {}

  private at(l: Line, offset = 0): Pos {
    return { line: l.no, column: l.indent + 1 + offset };
  }

  /** Blocks until EOF, a `:::` end (inContainer) or an elif/else/endif line (inIf). */
  blocks(inContainer: boolean, inIf: boolean): Block[] {
    const out: Block[] = [];
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      const t = l.text;
      if (!t || isCommentLine(t)) {
        this.i++;
        continue;
      }
      if (isTagLine(t)) {
        const m = TAG_LINE.exec(t);
        const name = m?.[1] ?? '';
        if (name !== 'if') {
          if (inIf) return out;
          this.diags.error(this.at(l), name ? 'strayTag' : 'unknownTag', { name: name || t });
          this.i++;
          continue;
        }
        out.push(this.ifBlock(l, m![2]));
        continue;
      }
      if (/^:::\s*$/.test(t)) {
        if (inContainer) return out;
        this.diags.error(this.at(l), 'strayContainerEnd');
        this.i++;
        continue;
      }
      const c = CONTAINER.exec(t);
      if (c) {
        const b = this.container(l, c[1], c[2]);
        if (b) out.push(b);
        continue;
      }
      const h = /^(#{1,6})\s+(.*)$/.exec(t);
      if (h && l.indent === 0) {
        this.i++;
        out.push(this.heading(l, h[1].length, h[2]));
        continue;
      }
      out.push(this.paragraph(l.indent === 0 && t.startsWith('- ')));
    }
    return out;
  }

  private condAt(l: Line, rest: string): Branch<Block>['cond'] | null {
    const src = SourceText.single(l.text, l.no, l.indent + 1);
    const start = l.text.indexOf(rest);
    return parseExpr(rest, start, src, this.diags);
  }

  private ifBlock(first: Line, rest: string): Block {
    this.i++;
    const pos = this.at(first);
    const branches: Branch<Block>[] = [];
    let otherwise: Block[] | null = null;
    let cond = this.condAt(first, rest);
    if (!rest.trim()) this.diags.error(pos, 'missingCond', { name: 'if' });
    for (;;) {
      const body = this.blocks(false, true);
      if (otherwise) otherwise.push(...body);
      else branches.push({ cond: cond ?? { type: 'num', value: 0, pos }, body });
      const l = this.lines[this.i];
      if (!l) {
        this.diags.error(pos, 'unclosedIf');
        break;
      }
      const m = TAG_LINE.exec(l.text)!;
      this.i++;
      if (m[1] === 'endif') break;
      if (m[1] === 'else') {
        if (otherwise) this.diags.error(this.at(l), 'elseTwice');
        otherwise = otherwise ?? [];
      } else {
        if (otherwise) this.diags.error(this.at(l), 'elifAfterElse');
        if (!m[2].trim()) this.diags.error(this.at(l), 'missingCond', { name: 'elif' });
        cond = this.condAt(l, m[2]);
      }
    }
    return { type: 'if', branches, otherwise, pos };
  }

  private heading(l: Line, level: number, rest: string): Block {
    const offset = l.text.length - rest.length;
    const pos = this.at(l);
    if (level > 4) this.diags.error(pos, 'headingTooDeep');
    if (!rest.trim()) this.diags.error(pos, 'headingEmpty');
    const typed = TYPED_HEADING.exec(rest) ?? TYPED_POINT.exec(rest);
    if (typed) this.diags.error(this.at(l, offset), 'typedNumber', { text: typed[0] });
    const content = parseInline(SourceText.single(rest.trim(), l.no, l.indent + 1 + offset), this.diags);
    return { type: 'heading', level: Math.min(level, 4) as 1 | 2 | 3 | 4, content, pos };
  }

  /** A paragraph or a point, with its continuation lines and nested `  - ` points. */
  private paragraph(isItem: boolean): Block {
    const first = this.lines[this.i];
    const pos = this.at(first);
    const lead = isItem ? 2 : 0;
    const main: { text: string; line: number; column: number }[] = [];
    const nested: { text: string; line: number; column: number }[][] = [];
    let k = 0;
    for (; this.i < this.lines.length; this.i++, k++) {
      const l = this.lines[this.i];
      if (!l.text || (k > 0 && structural(l))) break;
      const sub = /^-\s+/.exec(l.text);
      if (k > 0 && l.indent >= 2 && sub) {
        nested.push([{ text: l.text.slice(sub[0].length), line: l.no, column: l.indent + 1 + sub[0].length }]);
        continue;
      }
      const skip = k === 0 ? lead : 0;
      const piece = { text: l.text.slice(skip), line: l.no, column: l.indent + 1 + skip };
      (nested.length ? nested[nested.length - 1] : main).push(piece);
    }
    const firstText = main[0]?.text ?? '';
    const typed = TYPED_POINT.exec(firstText) ?? (isItem ? TYPED_HEADING.exec(firstText) : null);
    if (typed)
      (isItem ? this.diags.error.bind(this.diags) : this.diags.warn.bind(this.diags))({ line: main[0].line, column: main[0].column }, 'typedNumber', {
        text: typed[0],
      });
    const content: Inline[] = parseInline(SourceText.of(main), this.diags);
    for (const n of nested) {
      const t = TYPED_POINT.exec(n[0].text);
      if (t) this.diags.error({ line: n[0].line, column: n[0].column }, 'typedNumber', { text: t[0] });
    }
    if (nested.length) {
      const items = nested.map((n) => parseInline(SourceText.of(n), this.diags));
      content.push({ type: 'points', style: null, items, pos: { line: nested[0][0].line, column: nested[0][0].column } });
    }
    return isItem ? { type: 'item', style: null, content, pos } : { type: 'paragraph', content, pos };
  }

  private container(l: Line, name: string, rest: string): Block | null {
    this.i++;
    const pos = this.at(l);
    const attrs = parseAttrs(rest, this.at(l, 3 + name.length), this.diags);
    if (name !== 'narrative' && name !== 'points') this.diags.error(pos, 'unknownContainer', { name });
    const body = this.blocks(true, false);
    if (this.i >= this.lines.length) this.diags.error(pos, 'unclosedContainer', { name });
    else this.i++;
    const style = attrs.get('style') ?? [...attrs.keys()].find((k) => (POINT_STYLES as readonly string[]).includes(k)) ?? null;
    if (style && !(POINT_STYLES as readonly string[]).includes(style)) this.diags.error(pos, 'unknownStyle', { name: style, list: POINT_STYLES.join('、') });
    const pointStyle = style && (POINT_STYLES as readonly string[]).includes(style) ? (style as PointStyle) : null;
    if (name === 'points') return { type: 'points', style: pointStyle, body, pos };
    if (name !== 'narrative') return null;
    const key = attrs.get('key') ?? '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      this.diags.error(pos, 'narrativeKey');
      return null;
    }
    this.narratives.push({
      key,
      label: attrs.get('label') || key,
      line: attrs.get('line') || 'general',
      kind: 'block',
      points: attrs.has('points'),
      defaultInline: [],
      defaultBlocks: attrs.has('points') ? [{ type: 'points', style: pointStyle, body, pos }] : body,
      pos,
    });
    return { type: 'narrative', key, pos };
  }
}

/** Parses a whole template; never throws: problems come back as diagnostics. */
export function parseTemplate(source: string): Template {
  const diags = new Diagnostics();
  const all = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  let bodyStart = 0;
  let fm: ReturnType<typeof parseFrontMatter> | null = null;
  if (all[0]?.trim() === '---') {
    const end = all.findIndex((l, k) => k > 0 && l.trim() === '---');
    if (end < 0) diags.error({ line: 1, column: 1 }, 'frontMatterUnclosed');
    else {
      fm = parseFrontMatter(all.slice(1, end), 2, diags);
      bodyStart = end + 1;
    }
  }
  const lines: Line[] = all.slice(bodyStart).map((raw, k) => {
    const r = raw.replace(/\s+$/, '');
    const indent = r.length - r.trimStart().length;
    return { no: bodyStart + k + 1, raw: r, indent, text: r.trimStart() };
  });
  const { meta, narratives } = readMeta(fm, diags, { line: bodyStart + 1, column: 1 });
  const p = new BlockParser(lines, diags);
  const blocks = p.blocks(false, false);
  const seen = new Map<string, number>();
  for (const n of [...narratives, ...p.narratives]) {
    const prev = seen.get(n.key);
    if (prev !== undefined) diags.error(n.pos, 'narrativeDuplicate', { key: n.key, line: prev });
    else seen.set(n.key, n.pos.line);
  }
  return { meta, blocks, narratives: [...narratives, ...p.narratives], diagnostics: diags.list };
}
