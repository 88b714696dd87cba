import path from 'node:path';
import { sql } from 'kysely';
import { defineCommand } from '../command.ts';
import { dbOptionsFromEnv, migrationStatus, openDb, type Db } from '../../db/kysely.ts';
import { filesRoot } from '../../files/store.ts';
import { today, timeZone } from '../../shared/today.ts';
import { holidayYears } from '../../alerts/holidays.ts';
import { enteredHolidayYears } from '../../alerts/config.ts';
import { checkFolder, checkFonts, checkKey, checkLibreOffice, checkNode, checkTimeZone, checkTls, finding, type Finding } from '../doctor-checks.ts';

const MARK = { pass: '[通过]', warn: '[警告]', fail: '[失败]' } as const;

/** The 放假安排 (built-in years and those the county entered) must cover the next 90 days. */
async function checkHolidays(db: Db | null, from: string): Promise<Finding> {
  const title = '节假日日历';
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
  const years = new Set(holidayYears(db ? await enteredHolidayYears(db.kysely) : []).map((h) => h.year));
  const needed = [...new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))])];
  const missing = needed.filter((y) => !years.has(y));
  if (missing.length === 0) return finding('pass', title, `已含 ${needed.join('、')} 年的法定节假日和调休，覆盖今后 90 天（至 ${to}）`);
  return finding(
    'warn',
    title,
    `缺少 ${missing.join('、')} 年的放假安排（今后 90 天至 ${to}）：按工作日计算的期限只能估算；国务院办公厅公布后由县级管理员在“节假日安排”页面录入`,
  );
}

async function checkDatabase(db: Db): Promise<Finding[]> {
  const out: Finding[] = [];
  const version =
    db.dialect === 'postgres'
      ? (await sql<{ v: string }>`select version() as v`.execute(db.kysely)).rows[0].v.split(',')[0]
      : `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(db.kysely)).rows[0].v}`;
  out.push(finding('pass', '数据库连接', `${db.where}：${version}`));
  const { applied, pending } = await migrationStatus(db);
  if (pending.length === 0) out.push(finding('pass', '数据库结构', `已是最新（${applied.length} 个迁移）`));
  else out.push(finding('warn', '数据库结构', `有 ${pending.length} 个待执行的迁移（${pending.join('、')}）：先 luoshi backup，再 luoshi migrate 或重启服务`));
  if (db.dialect === 'postgres') {
    const t0 = Date.now();
    const dbNow = (await sql<{ t: Date }>`select now() as t`.execute(db.kysely)).rows[0].t;
    const skew = Math.abs(new Date(dbNow).getTime() - (t0 + Date.now()) / 2) / 1000;
    const text = `本机与数据库服务器的时钟相差 ${skew.toFixed(1)} 秒`;
    out.push(
      finding(
        skew > 300 ? 'fail' : skew > 30 ? 'warn' : 'pass',
        '时钟',
        skew > 30 ? `${text}：请两台机器都配置 NTP（chrony）对时；审计日志和期限依赖准确时间` : text,
      ),
    );
  } else {
    out.push(finding('pass', '时钟', `内置 SQLite 与服务同在本机，使用同一时钟（${new Date().toISOString()}）`));
  }
  return out;
}

export default defineCommand({
  name: 'doctor',
  summary: '检查运行环境：Node.js、数据库、迁移、磁盘、密钥、时区、HTTPS、LibreOffice、字体、节假日',
  usage: 'luoshi doctor [--db PATH]',
  async run(ctx) {
    const findings: Finding[] = [];
    const todayText = today();
    findings.push(checkNode(todayText));
    const opts = dbOptionsFromEnv({ db: ctx.values.db as string | undefined });
    let db: Db | null = null;
    try {
      db = await openDb({ ...opts, migrate: false });
      findings.push(...(await checkDatabase(db)));
    } catch (e) {
      const where = opts.url ? opts.url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@') : opts.file;
      findings.push(finding('fail', '数据库连接', `无法连接 ${where}：${(e as Error).message}`));
      await db?.close().catch(() => undefined);
      db = null;
    }
    try {
      if (!opts.url) findings.push(checkFolder('数据目录', path.dirname(path.resolve(opts.file!))));
      findings.push(checkFolder('佐证材料目录', filesRoot()));
      findings.push(checkKey());
      findings.push(checkTimeZone(timeZone(), todayText));
      findings.push(checkTls());
      const office = checkLibreOffice();
      findings.push(office, checkFonts(undefined, office.level === 'pass'));
      findings.push(await checkHolidays(db, todayText));
    } finally {
      await db?.close();
    }
    for (const f of findings) (f.level === 'fail' ? ctx.err : ctx.out)(`${MARK[f.level]} ${f.title}：${f.detail}`);
    const n = (l: Finding['level']) => findings.filter((f) => f.level === l).length;
    const summary = `共 ${findings.length} 项：通过 ${n('pass')}，警告 ${n('warn')}，失败 ${n('fail')}。`;
    if (n('fail')) {
      ctx.err(`${summary}请先处理“失败”项。`);
      return 1;
    }
    ctx.out(summary);
    return 0;
  },
});
