import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { seedDemoOrgs } from '../../src/demo/orgs.ts';
import { generateDemoRecords } from '../../src/demo/generate.ts';
import { importItems } from '../../src/ledger/import.ts';
import { getOrgByCode, listSubtree } from '../../src/org/service.ts';
import { computeMetrics, plainValues } from '../../src/metrics/engine.ts';
import { metricCatalog } from '../../src/metrics/catalog.ts';
import { reference, type RefRecord } from './reference.ts';
import { up } from '../../src/db/migrations/2026-11-28T0400_member_complete_flag.ts';
import { parseJson } from '../../src/db/kysely.ts';
import { updateRecord } from '../../src/ledger/operations.ts';
import type { Principal } from '../../src/ledger/principal.ts';

describe(`${dialectName}: every catalog metric against an independent computation`, () => {
  let db: Db;
  let records: RefRecord[];
  let orgs: { code: string; kind: string; parent: string | null }[];
  beforeAll(async () => {
    db = await createTestDb();
    const towns = await seedDemoOrgs(db.kysely);
    const lines = generateDemoRecords({ towns, year: 2023, seed: 7, scale: 1 });
    records = lines as RefRecord[];
    const root = (await getOrgByCode(db.kysely, 'QH'))!;
    const res = await importItems(
      db.kysely,
      { id: null, username: 't', roles: [], org: root, system: true },
      lines.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    expect(res.errors).toEqual([]);
    const all = await listSubtree(db.kysely, root);
    const byId = new Map(all.map((o) => [o.id, o.code]));
    orgs = all.map((o) => ({ code: o.code, kind: o.kind, parent: o.parentId ? byId.get(o.parentId)! : null }));
  });
  afterAll(() => db.close());

  const cases: [string, string][] = [
    ['QH-DH', '2023Q4'],
    ['QH-DH', '2023Q2'],
    ['QH-NP', '2023Q1'],
    ['QH-DH-V01', '2023Q4'],
    ['QH', '2023Q3'],
  ];
  it.each(cases)('%s %s', async (code, period) => {
    const org = (await getOrgByCode(db.kysely, code))!;
    const got = plainValues(await computeMetrics(db.kysely, org, period));
    const want = reference(records, orgs, code, period);
    for (const m of metricCatalog.filter((m) => m.id in want)) {
      const g = got[m.id];
      const w = want[m.id];
      if (w == null) expect(g, m.id).toBeNull();
      else expect(g, m.id).toBeCloseTo(w, 9);
    }
    // The demo data must exercise the metrics, not leave them at zero.
    if (code === 'QH-DH' && period === '2023Q4') {
      const zeros = metricCatalog.filter((m) => !got[m.id]).map((m) => m.id);
      expect(zeros.length, zeros.join(',')).toBeLessThan(4);
    }
  });

  it('provenance lists exactly the records each count counted', async () => {
    const org = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    const res = await computeMetrics(db.kysely, org, '2023Q4', { provenance: true });
    for (const m of metricCatalog) {
      if (m.type !== 'aggregate' || m.aggregate.agg !== 'count') continue;
      expect(res.values[m.id].records.length, m.id).toBe(res.values[m.id].value);
    }
  });
});

describe(`${dialectName}: 党员信息完整率 is stored on write and backfilled by migration`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    const towns = await seedDemoOrgs(db.kysely);
    const lines = generateDemoRecords({ towns, year: 2023, seed: 11, scale: 1 }).filter((l) => (l as { ledger: string }).ledger === 'partyMember');
    const root = (await getOrgByCode(db.kysely, 'QH'))!;
    const res = await importItems(
      db.kysely,
      { id: null, username: 't', roles: [], org: root, system: true },
      lines.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    expect(res.errors).toEqual([]);
  });
  afterAll(() => db.close());

  const flags = async () =>
    (await db.kysely.selectFrom('records').select(['id', 'flag']).where('ledger', '=', 'partyMember').orderBy('id').execute()).map((r) => [
      r.id,
      Number(r.flag),
    ]);

  it('the write path sets flag for complete and incomplete members alike', async () => {
    const f = await flags();
    expect(f.length).toBeGreaterThan(20);
    const ones = f.filter(([, v]) => v === 1).length;
    expect(ones).toBeGreaterThan(0); // the demo has complete members…
    expect(ones).toBeLessThan(f.length); // …and some with gaps
  });

  it('the migration computes the same flag from stored data (SQL on JSON, both databases)', async () => {
    const before = await flags();
    await db.kysely.updateTable('records').set({ flag: null }).where('ledger', '=', 'partyMember').execute();
    await up(db.kysely);
    expect(await flags()).toEqual(before);
  });

  it('filling the missing field makes the member count as complete', async () => {
    const org = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    const first = await computeMetrics(db.kysely, org, '2023Q4', { only: ['organization.member.completeness'], provenance: true });
    const rows = await db.kysely
      .selectFrom('records')
      .select(['id', 'data'])
      .where('ledger', '=', 'partyMember')
      .where('flag', '=', 0)
      .where('town_id', '=', org.townId!)
      .where('status', 'in', ['probationary', 'full'])
      .where('date_on', '<=', '2023-12-31')
      .execute();
    const gap = rows
      .map((r) => ({ id: r.id, missing: ['phone', 'education'].find((k) => parseJson<Record<string, unknown>>(r.data)[k] == null) }))
      .find((r) => r.missing);
    expect(gap, 'the demo leaves some member without a phone or education').toBeDefined();
    const admin: Principal = { id: null, username: 't', roles: ['admin'], org: (await getOrgByCode(db.kysely, 'QH'))!, system: true };
    await updateRecord(db.kysely, admin, gap!.id, { [gap!.missing!]: gap!.missing === 'phone' ? '13800000000' : '大学本科' });
    const after = await computeMetrics(db.kysely, org, '2023Q4', { only: ['organization.member.completeness'], provenance: true });
    const n = after.values['organization.member.completeness'].records.length;
    expect(after.values['organization.member.completeness'].value! * n).toBeCloseTo(first.values['organization.member.completeness'].value! * n + 1, 6);
    // Without provenance the value comes from a count in SQL: the same number.
    const quick = await computeMetrics(db.kysely, org, '2023Q4', { only: ['organization.member.completeness'] });
    expect(quick.values['organization.member.completeness'].value).toBeCloseTo(after.values['organization.member.completeness'].value!, 12);
  });
});
