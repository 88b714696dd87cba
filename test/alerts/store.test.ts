import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { syncFindings } from '../../src/alerts/store.ts';
import type { AlertFinding } from '../../src/alerts/types.ts';
import { org, smallCounty } from './helpers.ts';
import { visibility, visibleAlerts } from '../../src/alerts/access.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import * as migration from '../../src/db/migrations/2026-12-04T1800_alert_record_columns.ts';

/**
 * Storing findings: a recomputation that finds what is already stored writes nothing (no
 * transaction, so no write lock on SQLite) until the next day, when `last_seen` moves on; a
 * change, a new finding or a gone one is written.
 */
describe(`${dialectName}: storing findings`, () => {
  let db: Db;
  let town: number;
  const finding = (key: string, message = '逾期'): AlertFinding => ({
    rule: 'test.rule',
    key,
    severity: 'warning',
    message,
    orgId: town,
    townId: town,
    recordId: null,
    dueOn: null,
  });
  const scope = () => ({ rules: ['test.rule'], townIds: [town] });
  const rows = () => db.kysely.selectFrom('alerts').select(['key', 'status', 'message', 'last_seen', 'resolved_by']).orderBy('key').execute();

  beforeAll(async () => {
    db = await createTestDb();
    await smallCounty(db);
    town = (await org(db, 'T')).id;
  });
  afterAll(() => db.close());

  it('writes new findings, then leaves unchanged ones alone on the same day', async () => {
    const first = await syncFindings(db.kysely, [finding('a'), finding('b')], scope(), '2026-12-03T08:00:00.000Z');
    expect(first.opened.map((f) => f.key)).toEqual(['a', 'b']);
    const transactions = vi.spyOn(db.kysely, 'transaction');
    const again = await syncFindings(db.kysely, [finding('a'), finding('b')], scope(), '2026-12-03T15:00:00.000Z');
    expect(again).toEqual({ opened: [], updated: 0, resolved: 0, total: 2 });
    expect(transactions).not.toHaveBeenCalled();
    transactions.mockRestore();
    expect((await rows()).map((r) => r.last_seen)).toEqual(['2026-12-03T08:00:00.000Z', '2026-12-03T08:00:00.000Z']);
  });

  it('moves last_seen on the next day, and writes changes and gone findings', async () => {
    await syncFindings(db.kysely, [finding('a'), finding('b')], scope(), '2026-12-04T09:00:00.000Z');
    expect((await rows()).map((r) => r.last_seen)).toEqual(['2026-12-04T09:00:00.000Z', '2026-12-04T09:00:00.000Z']);
    const r = await syncFindings(db.kysely, [finding('a', '已逾期 3 天')], scope(), '2026-12-04T10:00:00.000Z');
    expect(r).toMatchObject({ updated: 1, resolved: 1, total: 1 });
    expect(await rows()).toEqual([
      { key: 'a', status: 'open', message: '已逾期 3 天', last_seen: '2026-12-04T10:00:00.000Z', resolved_by: null },
      { key: 'b', status: 'resolved', message: '逾期', last_seen: '2026-12-04T09:00:00.000Z', resolved_by: 'system' },
    ]);
    // Found again: reopened.
    const back = await syncFindings(db.kysely, [finding('a', '已逾期 3 天'), finding('b')], scope(), '2026-12-04T11:00:00.000Z');
    expect(back.opened.map((f) => f.key)).toEqual(['b']);
    expect((await rows())[1]).toMatchObject({ status: 'open', resolved_by: null });
  });
  it('writes a morning of changes (more than one batch) exactly: messages, severity, dates, a user’s acknowledgement kept, a system resolution reopened', async () => {
    const scopeN = () => ({ rules: ['test.many'], townIds: [town] });
    const many = (n: number, day: number): AlertFinding[] =>
      Array.from({ length: n }, (_, i) => ({
        rule: 'test.many',
        key: `m${String(i).padStart(4, '0')}`,
        severity: i % 7 === 0 && day > 1 ? 'error' : 'warning',
        message: `已逾期${day + i}个工作日`,
        orgId: town,
        townId: town,
        recordId: i % 3 ? null : i,
        dueOn: i % 2 ? null : `2026-0${day}-01`,
      }));
    await syncFindings(db.kysely, many(1200, 1), scopeN(), '2026-12-03T08:00:00.000Z');
    await db.kysely.updateTable('alerts').set({ status: 'acknowledged' }).where('key', '=', 'm0005').execute();
    await syncFindings(db.kysely, many(1200, 1).slice(1), scopeN(), '2026-12-03T09:00:00.000Z'); // m0000 gone: resolved by the system
    const next = many(1200, 2);
    const r = await syncFindings(db.kysely, next, scopeN(), '2026-12-04T08:00:00.000Z');
    expect(r).toMatchObject({ updated: 1200, resolved: 0, total: 1200 });
    expect(r.opened.map((f) => f.key)).toEqual(['m0000']);
    const stored = await db.kysely
      .selectFrom('alerts')
      .select(['key', 'severity', 'message', 'record_id', 'due_on', 'status', 'resolved_by', 'resolved_at', 'last_seen'])
      .where('rule', '=', 'test.many')
      .orderBy('key')
      .execute();
    expect(stored).toEqual(
      next.map((f) => ({
        key: f.key,
        severity: f.severity,
        message: f.message,
        record_id: f.recordId,
        due_on: f.dueOn,
        status: f.key === 'm0005' ? 'acknowledged' : 'open',
        resolved_by: null,
        resolved_at: null,
        last_seen: '2026-12-04T08:00:00.000Z',
      })),
    );
  });
  it('keeps each alert’s record ledger and creator, so a grid worker sees the alerts on the disputes it filed and no others', async () => {
    const t = await org(db, 'T');
    const now = '2026-12-05T08:00:00.000Z';
    const filed = async (by: number, ledger = 'dispute') =>
      (
        await db.kysely
          .insertInto('records')
          .values({
            town_id: t.id,
            org_id: t.id,
            org_path: t.path,
            ledger,
            title: `纠纷${by}`,
            search: '',
            data: '{}',
            version: 1,
            created_at: now,
            created_by: by,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const mine = await filed(7001);
    const theirs = await filed(7002);
    const on = (key: string, recordId: number): AlertFinding => ({ ...finding(key), rule: 'dispute.overdue', orgId: t.id, townId: t.id, recordId });
    const disputes = { rules: ['dispute.overdue'], townIds: [t.id] };
    const stored = () =>
      db.kysely.selectFrom('alerts').select(['key', 'record_ledger', 'record_created_by']).where('rule', '=', 'dispute.overdue').orderBy('key').execute();
    const seenBy = async (id: number) => {
      const p: Principal = { id, username: `grid${id}`, roles: ['grid'], org: t };
      const rows = await visibleAlerts(db.kysely, p, await visibility(db.kysely, p), t)
        .select('a.key')
        .where('a.status', '!=', 'resolved')
        .orderBy('a.key')
        .execute();
      return rows.map((r) => r.key);
    };
    await syncFindings(db.kysely, [on('d1', mine), on('d2', theirs)], disputes, now);
    expect(await stored()).toEqual([
      { key: 'd1', record_ledger: 'dispute', record_created_by: 7001 },
      { key: 'd2', record_ledger: 'dispute', record_created_by: 7002 },
    ]);
    expect(await seenBy(7001)).toEqual(['d1']);
    expect(await seenBy(7002)).toEqual(['d2']);
    // The finding moves to another record: its columns follow.
    await syncFindings(db.kysely, [on('d1', mine), on('d2', mine)], disputes, now);
    expect((await stored()).map((r) => r.record_created_by)).toEqual([7001, 7001]);
    expect(await seenBy(7001)).toEqual(['d1', 'd2']);
    expect(await seenBy(7002)).toEqual([]);
    // Alerts stored before the columns existed get them from the migration.
    await migration.down(db.kysely);
    await migration.up(db.kysely);
    expect(await stored()).toEqual([
      { key: 'd1', record_ledger: 'dispute', record_created_by: 7001 },
      { key: 'd2', record_ledger: 'dispute', record_created_by: 7001 },
    ]);
    expect(await seenBy(7001)).toEqual(['d1', 'd2']);
    // Moved to a record of another ledger: the ledger follows too.
    await syncFindings(db.kysely, [on('d1', mine), on('d2', await filed(7003, 'petition'))], disputes, now);
    expect(await stored()).toEqual([
      { key: 'd1', record_ledger: 'dispute', record_created_by: 7001 },
      { key: 'd2', record_ledger: 'petition', record_created_by: 7003 },
    ]);
  });
});
