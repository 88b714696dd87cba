/**
 * The report template language: its syntax tree and diagnostics. Pure data, no node imports.
 *
 * A template is Markdown-like text (see docs/templates.md): front matter, headings whose
 * numbers are generated, paragraphs, `- ` points (一是…), `:::narrative` and `:::points`
 * containers, `{{ path | filter }}` outputs and `{% if %}` conditions. Nothing in it is ever
 * evaluated as JavaScript: paths are looked up in maps, conditions are interpreted.
 */

/** 1-based line and column (columns count UTF-16 code units, as editors do for CJK). */
export interface Pos {
  line: number;
  column: number;
}

export interface Diagnostic extends Pos {
  severity: 'error' | 'warning';
  /** Chinese message without the position (see `formatDiagnostic`). */
  message: string;
}

/** Heading numbering styles: 一、 / 1. / （一） / （1）. */
export const HEADING_STYLES = ['cn', 'arabic', 'paren-cn', 'paren-arabic'] as const;
export type HeadingStyle = (typeof HEADING_STYLES)[number];

/** Point (list) styles: 一是… / 第一，… plus the heading styles for lists that want them. */
export const POINT_STYLES = ['shi', 'di', ...HEADING_STYLES] as const;
export type PointStyle = (typeof POINT_STYLES)[number];

export interface Filter {
  name: string;
  arg?: string;
  pos: Pos;
}

export type Expr =
  | { type: 'num'; value: number; pos: Pos }
  | { type: 'str'; value: string; pos: Pos }
  | { type: 'null'; pos: Pos }
  | { type: 'path'; path: string; pos: Pos }
  | { type: 'not'; expr: Expr; pos: Pos }
  | { type: 'bin'; op: CompareOp | 'and' | 'or'; left: Expr; right: Expr; pos: Pos };

export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

export interface Branch<T> {
  cond: Expr;
  body: T[];
}

export type Inline =
  | { type: 'text'; text: string; pos: Pos }
  | { type: 'output'; path: string; filters: Filter[]; pos: Pos }
  | { type: 'if'; branches: Branch<Inline>[]; otherwise: Inline[] | null; pos: Pos }
  /** Nested points inside a paragraph: "第一，…第二，…" (each item's ordinal is generated). */
  | { type: 'points'; style: PointStyle | null; items: Inline[][]; pos: Pos };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4; content: Inline[]; pos: Pos }
  | { type: 'paragraph'; content: Inline[]; pos: Pos }
  /** One point of a list: its own paragraph, prefixed with a generated 一是 / 第一，… */
  | { type: 'item'; style: PointStyle | null; content: Inline[]; pos: Pos }
  | { type: 'if'; branches: Branch<Block>[]; otherwise: Block[] | null; pos: Pos }
  | { type: 'narrative'; key: string; pos: Pos }
  | { type: 'points'; style: PointStyle | null; body: Block[]; pos: Pos };

/** An editable narrative: inline (`{{narrative.key}}`) or a block of paragraphs. */
export interface NarrativeDecl {
  key: string;
  label: string;
  /** The line of work whose role may edit it (secretary edits all); 'general' = secretary only. */
  line: string;
  kind: 'inline' | 'block';
  /** Block narratives: every paragraph becomes a point (一是…). */
  points: boolean;
  /** Default content: inline for inline narratives, blocks for block narratives. */
  defaultInline: Inline[];
  defaultBlocks: Block[];
  pos: Pos;
}

export interface TemplateMeta {
  key: string;
  name: string;
  title: Inline[];
  signature: Inline[];
  numbering: HeadingStyle[];
  points: PointStyle[];
}

export interface Template {
  meta: TemplateMeta;
  blocks: Block[];
  narratives: NarrativeDecl[];
  diagnostics: Diagnostic[];
}

export function formatDiagnostic(d: Diagnostic): string {
  return `第${d.line}行第${d.column}列：${d.message}`;
}

export function hasTemplateErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}
