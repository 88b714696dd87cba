import type { Db } from '../db/kysely.ts';
import { today } from '../shared/today.ts';
import { seedDemoAccounts, seedDemoOrgs, isEmpty, DEMO_ACCOUNTS, DEMO_PASSWORD } from './orgs.ts';
import { seedDemoRecords } from './records.ts';

export interface SeedResult {
  towns: number;
  records: number;
  /** The seed's year, or null for the living demo. */
  year: number | null;
  /** The last day of the demo's records. */
  through: string;
}

export interface SeedOptions {
  scale?: number;
  accounts?: boolean;
  /** The seed report's scenario (Q4 of `year - 1` and all of `year`); 2023 reproduces it. */
  year?: number;
  /** The living demo's today (default: today in LUOSHI_TZ); ignored when `year` is given. */
  today?: string;
}

/**
 * Seed the demo county into an empty database: orgs, accounts and five quarters of ledger
 * records, by default the living demo ending today, or the seed's `year`.
 */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<SeedResult> {
  if (!(await isEmpty(db.kysely))) throw new Error('数据库不为空：演示数据只能写入空数据库');
  const towns = await seedDemoOrgs(db.kysely, opts.scale ?? 1);
  if (opts.accounts !== false) await seedDemoAccounts(db.kysely);
  const on = opts.today ?? today();
  const records = await seedDemoRecords(db, towns, opts.scale ?? 1, opts.year !== undefined ? { year: opts.year, today: on } : { today: on });
  return { towns: towns.length, records, year: opts.year ?? null, through: opts.year !== undefined ? `${opts.year}-12-31` : on };
}

export function demoBanner(r?: Pick<SeedResult, 'year' | 'through'>): string {
  const span = !r
    ? ''
    : r.year !== null
      ? `，${r.year - 1} 年第四季度至 ${r.year} 年底的台账（种子报告的 ${r.year} 年第四季度）`
      : `，截至 ${r.through} 的五个季度台账`;
  return [
    `演示数据已就绪（清河县：东湖镇、南坪镇${span}）。演示账号（密码均为 ${DEMO_PASSWORD}，仅限演示）：`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(10)} ${a.name}（${a.roles.join(',')}，${a.org}）`),
  ].join('\n');
}
