import { defineCommand } from '../command.ts';
import { getOrgByCode } from '../../org/service.ts';
import { computeFindings } from '../../alerts/engine.ts';
import { recomputeOrg } from '../../alerts/service.ts';
import { getRule } from '../../alerts/rules/index.ts';
import { SEVERITY_LABELS, type Severity } from '../../alerts/types.ts';
import { installAlertHooks } from '../../alerts/register.ts';
import { userDigest, digestText } from '../../alerts/digest.ts';
import { today } from '../../shared/today.ts';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export default defineCommand({
  name: 'alerts',
  summary: '计算某组织截至某日的预警（--store 写入预警中心，--digest 打印某用户的每日摘要）',
  usage: 'luoshi alerts --org CODE [--date YYYY-MM-DD] [--rule ID] [--json] [--store] | luoshi alerts --digest --user USERNAME [--json]',
  options: {
    org: { type: 'string' },
    date: { type: 'string' },
    rule: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    store: { type: 'boolean' },
    digest: { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(ctx) {
    installAlertHooks();
    const date = (ctx.values.date as string | undefined) ?? today();
    if (!isDate(date)) {
      ctx.err(`日期格式应为 YYYY-MM-DD：${date}`);
      return 2;
    }
    if (ctx.values.digest) {
      const username = ctx.values.user as string | undefined;
      if (!username) {
        ctx.err('请用 --user 指定用户名，例如：luoshi alerts --digest --user jiwei');
        return 2;
      }
      const db = await ctx.openDb();
      const d = await userDigest(db.kysely, username, date);
      if (!d) {
        ctx.err(`用户不存在或已停用：${username}`);
        return 2;
      }
      ctx.out(ctx.values.json ? JSON.stringify(d, null, 2) : digestText(d));
      return 0;
    }
    const code = ctx.values.org as string | undefined;
    if (!code) {
      ctx.err('请指定 --org，例如：luoshi alerts --org QH-DH --date 2023-12-31 --json');
      return 2;
    }
    const rules = ctx.values.rule as string[] | undefined;
    for (const r of rules ?? []) {
      if (!getRule(r)) {
        ctx.err(`未知的预警规则：${r}`);
        return 2;
      }
    }
    const db = await ctx.openDb();
    const org = await getOrgByCode(db.kysely, code);
    if (!org) {
      ctx.err(`组织不存在：${code}`);
      return 2;
    }
    if (ctx.values.store) {
      const r = await recomputeOrg(db.kysely, org, date);
      ctx.out(`已更新预警中心：当前 ${r.total} 条，新增/重新打开 ${r.opened.length} 条，自动消除 ${r.resolved} 条。`);
      return 0;
    }
    const findings = await computeFindings(db.kysely, org, date, { rules });
    const ids = [...new Set(findings.map((f) => f.orgId))];
    const codes = new Map(
      (
        await db.kysely
          .selectFrom('orgs')
          .select(['id', 'code', 'name'])
          .where('id', 'in', ids.length ? ids : [-1])
          .execute()
      ).map((o) => [o.id, o]),
    );
    if (ctx.values.json) {
      ctx.out(
        JSON.stringify(
          findings.map((f) => ({
            rule: f.rule,
            org: codes.get(f.orgId)?.code ?? null,
            record: f.recordId,
            severity: f.severity,
            message: f.message,
            dueOn: f.dueOn,
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    ctx.out(`${org.name} 截至 ${date} 共 ${findings.length} 条预警`);
    const byRule = new Map<string, number>();
    for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    for (const [rule, n] of byRule) ctx.out(`  ${(getRule(rule)?.title ?? rule).padEnd(20, '　')} ${String(n).padStart(5)}  ${rule}`);
    ctx.out('');
    for (const f of findings.slice(0, 200)) ctx.out(`[${SEVERITY_LABELS[f.severity as Severity]}] ${codes.get(f.orgId)?.name ?? ''}：${f.message}`);
    if (findings.length > 200) ctx.out(`……另有 ${findings.length - 200} 条，请使用 --json 查看全部`);
    return 0;
  },
});
