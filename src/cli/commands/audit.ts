import { defineCommand } from '../command.ts';
import { verifyAuditChain } from '../../audit/log.ts';
import { verifyText } from '../../audit/export.ts';

export default defineCommand({
  name: 'audit',
  summary: '审计日志：audit verify 校验哈希链是否被篡改',
  usage: 'luoshi audit verify [--db PATH]',
  async run(ctx) {
    if (ctx.positionals[0] !== 'verify') {
      ctx.err('用法：luoshi audit verify');
      return 2;
    }
    const db = await ctx.openDb();
    const r = await verifyAuditChain(db.kysely);
    if (r.ok) {
      ctx.out(`审计日志完整：${verifyText(r)}。`);
      return 0;
    }
    ctx.err(`审计日志校验失败：${verifyText(r)}`);
    return 1;
  },
});
