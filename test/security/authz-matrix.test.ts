/**
 * The authorization matrix, generated from the ledger declarations: every demo role × every
 * ledger × read (list, by id), create, update, transition, delete, export, for records
 * inside and outside the account's org subtree, over the HTTP API. The expectation is what
 * the declaration grants; the server must enforce exactly that. Explicit spot checks below
 * keep the matrix honest about the sensitive ledgers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { builtinLedgers } from '../../src/catalog/index.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/orgs.ts';
import { createRecord } from '../../src/ledger/operations.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { sampleFields } from '../helpers/sample.ts';
import type { LedgerDecl } from '../../src/ledger/types.ts';
import type { Role } from '../../src/shared/roles.ts';

const INSIDE = 'QH-DH-V01';
const OUTSIDE = 'QH-NP-V01';
const ok = (s: number) => s >= 200 && s < 300;
const refused = (s: number) => s === 403 || s === 404;

describe(`${dialectName}: authorization matrix over HTTP`, () => {
  let t: TestApp;
  const ids = new Map<string, { inside: number; outside: number }>();
  // Scope by the org tree (not by code prefix: the city and province accounts' codes are not prefixes).
  const paths = new Map<string, string>();
  const within = (code: string, root: string) => paths.get(code)!.startsWith(paths.get(root)!);
  beforeAll(async () => {
    t = await createTestApp();
    for (const o of await t.db.kysely.selectFrom('orgs').select(['code', 'path']).execute()) paths.set(o.code, o.path);
    const root = (await getOrgByCode(t.db.kysely, 'QH'))!;
    const sys = { id: null, username: 'setup', roles: [] as Role[], org: root, system: true };
    for (const d of builtinLedgers) {
      const a = await createRecord(t.db.kysely, sys, d.key, INSIDE, sampleFields(d, `${INSIDE}-B1`, INSIDE));
      const b = await createRecord(t.db.kysely, sys, d.key, OUTSIDE, sampleFields(d, `${OUTSIDE}-B1`, OUTSIDE));
      ids.set(d.key, { inside: a.id, outside: b.id });
    }
  }, 120_000);
  afterAll(() => t.close());

  const has = (d: LedgerDecl, roles: Role[], op: 'read' | 'create' | 'update' | 'transition' | 'remove') =>
    roles.some((r) => (d.access[op] ?? d.access.update).includes(r));

  for (const acct of DEMO_ACCOUNTS) {
    it(`${acct.username} (${acct.roles.join(',')})`, async () => {
      const call = await t.as(acct.username);
      const insideScope = within(INSIDE, acct.org);
      const outsideScope = within(OUTSIDE, acct.org);
      for (const d of builtinLedgers) {
        const { inside, outside } = ids.get(d.key)!;
        const read = has(d, acct.roles, 'read');
        const own = (d.access.ownOnly ?? []).some((r) => acct.roles.includes(r));
        const label = `${acct.username} ${d.key}`;
        const list = await call({ url: `/api/ledgers/${d.key}/records?org=${INSIDE}` });
        expect(list.statusCode, `${label} list`).toBe(read && insideScope ? 200 : 403);
        if (ok(list.statusCode)) {
          const got = (list.json().items as { id: number }[]).map((i) => i.id);
          expect(got.includes(inside), `${label} list content`).toBe(!own);
          expect(got.includes(outside), `${label} list leaks outside record`).toBe(false);
        }
        const byId = await call({ url: `/api/records/${inside}` });
        expect(ok(byId.statusCode), `${label} get inside`).toBe(read && insideScope && !own);
        if (!ok(byId.statusCode)) expect(refused(byId.statusCode)).toBe(true);
        const out = await call({ url: `/api/records/${outside}` });
        expect(ok(out.statusCode), `${label} get outside`).toBe(read && outsideScope && !own);
        const exp = await call({ url: `/api/ledgers/${d.key}/export?format=jsonl&org=${INSIDE}` });
        expect(ok(exp.statusCode), `${label} export`).toBe(read && insideScope);
        if (ok(exp.statusCode)) expect(exp.body, `${label} export content`).not.toContain(`"org":"${OUTSIDE}"`);

        const create = await call({
          method: 'POST',
          url: `/api/ledgers/${d.key}/records`,
          payload: { org: INSIDE, fields: sampleFields(d, `${INSIDE}-B1`, INSIDE) },
        });
        expect(ok(create.statusCode), `${label} create (${create.statusCode} ${create.body.slice(0, 120)})`).toBe(
          read && has(d, acct.roles, 'create') && insideScope,
        );
        const visible = read && insideScope && !own;
        const patch = await call({ method: 'PATCH', url: `/api/records/${inside}`, payload: { fields: {} } });
        expect(ok(patch.statusCode), `${label} update`).toBe(visible && has(d, acct.roles, 'update'));
        const patchOut = await call({ method: 'PATCH', url: `/api/records/${outside}`, payload: { fields: {} } });
        expect(ok(patchOut.statusCode), `${label} update outside`).toBe(read && outsideScope && !own && has(d, acct.roles, 'update'));
        if (d.workflow) {
          const to = d.workflow.transitions.find((x) => x.from === '*' || x.from.includes(d.workflow!.initial))!;
          const tr = await call({ method: 'POST', url: `/api/records/${inside}/transitions`, payload: { to: to.to, note: '测试流转说明文字' } });
          const allowed = visible && has(d, acct.roles, 'transition') && (!to.roles || to.roles.some((r) => acct.roles.includes(r)));
          expect(refused(tr.statusCode), `${label} transition (${tr.statusCode})`).toBe(!allowed);
        }
      }
    }, 120_000);
  }

  it('deletes only with the remove right, inside the subtree', async () => {
    for (const acct of DEMO_ACCOUNTS) {
      const call = await t.as(acct.username);
      for (const d of builtinLedgers) {
        const { outside } = ids.get(d.key)!;
        const res = await call({ method: 'DELETE', url: `/api/records/${outside}`, payload: { reason: '越权测试' } });
        const allowed = has(d, acct.roles, 'read') && has(d, acct.roles, 'remove') && within(OUTSIDE, acct.org);
        expect(ok(res.statusCode), `${acct.username} delete outside ${d.key}`).toBe(allowed);
        if (ok(res.statusCode)) await call({ method: 'POST', url: `/api/records/${outside}/restore` });
      }
    }
  }, 120_000);

  it('spot checks: sensitive ledgers and the administrators', async () => {
    const zuzhi = await t.as('zuzhi');
    expect((await zuzhi({ url: '/api/ledgers/clue/records' })).statusCode).toBe(403);
    const jiwei = await t.as('jiwei');
    const rel = (await jiwei({ url: '/api/ledgers/relative/records' })).json();
    expect(rel.total).toBeGreaterThan(0);
    expect(JSON.stringify(rel)).not.toMatch(/\d{17}[\dX]/);
    for (const admin of ['admin', 'anquan', 'shenji']) {
      const call = await t.as(admin);
      for (const d of builtinLedgers) expect((await call({ url: `/api/ledgers/${d.key}/records` })).statusCode, `${admin} ${d.key}`).toBe(403);
    }
  });

  it('anonymous requests get 401 everywhere', async () => {
    for (const url of [
      '/api/me',
      '/api/orgs',
      '/api/ledgers',
      '/api/ledgers/rectification/records',
      `/api/records/${ids.get('clue')!.inside}`,
      '/api/metrics?period=2023Q4',
      '/api/audit',
    ]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
    }
  });
});
