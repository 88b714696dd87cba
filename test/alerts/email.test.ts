import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { importItems } from '../../src/ledger/import.ts';
import { recomputeOrg } from '../../src/alerts/service.ts';
import { parseJson } from '../../src/db/kysely.ts';
import { idFor } from './helpers.ts';
import { sendDigests } from '../../src/alerts/notify.ts';

/** Newly opened alerts e-mailed through the county's mail server (a local SMTP server here), configured over the API. */
describe(`${dialectName}: e-mail notification`, () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let port: number;
  const PASS = 'Mail-Secret-42';
  const mails: { from: string; to: string[]; user?: string; mail: ParsedMail }[] = [];
  const put = async (body: unknown) => (await t.as('admin'))({ method: 'PUT', url: '/api/alerts/settings/notify', payload: body as Record<string, unknown> });
  const settings = (over: Record<string, unknown> = {}) => ({
    minSeverity: 'warning',
    emailTo: ['jiwei@qinghe.example', 'zhengfa@qinghe.example'],
    smtp: { host: '127.0.0.1', port, secure: false, user: 'luoshi', pass: PASS, from: '落实预警 <alerts@qinghe.example>', ...over },
  });

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, cb) {
        if (auth.username === 'luoshi' && auth.password === PASS) cb(null, { user: auth.username });
        else cb(new Error('认证失败'));
      },
      onData(stream, session, cb) {
        simpleParser(stream).then(
          (mail) => {
            mails.push({
              from: String(session.envelope.mailFrom && session.envelope.mailFrom.address),
              to: session.envelope.rcptTo.map((r) => r.address),
              user: String(session.user),
              mail,
            });
            cb();
          },
          (e) => cb(e),
        );
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
    port = (smtp.server.address() as AddressInfo).port;
    t = await createTestApp();
    const root = (await getOrgByCode(t.db.kysely, 'QH'))!;
    const rel = idFor('1976-04-04', '246');
    const items = [
      {
        type: 'record',
        ledger: 'rectification',
        org: 'QH-DH',
        fields: { title: '一村整改', source: 'inspection', targetOrg: 'QH-DH-V01', foundOn: '2023-05-01', dueOn: '2023-06-30', status: 'inProgress' },
      },
      {
        type: 'record',
        ledger: 'relative',
        org: 'QH-DH',
        fields: { cadre: '陈国强', cadrePost: '村党支部书记', name: '刘某', relation: '配偶', idNumber: rel, filedOn: '2023-03-01' },
      },
      {
        type: 'record',
        ledger: 'beneficiary',
        org: 'QH-DH-V01',
        fields: { name: '刘某', idNumber: rel, program: '低保', village: 'QH-DH-V01', approvedOn: '2023-04-01' },
      },
    ];
    const r = await importItems(
      t.db.kysely,
      { id: null, username: 't', roles: [], org: root, system: true },
      items.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    expect(r.errors).toEqual([]);
    // The import stored today's alerts itself (after-write work); this story starts from none.
    await t.db.kysely.deleteFrom('alerts').execute();
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((ok) => smtp.close(() => ok()));
  });

  it('settings: the password is stored encrypted, never returned, kept when left empty, and not audited', async () => {
    expect((await put(settings())).statusCode).toBe(200);
    const got = (await (await t.as('admin'))({ method: 'GET', url: '/api/alerts/settings/notify' })).json();
    expect(got.smtp).toMatchObject({ host: '127.0.0.1', port, user: 'luoshi', passSet: true });
    expect(JSON.stringify(got)).not.toContain(PASS);
    const stored = await t.db.kysely.selectFrom('settings').select('value').where('key', '=', 'alerts.notify').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(PASS);
    // Saved again from the form, which never had the password: it is kept.
    expect((await put(settings({ pass: '' }))).statusCode).toBe(200);
    const test = (await (await t.as('admin'))({ method: 'POST', url: '/api/alerts/settings/notify/test' })).json();
    expect(test).toEqual({ emailed: 1 });
    expect(mails.at(-1)!.mail.subject).toBe('【落实】预警邮件设置测试');
    expect(mails.at(-1)!.user).toBe('luoshi');
    const trail = await t.db.kysely.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', 'alerts.notify').execute();
    expect(trail.length).toBe(2);
    expect(JSON.stringify(trail)).not.toContain(PASS);
    mails.length = 0;
  });

  it('bad settings get a Chinese message naming the field, and only the county may set them', async () => {
    const bad = await put({ ...settings(), emailTo: ['不是邮箱'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('收件人邮箱格式不正确');
    const noHost = await put(settings({ host: '' }));
    expect(noHost.statusCode).toBe(400);
    expect(noHost.body).toContain('邮件服务器');
    expect((await (await t.as('shuji'))({ method: 'PUT', url: '/api/alerts/settings/notify', payload: settings() })).statusCode).toBe(403);
  });

  it('newly opened alerts go out as one Chinese e-mail to every recipient, without discipline-only ones', async () => {
    await recomputeOrg(t.db.kysely, (await getOrgByCode(t.db.kysely, 'QH'))!, '2023-12-31');
    await expect.poll(() => mails.length, { timeout: 5000 }).toBe(1);
    const [m] = mails;
    expect(m.to.sort()).toEqual(['jiwei@qinghe.example', 'zhengfa@qinghe.example']);
    expect(m.from).toBe('alerts@qinghe.example');
    expect(m.mail.subject).toMatch(/^【落实】新增预警 \d+ 条（含逾期\/违规）$/);
    const text = m.mail.text ?? '';
    expect(text).toContain('整改逾期');
    expect(text).toContain('一村整改');
    expect(text).not.toContain('刘某'); // the relative collision is discipline-only
    const n = Number(/新增预警 (\d+) 条/.exec(m.mail.subject ?? '')![1]);
    expect(text.match(/^\d+\. 【/gm)?.length).toBe(n);
    // Nothing new on the next run: no mail.
    await recomputeOrg(t.db.kysely, (await getOrgByCode(t.db.kysely, 'QH'))!, '2023-12-31');
    await new Promise((r) => setTimeout(r, 300));
    expect(mails).toHaveLength(1);
  });

  it('a refused login is reported, not thrown', async () => {
    const s = parseJson<Record<string, unknown>>(
      (await t.db.kysely.selectFrom('settings').select('value').where('key', '=', 'alerts.notify').executeTakeFirstOrThrow()).value,
    );
    expect(s.smtp).toBeDefined();
    expect((await put(settings({ pass: 'wrong-password' }))).statusCode).toBe(200);
    const res = (await (await t.as('admin'))({ method: 'POST', url: '/api/alerts/settings/notify/test' })).json();
    expect(res.emailed).toBe(0);
    expect(String(res.emailError)).toMatch(/auth|认证|535/i);
  });

  it('the daily digest goes to each account with an address, once a day, never to administrators', async () => {
    const admin = await t.as('admin');
    for (const [user, email] of [
      ['jiwei', 'liqinglian@qinghe.example'],
      ['cun01', 'chenguoqiang@qinghe.example'],
      ['admin', 'it@qinghe.example'],
    ]) {
      expect((await admin({ method: 'PATCH', url: `/api/users/${user}`, payload: { email } })).statusCode).toBe(200);
    }
    const bad = await admin({ method: 'PATCH', url: '/api/users/zuzhi', payload: { email: 'zuzhi at qinghe' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('邮箱格式不正确');
    const list = (await admin({ method: 'GET', url: '/api/users' })).json() as { username: string; email: string | null }[];
    expect(list.find((u) => u.username === 'jiwei')?.email).toBe('liqinglian@qinghe.example');

    mails.length = 0;
    expect(await sendDigests(t.db.kysely, '2023-12-31')).toMatchObject({ sent: 0, skipped: '未开启邮件摘要' });
    expect((await put({ ...settings(), digest: true })).statusCode).toBe(200);
    const r = await sendDigests(t.db.kysely, '2023-12-31');
    expect(r).toEqual({ sent: 2, failed: 0 });
    const byTo = new Map(mails.map((m) => [m.to[0], m.mail]));
    expect([...byTo.keys()].sort()).toEqual(['chenguoqiang@qinghe.example', 'liqinglian@qinghe.example']);
    expect(byTo.get('liqinglian@qinghe.example')!.subject).toMatch(/^【落实】2023-12-31 预警摘要：指派给您 \d+ 条，新增 \d+ 条，7日内到期 \d+ 条$/);
    expect(byTo.get('liqinglian@qinghe.example')!.text).toContain('李清廉（jiwei）2023-12-31 预警摘要');
    // The village secretary's digest holds only the village's alerts; the discipline one also the collision.
    expect(byTo.get('chenguoqiang@qinghe.example')!.text).not.toContain('刘某');
    expect(byTo.get('liqinglian@qinghe.example')!.text).toContain('刘某');
    // The daily run may start again (a restart): nothing is sent twice for a date.
    expect(await sendDigests(t.db.kysely, '2023-12-31')).toMatchObject({ sent: 0, skipped: '今日已发送' });
    expect(mails).toHaveLength(2);
  });
});
