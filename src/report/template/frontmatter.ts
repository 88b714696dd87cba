/**
 * The template's front matter: a small YAML subset between `---` lines. Mappings nest by
 * indentation; values are plain, "double-quoted" or 'single-quoted' scalars, flow lists
 * `[a, b]`, or `|` blocks (the more-indented lines that follow, joined by newlines).
 */
import type { Pos } from './types.ts';
import type { Diagnostics } from './source.ts';

export type YamlNode =
  | { kind: 'scalar'; value: string; pos: Pos }
  | { kind: 'list'; items: { value: string; pos: Pos }[]; pos: Pos }
  | { kind: 'map'; entries: Map<string, YamlNode>; pos: Pos };

export type YamlMap = Extract<YamlNode, { kind: 'map' }>;

interface Line {
  no: number;
  indent: number;
  text: string;
}

function scalar(raw: string, pos: Pos): { value: string; pos: Pos } {
  const t = raw.trim();
  const col = pos.column + (raw.length - raw.trimStart().length);
  const at = { line: pos.line, column: col };
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    try {
      return { value: JSON.parse(t) as string, pos: { ...at, column: col + 1 } };
    } catch {
      return { value: t.slice(1, -1), pos: { ...at, column: col + 1 } };
    }
  }
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) return { value: t.slice(1, -1).replace(/''/g, "'"), pos: { ...at, column: col + 1 } };
  return { value: t, pos: at };
}

function flowList(raw: string, pos: Pos): YamlNode {
  const inner = raw.trim().slice(1, -1);
  const items: { value: string; pos: Pos }[] = [];
  let offset = raw.indexOf('[') + 1;
  for (const part of inner.split(',')) {
    if (part.trim()) items.push(scalar(part, { line: pos.line, column: pos.column + offset }));
    offset += part.length + 1;
  }
  return { kind: 'list', items, pos };
}

class Parser {
  private i = 0;
  constructor(
    private readonly lines: Line[],
    private readonly diags: Diagnostics,
  ) {}

  map(indent: number, pos: Pos): YamlMap {
    const entries = new Map<string, YamlNode>();
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      if (l.text === '') {
        this.i++;
        continue;
      }
      if (l.indent < indent) break;
      if (l.indent > indent) {
        this.diags.error({ line: l.no, column: l.indent + 1 }, 'frontMatterIndent');
        this.i++;
        continue;
      }
      const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:(.*)$/.exec(l.text);
      if (!m) {
        this.diags.error({ line: l.no, column: l.indent + 1 }, 'frontMatterLine', { text: l.text });
        this.i++;
        continue;
      }
      this.i++;
      const [, key, rest] = m;
      const valueCol = l.indent + key.length + 2 + (rest.length - rest.trimStart().length);
      const at: Pos = { line: l.no, column: l.indent + 1 };
      const v = rest.trim();
      if (v === '') {
        const next = this.lines.slice(this.i).find((n) => n.text !== '');
        entries.set(key, next && next.indent > indent ? this.map(next.indent, at) : { kind: 'scalar', value: '', pos: at });
      } else if (v === '|' || v === '|-') {
        entries.set(key, this.block(indent, { line: l.no + 1, column: indent + 3 }));
      } else if (v.startsWith('[') && v.endsWith(']')) {
        entries.set(key, flowList(v, { line: l.no, column: valueCol + 1 }));
      } else {
        entries.set(key, { kind: 'scalar', ...scalar(rest, { line: l.no, column: l.indent + key.length + 2 }) });
      }
    }
    return { kind: 'map', entries, pos };
  }

  private block(parentIndent: number, pos: Pos): YamlNode {
    const out: string[] = [];
    let indent = -1;
    while (this.i < this.lines.length && (this.lines[this.i].indent > parentIndent || this.lines[this.i].text === '')) {
      const l = this.lines[this.i++];
      if (indent < 0 && l.text) indent = l.indent;
      out.push(l.text ? ' '.repeat(Math.max(0, l.indent - indent)) + l.text : '');
    }
    return { kind: 'scalar', value: out.join('\n').replace(/\n+$/, ''), pos };
  }
}

/** Parses front matter lines (without the `---` fences); `firstLine` is the first line's number. */
export function parseFrontMatter(raw: string[], firstLine: number, diags: Diagnostics): YamlMap {
  const lines: Line[] = [];
  raw.forEach((text, k) => {
    const trimmed = text.replace(/\s+$/, '');
    if (/^\s*#/.test(trimmed)) return;
    const indent = trimmed.length - trimmed.trimStart().length;
    lines.push({ no: firstLine + k, indent: trimmed ? indent : 0, text: trimmed.trimStart() });
  });
  return new Parser(lines, diags).map(0, { line: firstLine, column: 1 });
}
