/**
 * The evaluated report: headings with their generated numbers and paragraphs made of runs,
 * where every number knows its metric and the records behind it. Every output format (docx,
 * HTML, Markdown, text, JSON) is derived from this one model; a submitted report freezes it.
 */
import type { Diagnostic, HeadingStyle, PointStyle } from '../template/types.ts';

export type Run =
  | { type: 'text'; text: string }
  /** A number computed from the ledgers. `value` is exact (a ratio is a fraction). */
  | { type: 'number'; text: string; metric: string; value: number | null; format: string; records: number[] }
  /** A generated ordinal: 一是 / 第一， */
  | { type: 'ordinal'; text: string; style: PointStyle };

export type ModelBlock =
  /** `depth`: the template level (# = 1); `level`: the GB/T 9704 level of its number style (font). */
  | { type: 'heading'; depth: 1 | 2 | 3 | 4; level: 1 | 2 | 3 | 4; style: HeadingStyle; number: string; runs: Run[] }
  /** `narrative` names the editable narrative the paragraph came from. */
  | { type: 'paragraph'; runs: Run[]; narrative?: string };

export interface Fact {
  metric: string;
  label: string;
  unit: string;
  value: number | null;
  /** As printed in the report (e.g. '35.7', '340余', '—'). */
  text: string;
  records: number[];
}

export interface ReportModel {
  title: string;
  org: { code: string; name: string };
  period: string;
  template: { key: string; name: string; id: number | null; version: number | null };
  /** The date the report was generated, 'YYYY-MM-DD'. */
  date: string;
  blocks: ModelBlock[];
  signature: { issuer: string; date: string } | null;
  /** Every metric printed in the report, once, with its provenance. */
  facts: Fact[];
  diagnostics: Diagnostic[];
}

export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('');
}

export function headingText(b: Extract<ModelBlock, { type: 'heading' }>): string {
  return b.number + runsText(b.runs);
}

/** '2023-12-31' → '2023年12月31日' (no zero padding, GB/T 9704). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
