import { defineCommand } from '../command.ts';
import { SYSTEM_ACTOR } from '../../audit/log.ts';
import { ciphertextCensus, rotateKeys } from '../../crypto/rotate.ts';
import { readKeyState } from '../../crypto/state.ts';
import { schemeOf, type Scheme } from '../../crypto/keys.ts';

const SCHEME_LABEL: Record<Scheme, string> = { aes: 'AES-256-GCM + HMAC-SHA256', sm: '国密 SM4-CBC + HMAC-SM3' };

/** Key status and rotation (docs/security.md "密钥与国密"). */
export default defineCommand({
  name: 'keys',
  summary: '密钥：keys status 查看当前密钥；keys rotate [--to sm|aes] 轮换密钥（或切换国密）并重建盲索引，可中断续做',
  usage: 'luoshi keys status | luoshi keys rotate [--to sm|aes] [--batch 1000] [--settle 6] [--db PATH]',
  options: { to: { type: 'string' }, batch: { type: 'string' }, settle: { type: 'string' } },
  async run(ctx) {
    const sub = ctx.positionals[0];
    if (sub !== 'status' && sub !== 'rotate') {
      ctx.err('用法：luoshi keys status | luoshi keys rotate [--to sm|aes]');
      return 2;
    }
    const to = ctx.values.to as string | undefined;
    if (to !== undefined && to !== 'sm' && to !== 'aes') {
      ctx.err(`--to 只能是 sm（国密）或 aes，收到：${to}`);
      return 2;
    }
    const batch = Number(ctx.values.batch ?? 1000);
    const settle = Number(ctx.values.settle ?? 6);
    if (!Number.isInteger(batch) || batch < 1 || !(settle >= 0)) {
      ctx.err('--batch 须为正整数，--settle 须为非负秒数');
      return 2;
    }
    const db = await ctx.openDb();
    const state = await readKeyState(db.kysely);
    if (sub === 'status') {
      ctx.out(`当前密钥：${state?.active}（${SCHEME_LABEL[schemeOf(state?.active ?? 'a1')]}）`);
      if (state?.rotation)
        ctx.out(
          `未完成的轮换：${state.rotation.from} → ${state.rotation.to}，已处理 ${state.rotation.done} 条（至记录 #${state.rotation.cursor}）；再次运行 luoshi keys rotate 继续。`,
        );
      const census = await ciphertextCensus(db.kysely);
      ctx.out(
        `密文分布：${
          Object.entries(census)
            .map(([k, n]) => `${k} ${n} 个`)
            .join('，') || '无'
        }`,
      );
      return 0;
    }
    if (state?.rotation) ctx.out(`继续上次未完成的轮换：${state.rotation.from} → ${state.rotation.to}（已处理 ${state.rotation.done} 条）`);
    const r = await rotateKeys(db.kysely, SYSTEM_ACTOR, {
      to: to as Scheme | undefined,
      batch,
      settleMs: settle * 1000,
      onProgress: (done, cursor) => ctx.out(`已处理 ${done} 条（至记录 #${cursor}）`),
    });
    ctx.out(
      `密钥轮换完成：${r.from} → ${r.to}（${SCHEME_LABEL[schemeOf(r.to)]}），记录 ${r.records} 条，设置 ${r.settings} 项，用时 ${(r.ms / 1000).toFixed(1)} 秒。`,
    );
    return 0;
  },
});
