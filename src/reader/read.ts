/**
 * The number reader: split a report into lines (paragraphs) and sentences, find every number,
 * and propose for each the catalog metric it states, from the words around it, the unit, the
 * part of the report (纪检/组织/宣传/政法), 其中 and the period words. docs/reader.md.
 */
import { parseDocument } from '../check/document.ts';
import type { DocLine } from '../check/types.ts';
import { metricCatalog } from '../metrics/catalog.ts';
import type { MetricDecl } from '../metrics/types.ts';
import type { Line } from '../shared/roles.ts';
import { findMentions, type Mention, type NonMetricReason } from './mentions.ts';
import { confidence, prepare, score, type Candidate, type Piece, type Situation } from './score.ts';

/** A number whose first candidate is at least this sure is tied to that metric. */
export const TIE_MIN = 0.45;

export interface Reading extends Mention {
  /** 1-based line (paragraph), as the checker counts lines. */
  line: number;
  kind: 'metric' | 'nonMetric';
  candidates: Candidate[];
  confidence: number;
  /** The part's line of work, from the headings. */
  section?: Line;
  period?: Situation['period'];
}

export interface ReadResult {
  lines: DocLine[];
  readings: Reading[];
}

const SECTION_WORDS: Array<[Line, RegExp]> = [
  ['discipline', /纪委|纪检|监察|党风廉政|廉政建设|作风建设/],
  ['organization', /组织部|组织工作|基层党建|党建工作|干部队伍|党员队伍|组织建设/],
  ['publicity', /宣传|意识形态|精神文明|思想文化|理论学习/],
  ['legal', /政法|平安建设|综治|信访|维稳|法治|社会治理|扫黑|禁毒/],
];

function sectionOf(text: string): Line | undefined {
  for (const [line, re] of SECTION_WORDS) if (re.test(text)) return line;
  return undefined;
}

const isHeadingLike = (l: DocLine): boolean => !!l.heading || (l.text.length > 0 && l.text.length <= 40 && !/[。；，]$/.test(l.text) && !l.title);

function periodOf(text: string): Situation['period'] {
  if (/截至|截止|累计|目前|现有|共有|尚有/.test(text)) return 'asOf';
  if (/今年以来|年初以来|全年|本年度|前[一二三四]季度|[0-9]{4}年以来/.test(text)) return 'ytd';
  if (/本季度|[一二三四]季度|第[一二三四]季度/.test(text)) return 'quarter';
  return undefined;
}

const CLAUSE_END = /[，、。；：,;:！？!?]/;
const WEIGHTS = [1, 0.7, 0.4, 0.2];
const TOPIC_WEIGHT = 0.2;

/** Sentence spans of a raw line. */
function sentenceSpans(raw: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[^。；！？!?]+[。；！？!?]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The words after a number that belong to it: up to the next clause mark or number. */
function rightEnd(raw: string, m: Mention, next: Mention | undefined, end: number): number {
  const from = m.index + m.length;
  let to = Math.min(end, from + 16, next ? next.index : end);
  const cut = raw.slice(from, to).search(CLAUSE_END);
  if (cut >= 0) to = from + cut;
  return to;
}

/** Reads every number of a report. */
export function readNumbers(text: string, metrics: readonly MetricDecl[] = metricCatalog): ReadResult {
  const prepared = prepare(metrics);
  const lines = parseDocument(text);
  const readings: Reading[] = [];
  const sections: Array<{ level: number; line?: Line }> = [];
  for (const l of lines) {
    if (!l.text) continue;
    if (l.title) continue;
    if (isHeadingLike(l)) {
      const level = l.heading?.level ?? 5;
      while (sections.length && sections[sections.length - 1].level >= level) sections.pop();
      sections.push({ level, line: sectionOf(l.text) });
    }
    const section = [...sections].reverse().find((s) => s.line)?.line;
    const mentions = findMentions(l.raw);
    const spans = sentenceSpans(l.raw);
    for (let s = 0; s < spans.length; s++) {
      const [start, end] = spans[s];
      const inSentence = mentions.filter((m) => m.index >= start && m.index < end);
      const live = inSentence.filter((m) => !m.nonMetric);
      const bounds = live.map((m, i) => rightEnd(l.raw, m, live[i + 1], end));
      for (const m of inSentence) {
        const base: Omit<Reading, 'kind' | 'candidates' | 'confidence'> = { ...m, line: l.no, ...(section ? { section } : {}) };
        if (m.nonMetric) {
          readings.push({ ...base, kind: 'nonMetric', candidates: [], confidence: 0 });
          continue;
        }
        const k = live.indexOf(m);
        // Left context: pieces between the ends of the earlier numbers' own words, nearest first.
        const pieces: Piece[] = [];
        const cuts = [start, ...bounds.slice(0, k), m.index];
        for (let j = cuts.length - 1, w = 0; j > 0; j--, w++) {
          if (cuts[j] > cuts[j - 1])
            pieces.push({
              text: l.raw.slice(cuts[j - 1], cuts[j]),
              weight: WEIGHTS[Math.min(w, WEIGHTS.length - 1)],
              ...(w === 0 ? { touches: 'end' as const } : {}),
            });
        }
        // The paragraph's topic sentence ("六是持续开展禁毒工作。") and the sentence before, faintly.
        if (start > 0) {
          const [first] = spans;
          pieces.push({ text: l.raw.slice(first[0], Math.min(first[1], first[0] + 40)), weight: TOPIC_WEIGHT });
          if (s > 1) pieces.push({ text: l.raw.slice(Math.max(spans[s - 1][0], start - 40), start), weight: TOPIC_WEIGHT });
        }
        const right = l.raw.slice(m.index + m.length, bounds[k]);
        if (right) pieces.push({ text: right, weight: 1, touches: 'start' });
        const left = l.raw.slice(start, m.index);
        const situation: Situation = { pieces, section, period: periodOf(left), part: /其中[^，。；]{0,12}$/.test(left) };
        const candidates = score(prepared, m, situation);
        readings.push({
          ...base,
          ...(situation.period ? { period: situation.period } : {}),
          kind: 'metric',
          candidates,
          confidence: confidence(candidates, m.percent),
        });
      }
    }
  }
  return { lines, readings };
}

/** The reading's tied metric, when the reader is sure enough. */
export function tiedMetric(r: Reading, min = TIE_MIN): string | undefined {
  return r.kind === 'metric' && r.confidence >= min ? r.candidates[0]?.metric : undefined;
}

export type { NonMetricReason, Candidate };
