import fs from 'node:fs';
import { defineCommand } from '../command.ts';
import { allLedgers } from '../../ledger/registry.ts';
import { importItems, where, type ImportError, type ImportResult } from '../../ledger/import.ts';
import { readImportSource, UnreadableFileError } from '../../ledger/excel/source.ts';
import { systemPrincipal } from '../../ledger/export.ts';
import { installAlertHooks } from '../../alerts/register.ts';

export function formatImportError(e: ImportError): string {
  const at = e.line != null || e.sheet ? where(e) : '文件';
  return `${at}${e.field ? `［${e.field}］` : ''}：${e.message}`;
}

export function formatCounts(r: ImportResult, labels: Map<string, string>): string {
  const parts = Object.entries(r.counts).map(([k, n]) => `${labels.get(k) ?? k}（${k}）${n} 条`);
  if (r.orgs) parts.unshift(`组织 ${r.orgs} 个`);
  return parts.length ? parts.join('；') : '没有记录';
}

export default defineCommand({
  name: 'import',
  summary: '导入台账数据：JSON Lines（.jsonl）或 Excel（.xlsx，每个台账一个工作表）；全部校验通过才写入',
  usage: 'luoshi import FILE [--dry-run] [--ledger KEY] [--json] [--db PATH]',
  options: { 'dry-run': { type: 'boolean' }, ledger: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const file = ctx.positionals[0];
    const json = !!ctx.values.json;
    const fail = (message: string, status: number) => {
      if (json) ctx.out(JSON.stringify({ ok: false, dryRun: !!ctx.values['dry-run'], total: 0, orgs: 0, counts: {}, errors: [{ message }] }));
      else ctx.err(message);
      return status;
    };
    if (!file) return fail('请指定要导入的文件。用法：luoshi import FILE [--dry-run] [--ledger KEY] [--json]', 2);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return fail(`文件不存在：${file}`, 2);
    const db = await ctx.openDb();
    const ledgers = await allLedgers(db.kysely);
    const ledger = ctx.values.ledger as string | undefined;
    if (ledger && !ledgers.some((l) => l.key === ledger)) return fail(`未知台账：${ledger}（可选：${ledgers.map((l) => l.key).join(', ')}）`, 2);
    const p = await systemPrincipal(db.kysely);
    // The same write guards and after-write work as the server: the 影响期 guard, alert recomputation.
    installAlertHooks();
    let source;
    try {
      source = await readImportSource(file, { ledgers, ledger, name: file });
    } catch (e) {
      if (e instanceof UnreadableFileError) return fail(e.message, 2);
      throw e;
    }
    const progress = !json && process.stderr.isTTY;
    const result = await importItems(db.kysely, p, source.items, {
      dryRun: !!ctx.values['dry-run'],
      preErrors: source.errors,
      onProgress: progress ? (done, total) => process.stderr.write(`\r写入 ${done}/${total}`) : undefined,
    });
    if (progress && result.ok && !result.dryRun && result.total) process.stderr.write('\n');
    const labels = new Map(ledgers.map((l) => [l.key, l.decl.label]));
    if (json) ctx.out(JSON.stringify(result));
    if (!result.ok) {
      if (!json) {
        for (const e of result.errors) ctx.err(formatImportError(e));
        ctx.err(`共 ${result.errors.length >= 1000 ? '1000 处以上' : `${result.errors.length} 处`}错误，未写入任何数据。请改正后重新导入。`);
      }
      return 1;
    }
    if (!json) {
      const what = formatCounts(result, labels);
      ctx.out(result.dryRun ? `试运行：校验通过，未写入。可导入 ${what}，共 ${result.total} 条记录。` : `导入完成：${what}，共 ${result.total} 条记录。`);
    }
    return 0;
  },
});
