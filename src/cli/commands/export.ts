import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { defineCommand } from '../command.ts';
import { getOrgByCode } from '../../org/service.ts';
import { prepareExport, systemPrincipal, type ExportFormat } from '../../ledger/export.ts';

export default defineCommand({
  name: 'export',
  summary: '导出台账：Excel（台账样式）或 JSON Lines（交换格式）；身份证号等默认脱敏，--reveal 输出明文',
  usage:
    'luoshi export --ledger KEY [--org CODE] [--format xlsx|jsonl] --out FILE [--reveal] [--with-orgs] [--status S] [--kind K] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--q 关键词] [--overdue] [--db PATH]',
  options: {
    ledger: { type: 'string' },
    org: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    reveal: { type: 'boolean' },
    'with-orgs': { type: 'boolean' },
    status: { type: 'string' },
    kind: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    q: { type: 'string' },
    overdue: { type: 'boolean' },
  },
  async run(ctx) {
    const v = ctx.values as Record<string, string | boolean | undefined>;
    const ledger = v.ledger as string | undefined;
    const out = v.out as string | undefined;
    if (!ledger || !out) {
      ctx.err(`请用 --ledger 指定台账、--out 指定输出文件。\n用法：${this.usage}`);
      return 2;
    }
    const format = ((v.format as string | undefined) ?? (/\.jsonl?$/i.test(out) ? 'jsonl' : 'xlsx')) as ExportFormat;
    if (format !== 'xlsx' && format !== 'jsonl') {
      ctx.err(`--format 只能是 xlsx 或 jsonl，实际为“${format}”`);
      return 2;
    }
    for (const k of ['from', 'to'] as const) {
      if (v[k] && !/^\d{4}-\d{2}-\d{2}$/.test(String(v[k]))) {
        ctx.err(`--${k} 须为 YYYY-MM-DD`);
        return 2;
      }
    }
    const db = await ctx.openDb();
    const p = await systemPrincipal(db.kysely);
    const org = v.org ? await getOrgByCode(db.kysely, String(v.org)) : undefined;
    if (v.org && !org) {
      ctx.err(`组织不存在：${String(v.org)}`);
      return 2;
    }
    // A ledger that does not exist or may not be read, or --reveal refused: src/cli/main.ts prints the message (exit 2 / 1).
    const prepared = await prepareExport(
      db.kysely,
      p,
      ledger,
      {
        org,
        status: v.status as string | undefined,
        kind: v.kind as string | undefined,
        from: v.from as string | undefined,
        to: v.to as string | undefined,
        q: v.q as string | undefined,
        overdue: !!v.overdue,
      },
      { format, reveal: !!v.reveal, withOrgs: !!v['with-orgs'] },
    );
    const toStdout = out === '-';
    if (!toStdout) fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    const stream = toStdout ? process.stdout : fs.createWriteStream(out);
    const n = await prepared.write(stream);
    if (!toStdout) await finished(stream);
    if (!toStdout) ctx.out(`已导出 ${n} 条记录到 ${out}（${v.reveal ? '含明文敏感信息，请妥善保管' : '身份证号等敏感信息已脱敏'}）`);
    return 0;
  },
});
