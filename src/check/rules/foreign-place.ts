/**
 * @fileoverview Names of other places left from another town's report: "西翟庄大地",
 * "建设更高水平的平安静海" in a report that is not about 西翟庄镇 or 静海区. Uses the
 * national gazetteer (county-level areas and towns). Full names ("西翟庄镇", "静海区")
 * are reported anywhere; short forms ("静海", "西翟庄") only where the text uses them
 * as a place ("平安静海", "西翟庄大地", "静海人民"), because many short forms are also
 * words (大兴调查研究, 乡村振兴). The subject's own town, villages, county, city,
 * province and short names are never reported, nor towns in its own county, nor a
 * county the report names as its superior ("清河县委"), nor the neighbours in a sentence
 * that says where the town lies ("东邻甲乡、南接乙镇", "与丙县接壤").
 *
 * Options: `allow` (string[]: extra names that are fine, e.g. a twinned town).
 */
import { defineCheckRule } from '../define.ts';
import { findPlaces, getGazetteer, type Gazetteer, type PlaceEntry, type PlaceMatch } from '../gazetteer.ts';
import { countyShort, townShort } from '../infer.ts';
import { FULL_WORD_CONTINUES, LOCATION_CUE, OWN_ORGAN_SUFFIX, SELF_PREFIX, SELF_SUFFIX } from '../data/place-stoplist.ts';
import { segments } from '../numbers.ts';
import type { DocLine, Subject } from '../types.ts';

interface Own {
  names: string[];
  areaCodes: Set<string>;
}

function ownScope(g: Gazetteer, subject: Subject, lines: readonly DocLine[], allow: string[]): Own {
  const names = new Set<string>(allow);
  const addName = (n: string | undefined): void => {
    if (n && n.length >= 2) names.add(n);
  };
  for (const n of [
    subject.town,
    subject.county,
    subject.city,
    subject.province,
    subject.publicAccount,
    ...(subject.villages ?? []),
    ...(subject.shortNames ?? []),
  ])
    addName(n);
  if (subject.town) addName(townShort(subject.town));
  if (subject.county) addName(countyShort(subject.county));
  if (subject.city) addName(countyShort(subject.city));
  for (const v of subject.villages ?? []) addName(v.replace(/(村民委员会|居民委员会|村委会|居委会|社区|村)$/, ''));
  const areaCodes = new Set<string>();
  const counties = subject.county ? (g.areasByName.get(subject.county) ?? []) : [];
  for (const a of counties) {
    if (subject.city && g.cityName.get(a.cityCode ?? '') !== subject.city) continue;
    areaCodes.add(a.code);
  }
  if (subject.town) {
    for (const s of g.streetsByName.get(subject.town) ?? []) {
      if (counties.length && !areaCodes.has(s.areaCode ?? '')) continue;
      areaCodes.add(s.areaCode ?? '');
    }
  }
  for (const code of areaCodes) {
    addName(g.areaName.get(code));
    addName(countyShort(g.areaName.get(code) ?? ''));
  }
  // Without a known county: the organs the report answers to ("清河县委") are ours, and
  // so is the county when it is the only one the report names in full ("《清河县…方案》").
  if (!subject.county) {
    const fullCounties = new Map<string, PlaceEntry[]>();
    for (const l of lines) {
      const location = segments(l.raw).filter((s) => LOCATION_CUE.test(s.text));
      for (const m of findPlaces(g, l.raw)) {
        if (location.some((s) => m.index >= s.start && m.index < s.start + s.text.length)) {
          // "我镇位于商州区东部": the county it lies in is ours, the neighbours are not
          if (/位于|地处/.test(l.raw.slice(Math.max(0, m.index - 3), m.index))) {
            for (const e of m.entries) if (e.level === 'area' && e.form === 'full') areaCodes.add(e.areaCode);
            if (m.entries.some((e) => e.level === 'area')) addName(m.name);
          }
          continue;
        }
        const areas = m.entries.filter((e) => e.level === 'area' && e.form === 'full');
        if (areas.length && m.name.length >= 3) fullCounties.set(m.name, areas);
        const after = l.raw.slice(m.index + m.name.length);
        const organ = OWN_ORGAN_SUFFIX.test(after) || (/[县区市旗]$/.test(m.name) && /^(?:委|纪委|政府|人民政府)/.test(after));
        if (organ && m.entries.some((e) => e.level === 'area')) {
          for (const e of m.entries) if (e.level === 'area') areaCodes.add(e.areaCode);
          addName(m.name);
        }
      }
    }
    if (fullCounties.size === 1) {
      for (const [name, areas] of fullCounties) {
        for (const e of areas) areaCodes.add(e.areaCode);
        addName(name);
        addName(countyShort(name));
      }
    }
  }
  return { names: [...names].sort((a, b) => b.length - a.length), areaCodes };
}

/** Replace our own names by blanks of the same length so nothing inside them matches. */
function mask(raw: string, names: string[]): string {
  let out = raw;
  for (const n of names) if (out.includes(n)) out = out.split(n).join('\u3000'.repeat(n.length));
  return out;
}

function isOurs(e: PlaceEntry, own: Own): boolean {
  return own.areaCodes.has(e.areaCode);
}

function describe(g: Gazetteer, e: PlaceEntry): string {
  const province = g.provinceName.get(e.provinceCode) ?? '';
  const city = g.cityName.get(e.cityCode) ?? '';
  const area = g.areaName.get(e.areaCode) ?? '';
  const parts = [province, city === '市辖区' || city === '县' ? '' : city, e.level === 'street' ? area : ''].filter(Boolean);
  return `${parts.join('')}${e.full}`;
}

export default defineCheckRule<{ allow?: string[] }>({
  meta: {
    id: 'foreign-place',
    type: 'suggestion',
    severity: 'warning',
    docs: { description: "Names of towns or counties other than the subject's own (copied from another report).", recommended: true },
    messages: { other: 'foreign-place.other' },
    defaultOptions: {},
  },
  check(ctx) {
    const g = getGazetteer();
    const own = ownScope(g, ctx.subject, ctx.lines, ctx.options.allow ?? []);
    const ownLabel = [ctx.subject.town, ctx.subject.county].filter(Boolean).join('、') || '未能确定';
    for (const line of ctx.lines) {
      if (!line.text) continue;
      const text = mask(line.raw, own.names);
      const location = segments(line.raw).filter((s) => LOCATION_CUE.test(s.text));
      const candidates: PlaceMatch[] = [];
      const places = findPlaces(g, text);
      // A name inside one of ours ("峪河镇" in 杨峪河镇) is not another place.
      const ours = places.filter((m) => m.entries.some((e) => isOurs(e, own))).map((m) => [m.index, m.index + m.name.length]);
      for (const m of places) {
        if (m.entries.some((e) => isOurs(e, own))) continue;
        if (ours.some(([s, e]) => m.index >= s && m.index + m.name.length <= e)) continue;
        if (location.some((s) => m.index >= s.start && m.index < s.start + s.text.length)) continue;
        const before = text.slice(Math.max(0, m.index - 4), m.index);
        const after = text.slice(m.index + m.name.length, m.index + m.name.length + 4);
        const full = m.entries.some((e) => e.form === 'full');
        const placeContext = SELF_PREFIX.test(before) || SELF_SUFFIX.test(after);
        if (full && m.name.length >= 3) {
          if (FULL_WORD_CONTINUES.test(after) && !placeContext) continue;
        } else if (!placeContext) continue;
        candidates.push(m);
      }
      // Overlapping candidates ("安静" and "静海" in "平安静海"): keep the longest, then the last.
      candidates.sort((a, b) => b.name.length - a.name.length || b.index - a.index);
      const taken: Array<[number, number]> = [];
      for (const m of candidates) {
        const end = m.index + m.name.length;
        if (taken.some(([s, e]) => m.index < e && end > s)) continue;
        taken.push([m.index, end]);
        const entries = m.entries;
        const where =
          entries.length > 3
            ? `${entries.length}处同名地方`
            : entries
                .slice(0, 2)
                .map((e) => describe(g, e))
                .join('或');
        ctx.report({ line: line.no, index: m.index, length: m.name.length, messageId: 'other', data: { text: m.name, where, own: ownLabel } });
      }
    }
  },
});
