/**
 * Property-based tests of the JSON Lines importer (`importJsonLines`): random text, random
 * JSON, and files that mix valid lines with broken ones. The importer never throws, a refused
 * import writes nothing at all (records, orgs, audit log unchanged), and an accepted import
 * writes exactly what it reports. A village secretary cannot import into another village.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/kysely.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { seedDemoAccounts, seedDemoOrgs } from '../../src/demo/orgs.ts';
import { importJsonLines } from '../helpers/import.ts';
import { systemPrincipal } from '../../src/ledger/export.ts';
import { getLedger } from '../../src/ledger/registry.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { sampleFields } from '../helpers/sample.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import type { FieldDecl, LedgerDecl } from '../../src/ledger/types.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const LEDGERS = ['rectification', 'talk', 'petition', 'dispute', 'partyMember', 'publication'];
const ORGS = ['QH-DH-V01', 'QH-DH-V02', 'QH-NP-V01'];

describe(`${dialectName}: JSON Lines import under random and malformed input`, () => {
  let db: Db;
  let sys: Principal;
  let village: Principal;
  const samples = new Map<string, (org: string) => Record<string, unknown>>();
  const decls = new Map<string, LedgerDecl>();

  const counts = async () => {
    const n = async (t: 'records' | 'orgs' | 'audit_log') =>
      Number(
        (
          await db.kysely
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { records: await n('records'), orgs: await n('orgs'), audit: await n('audit_log') };
  };

  beforeAll(async () => {
    db = await createTestDb();
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    sys = await systemPrincipal(db.kysely);
    village = { id: null, username: 'cun01', roles: ['village'], org: (await getOrgByCode(db.kysely, 'QH-DH-V01'))! };
    for (const key of LEDGERS) {
      const d = (await getLedger(db.kysely, key))!.decl;
      samples.set(key, (org) => sampleFields(d, `${org}-B1`, org));
      decls.set(key, d);
    }
  });
  afterAll(() => db.close());

  /** Runs an import and checks the all-or-nothing contract against the row counts. */
  async function importChecked(text: string, p: Principal = sys) {
    const before = await counts();
    let result;
    try {
      result = await importJsonLines(db.kysely, p, text);
    } catch (e) {
      throw new Error(`importJsonLines threw on ${JSON.stringify(text.slice(0, 200))}: ${(e as Error).stack}`, { cause: e });
    }
    const after = await counts();
    if (!result.ok) {
      expect(after, 'a refused import wrote something').toEqual(before);
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) expect(typeof e.message === 'string' && e.message.length > 0).toBe(true);
    } else {
      expect(after.records - before.records, 'accepted import wrote a different number of records').toBe(result.total);
      expect(after.orgs - before.orgs).toBe(result.orgs);
    }
    return result;
  }

  it('random text never throws and never writes part of a file', async () => {
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.json({ maxDepth: 3 }),
      fc.constantFrom('{', '}', '[]', 'null', '"record"', '{"type":"record"}', '{"type":"org"}', '\uFEFF{}', '{"type":"record","ledger":"talk","fields":[]}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
        await importChecked(lines.join(eol));
      }),
      { numRuns: RUNS },
    );
  });

  const valid = fc
    .record({ ledger: fc.constantFrom(...LEDGERS), org: fc.constantFrom('QH-DH-V01', 'QH-DH-V02') })
    .map(({ ledger, org }) => ({ type: 'record', ledger, org, fields: samples.get(ledger)!(org) }) as Record<string, unknown>);
  /** Replace the first field matching `pick` (by declaration); with none, drop all fields (required ones missing). */
  const breakField = (x: Record<string, unknown>, pick: (f: FieldDecl) => boolean, value: (f: FieldDecl) => unknown) => {
    const f = decls.get(String(x.ledger))!.fields.find((d) => pick(d) && d.key in (x.fields as object));
    return { ...x, fields: f ? { ...(x.fields as object), [f.key]: value(f) } : {} };
  };
  /** Ways to break one valid line: each must make the whole file fail. */
  const breakers: ((x: Record<string, unknown>) => unknown)[] = [
    (x) => ({ ...x, ledger: 'noSuchLedger' }),
    (x) => ({ ...x, org: 'QH-XX-V99' }),
    (x) => ({ ...x, org: 'QH' }), // above town level
    (x) => ({ ...x, type: 'recrod' }),
    (x) => ({ ...x, fields: 'not an object' }),
    (x) => ({ ...x, fields: { ...(x.fields as object), noSuchField: 1 } }),
    (x) =>
      breakField(
        x,
        (f) => 'maxLength' in f && typeof f.maxLength === 'number',
        (f) => 'x'.repeat((f as { maxLength: number }).maxLength + 1),
      ),
    (x) =>
      breakField(
        x,
        (f) => f.kind === 'int' || f.kind === 'money',
        () => 'abc',
      ),
    (x) =>
      breakField(
        x,
        (f) => f.kind === 'date',
        () => '2023-02-30',
      ),
    (x) =>
      breakField(
        x,
        (f) => f.kind === 'enum',
        () => 'noSuchOption',
      ),
    (x) => ({ ...x, fields: {} }),
    (x) => [x],
    () => null,
    (x) => JSON.stringify(x).slice(0, -1), // truncated JSON (written raw below)
  ];

  it('one broken line among valid ones: nothing is written; without it everything is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(valid, { minLength: 1, maxLength: 15 }),
        fc.nat(),
        fc.integer({ min: 0, max: breakers.length - 1 }),
        async (lines, at, which) => {
          const i = at % lines.length;
          const broken = breakers[which](lines[i]);
          const raw = lines.map((l, k) => (k === i ? (typeof broken === 'string' ? broken : JSON.stringify(broken)) : JSON.stringify(l)));
          const bad = await importChecked(raw.join('\n'));
          expect(bad.ok, `breaker ${which} was accepted: ${raw[i].slice(0, 200)}`).toBe(false);
          expect(
            bad.errors.some((e) => e.line === i + 1),
            `no error names line ${i + 1}: ${JSON.stringify(bad.errors)}`,
          ).toBe(true);
          const good = await importChecked(lines.map((l) => JSON.stringify(l)).join('\n'));
          expect(good.ok, JSON.stringify(good.errors.slice(0, 3))).toBe(true);
          expect(good.total).toBe(lines.length);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a NUL character in a text field is refused on both databases (PostgreSQL cannot store it)', async () => {
    const line = {
      type: 'record',
      ledger: 'rectification',
      org: 'QH-DH-V01',
      fields: { ...samples.get('rectification')!('QH-DH-V01'), title: '问题\u0000描述' },
    };
    const r = await importChecked(JSON.stringify(line));
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ line: 1, field: 'title' });
    const org = await importChecked(JSON.stringify({ type: 'org', code: 'QH-DH-V77', name: '新\u0000村', kind: 'village', parent: 'QH-DH' }));
    expect(org.ok).toBe(false);
  });

  it('a dry run never writes, even when valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(valid, { minLength: 1, maxLength: 10 }), async (lines) => {
        const before = await counts();
        const r = await importJsonLines(db.kysely, sys, lines.map((l) => JSON.stringify(l)).join('\n'), { dryRun: true });
        expect(r.ok).toBe(true);
        expect(r.total).toBe(lines.length);
        expect(await counts()).toEqual(before);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('a village secretary cannot import into another village or create orgs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(valid, { minLength: 1, maxLength: 8 }), fc.constantFrom(...ORGS.slice(1)), async (lines, foreign) => {
        const own = lines.map((l) => ({ ...l, ledger: 'rectification', org: 'QH-DH-V01', fields: samples.get('rectification')!('QH-DH-V01') }));
        const withForeign = [...own, { type: 'record', ledger: 'rectification', org: foreign, fields: samples.get('rectification')!(foreign) }];
        const r = await importChecked(withForeign.map((l) => JSON.stringify(l)).join('\n'), village);
        expect(r.ok).toBe(false);
        const org = await importChecked(JSON.stringify({ type: 'org', code: 'QH-DH-V01-X', name: '新组织', kind: 'branch', parent: 'QH-DH-V01' }), village);
        expect(org.ok).toBe(false);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });
});
