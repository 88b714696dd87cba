import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { putSetting } from '../../src/auth/settings.ts';
import { recomputeOrg } from '../../src/alerts/service.ts';
import { idFor, load, org, rec, smallCounty } from './helpers.ts';

/** Newly opened alerts are POSTed as JSON to the configured webhook (a local server here). */
describe(`${dialectName}: webhook notification`, () => {
  let db: Db;
  let server: http.Server;
  const received: {
    path: string;
    type: string;
    body: { event: string; count: number; alerts: { rule: string; severity: string; org: string; message: string }[] };
  }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', type: String(req.headers['content-type']), body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    db = await createTestDb();
    await smallCounty(db);
    const id = idFor('1980-01-01', '135');
    await load(db, [
      rec('rectification', 'T', { title: '逾期整改', source: 'selfCheck', targetOrg: 'T-V1', foundOn: '2023-01-01', dueOn: '2023-02-01', status: 'open' }),
      rec('rectification', 'T', { title: '将到期整改', source: 'selfCheck', targetOrg: 'T', foundOn: '2023-01-01', dueOn: '2023-03-20', status: 'open' }),
      rec('relative', 'T', { cadre: '某书记', name: '某亲属', relation: '配偶', idNumber: id, filedOn: '2023-01-01' }),
      rec('beneficiary', 'T-V1', { name: '某亲属', idNumber: id, program: '低保', village: 'T-V1', approvedOn: '2023-01-05' }),
    ]);
    await putSetting(
      db.kysely,
      'alerts.notify',
      { webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/luoshi`, minSeverity: 'warning' },
      null,
    );
  });
  afterAll(async () => {
    await db.close();
    await new Promise((ok) => server.close(ok));
  });

  it('posts the new alerts at or above the minimum severity, without discipline-only ones', async () => {
    await recomputeOrg(db.kysely, await org(db, 'C'), '2023-03-10');
    expect(received).toHaveLength(1);
    const [hit] = received;
    expect(hit.path).toBe('/hooks/luoshi');
    expect(hit.type).toContain('application/json');
    expect(hit.body.event).toBe('alerts.opened');
    const rules = hit.body.alerts.map((a) => a.rule);
    expect(rules).toContain('rectification.overdue');
    expect(rules).toContain('rectification.dueSoon'); // 10 days left: warning
    expect(rules).not.toContain('relative.undisclosedPowerMatter');
    expect(hit.body.alerts.every((a) => a.severity !== 'info')).toBe(true);
    expect(hit.body.alerts.find((a) => a.rule === 'rectification.overdue')).toMatchObject({ org: 'T-V1', severity: 'error' });
    expect(hit.body.count).toBe(hit.body.alerts.length);
  });

  it('posts nothing when nothing new opened, and includes discipline-only alerts when configured', async () => {
    await recomputeOrg(db.kysely, await org(db, 'C'), '2023-03-10');
    expect(received).toHaveLength(1);
    await putSetting(
      db.kysely,
      'alerts.notify',
      { webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/luoshi`, minSeverity: 'info', includeDisciplineOnly: true },
      null,
    );
    await db.kysely.deleteFrom('alerts').execute();
    await recomputeOrg(db.kysely, await org(db, 'C'), '2023-03-10');
    expect(received).toHaveLength(2);
    expect(received[1].body.alerts.map((a) => a.rule)).toContain('relative.undisclosedPowerMatter');
  });
});
