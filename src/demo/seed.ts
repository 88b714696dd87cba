import type { Db } from '../db/kysely.ts';
import { seedDemoAccounts, seedDemoOrgs, isEmpty, DEMO_ACCOUNTS, DEMO_PASSWORD } from './orgs.ts';
import { seedDemoRecords } from './records.ts';

export interface SeedResult {
  towns: number;
  records: number;
}

/** Seed the demo county into an empty database: orgs, accounts, a year of ledger records. */
export async function seedDemo(db: Db, opts: { scale?: number; accounts?: boolean } = {}): Promise<SeedResult> {
  if (!(await isEmpty(db.kysely))) throw new Error('数据库不为空：演示数据只能写入空数据库');
  const towns = await seedDemoOrgs(db.kysely, opts.scale ?? 1);
  if (opts.accounts !== false) await seedDemoAccounts(db.kysely);
  const records = await seedDemoRecords(db, towns, opts.scale ?? 1);
  return { towns: towns.length, records };
}

export function demoBanner(): string {
  return [
    '演示数据已就绪（清河县：东湖镇、南坪镇）。演示账号（密码均为 ' + DEMO_PASSWORD + '，仅限演示）：',
    ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(10)} ${a.name}（${a.roles.join(',')}，${a.org}）`),
  ].join('\n');
}
