/**
 * The formulation matcher: exact wrong forms, one-character slips of a known
 * formulation (a character substituted, dropped, or two neighbours swapped), fixed
 * lists written out of order, and coined terms renamed halfway through a report.
 * The dictionary is data (src/check/data/formulations.ts, plus a county's entries).
 *
 * A slip is reported only where it cannot be an ordinary word: the first and the last
 * character of the formulation are intact (so "压实主体责任" or "四个方面" never match),
 * the slipped form is not itself a known formulation or a listed near phrase, and a
 * formulation under six characters needs quotes around the slip or a cue word before
 * it ("增强四个意思"). See docs/check-rules/formulation.md.
 */
import { FORMULATIONS, TERM_NOUN_GROUPS, type Formulation, type OrderedList } from './data/formulations.ts';

export interface Slip {
  index: number;
  length: number;
  text: string;
  right: string;
  kind: 'wrong' | 'nearMiss';
}

export interface Dictionary {
  entries: Formulation[];
  /** Every exact form and near phrase: text inside one of these is never a slip. */
  protectedForms: string[];
  wrong: Map<string, string>;
  cues: Map<Formulation, RegExp>;
  /** The cue words anywhere in a line (where a marked slip may start). */
  cueStarts: Map<Formulation, RegExp>;
  /** Entries of four characters or more, longest first. */
  sorted: Formulation[];
}

/** Short formulations need quotes or a cue; from this length on the slip speaks for itself. */
export const SELF_EVIDENT_LENGTH = 6;
/** From this length a substituted last character is a slip too ("…社会主义思相"). */
const LONG_LENGTH = 8;

const CJK = /^[\u4e00-\u9fa5]$/;
const OPEN_QUOTE = '“‘「『《';
const CLOSE_QUOTE = '”’」』》';

export function buildDictionary(extra: readonly Formulation[] = []): Dictionary {
  const entries = [...FORMULATIONS, ...extra].filter((e) => e && typeof e.text === 'string' && e.text.length >= 2);
  const protectedForms = new Set<string>();
  const wrong = new Map<string, string>();
  const cues = new Map<Formulation, RegExp>();
  const cueStarts = new Map<Formulation, RegExp>();
  for (const e of entries) {
    if (e.cue) cueStarts.set(e, new RegExp(`(?:${e.cue})[“‘「]?`, 'g'));
    protectedForms.add(e.text);
    for (const n of e.near ?? []) protectedForms.add(n);
    for (const w of e.wrong ?? []) if (w && w !== e.text) wrong.set(w, e.text);
    if (e.cue) cues.set(e, new RegExp(`(?:${e.cue})[“‘「]?$`));
  }
  // A wrong form that is some other entry's exact form is not wrong.
  for (const w of [...wrong.keys()]) if (protectedForms.has(w)) wrong.delete(w);
  const sorted = entries.filter((e) => e.text.length >= 4).sort((a, b) => b.text.length - a.text.length);
  return { entries, protectedForms: [...protectedForms].sort((a, b) => b.length - a.length), wrong, cues, cueStarts, sorted };
}

let defaultDictionary: Dictionary | undefined;
export function dictionary(extra?: readonly Formulation[]): Dictionary {
  if (extra?.length) return buildDictionary(extra);
  return (defaultDictionary ??= buildDictionary());
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/**
 * Whether `w` is `right` with exactly one slip: a substitution, a deletion, or two
 * neighbouring characters swapped. Unless `edges`, the first and last characters must be
 * intact (an edit there is as likely a different phrase: 压实主体责任, 全面从严治军).
 */
export function oneSlip(w: string, right: string, edges = false): boolean {
  const n = right.length;
  const lo = edges ? 0 : 1;
  const hi = edges ? n : n - 1;
  if (!edges && (w[0] !== right[0] || w[w.length - 1] !== right[n - 1])) return false;
  if (w.length === n) {
    const diff: number[] = [];
    for (let i = 0; i < n; i++) if (w[i] !== right[i]) diff.push(i);
    if (diff.some((i) => i < lo || i >= hi)) return false;
    if (diff.length === 1) return CJK.test(w[diff[0]]);
    return diff.length === 2 && diff[1] === diff[0] + 1 && w[diff[0]] === right[diff[1]] && w[diff[1]] === right[diff[0]];
  }
  if (w.length === n - 1) {
    for (let i = lo; i < hi; i++) if (right.slice(0, i) + right.slice(i + 1) === w) return true;
  }
  return false;
}

/** A cheap test on character codes before any string is built: can raw[i, i+len) be one slip of `right`? */
function near(raw: string, i: number, len: number, right: string): boolean {
  const n = right.length;
  if (i + len > raw.length) return false;
  if (len === n) {
    let diff = 0;
    for (let k = 0; k < n; k++) if (raw.charCodeAt(i + k) !== right.charCodeAt(k) && ++diff > 2) return false;
    return diff > 0;
  }
  let k = 0;
  while (k < len && raw.charCodeAt(i + k) === right.charCodeAt(k)) k++;
  for (; k < len; k++) if (raw.charCodeAt(i + k) !== right.charCodeAt(k + 1)) return false;
  return true;
}

function quoted(raw: string, index: number, length: number): boolean {
  return index > 0 && OPEN_QUOTE.includes(raw[index - 1]) && CLOSE_QUOTE.includes(raw[index + length] ?? '');
}

const overlaps = (a: [number, number], s: number, e: number): boolean => s < a[1] && e > a[0];

/** Wrong forms and slips in one line, longest formulation first, never overlapping. */
export function findSlips(dict: Dictionary, raw: string): Slip[] {
  const safe: Array<[number, number, string]> = [];
  for (const f of dict.protectedForms) for (const i of occurrences(raw, f)) safe.push([i, i + f.length, f]);
  /** A window touching a known form is that form, unless the form lies inside it and inside the entry too. */
  const known = (i: number, end: number, right: string): boolean =>
    safe.some(([s, e, f]) => s < end && e > i && ((s <= i && e >= end) || !(s >= i && e <= end && right.includes(f))));
  const found: Slip[] = [];
  const taken: Array<[number, number]> = [];
  const add = (s: Slip): void => {
    const e = s.index + s.length;
    if (taken.some((t) => overlaps(t, s.index, e))) return;
    taken.push([s.index, e]);
    found.push(s);
  };
  for (const [w, right] of dict.wrong) {
    for (const i of occurrences(raw, w))
      if (!safe.some(([s, e]) => s <= i && e >= i + w.length)) add({ index: i, length: w.length, text: w, right, kind: 'wrong' });
  }
  // Where a marked slip may start: right after an opening quote, or right after a cue word.
  const afterQuote: number[] = [];
  for (let i = 0; i < raw.length; i++) if (OPEN_QUOTE.includes(raw[i])) afterQuote.push(i + 1);
  for (const e of dict.sorted) {
    const right = e.text;
    const n = right.length;
    const cue = dict.cues.get(e);
    const starts = afterQuote.slice();
    if (cue) for (const m of raw.matchAll(dict.cueStarts.get(e)!)) starts.push(m.index + m[0].length);
    if (n >= SELF_EVIDENT_LENGTH) for (let i = raw.indexOf(right[0]); i >= 0; i = raw.indexOf(right[0], i + 1)) starts.push(i);
    for (const i of starts) {
      for (const len of [n, n - 1]) {
        if (!near(raw, i, len, right)) continue;
        const w = raw.slice(i, i + len);
        if (!oneSlip(w, right, true)) continue;
        const isMarked = quoted(raw, i, len) || (!!cue && len === n && cue.test(raw.slice(Math.max(0, i - 5), i)));
        const evident = n >= SELF_EVIDENT_LENGTH && len >= 5 && oneSlip(w, right);
        const longSubstitution = n >= LONG_LENGTH && len === n && w[0] === right[0];
        if (!evident && !isMarked && !longSubstitution) continue;
        if (!/^[\u4e00-\u9fa5、]+$/.test(w) || known(i, i + len, right)) continue;
        add({ index: i, length: len, text: w, right, kind: 'nearMiss' });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export interface Misorder {
  list: OrderedList;
  index: number;
  length: number;
  text: string;
  right: string;
}

const SEPARATOR = /^(?:[、，,和及与]|以及|并|党的)*$/;

/** Runs of a fixed list's items ("思想建设、政治建设、组织建设") not in the fixed order. */
export function findMisorders(lists: readonly OrderedList[], raw: string): Misorder[] {
  const out: Misorder[] = [];
  for (const list of lists) {
    const hits: Array<{ at: number; end: number; rank: number }> = [];
    list.items.forEach((item, rank) => {
      for (const at of occurrences(raw, item)) hits.push({ at, end: at + item.length, rank });
    });
    if (hits.length < (list.minItems ?? 3)) continue;
    hits.sort((a, b) => a.at - b.at);
    let run: typeof hits = [];
    const flush = (): void => {
      const ranks = run.map((h) => h.rank);
      const ordered = ranks.every((r, k) => k === 0 || r > ranks[k - 1]);
      if (run.length >= (list.minItems ?? 3) && !ordered && new Set(ranks).size === ranks.length) {
        const start = run[0].at;
        const end = run[run.length - 1].end;
        const sorted = [...run].sort((a, b) => a.rank - b.rank);
        let right = '';
        run.forEach((h, k) => {
          right += list.items[sorted[k].rank];
          if (k < run.length - 1) right += raw.slice(h.end, run[k + 1].at);
        });
        out.push({ list, index: start, length: end - start, text: raw.slice(start, end), right });
      }
      run = [];
    };
    for (const h of hits) {
      const prev = run[run.length - 1];
      if (prev && (h.at < prev.end || !SEPARATOR.test(raw.slice(prev.end, h.at)))) flush();
      run.push(h);
    }
    flush();
  }
  return out;
}

export interface Term {
  line: number;
  index: number;
  text: string;
  noun: string;
  key: string;
  quoted: boolean;
}

const TERM_RE = new RegExp(`([一二三四五六七八九十两]{1,3}|[1-9][0-9]?)(项|个|大|张|条|种)(${TERM_NOUN_GROUPS.flat().join('|')})`, 'g');

/** Coined terms ("五项机制"): number, measure word and the noun's group make the key. */
export function termsOf(line: number, raw: string): Term[] {
  const out: Term[] = [];
  for (const m of raw.matchAll(TERM_RE)) {
    const group = TERM_NOUN_GROUPS.findIndex((g) => g.includes(m[3]));
    out.push({ line, index: m.index, text: m[0], noun: m[3], key: `${m[1]}${m[2]}#${group}`, quoted: quoted(raw, m.index, m[0].length) });
  }
  return out;
}

/** Later variants of a term the report first wrote differently (quoted, or more often). */
export function inconsistentTerms(terms: readonly Term[]): Array<{ term: Term; canonical: Term }> {
  const byKey = new Map<string, Term[]>();
  for (const t of terms) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t]);
  const out: Array<{ term: Term; canonical: Term }> = [];
  for (const list of byKey.values()) {
    const first = list[0];
    const count = (noun: string): number => list.filter((t) => t.noun === noun).length;
    for (const t of list) {
      if (t.noun === first.noun || t.quoted) continue;
      if (first.quoted || count(first.noun) > count(t.noun)) out.push({ term: t, canonical: first });
    }
  }
  return out;
}
