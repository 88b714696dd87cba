import crypto from 'node:crypto';
import readline from 'node:readline/promises';
import { defineCommand } from '../command.ts';
import { isEmpty } from '../../demo/orgs.ts';
import { createOrg } from '../../org/service.ts';
import { createUser } from '../../auth/service.ts';
import { SYSTEM_ACTOR } from '../../audit/log.ts';

/** A real deployment starts empty: create the county and the first administrator. */
export default defineCommand({
  name: 'init',
  summary: '初始化正式部署：建立县级组织和首个系统管理员（首次登录须修改密码）',
  usage: 'luoshi init [--db PATH] [--county-code CODE --county-name 名称 --admin 用户名]',
  options: { 'county-code': { type: 'string' }, 'county-name': { type: 'string' }, admin: { type: 'string' } },
  async run(ctx) {
    const db = await ctx.openDb();
    if (!(await isEmpty(db.kysely))) {
      ctx.err('数据库已有数据，无需初始化。');
      return 1;
    }
    const rl = process.stdin.isTTY ? readline.createInterface({ input: process.stdin, output: process.stdout }) : null;
    const ask = async (flag: string, q: string, def: string) => (ctx.values[flag] as string | undefined) ?? (rl ? (await rl.question(`${q}（默认 ${def}）：`)).trim() || def : def);
    const code = await ask('county-code', '县级组织代码', 'COUNTY');
    const name = await ask('county-name', '县名称', '某某县');
    const username = await ask('admin', '管理员用户名', 'admin');
    rl?.close();
    const password = `${crypto.randomBytes(6).toString('base64url')}A9!`;
    await db.kysely.transaction().execute(async (trx) => {
      await createOrg(trx, SYSTEM_ACTOR, { code, name, kind: 'county', profile: { countyName: name } });
    });
    await createUser(db.kysely, SYSTEM_ACTOR, { username, name: '系统管理员', password, roles: ['admin'], orgCode: code, mustChangePassword: true });
    ctx.out(`已建立 ${name}（${code}）和管理员 ${username}。`);
    ctx.out(`初始密码：${password}  （首次登录后须修改）`);
    return 0;
  },
});
