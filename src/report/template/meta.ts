/**
 * Front matter → template settings: key, name, title, signature, numbering schemes and the
 * inline narratives (`{{narrative.key}}`) with their labels, lines of work and defaults.
 */
import { HEADING_STYLES, POINT_STYLES, type HeadingStyle, type NarrativeDecl, type PointStyle, type Pos, type TemplateMeta } from './types.ts';
import type { YamlMap, YamlNode } from './frontmatter.ts';
import { parseInline } from './inline.ts';
import { SourceText, type Diagnostics } from './source.ts';

const KNOWN = new Set(['key', 'name', 'title', 'signature', 'numbering', 'points', 'narrative', 'description']);

export const DEFAULT_NUMBERING: HeadingStyle[] = ['cn', 'paren-cn', 'arabic', 'paren-arabic'];
export const DEFAULT_POINTS: PointStyle[] = ['shi', 'di'];

function text(node: YamlNode | undefined, name: string, diags: Diagnostics): string | undefined {
  if (!node) return undefined;
  if (node.kind !== 'scalar') {
    diags.error(node.pos, 'frontMatterType', { name, expected: '文字' });
    return undefined;
  }
  return node.value;
}

function inlineOf(node: YamlNode | undefined, name: string, diags: Diagnostics) {
  const v = text(node, name, diags);
  if (v === undefined || !node) return [];
  return parseInline(SourceText.single(v, node.pos.line, node.pos.column), diags);
}

function styles<T extends string>(node: YamlNode | undefined, name: string, allowed: readonly T[], fallback: T[], diags: Diagnostics): T[] {
  if (!node) return fallback;
  if (node.kind !== 'list') {
    diags.error(node.pos, 'frontMatterType', { name, expected: `列表，如 [${allowed.slice(0, 2).join(', ')}]` });
    return fallback;
  }
  const out: T[] = [];
  for (const it of node.items) {
    if ((allowed as readonly string[]).includes(it.value)) out.push(it.value as T);
    else diags.error(it.pos, 'unknownStyle', { name: it.value, list: allowed.join('、') });
  }
  return out.length ? out : fallback;
}

function narrativeDecl(key: string, node: YamlNode, diags: Diagnostics): NarrativeDecl | null {
  const base = { key, kind: 'inline' as const, points: false, defaultBlocks: [], pos: node.pos };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
    diags.error(node.pos, 'narrativeKey');
    return null;
  }
  if (node.kind === 'scalar') return { ...base, label: key, line: 'general', defaultInline: inlineOf(node, key, diags) };
  if (node.kind !== 'map') {
    diags.error(node.pos, 'frontMatterType', { name: `narrative.${key}`, expected: '文字或设置（label、line、default）' });
    return null;
  }
  const e = node.entries;
  return {
    ...base,
    label: text(e.get('label'), 'label', diags) ?? key,
    line: text(e.get('line'), 'line', diags) ?? 'general',
    defaultInline: inlineOf(e.get('default'), 'default', diags),
  };
}

export interface MetaResult {
  meta: TemplateMeta;
  narratives: NarrativeDecl[];
}

export function readMeta(fm: YamlMap | null, diags: Diagnostics, bodyPos: Pos): MetaResult {
  const e = fm?.entries ?? new Map<string, YamlNode>();
  for (const [k, v] of e) if (!KNOWN.has(k)) diags.warn(v.pos, 'frontMatterUnknown', { name: k });
  if (!e.has('title')) diags.error(fm?.pos ?? bodyPos, 'frontMatterRequired', { name: 'title' });
  const narratives: NarrativeDecl[] = [];
  const n = e.get('narrative');
  if (n?.kind === 'map') {
    for (const [k, v] of n.entries) {
      const d = narrativeDecl(k, v, diags);
      if (d) narratives.push(d);
    }
  } else if (n) diags.error(n.pos, 'frontMatterType', { name: 'narrative', expected: '设置组' });
  return {
    meta: {
      key: text(e.get('key'), 'key', diags) ?? 'quarterly',
      name: text(e.get('name'), 'name', diags) ?? '季度报告',
      title: inlineOf(e.get('title'), 'title', diags),
      signature: inlineOf(e.get('signature'), 'signature', diags),
      numbering: styles(e.get('numbering'), 'numbering', HEADING_STYLES, DEFAULT_NUMBERING, diags),
      points: styles(e.get('points'), 'points', POINT_STYLES, DEFAULT_POINTS, diags),
    },
    narratives,
  };
}
