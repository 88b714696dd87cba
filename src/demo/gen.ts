/**
 * The demo generator's state for one town: its seeded PRNG, calendar, people and the lines
 * generated so far, with the helpers the per-line generators (generate-*.ts) share. The
 * orchestration is in generate.ts; the parts import this file, never generate.ts (no cycle).
 */
import * as N from './names.ts';
import { iso, toDay, type DemoCalendar } from './calendar.ts';
import { addDays } from '../shared/dates.ts';

export interface DemoOrgRef {
  code: string;
  name: string;
}
export interface DemoTown {
  code: string;
  name: string;
  villages: (DemoOrgRef & { branches: DemoOrgRef[] })[];
  departments?: DemoOrgRef[];
  /** Town-level branches (e.g. 机关党支部), if any. */
  branches?: DemoOrgRef[];
}
export interface InterchangeLine {
  type: 'record';
  ledger: string;
  org: string;
  fields: Record<string, unknown>;
}
export interface DemoOptions {
  towns: DemoTown[];
  /** The seed's scenario: Q4 of `year - 1` and the whole of `year`. */
  year?: number;
  /** The living demo as of this date ('YYYY-MM-DD'); used when `year` is not given. */
  today?: string;
  seed?: number;
  /** Multiplies the counts (not the calendar: monthly meetings stay monthly). */
  scale?: number;
}

export interface Person {
  name: string;
  male: boolean;
  birth: string;
  post: string;
  org: string;
  line?: string;
}

const min = (a: string, b: string) => (a < b ? a : b);
const pad = (n: number) => String(n).padStart(2, '0');
const QUARTER_CN = ['一', '二', '三', '四'];

/** GB 11643 check digit of the first 17 digits. */
export function idCheckDigit(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * w[i];
  return '10X98765432'[s % 11];
}

/** The generation context of one town: PRNG, calendar, people and the output lines. */
export class Gen {
  readonly out: InterchangeLine[] = [];
  readonly start: string;
  readonly end: string;
  readonly leaders: Person[] = [];
  readonly villageCadres = new Map<string, Person[]>();
  readonly staff: Person[] = [];
  readonly relativesOf = new Map<string, string[]>();
  private state: number;
  private used = new Set<string>();

  readonly year: number;
  readonly living: boolean;
  /** First day of the quarter of `end`. */
  readonly quarterStart: string;
  /** Last day of the window's last month: the year's end in the seed's scenario. */
  readonly horizon: string;
  /** Index of the month of `end` in the window (14 in the seed's scenario). */
  readonly lastMonth: number;
  private freshLedgers = new Set<string>();

  constructor(
    readonly town: DemoTown,
    cal: DemoCalendar,
    seed: number,
    readonly scale: number,
  ) {
    this.state = seed >>> 0;
    this.year = cal.year;
    this.living = cal.living;
    this.start = cal.start;
    this.end = cal.end;
    const [sy, sm] = [Number(cal.start.slice(0, 4)), Number(cal.start.slice(5, 7))];
    this.lastMonth = (Number(cal.end.slice(0, 4)) - sy) * 12 + Number(cal.end.slice(5, 7)) - sm;
    this.quarterStart = this.monthStart(this.lastMonth - ((Number(cal.end.slice(5, 7)) - 1) % 3));
    this.horizon = addDays(this.monthStart(15), -1);
  }

  /** mulberry32 */
  r(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.r() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)];
  }
  /** Favours the head of the list (frequent surnames). */
  head<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * this.r() * a.length)];
  }
  /** k distinct items in random order. */
  sample<T>(a: readonly T[], k: number): T[] {
    const c = [...a];
    for (let i = c.length - 1; i > 0; i--) {
      const j = Math.floor(this.r() * (i + 1));
      [c[i], c[j]] = [c[j], c[i]];
    }
    return c.slice(0, k);
  }
  weighted<T extends string>(w: Record<T, number>): T {
    const entries = Object.entries(w) as [T, number][];
    let x = this.r() * entries.reduce((s, [, n]) => s + n, 0);
    for (const [k, n] of entries) if ((x -= n) < 0) return k;
    return entries[entries.length - 1][0];
  }
  /** Scaled count, at least 1 when base > 0. */
  n(base: number): number {
    return base <= 0 ? 0 : Math.max(1, Math.round(base * this.scale));
  }
  between(from: string, to: string): string {
    return iso(toDay(from) + Math.floor(this.r() * (toDay(to) - toDay(from) + 1)));
  }
  any(): string {
    return this.between(this.start, this.end);
  }
  /** A day of month `m` (1..12) of `y`, between d1 and d2. */
  day(y: number, m: number, d1 = 1, d2 = 28): string {
    return `${y}-${pad(m)}-${pad(this.int(d1, d2))}`;
  }
  /** Month `k` of the window (0 = the first; negative: before it) as [year, month]. */
  monthAt(k: number): [number, number] {
    const n = Number(this.start.slice(0, 4)) * 12 + Number(this.start.slice(5, 7)) - 1 + k;
    return [Math.floor(n / 12), (n % 12) + 1];
  }
  monthStart(k: number): string {
    const [y, m] = this.monthAt(k);
    return `${y}-${pad(m)}-01`;
  }
  /** A day of month `k` of the window, between d1 and d2, as scheduled (it may lie after `end`). */
  plannedAt(k: number, d1 = 1, d2 = 28): string {
    const [y, m] = this.monthAt(k);
    return this.day(y, m, d1, d2);
  }
  /**
   * A day of month `k` of the window that has happened: a month after `end`'s (the living demo
   * early in a quarter) is taken a year earlier, and a day after `end` in `end`'s month falls in
   * its elapsed part.
   */
  dayAt(k: number, d1 = 1, d2 = 28): string {
    const d = this.plannedAt(k > this.lastMonth ? k - 12 : k, d1, d2);
    return d <= this.end ? d : this.between(this.monthStart(this.lastMonth), this.end);
  }
  /** Months of the demo period up to `end`'s month, as [year, month]. */
  months(): [number, number][] {
    return Array.from({ length: this.lastMonth + 1 }, (_, k) => this.monthAt(k));
  }
  /** Days from `d` to `end`. */
  daysSince(d: string): number {
    return toDay(this.end) - toDay(d);
  }
  /** A day of the current quarter up to `end`. */
  recent(): string {
    return this.between(this.quarterStart, this.end);
  }
  /**
   * The date of the `i`-th record of a series of `ledger`: in the living demo the first of the
   * ledger's first series falls in the current quarter, so even its first days show each ledger.
   */
  when(ledger: string, i: number, usual: () => string = () => this.any()): string {
    if (!this.living || i !== 0 || this.freshLedgers.has(ledger)) return usual();
    this.freshLedgers.add(ledger);
    return this.recent();
  }
  /** An event date, or none when it lies after the living demo's today (it has not happened yet). */
  past(d: string | undefined): string | undefined {
    return this.living && d !== undefined && d > this.end ? undefined : d;
  }
  /** An event date moved back to the living demo's today if it lies after it (the seed's scenario keeps its own). */
  upTo(d: string): string {
    return this.living && d > this.end ? this.end : d;
  }
  /** '2023年第四季度' of a date. */
  quarterName(d: string): string {
    return `${d.slice(0, 4)}年第${QUARTER_CN[Math.floor((Number(d.slice(5, 7)) - 1) / 3)]}季度`;
  }
  village(): DemoTown['villages'][number] {
    return this.pick(this.town.villages);
  }
  fill(tpl: string, villageName?: string): string {
    return tpl
      .replaceAll('{v}', villageName ?? this.village().name)
      .replaceAll('{t}', this.town.name)
      .replaceAll('{y}', String(this.year));
  }
  name(male: boolean, born: number): string {
    for (let i = 0; ; i++) {
      const pool = male ? (born < 1966 ? N.GIVEN_MALE_OLD : N.GIVEN_MALE) : born < 1966 ? N.GIVEN_FEMALE_OLD : N.GIVEN_FEMALE;
      const n = this.head(N.SURNAMES) + this.pick(pool);
      if (!this.used.has(n) || i > 30) {
        this.used.add(n);
        return n;
      }
    }
  }
  birth(fromYear: number, toYear: number): string {
    return this.between(`${fromYear}-01-01`, `${toYear}-12-28`);
  }
  person(post: string, org: string, fromYear: number, toYear: number, line?: string): Person {
    const male = this.chance(0.72);
    const birth = this.birth(fromYear, toYear);
    return { name: this.name(male, Number(birth.slice(0, 4))), male, birth, post, org, line };
  }
  /** A valid GB 11643 ID number for that birth date and sex. */
  idNumber(birth: string, male: boolean): string {
    const seq = `${pad(this.int(0, 99))}${this.int(0, 4) * 2 + (male ? 1 : 0)}`;
    const body = `${this.pick(N.AREA_CODES)}${birth.replaceAll('-', '')}${seq}`;
    return body + idCheckDigit(body);
  }
  phone(): string {
    return `1${this.pick(['35', '37', '38', '39', '52', '58', '86', '89'])}${String(this.int(0, 99_999_999)).padStart(8, '0')}`;
  }
  leader(line?: string): Person {
    const l = line ? this.leaders.filter((p) => p.line === line) : this.leaders;
    return this.pick(l.length ? l : this.leaders);
  }
  secretaryOf(villageCode: string): Person {
    return this.villageCadres.get(villageCode)![0];
  }
  cadres(): Person[] {
    return [...this.leaders, ...this.staff, ...[...this.villageCadres.values()].flat()];
  }
  push(ledger: string, org: string, fields: Record<string, unknown>): void {
    const clean: Record<string, unknown> = {};
    for (const k in fields) {
      const v = fields[k];
      if (v !== undefined && v !== null && v !== '') clean[k] = v;
    }
    this.out.push({ type: 'record', ledger, org, fields: clean });
  }
  /** A state as of the end of the demo period: `done` with a done date, or still open. */
  settle(from: string, dueOn: string, pDone: number): { done: boolean; doneOn?: string } {
    if (this.living) return this.settleLiving(from, dueOn, pDone);
    if (toDay(this.end) - toDay(from) < 10 || !this.chance(pDone)) return { done: false };
    const late = this.chance(0.12) ? this.int(1, 30) : 0;
    const span = Math.max(1, toDay(dueOn) - toDay(from));
    const doneOn = min(this.end, addDays(from, Math.max(1, Math.floor(this.r() * span)) + late));
    return { done: true, doneOn };
  } /**
   * The living demo's state as of today: work still within its time limit is done in proportion
   * to the time gone by, so recent items are mostly in hand and some fall due in the coming weeks.
   */
  private settleLiving(from: string, dueOn: string, pDone: number): { done: boolean; doneOn?: string } {
    const elapsed = toDay(this.end) - toDay(from);
    const span = Math.max(1, toDay(dueOn) - toDay(from));
    if (elapsed < 10 || !this.chance(pDone * Math.min(1, elapsed / span))) return { done: false };
    const late = this.chance(0.12) ? this.int(1, 30) : 0;
    const doneOn = min(this.end, addDays(from, Math.max(1, Math.floor(this.r() * Math.min(span, elapsed))) + late));
    return { done: true, doneOn };
  }
}
