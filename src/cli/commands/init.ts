import crypto from 'node:crypto';
import readline from 'node:readline/promises';
import { defineCommand } from '../command.ts';
import { isEmpty } from '../../demo/orgs.ts';
import { createOrg } from '../../org/service.ts';
import { onboardDivision } from '../../org/division.ts';
import { createUser } from '../../auth/service.ts';
import { SYSTEM_ACTOR } from '../../audit/log.ts';
import { nextKid, envScheme } from '../../crypto/keys.ts';
import { setCurrentState, writeKeyState } from '../../crypto/state.ts';

/** A real deployment starts empty: create the county and the first administrator. */
export default defineCommand({
  name: 'init',
  summary: '初始化正式部署：建立县级组织（或按区划代码建立省、市、县及其下全部组织）和首个系统管理员（首次登录须修改密码）',
  usage: 'luoshi init [--db PATH] [--county-code CODE --county-name 名称 | --division 区划代码] [--admin 用户名] [--crypto sm|aes]',
  options: {
    'county-code': { type: 'string' },
    'county-name': { type: 'string' },
    division: { type: 'string' },
    admin: { type: 'string' },
    crypto: { type: 'string' },
  },
  async run(ctx) {
    const db = await ctx.openDb();
    if (!(await isEmpty(db.kysely))) {
      ctx.err('数据库已有数据，无需初始化。');
      return 1;
    }
    const scheme = (ctx.values.crypto as string | undefined) ?? envScheme();
    if (scheme !== 'sm' && scheme !== 'aes') {
      ctx.err(`--crypto 只能是 sm（国密 SM4/SM3）或 aes，收到：${scheme}`);
      return 2;
    }
    const division = ctx.values.division as string | undefined;
    if (division != null && !/^(\d{2}|\d{4}|\d{6})$/.test(division)) {
      ctx.err(`--division 须为省、市或县的统计用区划代码（2、4 或 6 位数字），收到：${division}`);
      return 2;
    }
    const rl = process.stdin.isTTY ? readline.createInterface({ input: process.stdin, output: process.stdout }) : null;
    const ask = async (flag: string, q: string, def: string) =>
      (ctx.values[flag] as string | undefined) ?? (rl ? (await rl.question(`${q}（默认 ${def}）：`)).trim() || def : def);
    const code = division ?? (await ask('county-code', '县级组织代码', 'COUNTY'));
    let name = division ? '' : await ask('county-name', '县名称', '某某县');
    const username = await ask('admin', '管理员用户名', 'admin');
    rl?.close();
    const password = `${crypto.randomBytes(6).toString('base64url')}A9!`;
    await db.kysely.transaction().execute(async (trx) => {
      // An empty database: choose the algorithms now (changing later is `luoshi keys rotate`).
      const keys = { active: nextKid(scheme) };
      await writeKeyState(trx, keys);
      setCurrentState(keys);
      if (division) {
        // A city or province deployment: the division with every county, town and village below it (docs/assessment.md).
        const r = await onboardDivision(trx, SYSTEM_ACTOR, division, null);
        name = `${r.org.name}（${r.counties} 个县、${r.towns} 个乡镇、${r.villages} 个村、社区）`;
      } else await createOrg(trx, SYSTEM_ACTOR, { code, name, kind: 'county', profile: { countyName: name } });
    });
    await createUser(db.kysely, SYSTEM_ACTOR, { username, name: '系统管理员', password, roles: ['admin'], orgCode: code, mustChangePassword: true });
    ctx.out(
      `已建立 ${name}（${code}）和管理员 ${username}。敏感字段加密：${scheme === 'sm' ? '国密 SM4 + HMAC-SM3，审计链 SM3' : 'AES-256-GCM + HMAC-SHA256，审计链 SHA-256'}。`,
    );
    ctx.out(`初始密码：${password}  （首次登录后须修改）`);
    return 0;
  },
});
