/**
 * Scores how well a metric's phrasings match the words around a number. Deterministic and
 * explainable: a candidate carries the fragments of its phrase that were found, and the
 * factors (unit, line of work, period words, 其中) that moved its score. docs/reader.md.
 */
import type { MetricDecl } from '../metrics/types.ts';
import type { Line } from '../shared/roles.ts';
import type { Mention } from './mentions.ts';

/** A stretch of context with its weight (1 next to the number, less the farther away). */
export interface Piece {
  text: string;
  weight: number;
  /** 'end': the piece ends where the number starts; 'start': it begins where the number ends. */
  touches?: 'end' | 'start';
}

export interface Candidate {
  metric: string;
  label: string;
  score: number;
  /** The words that matched, then the factors that applied ("单位：次", "同一条线：纪检"). */
  matched: string[];
}

export interface Situation {
  pieces: Piece[];
  section?: Line;
  period?: 'quarter' | 'ytd' | 'asOf';
  /** "其中" stands just before the number: it is a part of a whole stated before. */
  part: boolean;
}

const STRIP = /[“”‘’"'「」《》\s\u3000（）()·•]/g;
export const normalize = (s: string): string => s.replace(STRIP, '');

const UNIT_CLASS: Record<string, string> = {
  人: 'p',
  名: 'p',
  位: 'p',
  个: 'i',
  项: 'i',
  处: 'i',
  件: 'c',
  起: 'c',
  条: 'e',
  篇: 'a',
  份: 'd',
  批次: 'b',
  批: 'b',
};
const ADJACENT = 1.3;
const LABEL_SUFFIX = /(人次|批次|次数|人数|件数|个数|名数|篇数|份数|条数|部数|项数|块数|处数|起数|数)$/;

interface PreparedMetric {
  metric: MetricDecl;
  phrases: string[];
  part: boolean;
}

/** The metrics with their phrasings, and which metrics each bigram of a phrasing can lead to. */
export interface Prepared {
  metrics: PreparedMetric[];
  byBigram: Map<string, number[]>;
}

function bigramsInto(s: string, out: Set<string>): Set<string> {
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Metrics with their normalised phrasings; parts are numerators of a ratio and the declared sub-counts. */
export function prepare(metrics: readonly MetricDecl[]): Prepared {
  const numerators = new Set(metrics.flatMap((m) => (m.type === 'ratio' ? [m.numerator] : [])));
  const byBigram = new Map<string, number[]>();
  const list = metrics.map((m, i) => {
    const phrases = [...new Set([m.label.replace(LABEL_SUFFIX, ''), ...(m.phrases ?? [])].map(normalize).filter((p) => p.length >= 2))];
    for (const b of bigramsInto(phrases.join('|'), new Set())) (byBigram.get(b) ?? byBigram.set(b, []).get(b)!).push(i);
    return {
      metric: m,
      phrases,
      part: numerators.has(m.id) || /\.(young|county|city|national|done|closed|satisfied|transferredClosed|registeredClosed)$/.test(m.id),
    };
  });
  return { metrics: list, byBigram };
}

/**
 * Greedy cover of a phrase by the longest fragments (≥ 2 characters) found in the pieces. A
 * fragment can only start at a bigram the context has, and it grows one character at a time
 * while the context still has it (what occurs is closed under prefixes), so this is linear.
 */
function cover(phrase: string, pieces: readonly Piece[], present: ReadonlySet<string>): { weighted: number; fragments: string[]; adjacent: boolean } {
  let weighted = 0;
  let adjacent = false;
  const fragments: string[] = [];
  const occurs = (frag: string) => pieces.some((p) => p.text.includes(frag));
  let i = 0;
  while (i < phrase.length - 1) {
    if (!present.has(phrase.slice(i, i + 2)) || !occurs(phrase.slice(i, i + 2))) {
      i++;
      continue;
    }
    let j = i + 2;
    while (j < phrase.length && occurs(phrase.slice(i, j + 1))) j++;
    const frag = phrase.slice(i, j);
    let w = 0;
    for (const p of pieces) {
      if (p.weight > w && p.text.includes(frag)) w = p.weight;
      if ((p.touches === 'end' && p.text.endsWith(frag)) || (p.touches === 'start' && p.text.startsWith(frag))) adjacent = true;
    }
    weighted += frag.length * w;
    fragments.push(frag);
    i = j;
  }
  return { weighted, fragments, adjacent };
}

function unitFactor(m: MetricDecl, mention: Mention): { f: number; note?: string } {
  if (mention.percent !== (m.type === 'ratio')) return { f: 0 };
  if (mention.percent) return { f: 1 };
  if (!mention.unit) return { f: 0.6 };
  if (mention.unit === m.unit) return { f: 1, note: `单位：${m.unit}` };
  const a = UNIT_CLASS[mention.unit];
  if (a && a === UNIT_CLASS[m.unit]) return { f: 0.85, note: `单位：${mention.unit}≈${m.unit}` };
  return { f: 0.3 };
}

const LINE_NAMES: Record<Line, string> = { discipline: '纪检', organization: '组织', publicity: '宣传', legal: '政法', general: '综合' };
const MODE_NAMES = { quarter: '本季度', ytd: '今年以来', asOf: '截至目前' } as const;

/** Candidates for one number, best first (at most `limit`). */
export function score(prepared: Prepared, mention: Mention, s: Situation, limit = 5): Candidate[] {
  const pieces = s.pieces.map((p) => ({ ...p, text: normalize(p.text) })).filter((p) => p.text.length >= 2);
  const present = new Set<string>();
  for (const p of pieces) bigramsInto(p.text, present);
  // Only metrics whose phrasings share a bigram with the context can score.
  const reachable = new Set<number>();
  for (const b of present) for (const i of prepared.byBigram.get(b) ?? []) reachable.add(i);
  const out: Candidate[] = [];
  for (const i of reachable) {
    const p = prepared.metrics[i];
    const unit = unitFactor(p.metric, mention);
    if (!unit.f) continue;
    let best = { value: 0, fragments: [] as string[] };
    for (const phrase of p.phrases) {
      const c = cover(phrase, pieces, present);
      if (!c.weighted) continue;
      // A phrase found in one piece beats the same words in fragments; words touching the number count most.
      const value = (c.weighted / phrase.length) * Math.sqrt(c.weighted) * 0.95 ** (c.fragments.length - 1) * (c.adjacent ? ADJACENT : 1);
      if (value > best.value) best = { value, fragments: c.fragments };
    }
    if (best.value < 0.3) continue;
    const matched = [...best.fragments];
    let v = best.value * unit.f;
    if (unit.note) matched.push(unit.note);
    if (s.section && s.section !== 'general') {
      if (s.section === p.metric.line) {
        v *= 1.2;
        matched.push(`所在部分：${LINE_NAMES[s.section]}`);
      } else v *= 0.75;
    }
    if (s.period && p.metric.type === 'aggregate' && (p.metric.mode === s.period || (s.period === 'asOf' && p.metric.mode === 'all'))) {
      v *= 1.05;
      matched.push(`时段：${MODE_NAMES[s.period]}`);
    }
    if (s.part) {
      if (p.part) {
        v *= 1.1;
        matched.push('其中（部分）');
      } else v *= 0.92;
    }
    out.push({ metric: p.metric.id, label: p.metric.label, score: Math.round(v * 1000) / 1000, matched });
  }
  return out.sort((a, b) => b.score - a.score || a.metric.localeCompare(b.metric)).slice(0, limit);
}

/** 0..1: how sure the reader is of its first candidate (its strength and its lead over the second). */
export function confidence(c: readonly Candidate[], percent = false): number {
  if (!c.length) return 0;
  const [a, b] = c;
  // A percentage competes only with the few declared ratios, so fewer words make it sure.
  const strength = Math.min(1, a.score / (percent ? 1.2 : 2.2));
  const margin = b ? (a.score - b.score) / a.score : 1;
  return Math.round(strength * (0.55 + 0.45 * margin) * 100) / 100;
}
