/** Shared fixtures of the alert tests: a small county built by hand, records imported as a system principal. */
import { expect } from 'vitest';
import type { Db } from '../../src/db/kysely.ts';
import { createOrg, getOrgByCode, type Org } from '../../src/org/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { importItems } from '../../src/ledger/import.ts';
import { computeFindings } from '../../src/alerts/engine.ts';
import type { AlertFinding } from '../../src/alerts/types.ts';

export type Line = { type: 'record'; ledger: string; org: string; fields: Record<string, unknown> };

/** 县 C → 镇 T (机关支部 T-JG) → 村 T-V1 (支部 T-V1-B1, 党小组 T-V1-B1-G1), 村 T-V2 (支部 T-V2-B1); 镇 U → 村 U-V1 (支部 U-V1-B1). */
export async function smallCounty(db: Db): Promise<void> {
  const a = SYSTEM_ACTOR;
  await createOrg(db.kysely, a, { code: 'C', name: '县', kind: 'county' });
  for (const [t, name] of [
    ['T', '甲镇'],
    ['U', '乙镇'],
  ]) {
    await createOrg(db.kysely, a, { code: t, name, kind: 'town', parentCode: 'C' });
  }
  await createOrg(db.kysely, a, { code: 'T-JG', name: '甲镇机关支部', kind: 'branch', parentCode: 'T' });
  for (const [v, name, parent] of [
    ['T-V1', '一村', 'T'],
    ['T-V2', '二村', 'T'],
    ['U-V1', '乙一村', 'U'],
  ]) {
    await createOrg(db.kysely, a, { code: v, name, kind: 'village', parentCode: parent });
    await createOrg(db.kysely, a, { code: `${v}-B1`, name: `${name}支部`, kind: 'branch', parentCode: v });
  }
  await createOrg(db.kysely, a, { code: 'T-V1-B1-G1', name: '一组', kind: 'group', parentCode: 'T-V1-B1' });
}

export async function load(db: Db, items: Line[]): Promise<void> {
  const root = (await getOrgByCode(db.kysely, 'C'))!;
  const r = await importItems(
    db.kysely,
    { id: null, username: 't', roles: [], org: root, system: true },
    items.map((item, i) => ({ origin: { line: i + 1 }, item })),
  );
  expect(r.errors).toEqual([]);
}

export const rec = (ledger: string, org: string, fields: Record<string, unknown>): Line => ({ type: 'record', ledger, org, fields });

export async function org(db: Db, code: string): Promise<Org> {
  return (await getOrgByCode(db.kysely, code))!;
}

/** Findings of one rule for an org as of a date. */
export async function run(db: Db, rule: string, date: string, code = 'C'): Promise<AlertFinding[]> {
  return computeFindings(db.kysely, await org(db, code), date, { rules: [rule] });
}

/** The record ids (by a field's value) a rule flags: handy to name which records fire. */
export async function titles(db: Db, fs: AlertFinding[]): Promise<string[]> {
  const ids = fs.map((f) => f.recordId).filter((x): x is number => x != null);
  if (!ids.length) return [];
  const rows = await db.kysely.selectFrom('records').select(['id', 'title']).where('id', 'in', ids).execute();
  const t = new Map(rows.map((r) => [r.id, r.title]));
  return fs.map((f) => t.get(f.recordId!) ?? '').sort();
}

/** A valid GB 11643 ID number for a birth date. */
export function idFor(birth: string, seq = '123'): string {
  const body = `120223${birth.replaceAll('-', '')}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i];
  return body + '10X98765432'[s % 11];
}
