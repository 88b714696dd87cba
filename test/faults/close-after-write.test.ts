/**
 * Closing the server while a committed write's after-write work is still running (its client may
 * have gone away): the close waits for that work, so it reads and writes the database it needs
 * instead of failing on a closed one (src/ledger/hooks.ts, afterWritesSettled; src/server/app.ts).
 */
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { registerAfterWrite } from '../../src/ledger/hooks.ts';

describe(`${dialectName}: closing the server during after-write work`, () => {
  it('waits for the after-write work of a committed write before the database closes', async () => {
    const t = await createTestApp();
    let started!: () => void;
    const hookStarted = new Promise<void>((r) => (started = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const outcome: { read?: number; error?: string } = {};
    registerAfterWrite('rectification', 'test.slowAfterWrite', async (c) => {
      started();
      await gate;
      try {
        const row = await c.db.selectFrom('records').select('id').where('id', '=', c.writes[0].recordId).executeTakeFirst();
        outcome.read = row?.id;
      } catch (e) {
        outcome.error = (e as Error).message;
      }
    });
    const jiwei = await t.as('jiwei');
    const write = jiwei({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH', fields: { title: '关闭时仍在处理的整改', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-05-06' } },
    });
    await hookStarted; // committed; its after-write work is under way
    let closed = false;
    const closing = t.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(closed).toBe(false); // the close waits for the work
    release();
    await closing;
    expect(outcome.error).toBeUndefined();
    expect(outcome.read).toBeGreaterThan(0);
    await write; // its answer no longer matters: in the case this guards, the client has gone
  });
});
