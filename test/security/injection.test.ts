/**
 * SQL injection: hostile and random strings in every filter and sort parameter of the list
 * API (and the export that shares it), in the ledger key, in the metrics and metric-records
 * parameters and in the audit filters. Never a 500, never a record outside the caller's
 * subtree (a village secretary sees only the village), and the database is unchanged after.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { createRecord } from '../../src/ledger/operations.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { getLedger } from '../../src/ledger/registry.ts';
import { sampleFields } from '../helpers/sample.ts';
import type { Role } from '../../src/shared/roles.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';

const PAYLOADS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  "1' OR '1'='1' /*",
  "'; DROP TABLE records; --",
  '1; DELETE FROM records',
  "') OR ('x'='x",
  "QH-DH-V01' OR org_path LIKE '%",
  'QH-NP%',
  '%',
  '_',
  '%%',
  '\\',
  "\\'",
  "%' OR 1=1 --",
  '1 UNION SELECT * FROM users --',
  "' UNION SELECT password_hash,1,1 FROM users --",
  'id; --',
  '-id, (select 1)',
  'title desc',
  'records.id',
  'org_path',
  '(select 1)',
  'CASE WHEN 1=1 THEN id END',
  '1e9',
  '-1',
  '0',
  '99999999999999999999',
  "2023-01-01' OR '1'='1",
  '2023-13-45',
  '2023-01-01; --',
  'true',
  '1 OR 1',
  "x'||(select sqlite_version())||'",
  '$$; select 1; $$',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  "子'或'1'='1",
  '；DROP',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  ' ',
  '',
];

const encodable = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};
const hostile = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }).filter(encodable),
);
const LIST_PARAMS = ['org', 'q', 'status', 'kind', 'from', 'to', 'overdue', 'deleted', 'page', 'pageSize', 'sort'] as const;
const OK = [200, 400, 403, 404];
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

describe(`${dialectName}: injection through list, export, metrics and audit parameters`, () => {
  let t: TestApp;
  const counts: Record<string, number> = {};
  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const table of ['records', 'users', 'orgs', 'sessions'] as const) {
      out[table] = Number(
        (
          await t.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    }
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const root = (await getOrgByCode(t.db.kysely, 'QH'))!;
    const sys = { id: null, username: 'setup', roles: [] as Role[], org: root, system: true };
    for (const key of ['rectification', 'petition', 'dispute']) {
      const d = (await getLedger(t.db.kysely, key))!.decl;
      for (const org of ['QH-DH-V01', 'QH-DH-V02', 'QH-NP-V01']) {
        for (let i = 0; i < 3; i++) await createRecord(t.db.kysely, sys, key, org, sampleFields(d, `${org}-B1`, org));
      }
    }
    Object.assign(counts, await snapshot());
  }, 120_000);
  afterAll(() => t.close());

  /**
   * An injector for a demo account that logs in again every 55 requests, so the per-session
   * limits of export (60/min) and metrics (120/min) do not end the fuzzing early.
   */
  type Call = (o: InjectOptions) => Promise<LightMyRequestResponse>;
  const sessions = new Map<string, { n: number; cookie: string; csrf: string }>();
  async function as(username: string): Promise<Call> {
    return async (o) => {
      let s = sessions.get(username);
      if (!s || s.n >= 55) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
        s = { n: 0, cookie: `luoshi_sid=${res.cookies.find((c) => c.name === 'luoshi_sid')!.value}`, csrf: res.json().csrfToken };
        sessions.set(username, s);
      }
      s.n++;
      return t.app.inject({ ...o, headers: { ...(o.headers ?? {}), cookie: s.cookie, 'x-csrf-token': s.csrf } });
    };
  }

  async function checkList(username: string, scope: string, ledger: string, params: Record<string, string>, withExport = true) {
    const call = await as(username);
    const url = `/api/ledgers/${ledger}/records?${new URLSearchParams(params)}`;
    const res = await call({ url });
    expect(OK, `${username} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
    if (res.statusCode === 200) {
      const body = res.json() as { items: { org: string }[]; total: number };
      for (const it of body.items) expect(it.org.startsWith(scope), `${url} leaked ${it.org}`).toBe(true);
      expect(body.total, url).toBeLessThanOrEqual(18);
    }
    if (!withExport) return;
    const exp = await call({ url: url.replace('/records?', '/export?format=jsonl&') });
    expect(OK, `export ${url} → ${exp.statusCode}`).toContain(exp.statusCode);
    if (exp.statusCode === 200) for (const m of exp.body.matchAll(/"org":"([^"]*)"/g)) expect(m[1].startsWith(scope), `export leaked ${m[1]}`).toBe(true);
  }

  it('cun01: hostile values in each list/export parameter', async () => {
    for (const param of LIST_PARAMS) {
      for (const [i, v] of PAYLOADS.entries()) await checkList('cun01', 'QH-DH-V01', 'rectification', { [param]: v }, i % 3 === 0);
    }
  });

  for (const [username, scope, ledger] of [
    ['cun01', 'QH-DH-V01', 'rectification'],
    ['zhengfa', 'QH-DH', 'petition'],
  ] as const) {
    it(`${username}: random combinations of all list parameters (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(Object.fromEntries(LIST_PARAMS.map((p) => [p, hostile])) as Record<(typeof LIST_PARAMS)[number], fc.Arbitrary<string>>, {
            requiredKeys: [],
          }),
          async (params) => {
            await checkList(username, scope, ledger, params);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  it('hostile ledger keys are refused without a 500', async () => {
    const call = await as('zhengfa');
    for (const v of PAYLOADS.filter((p) => p && !/[\u0000]/.test(p))) {
      const res = await call({ url: `/api/ledgers/${encodeURIComponent(v)}/records` });
      expect([400, 403, 404], `${v} → ${res.statusCode}`).toContain(res.statusCode);
    }
  });

  it('metrics and metric records: hostile org, period, breakdown and metric id', async () => {
    const call = await as('cun01');
    const town = await as('shuji');
    await fc.assert(
      fc.asyncProperty(hostile, hostile, fc.constantFrom('org', 'period', 'breakdown', 'id'), async (a, b, which) => {
        const q = { org: 'QH-DH-V01', period: '2023Q4', breakdown: '1', [which === 'id' ? 'period' : which]: a };
        for (const c of [call, town]) {
          const res = await c({ url: `/api/metrics?${new URLSearchParams(q)}` });
          expect(OK, `metrics ${JSON.stringify(q)} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
          const id = which === 'id' ? b : 'rectification.found';
          const rec = await c({ url: `/api/metrics/${encodeURIComponent(id) || 'x'}/records?${new URLSearchParams({ org: q.org, period: q.period })}` });
          expect(OK, `metric records ${id} → ${rec.statusCode} ${rec.body.slice(0, 200)}`).toContain(rec.statusCode);
          if (rec.statusCode === 200 && c === call) for (const it of rec.json().items as { org: string }[]) expect(it.org.startsWith('QH-DH-V01')).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a village secretary asking for another org by code is refused', async () => {
    const call = await as('cun01');
    for (const org of ['QH-NP-V01', 'QH-DH', 'QH', 'QH-DH-V02', "QH-DH-V01' OR '1'='1", 'QH-DH-V0%', 'QH-DH-V01%']) {
      const list = await call({ url: `/api/ledgers/rectification/records?org=${encodeURIComponent(org)}` });
      expect([403, 404], `${org} → ${list.statusCode}`).toContain(list.statusCode);
      const m = await call({ url: `/api/metrics?org=${encodeURIComponent(org)}&period=2023Q4` });
      expect([403, 404], `${org} metrics → ${m.statusCode}`).toContain(m.statusCode);
    }
  });

  it('audit filters take hostile values without a 500', async () => {
    const call = await as('shenji');
    for (const v of PAYLOADS) {
      for (const p of ['action', 'entity', 'actor', 'page', 'pageSize']) {
        const res = await call({ url: `/api/audit?${new URLSearchParams({ [p]: v })}` });
        expect(OK, `audit ${p}=${v} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      }
    }
  });

  it('a NUL character in a record’s text or a query is refused with 400 (PostgreSQL cannot store it)', async () => {
    const call = await as('jiwei');
    const res = await call({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH', fields: { title: 'a\u0000b', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-05-06' } },
    });
    expect(res.statusCode, res.body).toBe(400);
    const key = await call({ method: 'POST', url: '/api/ledgers/rectification/records', payload: { org: 'QH-DH', fields: { 'x\u0000': 1 } } });
    expect(key.statusCode, key.body).toBe(400);
    expect((await call({ url: '/api/ledgers/rectification/records?q=%00' })).statusCode).toBe(400);
  });

  it('left the database as it was', async () => {
    const now = await snapshot();
    expect({ ...now, sessions: 0 }).toEqual({ ...counts, sessions: 0 });
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});
