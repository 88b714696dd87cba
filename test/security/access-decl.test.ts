/**
 * The record access decision is declared once (src/access/records.ts) and read two ways: as SQL
 * for lists and every other query, and on one loaded row (get, update, alert findings). For
 * every demo account, ledger, operation and record (inside and outside the account's subtree,
 * created by the grid member or by the system), both readings must give the same answer, and
 * the answer must be what the ledger's declaration grants. The source tree must hold no other
 * subtree test than src/access/subtree.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { sampleFields } from '../helpers/sample.ts';
import type { Db } from '../../src/db/kysely.ts';
import { seedDemoAccounts, seedDemoOrgs, DEMO_ACCOUNTS } from '../../src/demo/orgs.ts';
import { createRecord } from '../../src/ledger/operations.ts';
import { allLedgers, type CompiledLedger } from '../../src/ledger/registry.ts';
import { getOrgByCode, getOrgById } from '../../src/org/service.ts';
import { matches, readableRows, recordAccess, scopedRecords, systemFor, whereSql, type RecordRow } from '../../src/access/records.ts';
import type { Operation, Principal } from '../../src/ledger/principal.ts';
import { ADMIN_ROLES, type Role } from '../../src/shared/roles.ts';

/** Filing org → a branch of the same town (for member fields). */
const ORGS: Record<string, string> = { 'QH-DH-V01': 'QH-DH-V01-B1', 'QH-DH': 'QH-DH-V01-B1', 'QH-NP-V01': 'QH-NP-V01-B1' };
const OPS: Operation[] = ['read', 'create', 'update', 'transition', 'remove'];

describe(`${dialectName}: one declaration of record access`, () => {
  let db: Db;
  let ledgers: CompiledLedger[];
  const principals: Principal[] = [];
  let rows: (RecordRow & { id: number })[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    ledgers = await allLedgers(db.kysely);
    const users = await db.kysely.selectFrom('users').select(['id', 'username', 'roles', 'org_id']).execute();
    for (const u of users)
      principals.push({ id: u.id, username: u.username, roles: JSON.parse(u.roles) as Role[], org: (await getOrgById(db.kysely, u.org_id))! });
    const sys = systemFor((await getOrgByCode(db.kysely, 'QH'))!);
    const grid = principals.find((p) => p.username === 'wangge01')!;
    for (const l of ledgers) {
      for (const [org, branch] of Object.entries(ORGS)) await createRecord(db.kysely, sys, l.key, org, sampleFields(l.decl, branch, org));
      if (grid.roles.some((r) => l.decl.access.create.includes(r)))
        await createRecord(db.kysely, grid, l.key, 'QH-DH-V01', sampleFields(l.decl, 'QH-DH-V01-B1', 'QH-DH-V01'));
    }
    rows = await db.kysely.selectFrom('records').select(['id', 'org_path', 'town_id', 'ledger', 'created_by']).execute();
  }, 120_000);
  afterAll(() => db.close());

  it('has the records the comparisons need', () => {
    expect(DEMO_ACCOUNTS.every((a) => principals.some((p) => p.username === a.username))).toBe(true);
    expect(rows.some((r) => r.created_by != null)).toBe(true);
    expect(rows.length).toBeGreaterThan(ledgers.length * Object.keys(ORGS).length - 1);
  });

  it('SQL and the one-row check agree, and grant what the declaration says', async () => {
    let granted = 0;
    for (const p of principals) {
      for (const l of ledgers) {
        for (const op of OPS) {
          const w = recordAccess(p, l, op);
          const declared = p.roles.some((r) => (l.decl.access[op] ?? l.decl.access.update).includes(r)) && p.roles.some((r) => l.decl.access.read.includes(r));
          expect(w !== false, `${p.username} ${l.key} ${op}`).toBe(declared);
          const viaSql = new Set((await scopedRecords(db.kysely, p, { ledger: l, op }).select('r.id').execute()).map((r) => r.id));
          for (const r of rows) {
            const own =
              (l.decl.access.ownOnly ?? []).some((x) => p.roles.includes(x)) &&
              !p.roles.some((x) => l.decl.access.read.includes(x) && !(l.decl.access.ownOnly ?? []).includes(x));
            const expected = declared && r.ledger === l.key && r.org_path.startsWith(p.org.path) && (!own || r.created_by === p.id);
            expect(w !== false && matches(w, r), `${p.username} ${l.key} ${op} #${r.id} (js)`).toBe(expected);
            expect(viaSql.has(r.id), `${p.username} ${l.key} ${op} #${r.id} (sql)`).toBe(expected);
            if (expected) granted++;
          }
        }
      }
    }
    expect(granted).toBeGreaterThan(0);
  }, 120_000);

  it('the administrators read no business data', () => {
    for (const p of principals.filter((x) => x.roles.every((r) => ADMIN_ROLES.includes(r)))) {
      for (const l of ledgers) for (const op of OPS) expect(recordAccess(p, l, op), `${p.username} ${l.key}`).toBe(false);
      expect(readableRows(p, ledgers)).toBe(false);
    }
  });

  it('the rows an alert may show (all ledgers at once) agree in SQL and on one row', async () => {
    for (const p of principals) {
      const w = readableRows(p, ledgers);
      const viaSql = new Set(
        (
          await db.kysely
            .selectFrom('records as r')
            .select('r.id')
            .where((eb) => whereSql(eb, w))
            .execute()
        ).map((r) => r.id),
      );
      for (const r of rows) expect(viaSql.has(r.id), `${p.username} #${r.id}`).toBe(matches(w, r));
    }
  });

  it('the system sees its org scope only, whatever the ledger', async () => {
    const town = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    const got = (await scopedRecords(db.kysely, systemFor(town)).select(['r.id', 'r.org_path']).execute()).map((r) => r.org_path);
    expect(got.length).toBe(rows.filter((r) => r.org_path.startsWith(town.path)).length);
    expect(got.every((x) => x.startsWith(town.path))).toBe(true);
  });

  it('above the town level, the towns of the subtree narrow the rows the subtree gives, and only them', async () => {
    const county = (await getOrgByCode(db.kysely, 'QH'))!;
    const towns = (await db.kysely.selectFrom('orgs').select('id').where('kind', '=', 'town').execute()).map((t) => t.id);
    const ids = async (o: { towns?: number[] }) =>
      (await scopedRecords(db.kysely, systemFor(county), o).select('r.id').orderBy('r.id').execute()).map((r) => r.id);
    const all = await ids({});
    expect(all.length).toBeGreaterThan(0);
    expect(await ids({ towns })).toEqual(all); // implied by the subtree: nothing lost
    const dh = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    expect(await ids({ towns: [dh.id] })).toEqual(
      rows
        .filter((r) => r.town_id === dh.id)
        .map((r) => r.id)
        .sort((a, b) => a - b),
    );
    expect(await ids({ towns: [] })).toEqual([]);
  });
});

describe('one subtree test in the source', () => {
  it('no file outside src/access compares org paths by prefix', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (f !== path.join(root, 'access')) walk(f);
        } else if (/\.tsx?$/.test(e.name)) {
          fs.readFileSync(f, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/path\}%|path\.startsWith\([^'"]|org_path', 'like'|created_by', '=', p\./.test(line))
                offenders.push(`${path.relative(root, f)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
