/**
 * Org lookups remembered between org changes (src/org/cache.ts): a handle that has observed the
 * org stamp answers from memory; a change written anywhere (another process, a DBA) changes the
 * stamp through the trigger and is seen by the next request; the server's own changes are seen
 * at once; transactions, the CLI and handles that observed nothing read the database.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { getOrgByCode, getOrgById, listSubtree } from '../../src/org/service.ts';
import { observeOrgStamp } from '../../src/org/cache.ts';
import { addOrg, editOrg } from '../../src/org/manage.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';

describe(`${dialectName}: org lookups remembered between org changes`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  const stamp = async () =>
    (await t.db.kysely.selectFrom('ledger_versions').select('version').where('town_id', '=', 0).where('ledger', '=', '*').executeTakeFirst())?.version ?? null;
  // What another process does: write the table directly, without this process knowing.
  const renameElsewhere = (code: string, name: string) => t.db.kysely.updateTable('orgs').set({ name }).where('code', '=', code).execute();
  const namesOf = async (as: Awaited<ReturnType<TestApp['as']>>) => {
    const res = await as({ method: 'GET', url: '/api/orgs' });
    expect(res.statusCode).toBe(200);
    return new Map((res.json() as { code: string; name: string }[]).map((o) => [o.code, o.name]));
  };

  it('answers from memory while the observed stamp holds, and reads again when it changes', async () => {
    const db = t.db.kysely;
    observeOrgStamp(db, await stamp());
    const town = (await getOrgByCode(db, 'QH-DH'))!;
    expect(town.name).toBe('东湖镇');
    expect(Object.isFrozen(town) && Object.isFrozen(town.profile)).toBe(true);
    expect(await getOrgById(db, town.id)).toEqual(town);
    const sub = await listSubtree(db, town);
    sub.pop(); // a copy: the next caller still gets the whole subtree
    expect((await listSubtree(db, town)).length).toBe(sub.length + 1);

    await renameElsewhere('QH-DH', '改名镇');
    expect(await stamp()).not.toBeNull();
    // Not observed yet: this handle still answers what it read.
    expect((await getOrgByCode(db, 'QH-DH'))!.name).toBe('东湖镇');
    expect((await getOrgById(db, town.id))!.name).toBe('东湖镇');
    // A transaction and a handle that never observed a stamp read the row.
    expect((await db.transaction().execute((trx) => getOrgByCode(trx, 'QH-DH')))!.name).toBe('改名镇');
    // The next request's session query reads the new stamp: everything is read again.
    observeOrgStamp(db, await stamp());
    expect((await getOrgByCode(db, 'QH-DH'))!.name).toBe('改名镇');
    expect((await getOrgById(db, town.id))!.name).toBe('改名镇');
    expect((await listSubtree(db, town))[0]!.name).toBe('改名镇');
  });

  it('forgets at once what this process changed through the org service, before any new stamp is seen', async () => {
    const db = t.db.kysely;
    observeOrgStamp(db, await stamp());
    const town = (await getOrgByCode(db, 'QH-DH'))!;
    const before = (await listSubtree(db, town)).length;
    const county = (await getOrgByCode(db, 'QH'))!;
    await editOrg(db, SYSTEM_ACTOR, county, 'QH-DH', { name: '本处改名镇' });
    expect((await getOrgByCode(db, 'QH-DH'))!.name).toBe('本处改名镇');
    await addOrg(db, SYSTEM_ACTOR, county, { code: 'QH-DH-NEWDEPT', name: '新设办公室', kind: 'department', parentCode: 'QH-DH' });
    expect((await listSubtree(db, town)).length).toBe(before + 1);
    expect((await getOrgByCode(db, 'QH-DH-NEWDEPT'))!.name).toBe('新设办公室');
  });

  it('inside a transaction: answers from the handle’s memory, reads a miss in the transaction and does not remember it', async () => {
    const db = t.db.kysely;
    observeOrgStamp(db, await stamp());
    expect((await getOrgByCode(db, 'QH-DH'))!.name).toBe('东湖镇'); // remembered on the handle
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('orgs').set({ name: '事务内改名' }).where('code', 'in', ['QH-DH', 'QH-NP']).execute();
      expect((await getOrgByCode(trx, 'QH-DH', { rememberedOn: db }))!.name).toBe('东湖镇'); // the handle's answer
      expect((await getOrgByCode(trx, 'QH-NP', { rememberedOn: db }))!.name).toBe('事务内改名'); // a miss: read in the transaction
      await trx.updateTable('orgs').set({ name: '南坪镇' }).where('code', '=', 'QH-NP').execute();
      await trx.updateTable('orgs').set({ name: '东湖镇' }).where('code', '=', 'QH-DH').execute();
    });
    // What the transaction read was not remembered: the handle reads (and keeps) the committed row.
    expect((await getOrgByCode(db, 'QH-NP'))!.name).toBe('南坪镇');
  });

  it('reads the database once the stamp has not been observed for two seconds', async () => {
    const db = t.db.kysely;
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    observeOrgStamp(db, await stamp());
    expect((await getOrgByCode(db, 'QH-DH'))!.name).toBe('东湖镇');
    await renameElsewhere('QH-DH', '改名镇');
    now += 1500;
    expect((await getOrgByCode(db, 'QH-DH'))!.name).toBe('东湖镇');
    now += 1000;
    expect((await getOrgByCode(db, 'QH-DH'))!.name).toBe('改名镇');
  });

  it('over HTTP: another process’s change is in the next answer, this server’s own at once', async () => {
    const admin = await t.as('admin');
    expect((await namesOf(admin)).get('QH-DH')).toBe('东湖镇');
    await renameElsewhere('QH-DH', '他处改名镇');
    expect((await namesOf(admin)).get('QH-DH')).toBe('他处改名镇');

    // This server's own change: the same request reads it back, and so does the next one.
    const res = await admin({ method: 'PATCH', url: '/api/orgs/QH-DH', payload: { name: '本处改名镇' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe('本处改名镇');
    expect((await namesOf(admin)).get('QH-DH')).toBe('本处改名镇');
    const added = await admin({
      method: 'POST',
      url: '/api/orgs',
      payload: { code: 'QH-DH-NEWDEPT', name: '新设办公室', kind: 'department', parent: 'QH-DH' },
    });
    expect(added.statusCode, added.body).toBe(200);
    expect((await namesOf(admin)).get('QH-DH-NEWDEPT')).toBe('新设办公室');

    // A record written in a town whose subtree was remembered before the new org existed.
    const secretary = await t.as('jiwei');
    const created = await secretary({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH-NEWDEPT', fields: { title: '新部门的问题', source: 'selfCheck', targetOrg: 'QH-DH-NEWDEPT', foundOn: '2023-05-06' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().org).toBe('QH-DH-NEWDEPT');
  });
});
